from django.urls import path

from tdkt.council import views

app_name = "council"
urlpatterns = [
    path("", views.council_list, name="council_list"),
    path("thanh-lap/", views.council_create, name="council_create"),
    path("<int:pk>/", views.council_detail, name="council_detail"),
    path("<int:pk>/thanh-vien/", views.member_add, name="member_add"),
    path("<int:pk>/ket-thuc-nhiem-ky/", views.member_end, name="member_end"),
    path("<int:pk>/trieu-tap/", views.meeting_create, name="meeting_create"),
    path("phien-hop/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("phien-hop/<int:pk>/chuong-trinh/", views.meeting_agenda_add, name="meeting_agenda_add"),
    path("phien-hop/<int:pk>/tien-do/", views.meeting_agenda, name="meeting_agenda"),
    path("phien-hop/<int:pk>/diem-danh/", views.meeting_attendance, name="meeting_attendance"),
    path("phien-hop/<int:pk>/y-kien-van-ban/", views.meeting_written, name="meeting_written"),
    path("phien-hop/<int:pk>/khai-mac/", views.meeting_open, name="meeting_open"),
    path("phien-hop/<int:pk>/hoan/", views.meeting_postpone, name="meeting_postpone"),
    path("phien-hop/<int:pk>/kiem-phieu/", views.meeting_close, name="meeting_close"),
    path("phien-hop/<int:pk>/mo-lai-bo-phieu/", views.meeting_restart, name="meeting_restart"),
    path("phien-hop/<int:pk>/so-luong-toi-da/", views.meeting_cap, name="meeting_cap"),
    path("phien-hop/<int:pk>/vong-tiep-theo/", views.meeting_round, name="meeting_round"),
    path("phien-hop/<int:pk>/ket-thuc/", views.meeting_end, name="meeting_end"),
    path(
        "phien-hop/<int:pk>/ban-hanh-bien-ban/",
        views.meeting_minutes_issue,
        name="meeting_minutes_issue",
    ),
    path("phien-hop/<int:pk>/bo-phieu/", views.ballot, name="ballot"),
    path("phien-hop/<int:pk>/bien-ban.docx", views.minutes_docx, name="minutes_docx"),
]
