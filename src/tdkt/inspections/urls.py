from django.urls import path

from tdkt.inspections import views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="inspection_list"),
    path("moi/", views.inspection_create, name="inspection_create"),
    path("<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("<int:pk>/sua/", views.inspection_edit, name="inspection_edit"),
    path("<int:pk>/ke-hoach.docx", views.plan_docx, name="plan_docx"),
    path("<int:pk>/ket-luan.docx", views.conclusion_docx, name="conclusion_docx"),
    path("<int:pk>/them-don-vi/", views.target_add, name="target_add"),
    path("<int:pk>/them-thanh-vien/", views.member_add, name="member_add"),
    path("<int:pk>/them-noi-dung/", views.item_add, name="item_add"),
    path("<int:pk>/duyet/", views.inspection_approve, name="inspection_approve"),
    path("<int:pk>/tra-lai/", views.inspection_return, name="inspection_return"),
    path("<int:pk>/bat-dau/", views.inspection_start, name="inspection_start"),
    path("<int:pk>/ket-luan/", views.inspection_conclude, name="inspection_conclude"),
    path("<int:pk>/ket-thuc/", views.inspection_close, name="inspection_close"),
    path("don-vi/<int:pk>/bo/", views.target_remove, name="target_remove"),
    path("don-vi/<int:pk>/tu-kiem-tra/", views.self_report, name="self_report"),
    path("don-vi/<int:pk>/minh-chung/", views.evidence_add, name="evidence_add"),
    path("don-vi/<int:pk>/ket-qua/", views.findings_form, name="findings_form"),
    path("don-vi/<int:pk>/kien-nghi/", views.recommendation_add, name="recommendation_add"),
    path("thanh-vien/<int:pk>/bo/", views.member_remove, name="member_remove"),
    path("noi-dung/<int:pk>/bo/", views.item_remove, name="item_remove"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("minh-chung/<int:pk>/rut/", views.evidence_withdraw, name="evidence_withdraw"),
    path("kien-nghi/<int:pk>/bao-cao/", views.fix_report, name="fix_report"),
    path("kien-nghi/<int:pk>/chap-nhan/", views.fix_accept, name="fix_accept"),
    path("kien-nghi/<int:pk>/yeu-cau-tiep/", views.fix_reopen, name="fix_reopen"),
    path("ket-qua/<int:pk>/ghi-vi-pham/", views.violation_record, name="violation_record"),
]
