"""The account services: each success, each refusal, the officer's scope, the audit trail."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.hashers import check_password

from tdkt.accounts import services
from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.accounts.selectors import restrict_accounts
from tdkt.audit.models import AuditEntry
from tdkt.errors import Conflict, InvalidData
from tests.conftest import Sector, make_user

REASON = "Theo quyết định phân công số 12/QĐ"


def _audit_text() -> str:
    rows = AuditEntry.objects.values_list("before", "after", "reason", "object_repr")
    return json.dumps(list(rows), ensure_ascii=False, default=str)


def test_a_new_account_has_a_one_time_password_hashed_with_the_fast_hasher(sector: Sector) -> None:
    user, password = services.create_account(actor=None, username="nguyen.van.an", person=sector.an)
    assert user.password.startswith("onetime_pbkdf2$1000$")
    assert user.check_password(password)
    assert user.must_change_password
    assert user.one_time_password_expires_at is not None
    assert user.is_active
    assert user.full_name == "Nguyễn Văn An"


def test_one_time_passwords_are_long_unambiguous_and_different() -> None:
    passwords = {services.generate_one_time_password() for _i in range(50)}
    assert len(passwords) == 50
    for password in passwords:
        assert len(password) >= 14
        assert not set(password) & set("0O1lI")


def test_no_password_nor_hash_reaches_the_audit_trail(sector: Sector, admin_user: User) -> None:
    user, first = services.create_account(
        actor=admin_user, username="tdkt.kv1", role=Role.OFFICER, unit=sector.kv1, reason=REASON
    )
    second = services.reset_password(actor=admin_user, user=user)
    user.refresh_from_db()
    services.change_password(
        user=user,
        old_password=second,
        new_password="Mua-thu-Ha-Noi-2025",
        new_password2="Mua-thu-Ha-Noi-2025",
    )
    user.refresh_from_db()
    text = _audit_text()
    for secret in (first, second, "Mua-thu-Ha-Noi-2025", user.password, "onetime_pbkdf2", "md5$"):
        assert secret not in text
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "user.created",
        "role.granted",
        "user.password_reset",
        "user.password_changed",
    } <= actions


def test_a_username_with_diacritics_capitals_or_spaces_is_refused(sector: Sector) -> None:
    for bad in ("nguyễn", "Nguyen", "an van", "ab", "x" * 151):
        with pytest.raises(InvalidData) as exc:
            services.create_account(actor=None, username=bad)
        assert "Tên đăng nhập" in exc.value.message


def test_a_username_is_unique_whatever_the_case(sector: Sector) -> None:
    make_user("Tdkt.An", None, None)
    with pytest.raises(Conflict, match="đã được dùng"):
        services.create_account(actor=None, username="tdkt.an")


def test_a_person_has_at_most_one_account(sector: Sector) -> None:
    services.create_account(actor=None, username="an.1", person=sector.an)
    with pytest.raises(Conflict, match="Cán bộ này đã có tài khoản"):
        services.create_account(actor=None, username="an.2", person=sector.an)
    assert not User.objects.filter(username="an.2").exists()


def test_the_first_role_is_granted_with_the_account(sector: Sector, admin_user: User) -> None:
    user, _password = services.create_account(
        actor=admin_user, username="lanhdao.qt", role=Role.LEADER, unit=sector.quang_tri
    )
    grant = user.grants.get()
    assert (grant.role, grant.unit, grant.granted_by) == (Role.LEADER, sector.quang_tri, admin_user)


def test_an_officer_opens_an_account_for_a_person_of_his_subtree(
    sector: Sector, officer: User
) -> None:
    user, _password = services.create_account(actor=officer, username="canbo.an", person=sector.an)
    assert user.person == sector.an
    assert services.can_manage(officer, user)


def test_an_officer_cannot_open_an_account_for_a_person_outside_his_subtree(
    sector: Sector, officer: User
) -> None:
    with pytest.raises(InvalidData, match="trong phạm vi của bạn"):
        services.create_account(actor=officer, username="binh", person=sector.binh)
    assert not User.objects.filter(username="binh").exists()


def test_an_officer_gives_an_account_without_a_person_a_role_in_his_subtree(
    sector: Sector, officer: User
) -> None:
    with pytest.raises(InvalidData, match="cần được cấp một vai trò"):
        services.create_account(actor=officer, username="khach")
    user, _password = services.create_account(
        actor=officer, username="thuky.qt", role=Role.SECRETARY, unit=sector.quang_tri
    )
    assert services.can_manage(officer, user)


def test_an_officer_cannot_grant_the_administrator_role(sector: Sector, officer: User) -> None:
    target = make_user("lanhdao.kv1", Role.LEADER, sector.kv1)
    with pytest.raises(InvalidData, match="Chỉ người quản trị"):
        services.grant_role(
            actor=officer, user=target, role=Role.ADMIN, unit=sector.kv1, reason=REASON
        )
    with pytest.raises(InvalidData):
        services.create_account(
            actor=officer, username="qt2", role=Role.ADMIN, unit=sector.quang_tri
        )
    assert not target.grants.filter(role=Role.ADMIN).exists()


def test_an_officer_cannot_grant_a_role_outside_his_subtree(sector: Sector, officer: User) -> None:
    target = make_user("lanhdao.kv1", Role.LEADER, sector.kv1)
    with pytest.raises(InvalidData, match="không thuộc phạm vi"):
        services.grant_role(
            actor=officer, user=target, role=Role.LEADER, unit=sector.ben_tre, reason=REASON
        )
    assert target.grants.count() == 1


def test_an_administrator_grants_every_role_including_administrator(
    sector: Sector, admin_user: User
) -> None:
    target = make_user("qt.admin", None, None)
    grant = services.grant_role(
        actor=admin_user, user=target, role=Role.ADMIN, unit=sector.vkstc, reason=REASON
    )
    assert grant.role == Role.ADMIN and grant.grant_reason == REASON
    entry = AuditEntry.objects.get(action="role.granted", object_id=str(grant.pk))
    assert entry.reason == REASON and entry.actor == admin_user


def test_a_grant_needs_a_reason_and_is_not_given_twice(sector: Sector, admin_user: User) -> None:
    target = make_user("lanhdao.kv1", Role.LEADER, sector.kv1)
    with pytest.raises(InvalidData, match="lý do"):
        services.grant_role(
            actor=admin_user, user=target, role=Role.OFFICER, unit=sector.kv1, reason="vì"
        )
    with pytest.raises(Conflict, match="đã có vai trò này"):
        services.grant_role(
            actor=admin_user, user=target, role=Role.LEADER, unit=sector.kv1, reason=REASON
        )


def test_the_staff_role_needs_an_account_linked_to_a_person(
    sector: Sector, admin_user: User
) -> None:
    target = make_user("khong.ho.so", None, None)
    with pytest.raises(InvalidData, match="gắn với hồ sơ cán bộ"):
        services.grant_role(
            actor=admin_user, user=target, role=Role.STAFF, unit=sector.kv1, reason=REASON
        )


def test_a_revoked_grant_stays_with_who_when_and_why(sector: Sector, officer: User) -> None:
    target = make_user("lanhdao.kv1", Role.LEADER, sector.kv1)
    grant = target.grants.get()
    services.revoke_role(actor=officer, grant=grant, reason=REASON)
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    assert (grant.revoked_by, grant.revoke_reason) == (officer, REASON)
    with pytest.raises(Conflict, match="đã bị thu hồi"):
        services.revoke_role(actor=None, grant=grant, reason=REASON)
    # Without a person and an active grant in his subtree, the account left the officer's scope.
    assert not services.can_manage(officer, target)
    assert AuditEntry.objects.filter(action="role.revoked", object_id=str(grant.pk)).count() == 1


def test_an_officer_manages_no_account_holding_an_administrator_grant(
    sector: Sector, officer: User
) -> None:
    target = make_user("lanhdao.kv1", Role.LEADER, sector.kv1)
    RoleGrant.objects.create(user=target, role=Role.ADMIN, unit=sector.kv1)
    assert not services.can_manage(officer, target)
    with pytest.raises(InvalidData, match="không có quyền quản lý"):
        services.revoke_role(
            actor=officer, grant=target.grants.get(role=Role.LEADER), reason=REASON
        )
    with pytest.raises(InvalidData):
        services.reset_password(actor=officer, user=target)


def test_an_officer_manages_no_account_with_a_grant_outside_his_subtree(
    sector: Sector, officer: User
) -> None:
    target = make_user("hai.noi", Role.LEADER, sector.kv1)
    RoleGrant.objects.create(user=target, role=Role.LEADER, unit=sector.binh_dai)
    assert not services.can_manage(officer, target)
    with pytest.raises(InvalidData, match="không có quyền quản lý"):
        services.deactivate_account(actor=officer, user=target, reason=REASON)
    target.refresh_from_db()
    assert target.is_active


def test_an_officer_manages_the_account_of_a_person_in_his_subtree(
    sector: Sector, officer: User, outsider: User
) -> None:
    staff = make_user("canbo.an", None, None, person=sector.an)
    assert services.can_manage(officer, staff)
    assert not services.can_manage(outsider, staff)
    assert list(restrict_accounts(outsider)) == [outsider]
    assert set(restrict_accounts(officer)) == {officer, staff}


def test_nobody_revokes_his_own_grant_or_locks_himself_out(
    sector: Sector, admin_user: User
) -> None:
    with pytest.raises(InvalidData, match="tự thu hồi"):
        services.revoke_role(actor=admin_user, grant=admin_user.grants.get(), reason=REASON)
    with pytest.raises(InvalidData, match="tự khoá"):
        services.deactivate_account(actor=admin_user, user=admin_user, reason=REASON)
    with pytest.raises(InvalidData, match="tự cấp quyền"):
        services.grant_role(
            actor=admin_user, user=admin_user, role=Role.LEADER, unit=sector.kv1, reason=REASON
        )


def test_a_reset_gives_a_new_one_time_password_and_the_old_one_stops(
    sector: Sector, officer: User
) -> None:
    user, first = services.create_account(actor=officer, username="canbo.an", person=sector.an)
    second = services.reset_password(actor=officer, user=user)
    user.refresh_from_db()
    assert second != first
    assert user.check_password(second) and not check_password(first, user.password)
    assert user.must_change_password


def test_a_deactivated_account_is_kept_and_can_be_reactivated(
    sector: Sector, officer: User
) -> None:
    user, _password = services.create_account(actor=officer, username="canbo.an", person=sector.an)
    services.deactivate_account(actor=officer, user=user, reason=REASON)
    user.refresh_from_db()
    assert not user.is_active and User.objects.filter(pk=user.pk).exists()
    with pytest.raises(Conflict, match="đã bị khoá"):
        services.deactivate_account(actor=officer, user=user, reason=REASON)
    with pytest.raises(Conflict):
        services.reset_password(actor=officer, user=user)
    services.reactivate_account(actor=officer, user=user, reason=REASON)
    user.refresh_from_db()
    assert user.is_active
    assert list(
        AuditEntry.objects.filter(object_id=str(user.pk), object_type="accounts.user")
        .order_by("at", "id")
        .values_list("action", flat=True)
    ) == ["user.created", "user.deactivated", "user.reactivated"]


def test_a_stale_version_is_refused_and_nothing_is_written(sector: Sector, officer: User) -> None:
    target = make_user("lanhdao.kv1", Role.LEADER, sector.kv1)
    seen = target.version
    services.grant_role(
        actor=officer, user=target, role=Role.OFFICER, unit=sector.kv1, reason=REASON, version=seen
    )
    with pytest.raises(Conflict, match="người khác thay đổi"):
        services.grant_role(
            actor=officer,
            user=target,
            role=Role.SECRETARY,
            unit=sector.kv1,
            reason=REASON,
            version=seen,
        )
    with pytest.raises(Conflict, match="người khác thay đổi"):
        services.deactivate_account(actor=officer, user=target, reason=REASON, version=seen)
    target.refresh_from_db()
    assert target.is_active
    assert not target.grants.filter(role=Role.SECRETARY).exists()


def test_linking_a_person_checks_scope_and_uniqueness(
    sector: Sector, officer: User, admin_user: User
) -> None:
    target = make_user("lanhdao.kv1", Role.LEADER, sector.kv1)
    with pytest.raises(InvalidData, match="trong phạm vi của bạn"):
        services.link_person(actor=officer, user=target, person=sector.binh)
    services.link_person(actor=officer, user=target, person=sector.an)
    target.refresh_from_db()
    assert target.person == sector.an
    other = make_user("an.khac", Role.LEADER, sector.kv1)
    with pytest.raises(Conflict, match="đã có tài khoản"):
        services.link_person(actor=admin_user, user=other, person=sector.an)
    entry = AuditEntry.objects.get(action="user.person_linked")
    assert entry.after == {"person_id": sector.an.pk}


def test_search_text_follows_the_username_and_name(sector: Sector) -> None:
    user, _password = services.create_account(
        actor=None, username="an.kv1", full_name="Nguyễn Văn Ấn"
    )
    assert user.search_text == "an.kv1 nguyen van an"
    user.full_name = "Lê Thị Đào"
    user.save(update_fields=["full_name"])
    user.refresh_from_db()
    assert "le thi dao" in user.search_text


def test_services_refuse_whoever_manages_no_accounts(sector: Sector, staff_member: Any) -> None:
    with pytest.raises(InvalidData):
        services.create_account(
            actor=staff_member, username="x.y.z", role=Role.LEADER, unit=sector.kv1
        )
