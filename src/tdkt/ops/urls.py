from django.urls import path

from tdkt.ops import views

urlpatterns = [path("healthz", views.healthz, name="healthz")]
