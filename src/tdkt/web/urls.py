from django.urls import path

from tdkt.web import views

urlpatterns = [path("", views.home, name="home")]
