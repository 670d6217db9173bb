from django.urls import path

from tdkt.records import views

app_name = "records"
urlpatterns = [
    path("", views.award_list, name="award_list"),
]
