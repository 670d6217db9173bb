from django.urls import path

from tdkt.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("moi/", views.job_create, name="job_create"),
    path("mau/<str:kind>/", views.template_download, name="template"),
    path("<int:pk>/", views.job_detail, name="job_detail"),
    path("<int:pk>/tien-do/", views.job_status, name="job_status"),
    path("<int:pk>/loi.xlsx", views.job_errors, name="job_errors"),
    path("<int:pk>/xac-dinh/", views.job_resolve, name="job_resolve"),
    path("<int:pk>/huy/", views.job_cancel, name="job_cancel"),
]
