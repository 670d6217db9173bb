from django.urls import path

from tdkt.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("da-doc/", views.notification_mark_read, name="mark_read"),
]
