from django.urls import path

from tdkt.decisions import state_views, views

app_name = "decisions"
urlpatterns = [
    path("", views.decision_list, name="decision_list"),
    path("du-thao/phien-hop/<int:meeting_pk>/", views.decision_draft, name="decision_draft"),
    path("<int:pk>/", views.decision_detail, name="decision_detail"),
    path("<int:pk>/sua/", views.decision_edit, name="decision_edit"),
    path("<int:pk>/trinh-ky/", views.decision_submit, name="decision_submit"),
    path("<int:pk>/tra-lai/", views.decision_return, name="decision_return"),
    path("<int:pk>/ky/", views.decision_sign, name="decision_sign"),
    path("<int:pk>/huy-bo/", views.decision_revoke, name="decision_revoke"),
    path("<int:pk>/quyet-dinh.docx", views.decision_docx, name="decision_docx"),
    path("<int:pk>/danh-sach.docx", views.list_docx, name="list_docx"),
    path("<int:pk>/danh-sach.xlsx", views.list_xlsx, name="list_xlsx"),
    path("<int:pk>/bang-khen.pdf", views.certificates_pdf, name="certificates_pdf"),
    path("khen-thuong/<int:pk>/bang-khen.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("khen-thuong/<int:pk>/da-chi/", views.awardee_paid, name="awardee_paid"),
    path("khen-thuong/<int:pk>/da-thu-hoi/", views.awardee_recovered, name="awardee_recovered"),
    path("khen-thuong/<int:pk>/huy-bo/", views.awardee_revoke, name="awardee_revoke"),
    path("can-chinh-in/<int:unit_pk>/", views.layout_edit, name="layout_edit"),
    path("nha-nuoc/ho-so/<int:pk>/", state_views.state_record, name="state_record"),
]
