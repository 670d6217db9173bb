from django.urls import path

from tdkt.org import views

app_name = "org"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("tim/", views.unit_search, name="unit_search"),
    path("them/", views.unit_create, name="unit_create"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("<int:pk>/doi-ten/", views.unit_rename, name="unit_rename"),
    path("<int:pk>/chuyen/", views.unit_move, name="unit_move"),
    path("<int:pk>/giai-the/", views.unit_dissolve, name="unit_dissolve"),
    path("<int:pk>/sap-nhap/", views.unit_merge, name="unit_merge"),
    path("<int:pk>/chia-tach/", views.unit_split, name="unit_split"),
    path("cum-khoi/", views.cluster_list, name="cluster_list"),
    path("cum-khoi/them/", views.cluster_create, name="cluster_create"),
    path("cum-khoi/sao-chep/", views.cluster_copy, name="cluster_copy"),
    path("cum-khoi/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("cum-khoi/<int:pk>/them-don-vi/", views.cluster_member_add, name="cluster_member_add"),
    path(
        "cum-khoi/<int:pk>/bo-don-vi/<int:unit_pk>/",
        views.cluster_member_remove,
        name="cluster_member_remove",
    ),
]
