from django.urls import path

from tdkt.movements.views import answers, clusters, movements, registrations

app_name = "movements"
urlpatterns = [
    # Movements, their answers and reviews
    path("", movements.movement_list, name="movement_list"),
    path("tao-moi/", movements.movement_create, name="movement_create"),
    path("<int:pk>/", movements.movement_detail, name="movement_detail"),
    path("<int:pk>/sua/", movements.movement_edit, name="movement_edit"),
    path("<int:pk>/phat-dong/", movements.movement_launch, name="movement_launch"),
    path("<int:pk>/bat-dau/", movements.movement_start, name="movement_start"),
    path("<int:pk>/huy/", movements.movement_cancel, name="movement_cancel"),
    path("<int:pk>/so-ket/", movements.review_create, name="review_create"),
    path("<int:pk>/ke-hoach.docx", movements.movement_docx, name="movement_docx"),
    path("so-ket/<int:pk>/", movements.review_detail, name="review_detail"),
    path("so-ket/<int:pk>/bao-cao.docx", movements.review_docx, name="review_docx"),
    path("can-trien-khai/", answers.inbox, name="inbox"),
    path("trien-khai/<int:pk>/", answers.answer_detail, name="answer_detail"),
    path("trien-khai/<int:pk>/tiep-nhan/", answers.answer_acknowledge, name="answer_acknowledge"),
    path("trien-khai/<int:pk>/phat-dong/", answers.answer_child, name="answer_child"),
    path("trien-khai/<int:pk>/ket-qua/", answers.answer_results, name="answer_results"),
    path("trien-khai/<int:pk>/ke-hoach.docx", answers.answer_docx, name="answer_docx"),
    # Registrations
    path("dang-ky/", registrations.registration_list, name="registration_list"),
    path("dang-ky/tong-hop/", registrations.registration_rollup, name="registration_rollup"),
    path("dang-ky/lap/", registrations.registration_open, name="registration_open"),
    path("dang-ky/cho-duyet/", registrations.registration_approvals, name="registration_approvals"),
    path("dang-ky/<int:pk>/", registrations.registration_detail, name="registration_detail"),
    path("dang-ky/<int:pk>/gui/", registrations.registration_submit, name="registration_submit"),
    path(
        "dang-ky/<int:pk>/duyet/", registrations.registration_approve, name="registration_approve"
    ),
    path(
        "dang-ky/<int:pk>/tra-lai/", registrations.registration_return, name="registration_return"
    ),
    path(
        "dang-ky/dong/<int:pk>/xoa/",
        registrations.registration_line_remove,
        name="registration_line_remove",
    ),
    # Clusters and blocks of a year
    path("cum-khoi/<int:pk>/", clusters.cluster_work, name="cluster_work"),
    path("cum-khoi/<int:pk>/lanh-dao/", clusters.cluster_leaders, name="cluster_leaders"),
    path("cum-khoi/<int:pk>/giao-uoc/", clusters.pledge_edit, name="pledge_edit"),
    path("cum-khoi/<int:pk>/giao-uoc/ky/", clusters.pledge_sign, name="pledge_sign"),
    path("cum-khoi/<int:pk>/bang-diem/", clusters.sheet_edit, name="sheet_edit"),
    path("cum-khoi/<int:pk>/bang-diem/mo/", clusters.sheet_open, name="sheet_open"),
    path("cum-khoi/<int:pk>/bang-diem/khoa/", clusters.sheet_lock, name="sheet_lock"),
    path("cum-khoi/<int:pk>/cham-diem/<int:unit_pk>/", clusters.score_entry, name="score_entry"),
    path("cum-khoi/<int:pk>/xac-nhan-diem/", clusters.scores_confirm, name="scores_confirm"),
    path("cum-khoi/<int:pk>/lich-su-diem/", clusters.score_history, name="score_history"),
    path("cum-khoi/<int:pk>/xep-hang.xlsx", clusters.ranking_xlsx, name="ranking_xlsx"),
    path("cum-khoi/<int:pk>/bo-phieu/", clusters.ballot_open, name="ballot_open"),
    path("cum-khoi/<int:pk>/bo-phieu/phieu/", clusters.ballot_vote, name="ballot_vote"),
    path("cum-khoi/<int:pk>/bo-phieu/ket-thuc/", clusters.ballot_close, name="ballot_close"),
]
