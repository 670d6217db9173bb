from django.urls import path

from tdkt.people import picker, views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("tim/", picker.person_search, name="person_search"),
    path("tiep-nhan/", views.person_recruit, name="person_recruit"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("<int:pk>/sua-thong-tin/", views.person_edit, name="person_edit"),
    path("<int:pk>/bo-nhiem/", views.position_start, name="position_start"),
    path("<int:pk>/ket-thuc-chuc-vu/", views.position_end, name="position_end"),
    path("<int:pk>/dieu-dong/", views.person_transfer, name="person_transfer"),
    path("<int:pk>/thoi-gian-cong-tac/", views.service_add, name="service_add"),
    path(
        "<int:pk>/thoi-gian-cong-tac/<int:period_pk>/sua/",
        views.service_edit,
        name="service_edit",
    ),
    path(
        "<int:pk>/thoi-gian-cong-tac/<int:period_pk>/xoa/",
        views.service_remove,
        name="service_remove",
    ),
    path("<int:pk>/thoi-cong-tac/", views.person_leave, name="person_leave"),
    path("<int:pk>/huy-thoi-cong-tac/", views.person_leave_undo, name="person_leave_undo"),
]
