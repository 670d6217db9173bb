"""A sector starts from an empty database with `tdkt createsuperuser`; an officer cannot give an
account the right to sign unless it belongs to a person who leads the unit."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tdkt.accounts import services
from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.errors import InvalidData
from tdkt.org.models import Unit
from tdkt.workflow.access import access_for
from tests.conftest import Sector, login


@pytest.mark.django_db
def test_the_superuser_of_an_empty_database_creates_the_first_unit_through_the_screen() -> None:
    root = User.objects.create_superuser(username="quantri", password="x" * 12)
    client = login(root)
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert "Bắt đầu sử dụng hệ thống" in home.content.decode()
    assert client.get(reverse("org:unit_create")).status_code == 200
    response = client.post(
        reverse("org:unit_create"),
        {
            "code": "VKSTC",
            "name": "Viện kiểm sát nhân dân tối cao",
            "level": "toi_cao",
            "established_on": "26/07/1960",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    unit = Unit.objects.get(code="VKSTC")
    assert response.status_code == 302
    assert response["Location"] == reverse("org:unit_detail", args=[unit.pk])
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_a_superuser_administers_every_unit_without_any_grant(sector: Sector) -> None:
    root = User.objects.create_superuser(username="quantri", password="x" * 12)
    access = access_for(root)
    assert access.can("admin")
    assert access.can("admin", sector.binh_dai.pk) and access.can("sign", sector.kv1.pk)


@pytest.mark.django_db
def test_a_plain_user_without_grants_can_do_nothing(sector: Sector) -> None:
    nobody = User.objects.create_user(username="ai.do", password="x" * 12)
    assert not access_for(nobody).can("admin")
    assert not access_for(nobody).can("view")


def test_an_officer_cannot_give_a_personless_account_the_leaders_right(
    sector: Sector, officer: Any
) -> None:
    user, _password = services.create_account(
        actor=officer, username="ky.thay", role=Role.SECRETARY, unit=sector.kv1
    )
    with pytest.raises(InvalidData, match="Lãnh đạo đơn vị chỉ cấp"):
        services.grant_role(
            actor=officer,
            user=user,
            role=Role.LEADER,
            unit=sector.kv1,
            reason="Phân công ký thay Viện trưởng",
        )
    assert not RoleGrant.objects.filter(user=user, role=Role.LEADER).exists()


def test_an_officer_gives_the_leaders_right_to_the_account_of_the_units_head(
    sector: Sector, officer: Any, admin_user: Any, kv1_head: Any
) -> None:
    user, _password = services.create_account(
        actor=officer, username="vien.truong.kv1", person=kv1_head
    )
    grant = services.grant_role(
        actor=officer,
        user=user,
        role=Role.LEADER,
        unit=sector.kv1,
        reason="Viện trưởng mới được bổ nhiệm",
    )
    assert grant.role == Role.LEADER
    other, _password = services.create_account(
        actor=admin_user, username="pho.vt", role=Role.SECRETARY, unit=sector.kv1
    )
    assert services.grant_role(
        actor=admin_user, user=other, role=Role.LEADER, unit=sector.kv1, reason="Do quản trị cấp"
    )
