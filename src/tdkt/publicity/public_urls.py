"""The public site, under /cong-khai/: no login."""

from django.urls import path

from tdkt.publicity import public_views

app_name = "public"
urlpatterns = [
    path("", public_views.home, name="home"),
    path("dien-hinh/", public_views.example_list, name="example_list"),
    path("dien-hinh/<int:pk>/", public_views.example_detail, name="example_detail"),
    path("anh/<int:pk>/", public_views.photo, name="photo"),
    path("anh/<int:pk>/nho/", public_views.photo_thumb, name="photo_thumb"),
    path("quyet-dinh/", public_views.decision_list, name="decision_list"),
    path("quyet-dinh/<int:pk>/", public_views.decision_detail, name="decision_detail"),
]
