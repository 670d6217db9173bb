"""Quản trị › Lịch ngày làm việc."""

from django.urls import path

from tdkt.workdays import views

app_name = "workdays"
urlpatterns = [
    path("", views.day_list, name="day_list"),
    path("them/", views.day_add, name="day_add"),
    path("<int:pk>/xoa/", views.day_remove, name="day_remove"),
]
