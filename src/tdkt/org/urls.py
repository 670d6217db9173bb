from django.urls import path

from tdkt.org import views

app_name = "org"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("cum-khoi/", views.cluster_list, name="cluster_list"),
    path("cum-khoi/<int:pk>/", views.cluster_detail, name="cluster_detail"),
]
