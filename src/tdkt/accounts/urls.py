from django.contrib.auth import views as auth_views
from django.urls import path

from tdkt.accounts import views
from tdkt.accounts.forms import LoginForm

# Signing in and out and one's own password: un-namespaced (Django's LOGIN_URL is "login").
urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
]
