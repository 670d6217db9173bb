"""The account screens: who opens what (404 outside one's scope), the one-time password shown once
in the POST answer, forms that name the field in Vietnamese, stale edits refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.audit.models import AuditEntry
from tests.accounts.permissions import ACCOUNT_POST_ONLY, kv1_leader
from tests.conftest import Sector, login, make_user

REASON = "Điều động sang đơn vị khác từ tháng 7"


def _post_kwargs(name: str, s: Sector) -> dict[str, Any]:
    leader = kv1_leader(s)
    if name == "accounts:role_revoke":
        return {"pk": leader.pk, "grant_pk": leader.grants.get().pk}
    return {"pk": leader.pk}


def test_the_admin_finds_an_account_by_name_without_diacritics(
    sector: Sector, admin_user: User
) -> None:
    leader = make_user("lanhdao.kv1", Role.LEADER, sector.kv1)
    leader.full_name = "Phạm Thị Hoà"
    leader.save(update_fields=["full_name"])
    client = login(admin_user)
    response = client.get(
        reverse("accounts:account_list"), {"q": "pham thi hoa"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "lanhdao.kv1" in body and "quantri" not in body


def test_the_list_filters_by_unit_role_and_state(
    sector: Sector, admin_user: User, outsider: User
) -> None:
    make_user("lanhdao.kv1", Role.LEADER, sector.kv1)
    client = login(admin_user)
    url = reverse("accounts:account_list")
    body = client.get(url, {"don_vi": sector.quang_tri.pk}).content.decode()
    assert "lanhdao.kv1" in body and "tdkt.bentre" not in body
    body = client.get(url, {"vai_tro": Role.OFFICER}).content.decode()
    assert "tdkt.bentre" in body and "lanhdao.kv1" not in body
    body = client.get(url, {"trang_thai": "0"}).content.decode()
    assert "tdkt.bentre" not in body
    partial = client.get(url, {"doi_mat_khau": "1"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode()


def test_an_officer_lists_only_the_accounts_of_his_subtree(
    sector: Sector, officer: User, outsider: User
) -> None:
    make_user("lanhdao.kv1", Role.LEADER, sector.kv1)
    body = login(officer).get(reverse("accounts:account_list")).content.decode()
    assert "lanhdao.kv1" in body and "tdkt.bentre" not in body


def test_the_menu_offers_accounts_to_officers_only(
    sector: Sector, officer: User, staff_member: User
) -> None:
    assert reverse("accounts:account_list") in login(officer).get(reverse("home")).content.decode()
    page = login(staff_member).get(reverse("people:person_detail", args=[sector.an.pk]))
    assert reverse("accounts:account_list") not in page.content.decode()


def test_creating_an_account_shows_its_password_once_and_never_in_messages(
    sector: Sector, officer: User
) -> None:
    client = login(officer)
    response = client.post(
        reverse("accounts:account_create"),
        {"username": "canbo.an", "citizen_id": sector.an.citizen_id, "reason": ""},
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    password = response.context["password"]
    body = response.content.decode()
    assert password in body and "chỉ hiện một lần" in body
    assert not list(response.context["messages"])
    user = User.objects.get(username="canbo.an")
    assert user.person == sector.an and user.must_change_password
    detail = client.get(reverse("accounts:account_detail", args=[user.pk])).content.decode()
    assert password not in detail
    assert password not in str(list(AuditEntry.objects.values_list("before", "after", "reason")))


def test_the_create_form_finds_a_person_by_name_and_birth_date_within_scope(
    sector: Sector, officer: User
) -> None:
    client = login(officer)
    url = reverse("accounts:account_create")
    found = client.post(
        url, {"username": "canbo.an", "person_name": "nguyen van an", "birth_date": "02/04/1985"}
    )
    assert found.status_code == 200 and User.objects.get(username="canbo.an").person == sector.an
    outside = client.post(
        url, {"username": "canbo.binh", "person_name": "Trần Thị Bình", "birth_date": "15/01/1990"}
    )
    assert outside.context["form"].errors["person_name"] == [
        "Không tìm thấy cán bộ này trong phạm vi của bạn."
    ]
    assert 'value="canbo.binh"' in outside.content.decode()


def test_the_create_form_names_the_field_of_a_bad_username(sector: Sector, officer: User) -> None:
    response = login(officer).post(
        reverse("accounts:account_create"),
        {"username": "Nguyễn An", "role": Role.LEADER, "unit": sector.kv1.pk},
    )
    assert "Tên đăng nhập dài 3–150 ký tự" in response.context["form"].errors["username"][0]
    assert not User.objects.filter(full_name="Nguyễn An").exists()


def test_a_password_reset_is_shown_in_the_answer_to_the_post(sector: Sector, officer: User) -> None:
    leader = kv1_leader(sector)
    client = login(officer)
    url = reverse("accounts:password_reset", args=[leader.pk])
    response = client.post(url, {"version": leader.version})
    assert response.status_code == 200
    leader.refresh_from_db()
    assert leader.check_password(response.context["password"]) and leader.must_change_password
    assert client.get(url).status_code == 405


def test_an_officer_grants_a_role_in_his_subtree_and_not_beyond(
    sector: Sector, officer: User
) -> None:
    leader = kv1_leader(sector)
    client = login(officer)
    url = reverse("accounts:role_grant", args=[leader.pk])
    page = client.get(url).content.decode()
    assert "Bến Tre" not in page and str(Role.ADMIN.label) not in page
    data = {"version": leader.version, "role": Role.SECRETARY, "reason": REASON}
    refused = client.post(url, {**data, "unit": sector.ben_tre.pk})
    assert "nằm ngoài phạm vi của bạn" in refused.context["form"].errors["unit"][0]
    response = client.post(url, {**data, "unit": sector.kv1.pk})
    assert response.status_code == 302
    assert leader.grants.filter(role=Role.SECRETARY, unit=sector.kv1).exists()


def test_a_stale_grant_form_is_refused_and_nothing_is_written(
    sector: Sector, officer: User
) -> None:
    leader = kv1_leader(sector)
    client = login(officer)
    url = reverse("accounts:role_grant", args=[leader.pk])
    stale = leader.version
    client.post(
        url, {"version": stale, "role": Role.OFFICER, "unit": sector.kv1.pk, "reason": REASON}
    )
    response = client.post(
        url, {"version": stale, "role": Role.SECRETARY, "unit": sector.kv1.pk, "reason": REASON}
    )
    assert "người khác thay đổi" in " ".join(response.context["form"].non_field_errors())
    assert not leader.grants.filter(role=Role.SECRETARY).exists()


def test_revoking_needs_a_reason_and_keeps_the_grant_on_the_page(
    sector: Sector, officer: User
) -> None:
    leader = kv1_leader(sector)
    grant = leader.grants.get()
    client = login(officer)
    url = reverse("accounts:role_revoke", args=[leader.pk, grant.pk])
    short = client.post(url, {"reason": "vì", "version": leader.version}, follow=True)
    assert "Hãy ghi lý do" in short.content.decode()
    client.post(url, {"reason": REASON, "version": leader.version})
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.revoke_reason == REASON


def test_locking_and_unlocking_an_account(sector: Sector, admin_user: User) -> None:
    leader = kv1_leader(sector)
    client = login(admin_user)
    client.post(
        reverse("accounts:account_deactivate", args=[leader.pk]),
        {"reason": REASON, "version": leader.version},
    )
    leader.refresh_from_db()
    assert not leader.is_active
    page = client.get(reverse("accounts:account_detail", args=[leader.pk])).content.decode()
    assert "Đã khoá tài khoản." in page and "Mở khoá tài khoản" in page
    client.post(
        reverse("accounts:account_reactivate", args=[leader.pk]),
        {"reason": REASON, "version": leader.version},
    )
    leader.refresh_from_db()
    assert leader.is_active


def test_linking_a_person_from_the_screen(sector: Sector, officer: User) -> None:
    leader = kv1_leader(sector)
    response = login(officer).post(
        reverse("accounts:person_link", args=[leader.pk]),
        {"version": leader.version, "citizen_id": sector.an.citizen_id},
    )
    assert response.status_code == 302
    leader.refresh_from_db()
    assert leader.person == sector.an


@pytest.mark.parametrize("name", sorted(ACCOUNT_POST_ONLY))
def test_actions_on_an_account_outside_ones_scope_answer_404(
    name: str, sector: Sector, outsider: User, staff_member: User
) -> None:
    kwargs = _post_kwargs(name, sector)
    data = {"reason": REASON, "version": 1}
    assert login(outsider).post(reverse(name, kwargs=kwargs), data).status_code == 404
    assert login(staff_member).post(reverse(name, kwargs=kwargs), data).status_code == 404
    assert login(outsider).get(reverse(name, kwargs=kwargs)).status_code == 404
    leader = User.objects.get(username="lanhdao.kv1")
    assert leader.is_active and leader.version == 1
    assert RoleGrant.objects.filter(user=leader, revoked_at__isnull=True).count() == 1


def test_an_officer_does_not_reach_an_account_holding_an_admin_grant(
    sector: Sector, officer: User
) -> None:
    leader = kv1_leader(sector)
    RoleGrant.objects.create(user=leader, role=Role.ADMIN, unit=sector.kv1)
    client = login(officer)
    assert client.get(reverse("accounts:account_detail", args=[leader.pk])).status_code == 404
    assert "lanhdao.kv1" not in client.get(reverse("accounts:account_list")).content.decode()
