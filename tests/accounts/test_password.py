"""One-time passwords at sign-in, the forced change, and every user's own password change with
Vietnamese messages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tdkt import settings as project_settings
from tdkt.accounts import services
from tdkt.accounts.models import Role, User
from tdkt.audit.models import AuditEntry
from tdkt.errors import InvalidData
from tests.conftest import PASSWORD, Sector, login, make_user

NEW = "Song-Huong-chay-mai-2025"


@pytest.fixture
def newcomer(sector: Sector) -> tuple[User, str]:
    return services.create_account(
        actor=None, username="nguyen.van.an", person=sector.an, role=Role.LEADER, unit=sector.kv1
    )


def _change(client: Any, old: str, new: str, new2: str | None = None) -> Any:
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password": new, "new_password2": new if new2 is None else new2},
    )


def test_the_project_lists_the_fast_hasher_after_the_default_one() -> None:
    hashers = project_settings.PASSWORD_HASHERS
    assert hashers[0] == "django.contrib.auth.hashers.PBKDF2PasswordHasher"
    assert hashers.index("tdkt.accounts.hashers.OneTimePasswordHasher") > 0
    validators = [v["NAME"].rsplit(".", 1)[1] for v in project_settings.AUTH_PASSWORD_VALIDATORS]
    assert "MinimumLengthValidator" in validators
    assert project_settings.AUTH_PASSWORD_VALIDATORS[0]["OPTIONS"] == {"min_length": 10}


def test_a_one_time_password_is_rehashed_with_the_default_hasher_at_first_sign_in(
    sector: Sector, settings: Any, client: Any
) -> None:
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user, password = services.create_account(actor=None, username="tdkt.moi")
    assert user.password.startswith("onetime_pbkdf2$")
    response = client.post(reverse("login"), {"username": "tdkt.moi", "password": password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("pbkdf2_sha256$")
    assert user.check_password(password)


def test_an_expired_one_time_password_no_longer_signs_in(
    newcomer: tuple[User, str], client: Any
) -> None:
    user, password = newcomer
    user.one_time_password_expires_at = timezone.now() - dt.timedelta(minutes=1)
    user.save(update_fields=["one_time_password_expires_at"])
    response = client.post(reverse("login"), {"username": user.username, "password": password})
    assert response.status_code == 200
    assert "Mật khẩu dùng một lần đã hết hạn" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_user_who_must_change_his_password_reaches_nothing_else_first(
    newcomer: tuple[User, str],
) -> None:
    user, _password = newcomer
    client = login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url == reverse("password_change")
    assert client.get(reverse("people:person_list")).url == reverse("password_change")
    page = client.get(reverse("password_change"))
    assert page.status_code == 200
    assert "Bạn đang dùng mật khẩu dùng một lần" in page.content.decode()
    api = client.get(reverse("api:eligibility_person", kwargs={"person_id": user.person_id}))
    assert api.status_code == 403
    assert "đổi mật khẩu" in api.json()["detail"]
    assert client.get("/static/tdkt/app.css").status_code != 302
    assert client.post(reverse("logout")).url == reverse("login")


def test_after_the_change_the_session_stays_and_the_flag_is_cleared(
    newcomer: tuple[User, str],
) -> None:
    user, password = newcomer
    client = login(user)
    response = _change(client, password, NEW)
    assert response.status_code == 302 and response.url == reverse("home")
    user.refresh_from_db()
    assert not user.must_change_password and user.one_time_password_expires_at is None
    assert user.check_password(NEW)
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert "Đã đổi mật khẩu." in home.content.decode()
    entry = AuditEntry.objects.get(action="user.password_changed")
    assert entry.before is None and entry.after is None


@pytest.mark.parametrize(
    ("new", "new2", "field", "message"),
    [
        ("ngan-qua", None, "new_password", "Mật khẩu quá ngắn: cần ít nhất 10 ký tự."),
        ("password123", None, "new_password", "Mật khẩu này quá phổ biến"),
        ("83749261048375", None, "new_password", "không được chỉ gồm chữ số"),
        ("nguyen.van.an1", None, "new_password", "quá giống tên đăng nhập"),
        (NEW, NEW + "x", "new_password2", "Hai lần nhập mật khẩu mới không khớp."),
    ],
)
def test_a_weak_or_mistyped_new_password_is_refused_in_vietnamese(
    newcomer: tuple[User, str], new: str, new2: str | None, field: str, message: str
) -> None:
    user, password = newcomer
    response = _change(login(user), password, new, new2)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    user.refresh_from_db()
    assert user.must_change_password and user.check_password(password)


def test_a_wrong_current_password_is_refused(sector: Sector) -> None:
    user = make_user("tdkt.cu", None, None)
    response = _change(login(user), "khong-dung-dau", NEW)
    assert response.context["form"].errors["old_password"] == ["Mật khẩu hiện tại không đúng."]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_every_signed_in_user_may_change_his_password(staff_member: User) -> None:
    client = login(staff_member)
    assert client.get(reverse("home"), follow=True).status_code == 200
    body = client.get(reverse("people:person_detail", args=[staff_member.person_id])).content
    assert reverse("password_change") in body.decode()
    assert _change(client, PASSWORD, NEW).status_code == 302


def test_the_service_refuses_a_new_password_equal_to_the_old_one(sector: Sector) -> None:
    user = make_user("tdkt.cu", None, None)
    with pytest.raises(InvalidData, match="phải khác"):
        services.change_password(
            user=user, old_password=PASSWORD, new_password=PASSWORD, new_password2=PASSWORD
        )


def test_an_anonymous_visitor_is_sent_to_login(client: Any) -> None:
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
