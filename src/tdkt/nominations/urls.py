from django.urls import path

from tdkt.nominations import public_views, views

app_name = "nominations"
urlpatterns = [
    path("", views.dossier_list, name="dossier_list"),
    path("moi/", views.dossier_create, name="dossier_create"),
    path("<int:pk>/", views.dossier_detail, name="dossier_detail"),
    path("<int:pk>/sua/", views.dossier_edit, name="dossier_edit"),
    path("<int:pk>/them/", views.candidate_add, name="candidate_add"),
    path("<int:pk>/xet-lai/", views.dossier_check, name="dossier_check"),
    path("<int:pk>/gui/", views.dossier_submit, name="dossier_submit"),
    path("<int:pk>/rut/", views.dossier_withdraw, name="dossier_withdraw"),
    path("<int:pk>/tiep-nhan/", views.dossier_receive, name="dossier_receive"),
    path("<int:pk>/tra-lai/", views.dossier_return, name="dossier_return"),
    path("<int:pk>/chuyen-len/", views.dossier_forward, name="dossier_forward"),
    path("<int:pk>/dua-ra-hoi-dong/", views.dossier_to_council, name="dossier_to_council"),
    path("<int:pk>/cong-khai/", views.dossier_publish, name="dossier_publish"),
    path("<int:pk>/trinh-nha-nuoc/", views.dossier_to_state, name="dossier_to_state"),
    path("cho-nha-nuoc/", views.state_waiting, name="state_waiting"),
    path("<int:pk>/tai-len/", views.component_upload, name="component_upload"),
    path("<int:pk>/to-trinh.docx", views.proposal_docx, name="proposal_docx"),
    path("de-nghi/<int:pk>/", views.candidate_edit, name="candidate_edit"),
    path("de-nghi/<int:pk>/bo/", views.candidate_remove, name="candidate_remove"),
    path("de-nghi/<int:pk>/bao-cao-thanh-tich.docx", views.report_docx, name="report_docx"),
    path("tep/<int:pk>/", views.component_download, name="component_download"),
    # Public pages: no login.
    path("cong-khai/", public_views.public_list, name="public_list"),
    path("cong-khai/<uuid:token>/", public_views.public_detail, name="public_detail"),
]
