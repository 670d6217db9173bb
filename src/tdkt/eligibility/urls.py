from django.urls import path

from tdkt.eligibility import views

app_name = "eligibility"
urlpatterns = [
    path("don-vi/<int:pk>/", views.unit_eligibility, name="unit"),
    path("don-vi/<int:pk>/danh-sach/", views.unit_list, name="unit_list"),
    path("don-vi/<int:pk>/tien-do/", views.unit_status, name="unit_status"),
    path("don-vi/<int:pk>/tinh-lai/", views.unit_recompute, name="unit_recompute"),
    path("ca-nhan/<int:pk>/", views.person_eligibility, name="person"),
    path("tap-the/<int:pk>/", views.collective_eligibility, name="collective"),
    path("tham-so/", views.parameter_list, name="parameter_list"),
    path("tham-so/them/", views.parameter_add, name="parameter_add"),
    path("tham-so/<int:pk>/sua/", views.parameter_edit, name="parameter_edit"),
    path("tham-so/che-do/mo/", views.regime_open, name="regime_open"),
    path("tham-so/che-do/<str:code>/ket-thuc/", views.regime_close, name="regime_close"),
]
