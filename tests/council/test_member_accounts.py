"""Adding a council member links or opens the member's account in the same step, so that the
secretary knows who can vote."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.audit.models import AuditEntry
from tdkt.council import services
from tdkt.council.models import Membership
from tdkt.errors import InvalidData
from tdkt.people import services as people
from tdkt.people.models import Person
from tests.conftest import login, make_user

pytestmark = pytest.mark.django_db
SINCE = dt.date(2025, 1, 1)


def newcomer(world: Any, name: str = "Đỗ Văn Hùng", unit: Any = None) -> Person:
    return people.create_person(
        actor=None,
        full_name=name,
        gender="male",
        birth_date=dt.date(1978, 3, 4),
        unit=unit or world.s.van_phong,
        post_kind="chuyen_vien",
        position_from=dt.date(2015, 1, 1),
    )


def add(world: Any, person: Person, **kwargs: Any) -> services.MemberAdded:
    return services.add_member_with_account(
        actor=world.secretary,
        council=world.council,
        person=person,
        role="uy_vien",
        valid_from=SINCE,
        **kwargs,
    )


def test_a_member_with_an_account_is_granted_the_council_member_role_on_its_unit(world):
    person = newcomer(world)
    account = make_user("hung.vp", Role.STAFF, world.s.van_phong, person=person)
    added = add(world, person)
    assert added.account == account and added.password == ""
    grant = RoleGrant.objects.get(user=account, role=Role.COUNCIL_MEMBER)
    assert grant.unit == world.council.unit and grant.revoked_at is None
    entry = AuditEntry.objects.filter(action="council.member_added").latest("pk")
    assert entry.actor == world.secretary
    assert entry.after["account"] == "hung.vp" and entry.after["role_granted"] is True


def test_a_council_role_already_held_is_not_granted_again(world):
    person = newcomer(world)
    account = make_user("thuky2", Role.SECRETARY, world.s.vkstc, person=person)
    add(world, person)
    assert list(account.grants.values_list("role", flat=True)) == [Role.SECRETARY]


def test_ticking_create_account_opens_one_named_after_the_member(world):
    User.objects.create_user(username="do.van.hung", password="x" * 12)
    added = add(world, newcomer(world), create_account=True)
    account = added.account
    assert account.username == "do.van.hung2"
    assert account.person.full_name == "Đỗ Văn Hùng" and account.must_change_password
    assert account.check_password(added.password)
    grant = RoleGrant.objects.get(user=account)
    assert (grant.role, grant.unit) == (Role.COUNCIL_MEMBER, world.council.unit)
    trail = " ".join(f"{e.before} {e.after} {e.reason}" for e in AuditEntry.objects.all())
    assert added.password not in trail
    assert AuditEntry.objects.filter(action="user.created", object_id=str(account.pk)).exists()


def test_a_username_typed_by_the_secretary_is_used(world):
    added = add(world, newcomer(world), create_account=True, username="Hung.HD")
    assert added.account.username == "hung.hd"


def test_without_ticking_the_member_is_added_without_an_account(world):
    added = add(world, newcomer(world))
    assert added.account is None and added.password == ""
    assert added.membership.pk
    assert not User.objects.filter(person=added.membership.person).exists()


def test_an_account_is_opened_only_for_people_of_the_councils_unit(world):
    outsider = newcomer(world, "Võ Thị Xa", unit=world.s.binh_dai)
    council = services.create_council(
        actor=None, unit=world.s.quang_tri, name="Hội đồng tỉnh", established_on=SINCE
    )
    with pytest.raises(InvalidData, match="thuộc đơn vị của Hội đồng"):
        services.add_member_with_account(
            actor=None,
            council=council,
            person=outsider,
            role="uy_vien",
            valid_from=SINCE,
            create_account=True,
        )
    assert not Membership.objects.filter(person=outsider).exists()
    assert not User.objects.filter(person=outsider).exists()


# --- the screen --------------------------------------------------------------------------------


def post(client: Any, world: Any, person: Person, **extra: Any) -> Any:
    data = {"person": person.pk, "role": "uy_vien", "valid_from": "01/01/2025", **extra}
    return client.post(reverse("council:member_add", args=[world.council.pk]), data)


def test_the_secretary_sees_the_one_time_password_once_in_the_answer(world):
    client = login(world.secretary)
    person = newcomer(world)
    response = post(client, world, person, create_account="on")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    account = User.objects.get(person=person)
    page = response.content.decode()
    assert account.username in page
    password = page.split('id="one-time-password"', 1)[1].split(">", 1)[1].split("<", 1)[0]
    assert account.check_password(password)
    again = client.get(reverse("council:council_detail", args=[world.council.pk]))
    assert password not in again.content.decode()
    assert not list(again.context["messages"])


def test_the_council_page_flags_members_without_an_account_and_counts_them(world):
    client = login(world.secretary)
    response = post(client, world, newcomer(world))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Thành viên này chưa có tài khoản nên chưa bỏ phiếu được" in page
    assert page.count("Chưa có tài khoản") == 1
    assert "1 thành viên chưa có tài khoản đang hoạt động nên chưa bỏ phiếu được" in page
    world.voters[0].is_active = False
    world.voters[0].save(update_fields=["is_active"])
    page = client.get(response["Location"]).content.decode()
    assert "Tài khoản đã bị khoá" in page
    assert "2 thành viên chưa có tài khoản đang hoạt động" in page


def test_a_taken_username_keeps_the_form_and_adds_nobody(world):
    client = login(world.secretary)
    person = newcomer(world)
    response = post(client, world, person, create_account="on", username="hd.0")
    assert response.status_code == 400
    form = response.context["member_form"]
    assert "hd.0" in " ".join(form.errors["username"])
    assert form["username"].value() == "hd.0"
    assert not Membership.objects.filter(person=person).exists()
    assert not User.objects.filter(person=person).exists()


def test_an_outsider_cannot_add_a_member(world, outsider):
    response = post(login(outsider), world, newcomer(world), create_account="on")
    assert response.status_code == 404
