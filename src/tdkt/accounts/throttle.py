"""Failed sign-ins are throttled by django-axes, per account and per address (settings.py, Sign-in).

Three seams: the client's address (REMOTE_ADDR, or the trusted proxy's header when configured),
a handler that gives the address a limit of its own (an office signs in from one NAT address), and
the lockout answered with the login page in Vietnamese. The API's bearer tokens never go through
`authenticate`, so they are not throttled here."""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.text import clean


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, unless TDKT_TRUSTED_PROXY_HEADER names the header the proxy sets: then its last
    address, the one the proxy itself saw (what a client puts before it is not trusted)."""
    header = settings.TDKT_TRUSTED_PROXY_HEADER
    if header:
        key = "HTTP_" + header.upper().replace("-", "_")
        forwarded = [part.strip() for part in request.META.get(key, "").split(",")]
        if forwarded and forwarded[-1]:
            return forwarded[-1][:64]
    return request.META.get("REMOTE_ADDR")


def limits() -> list[int]:
    """One limit per entry of AXES_LOCKOUT_PARAMETERS (["username", "ip_address"])."""
    return [settings.TDKT_LOGIN_FAILURES, settings.TDKT_LOGIN_FAILURES_PER_ADDRESS]


class ThrottleHandler(AxesDatabaseHandler):
    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        """Axes compares one number with one limit (the account's): each parameter's failures are
        scaled so that they reach the account's limit exactly when they reach their own."""
        account_limit = settings.TDKT_LOGIN_FAILURES
        counts = [
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        scaled = (
            count * account_limit // limit for count, limit in zip(counts, limits(), strict=False)
        )
        return max(scaled, default=0)

    def reset_user_attempts(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        """A successful sign-in clears the failures of its account, not those of its address."""
        username = get_client_username(request, credentials)
        if not username:
            return 0
        return reset_account(username)


def reset_account(username: str) -> int:
    """Forget the failed sign-ins to one account (from every address)."""
    count, _deleted = AccessAttempt.objects.filter(username=username).delete()
    return count


def failures_of(username: str) -> int:
    """The account's failed sign-ins within the cool-off (from every address)."""
    recent = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME
    )
    return int(recent.aggregate(n=Sum("failures_since_start"))["n"] or 0)


def is_locked_out(username: str) -> bool:
    return failures_of(username) >= settings.TDKT_LOGIN_FAILURES


def lockout_message() -> str:
    return _(
        "Đăng nhập sai quá nhiều lần; hãy thử lại sau %(minutes)s phút hoặc đề nghị quản trị hệ "
        "thống mở khoá."
    ) % {"minutes": settings.TDKT_LOGIN_COOLOFF_MINUTES}


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The login page again (status 429), with what the user typed and the reason in Vietnamese."""
    from tdkt.accounts.forms import LoginForm

    username = clean(str((credentials or {}).get("username") or request.POST.get("username", "")))
    form = LoginForm(request, initial={"username": username[:150]})
    return render(
        request,
        "registration/login.html",
        {"form": form, "lockout": lockout_message(), "next": request.POST.get("next", "")},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
