from django.urls import path

from tdkt.publicity import decision_views, views

app_name = "publicity"
urlpatterns = [
    path("", views.example_list, name="example_list"),
    path("moi/", views.example_create, name="example_create"),
    path("<int:pk>/", views.example_detail, name="example_detail"),
    path("<int:pk>/sua/", views.example_edit, name="example_edit"),
    path("<int:pk>/gui/", views.example_submit, name="example_submit"),
    path("<int:pk>/duyet/", views.example_approve, name="example_approve"),
    path("<int:pk>/tra-lai/", views.example_return, name="example_return"),
    path("<int:pk>/cong-bo/", views.example_publish, name="example_publish"),
    path("<int:pk>/go-khoi-trang-cong-khai/", views.example_unpublish, name="example_unpublish"),
    path("<int:pk>/them-anh/", views.photo_add, name="photo_add"),
    path("<int:pk>/nhan-rong/", views.spread_add, name="spread_add"),
    path("anh/<int:pk>/", views.photo_view, name="photo"),
    path("anh/<int:pk>/nho/", views.photo_thumb, name="photo_thumb"),
    path("anh/<int:pk>/bo/", views.photo_remove, name="photo_remove"),
    path("quyet-dinh/", decision_views.decision_list, name="decision_list"),
    path("quyet-dinh/<int:pk>/", decision_views.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/cong-bo/", decision_views.decision_publish, name="decision_publish"),
    path(
        "quyet-dinh/<int:pk>/go-khoi-trang-cong-khai/",
        decision_views.decision_unpublish,
        name="decision_unpublish",
    ),
]
