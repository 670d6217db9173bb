"""Account administration (Quản trị › Tài khoản) and every user's own password change.

Whatever account lies outside the actor's scope answers 404. A one-time password is shown once, in
the page answering the POST that made it, never in a redirect, a message or a log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts import selectors, services, throttle
from tdkt.accounts.forms import (
    AccountCreateForm,
    GrantForm,
    LinkPersonForm,
    PasswordChangeForm,
    version_of,
)
from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.audit.models import AuditEntry
from tdkt.audit.services import describe
from tdkt.errors import DomainError
from tdkt.text import clean
from tdkt.web.actions import post_only, posted_version, run
from tdkt.web.http import HtmxHttpRequest, bounded_int
from tdkt.web.pagination import paginate

# Which form field a service's error code belongs to.
FIELD_OF_CODE = {
    "username": "username",
    "username_taken": "username",
    "taken": "username",
    "person": "citizen_id",
    "person_taken": "citizen_id",
    "role": "role",
    "grant_exists": "role",
    "unit": "unit",
    "reason": "reason",
    "wrong_password": "old_password",
    "mismatch": "new_password2",
    "weak_password": "new_password",
}


def _require_manager(request: HttpRequest) -> None:
    if not selectors.may_manage_accounts(request.user):
        raise Http404


def _add_error(form: Any, exc: DomainError) -> None:
    field = FIELD_OF_CODE.get(exc.code)
    form.add_error(field if field in form.fields else None, exc.message)


def _one_time(request: HttpRequest, account: User, password: str, created: bool) -> HttpResponse:
    response = render(
        request,
        "accounts/one_time_password.html",
        {"account": account, "password": password, "created": created},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def account_list(request: HtmxHttpRequest) -> HttpResponse:
    _require_manager(request)
    units = selectors.units_for_accounts(request.user)
    unit_id = request.GET.get("don_vi", "")
    unit = units.filter(pk=pk).first() if (pk := bounded_int(unit_id)) is not None else None
    role = request.GET.get("vai_tro", "")
    role = role if role in Role.values else ""
    status = request.GET.get("trang_thai", "")
    must_change = request.GET.get("doi_mat_khau") == "1"
    accounts = selectors.search_accounts(
        request.user,
        query=clean(request.GET.get("q", ""))[:100],
        unit=unit,
        role=role,
        active={"1": True, "0": False}.get(status),
        must_change=True if must_change else None,
    ).prefetch_related("grants__unit")
    context = {
        "page": paginate(request, accounts),
        "query": request.GET.get("q", "")[:100],
        "unit": unit,
        "role": role,
        "roles": Role.choices,
        "status": status,
        "must_change": must_change,
    }
    if request.htmx:
        return render(request, "accounts/_account_table.html", context)
    return render(request, "accounts/account_list.html", context)


@login_required
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.get_account_for_user(request.user, pk)
    grants = account.grants.select_related("unit", "granted_by", "revoked_by").order_by(
        "revoked_at", "-granted_at"
    )
    history = list(
        AuditEntry.objects.filter(object_type="accounts.user", object_id=str(account.pk)).order_by(
            "-at"
        )[:20]
    )
    for entry in history:
        entry.sentence = describe(entry.action)  # type: ignore[attr-defined]
    return render(
        request,
        "accounts/account_detail.html",
        {
            "account": account,
            "grants": grants,
            "history": history,
            "is_self": account.pk == request.user.pk,
            "login_failures": throttle.failures_of(account.username),
            "login_locked": throttle.is_locked_out(account.username),
        },
    )


@login_required
def account_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    actor = request.user
    form = AccountCreateForm(
        request.POST or None,
        roles=selectors.roles_for(actor),
        units=selectors.units_for_accounts(actor),
        people=selectors.people_for_accounts(actor),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account, password = services.create_account(
                actor=actor,
                username=data["username"],
                full_name=data["full_name"],
                person=form.person,
                role=data["role"] or None,
                unit=data["unit"],
                reason=data["reason"],
            )
        except DomainError as exc:
            _add_error(form, exc)
        else:
            return _one_time(request, account, password, created=True)
    return render(request, "accounts/account_form.html", {"form": form})


@login_required
def role_grant(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.get_account_for_user(request.user, pk)
    form = GrantForm(
        request.POST or None,
        initial=version_of(account),
        roles=selectors.roles_for(request.user),
        units=selectors.units_for_accounts(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_role(
                actor=request.user,
                user=account,
                role=data["role"],
                unit=data["unit"],
                reason=data["reason"],
                version=data["version"],
            )
        except DomainError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("Đã cấp quyền."))
            return redirect("accounts:account_detail", account.pk)
    return render(request, "accounts/grant_form.html", {"account": account, "form": form})


@login_required
def role_revoke(request: HttpRequest, pk: int, grant_pk: int) -> HttpResponse:
    account = selectors.get_account_for_user(request.user, pk)
    try:
        grant = account.grants.get(pk=grant_pk)
    except RoleGrant.DoesNotExist as exc:
        raise Http404 from exc
    if refused := post_only(request):
        return refused
    return run(
        request,
        lambda: services.revoke_role(
            actor=request.user,
            grant=grant,
            reason=request.POST.get("reason", "")[:1000],
            version=posted_version(request),
        ),
        _("Đã thu hồi quyền."),
        "accounts:account_detail",
        account.pk,
    )


@login_required
def account_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, services.deactivate_account, _("Đã khoá tài khoản."))


@login_required
def account_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, services.reactivate_account, _("Đã mở khoá tài khoản."))


def _set_active(request: HttpRequest, pk: int, service: Any, success: str) -> HttpResponse:
    account = selectors.get_account_for_user(request.user, pk)
    if refused := post_only(request):
        return refused
    return run(
        request,
        lambda: service(
            actor=request.user,
            user=account,
            reason=request.POST.get("reason", "")[:1000],
            version=posted_version(request),
        ),
        success,
        "accounts:account_detail",
        account.pk,
    )


@login_required
def login_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    """Lets an account locked out by failed sign-ins sign in again before the cool-off ends."""
    account = selectors.get_account_for_user(request.user, pk)
    if refused := post_only(request):
        return refused
    return run(
        request,
        lambda: services.unlock_login(actor=request.user, user=account),
        _("Đã mở khoá đăng nhập cho tài khoản."),
        "accounts:account_detail",
        account.pk,
    )


@login_required
def password_reset(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.get_account_for_user(request.user, pk)
    if refused := post_only(request):
        return refused
    try:
        password = services.reset_password(
            actor=request.user, user=account, version=posted_version(request)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("accounts:account_detail", account.pk)
    return _one_time(request, account, password, created=False)


@login_required
def person_link(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.get_account_for_user(request.user, pk)
    form = LinkPersonForm(
        request.POST or None,
        initial=version_of(account),
        people=selectors.people_for_accounts(request.user),
    )
    if request.method == "POST" and form.is_valid() and form.person is not None:
        try:
            services.link_person(
                actor=request.user,
                user=account,
                person=form.person,
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("Đã gắn tài khoản với hồ sơ cán bộ."))
            return redirect("accounts:account_detail", account.pk)
    return render(request, "accounts/link_form.html", {"account": account, "form": form})


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """Every user's own change; forced first when the account has a one-time password."""
    user = request.user
    assert isinstance(user, User)
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_password(
                user=user,
                old_password=data["old_password"],
                new_password=data["new_password"],
                new_password2=data["new_password2"],
            )
        except DomainError as exc:
            _add_error(form, exc)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Đã đổi mật khẩu."))
            return redirect("home")
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "forced": user.must_change_password},
    )
