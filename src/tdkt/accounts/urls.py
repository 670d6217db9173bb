from django.contrib.auth import views as auth_views
from django.urls import path

from tdkt.accounts.forms import LoginForm

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
]
