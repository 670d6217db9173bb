"""Failed sign-ins are throttled per account and per address (django-axes, accounts/throttle.py):
the lockout answers the login page in Vietnamese, ends after the cool-off or when an administrator
unlocks the account, and leaves the API's bearer tokens alone."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts import services, throttle
from tdkt.accounts.models import Role, User
from tdkt.accounts.tokens import issue_token
from tdkt.audit.models import AuditEntry
from tdkt.errors import Conflict, InvalidData
from tests.conftest import PASSWORD, Sector, login, make_user

LOCKED = "Đăng nhập sai quá nhiều lần; hãy thử lại sau 15 phút"


@pytest.fixture
def leader(sector: Sector) -> User:
    return make_user("lanhdao.kv1", Role.LEADER, sector.kv1)


def _sign_in(username: str, password: str, address: str = "10.0.0.1", **meta: Any) -> Any:
    return Client(REMOTE_ADDR=address, **meta).post(
        reverse("login"), {"username": username, "password": password}
    )


def _fail(username: str, times: int, address: str = "10.0.0.1") -> Any:
    response = None
    for _ in range(times):
        response = _sign_in(username, "sai-mat-khau", address)
    return response


def test_four_wrong_passwords_still_leave_the_right_one_working(leader: User) -> None:
    assert _fail(leader.username, 4).status_code == 200
    response = _sign_in(leader.username, PASSWORD)
    assert response.status_code == 302
    assert throttle.failures_of(leader.username) == 0, "a success clears the account's failures"


def test_the_fifth_wrong_password_locks_the_account_with_a_vietnamese_page(leader: User) -> None:
    response = _fail(leader.username, 5)
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page and "đề nghị quản trị hệ thống mở khoá" in page
    assert 'value="lanhdao.kv1"' in page, "the login page keeps what the user typed"
    # Even the right password is refused now, from any address.
    assert _sign_in(leader.username, PASSWORD, address="10.9.9.9").status_code == 429


def test_the_lock_ends_after_the_cool_off(leader: User) -> None:
    _fail(leader.username, 5)
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=16)):
        assert _sign_in(leader.username, PASSWORD).status_code == 302


def test_one_address_is_throttled_across_accounts(settings: Any, sector: Sector) -> None:
    settings.TDKT_LOGIN_FAILURES_PER_ADDRESS = 8
    for n in range(8):
        _fail(f"khong.co.{n}", 1, address="203.0.113.7")
    other = make_user("canbo.khac", Role.OFFICER, sector.kv1)
    assert _sign_in(other.username, PASSWORD, address="203.0.113.7").status_code == 429
    assert _sign_in(other.username, PASSWORD, address="203.0.113.8").status_code == 302


def test_the_proxy_header_counts_only_when_configured(settings: Any, leader: User) -> None:
    # Unconfigured, a client cannot dodge the limit by inventing X-Forwarded-For values.
    for n in range(5):
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").post(
            reverse("login"), {"username": f"ai.do.{n}", "password": "sai"}
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.1"}
    settings.TDKT_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.9").post(
        reverse("login"), {"username": "ai.do", "password": "sai"}
    )
    assert AccessAttempt.objects.filter(ip_address="192.0.2.9").exists()


def test_an_administrator_unlocks_the_account_from_its_page(
    sector: Sector, officer: User, leader: User
) -> None:
    _fail(leader.username, 5)
    client = login(officer)
    page = client.get(reverse("accounts:account_detail", args=[leader.pk])).content.decode()
    assert "Đang bị chặn đăng nhập" in page and "Mở khoá đăng nhập" in page
    response = client.post(reverse("accounts:login_unlock", args=[leader.pk]), follow=True)
    assert "Đã mở khoá đăng nhập cho tài khoản." in response.content.decode()
    entry = AuditEntry.objects.get(action="user.login_unlocked", object_id=str(leader.pk))
    assert entry.before == {"failed_sign_ins": 5} and entry.actor == officer
    assert _sign_in(leader.username, PASSWORD).status_code == 302


def test_unlocking_an_account_that_is_not_locked_is_refused(leader: User) -> None:
    with pytest.raises(Conflict):
        services.unlock_login(actor=None, user=leader)


def test_an_officer_cannot_unlock_an_account_outside_his_subtree(
    sector: Sector, outsider: User, leader: User
) -> None:
    _fail(leader.username, 5)
    with pytest.raises(InvalidData):
        services.unlock_login(actor=outsider, user=leader)
    response = login(outsider).post(reverse("accounts:login_unlock", args=[leader.pk]))
    assert response.status_code == 404
    assert throttle.is_locked_out(leader.username)


def test_unlock_is_post_only(officer: User, leader: User) -> None:
    response = login(officer).get(reverse("accounts:login_unlock", args=[leader.pk]))
    assert response.status_code == 405


def test_bearer_tokens_and_open_sessions_are_not_throttled(sector: Sector, leader: User) -> None:
    token = issue_token(actor=None, user=leader).secret
    _fail(leader.username, 6)
    api = Client().get(
        reverse("api:eligibility_person", args=[sector.an.pk]),
        headers={"Authorization": f"Bearer {token}"},
    )
    assert api.status_code == 200
    assert login(leader).get(reverse("home")).status_code == 200
