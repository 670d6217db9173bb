"""Business events of accounts: open, grant and revoke roles, reset and change passwords, lock and
unlock, link to a person. Each is atomic and writes its audit entry, which never holds a password
(plain or hashed).

`actor=None` is the system (demo, tests, commands); any other actor must be allowed to manage the
account (`selectors.can_manage`) and is refused with a domain error otherwise, in words that say
nothing about what lies outside the actor's scope."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts import throttle
from tdkt.accounts.hashers import make_one_time_password_hash
from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.accounts.selectors import (
    can_manage,
    is_account_admin,
    people_for_accounts,
    units_for_accounts,
)
from tdkt.audit.services import record
from tdkt.errors import Conflict, InvalidData
from tdkt.org.models import Unit, UnitScope
from tdkt.people.models import Person
from tdkt.text import clean
from tdkt.workflow.locking import bump_version

__all__ = [
    "can_manage",
    "change_password",
    "create_account",
    "deactivate_account",
    "generate_one_time_password",
    "grant_role",
    "link_person",
    "reactivate_account",
    "reset_password",
    "revoke_role",
    "unlock_login",
]

# No 0/O, 1/l/I: read aloud or copied from paper without doubt. 55 letters, 16 of them: ~92 bits.
ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ONE_TIME_LENGTH = 16
ONE_TIME_VALIDITY = dt.timedelta(days=7)
USERNAME = re.compile(r"^[a-z0-9._-]{3,150}$")
MIN_REASON = 10

NOT_ALLOWED = "Bạn không có quyền quản lý tài khoản này."


def generate_one_time_password() -> str:
    return "".join(secrets.choice(ONE_TIME_ALPHABET) for _i in range(ONE_TIME_LENGTH))


def _set_one_time_password(user: User) -> str:
    password = generate_one_time_password()
    user.password = make_one_time_password_hash(password)
    user.must_change_password = True
    user.one_time_password_expires_at = timezone.now() + ONE_TIME_VALIDITY
    return password


def _check_username(username: str) -> str:
    username = clean(username)
    if not USERNAME.match(username):
        raise InvalidData(
            _(
                "Tên đăng nhập dài 3–150 ký tự, chỉ gồm chữ thường không dấu (a–z), chữ số và "
                "các dấu . _ -"
            ),
            code="username",
        )
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict(
            _("Tên đăng nhập %(u)s đã được dùng.") % {"u": username}, code="username_taken"
        )
    return username


def _check_reason(reason: str) -> str:
    reason = clean(reason)
    if len(reason) < MIN_REASON:
        raise InvalidData(
            _("Hãy ghi lý do (ít nhất %(n)d ký tự).") % {"n": MIN_REASON}, code="reason"
        )
    return reason


def _require_manage(actor: Any, user: User) -> None:
    if actor is not None and not can_manage(actor, user):
        raise InvalidData(_(NOT_ALLOWED), code="not_allowed")


def _require_person_in_scope(actor: Any, person: Person) -> None:
    if actor is not None and not people_for_accounts(actor).filter(pk=person.pk).exists():
        raise InvalidData(_("Không tìm thấy cán bộ này trong phạm vi của bạn."), code="person")


def _require_person_free(person: Person, user: User | None = None) -> None:
    other = User.objects.filter(person=person)
    if user is not None:
        other = other.exclude(pk=user.pk)
    if other.exists():
        raise Conflict(_("Cán bộ này đã có tài khoản."), code="person_taken")


def _require_grantable(actor: Any, role: str, unit: Unit, user: User | None) -> None:
    if role not in Role.values:
        raise InvalidData(_("Vai trò không hợp lệ."), code="role")
    if actor is not None:
        if role == Role.ADMIN and not is_account_admin(actor):
            raise InvalidData(_("Chỉ người quản trị hệ thống cấp được vai trò này."), code="role")
        if not units_for_accounts(actor).filter(pk=unit.pk).exists():
            raise InvalidData(_("Đơn vị này không thuộc phạm vi của bạn."), code="unit")
        if role == Role.LEADER and not may_grant_leader(actor, unit.pk, user and user.person):
            raise InvalidData(_(LEADER_ONLY), code="role")
    if unit.dissolved_on is not None and unit.dissolved_on <= timezone.localdate():
        raise InvalidData(_("Đơn vị này đã giải thể hoặc sáp nhập."), code="unit")
    if role == Role.STAFF and (user is None or user.person_id is None):
        raise InvalidData(_("Vai trò Cán bộ cần tài khoản gắn với hồ sơ cán bộ."), code="role")


LEADER_ONLY = (
    "Vai trò Lãnh đạo đơn vị chỉ cấp cho tài khoản của cán bộ đang giữ chức vụ lãnh đạo của đơn "
    "vị này; trường hợp khác do người quản trị hệ thống cấp."
)


def may_grant_leader(actor: Any, unit_id: int, person: Person | None) -> bool:
    """A leader's role signs decisions: an officer grants it only to the account of a person who
    holds a leading post in that unit or under it, never to an account without a person (which
    would let an officer give himself the right to sign). The administrator grants it freely."""
    if actor is None or is_account_admin(actor):
        return True
    return (
        person is not None
        and person.is_leader
        and person.left_on is None
        and UnitScope.objects.filter(ancestor_id=unit_id, descendant_id=person.unit_id).exists()
    )


def _write_grant(*, actor: Any, user: User, role: str, unit: Unit, reason: str) -> RoleGrant:
    if RoleGrant.objects.filter(user=user, role=role, unit=unit, revoked_at__isnull=True).exists():
        raise Conflict(_("Tài khoản đã có vai trò này trên đơn vị này."), code="grant_exists")
    try:
        with transaction.atomic():
            grant = RoleGrant.objects.create(
                user=user,
                role=role,
                unit=unit,
                granted_by=_user_or_none(actor),
                grant_reason=reason,
            )
    except IntegrityError as exc:
        message = _("Tài khoản đã có vai trò này trên đơn vị này.")
        raise Conflict(message, code="grant_exists") from exc
    record(
        actor=actor,
        action="role.granted",
        obj=grant,
        after={"user_id": user.pk, "username": user.username, "role": role, "unit_id": unit.pk},
        reason=reason,
        unit_id=unit.pk,
    )
    user._tdkt_access = None  # type: ignore[attr-defined]
    return grant


def _user_or_none(actor: Any) -> User | None:
    return actor if isinstance(actor, User) else None


def _unit_of(user: User) -> int | None:
    return user.person.unit_id if user.person_id and user.person else None


@transaction.atomic
def create_account(
    *,
    actor: Any,
    username: str,
    full_name: str = "",
    person: Person | None = None,
    role: str | None = None,
    unit: Unit | None = None,
    reason: str = "",
) -> tuple[User, str]:
    """An active account with a one-time password (returned, shown once, never stored in clear),
    to be changed at the first sign-in; with `role`, its first grant on `unit`."""
    username = _check_username(username)
    full_name = clean(full_name)[:150] or (person.full_name if person else "")
    if person is not None:
        _require_person_in_scope(actor, person)
        _require_person_free(person)
    if bool(role) != bool(unit):
        raise InvalidData(_("Hãy chọn cả vai trò và đơn vị, hoặc bỏ trống cả hai."), code="role")
    if role and unit:
        _require_grantable(actor, role, unit, User(person=person))
    elif actor is not None and person is None and not is_account_admin(actor):
        # Without a person or a grant in his subtree the officer could not reach it again.
        raise InvalidData(
            _("Tài khoản không gắn hồ sơ cán bộ cần được cấp một vai trò trên một đơn vị."),
            code="role",
        )
    user = User(username=username, full_name=full_name, person=person, is_active=True)
    password = _set_one_time_password(user)
    try:
        with transaction.atomic():
            user.save(force_insert=True)
    except IntegrityError as exc:
        raise Conflict(_("Tên đăng nhập hoặc cán bộ này đã có tài khoản."), code="taken") from exc
    reason = clean(reason)
    record(
        actor=actor,
        action="user.created",
        obj=user,
        after={"username": username, "full_name": full_name, "person_id": user.person_id},
        reason=reason,
        unit_id=person.unit_id if person else (unit.pk if unit else None),
    )
    if role and unit:
        _write_grant(
            actor=actor,
            user=user,
            role=role,
            unit=unit,
            reason=reason or _("Cấp khi tạo tài khoản"),
        )
    return user, password


@transaction.atomic
def grant_role(
    *, actor: Any, user: User, role: str, unit: Unit, reason: str, version: int | None = None
) -> RoleGrant:
    _require_manage(actor, user)
    reason = _check_reason(reason)
    if _user_or_none(actor) is not None and actor.pk == user.pk:
        raise InvalidData(
            _("Bạn không thể tự cấp quyền cho mình; hãy đề nghị người quản trị khác."), code="self"
        )
    if not user.is_active:
        raise Conflict(_("Tài khoản đã bị khoá; hãy mở khoá trước."), code="inactive")
    _require_grantable(actor, role, unit, user)
    bump_version(user, version)
    return _write_grant(actor=actor, user=user, role=role, unit=unit, reason=reason)


@transaction.atomic
def revoke_role(
    *, actor: Any, grant: RoleGrant, reason: str, version: int | None = None
) -> RoleGrant:
    """Sets `revoked_at` and keeps the row, for the audit trail."""
    user = grant.user
    _require_manage(actor, user)
    reason = _check_reason(reason)
    if actor is not None:
        if grant.role == Role.ADMIN and not is_account_admin(actor):
            raise InvalidData(_(NOT_ALLOWED), code="not_allowed")
        if _user_or_none(actor) is not None and actor.pk == user.pk:
            raise InvalidData(
                _("Bạn không thể tự thu hồi quyền của mình; hãy đề nghị người quản trị khác."),
                code="self",
            )
    bump_version(user, version)
    locked = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    if locked.revoked_at is not None:
        raise Conflict(_("Quyền này đã bị thu hồi."), code="revoked")
    grant.revoked_at = timezone.now()
    grant.revoked_by = _user_or_none(actor)
    grant.revoke_reason = reason
    grant.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    record(
        actor=actor,
        action="role.revoked",
        obj=grant,
        before={"revoked_at": None},
        after={"user_id": user.pk, "role": grant.role, "revoked_at": grant.revoked_at},
        reason=reason,
        unit_id=grant.unit_id,
    )
    user._tdkt_access = None  # type: ignore[attr-defined]
    return grant


@transaction.atomic
def reset_password(*, actor: Any, user: User, version: int | None = None) -> str:
    """A new one-time password (returned, shown once); the old one and the sessions stop working."""
    _require_manage(actor, user)
    if not user.is_active:
        raise Conflict(_("Tài khoản đã bị khoá; hãy mở khoá trước."), code="inactive")
    bump_version(user, version)
    password = _set_one_time_password(user)
    user.save(update_fields=["password", "must_change_password", "one_time_password_expires_at"])
    record(
        actor=actor,
        action="user.password_reset",
        obj=user,
        after={"must_change_password": True, "expires_at": user.one_time_password_expires_at},
        unit_id=_unit_of(user),
    )
    return password


def _set_active(
    *, actor: Any, user: User, active: bool, reason: str, version: int | None, action: str
) -> User:
    _require_manage(actor, user)
    reason = _check_reason(reason)
    if actor is not None and _user_or_none(actor) is not None and actor.pk == user.pk:
        raise InvalidData(_("Bạn không thể tự khoá hoặc mở khoá tài khoản của mình."), code="self")
    bump_version(user, version)
    if user.is_active == active:
        message = _("Tài khoản đang hoạt động.") if active else _("Tài khoản đã bị khoá.")
        raise Conflict(message, code="unchanged")
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(
        actor=actor,
        action=action,
        obj=user,
        before={"is_active": not active},
        after={"is_active": active},
        reason=reason,
        unit_id=_unit_of(user),
    )
    return user


@transaction.atomic
def deactivate_account(*, actor: Any, user: User, reason: str, version: int | None = None) -> User:
    """The account stops signing in (sessions and API tokens included); nothing is deleted."""
    return _set_active(
        actor=actor,
        user=user,
        active=False,
        reason=reason,
        version=version,
        action="user.deactivated",
    )


@transaction.atomic
def reactivate_account(*, actor: Any, user: User, reason: str, version: int | None = None) -> User:
    return _set_active(
        actor=actor,
        user=user,
        active=True,
        reason=reason,
        version=version,
        action="user.reactivated",
    )


@transaction.atomic
def change_password(
    *, user: User, old_password: str, new_password: str, new_password2: str
) -> User:
    """The user's own change; the caller keeps the session (`update_session_auth_hash`).

    Error codes name the form field: wrong_password, mismatch, weak_password."""
    if not user.check_password(old_password):
        raise InvalidData(_("Mật khẩu hiện tại không đúng."), code="wrong_password")
    if new_password != new_password2:
        raise InvalidData(_("Hai lần nhập mật khẩu mới không khớp."), code="mismatch")
    if new_password == old_password:
        raise InvalidData(_("Mật khẩu mới phải khác mật khẩu hiện tại."), code="weak_password")
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise InvalidData(" ".join(exc.messages), code="weak_password") from exc
    user.set_password(new_password)
    user.must_change_password = False
    user.one_time_password_expires_at = None
    user.version += 1
    fields = ["password", "must_change_password", "one_time_password_expires_at", "version"]
    user.save(update_fields=fields)
    record(actor=user, action="user.password_changed", obj=user, unit_id=_unit_of(user))
    return user


@transaction.atomic
def link_person(*, actor: Any, user: User, person: Person, version: int | None = None) -> User:
    _require_manage(actor, user)
    _require_person_in_scope(actor, person)
    if user.person_id == person.pk:
        raise Conflict(_("Tài khoản đã gắn với cán bộ này."), code="unchanged")
    _require_person_free(person, user)
    bump_version(user, version)
    before = {"person_id": user.person_id}
    user.person = person
    fields = ["person"]
    if not user.full_name:
        user.full_name = person.full_name
        fields.append("full_name")
    try:
        with transaction.atomic():
            user.save(update_fields=fields)
    except IntegrityError as exc:
        raise Conflict(_("Cán bộ này đã có tài khoản."), code="person_taken") from exc
    record(
        actor=actor,
        action="user.person_linked",
        obj=user,
        before=before,
        after={"person_id": person.pk},
        unit_id=person.unit_id,
    )
    return user


@transaction.atomic
def unlock_login(*, actor: Any, user: User) -> int:
    """Forget the account's failed sign-ins, so it may sign in again before the cool-off ends
    (tdkt/accounts/throttle.py); returns how many were forgotten."""
    _require_manage(actor, user)
    failures = throttle.failures_of(user.username)
    if not failures:
        raise Conflict(_("Tài khoản này không bị chặn đăng nhập."), code="unchanged")
    throttle.reset_account(user.username)
    record(
        actor=actor,
        action="user.login_unlocked",
        obj=user,
        before={"failed_sign_ins": failures},
        after={"failed_sign_ins": 0},
        unit_id=_unit_of(user),
    )
    return failures
