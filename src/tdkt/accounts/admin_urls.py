"""Account administration, under Quản trị › Tài khoản."""

from django.urls import path

from tdkt.accounts import onboarding_views, views

app_name = "accounts"
urlpatterns = [
    path("", views.account_list, name="account_list"),
    path("tao-moi/", views.account_create, name="account_create"),
    path("<int:pk>/", views.account_detail, name="account_detail"),
    path("<int:pk>/cap-quyen/", views.role_grant, name="role_grant"),
    path("<int:pk>/quyen/<int:grant_pk>/thu-hoi/", views.role_revoke, name="role_revoke"),
    path("<int:pk>/khoa/", views.account_deactivate, name="account_deactivate"),
    path("<int:pk>/mo-khoa/", views.account_reactivate, name="account_reactivate"),
    path("<int:pk>/cap-lai-mat-khau/", views.password_reset, name="password_reset"),
    path("<int:pk>/mo-khoa-dang-nhap/", views.login_unlock, name="login_unlock"),
    path("<int:pk>/gan-ho-so/", views.person_link, name="person_link"),
    # Onboarding a whole list at once: accounts/onboarding.py.
    path("nhap-tu-tep/", onboarding_views.onboarding_upload, name="onboarding"),
    path("nhap-tu-tep/mau.xlsx", onboarding_views.onboarding_template, name="onboarding_template"),
]
