"""Personas and a small sector shared by all tests.

The sector: VKSND tối cao with its Văn phòng; two provinces before 2025-07-01 (Quảng Bình with
district Đồng Hới, Quảng Trị with district Vĩnh Linh) merged into the new VKSND tỉnh Quảng Trị,
whose regional unit Khu vực 1 succeeded both districts; and Bến Tre, an outsider province."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.org import services as org
from tdkt.org.models import Unit, UnitLevel
from tdkt.people import services as people
from tdkt.people.models import Person
from tdkt.records import services as records

MERGER = dt.date(2025, 7, 1)
PASSWORD = "mat-khau-thu-nghiem-9"


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Any) -> None:
    """Uploads, photos and generated files of a test go to its own folder, never to var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Figures kept in the cache (the ledger's count, the dashboard's aggregates) are keyed on the
    facts stamp, which only moves when a transaction commits: tests that roll back would otherwise
    find an earlier test's figures under the same key."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _cheap_ballot_key(settings: Any) -> None:
    """The council's ballot key is wrapped with argon2id's cheapest cost in tests (0.5 s and
    256 MiB per sitting in production; tests/council/test_ballot_secrecy.py checks that default)."""
    from nacl.pwhash import argon2id

    settings.TDKT_BALLOT_KDF = (argon2id.OPSLIMIT_MIN, argon2id.MEMLIMIT_MIN)


@dataclass
class Sector:
    vkstc: Unit
    van_phong: Unit
    quang_binh: Unit
    dong_hoi: Unit
    quang_tri_old: Unit
    vinh_linh: Unit
    quang_tri: Unit
    kv1: Unit
    ben_tre: Unit
    binh_dai: Unit
    an: Person  # Nguyễn Văn An, Đồng Hới → Khu vực 1
    binh: Person  # Trần Thị Bình, Bình Đại (outsider's staff)


@pytest.fixture
def sector(db: Any) -> Sector:
    def unit(code: str, name: str, level: str, parent: Unit | None = None, **kw: Any) -> Unit:
        return org.create_unit(
            actor=None, code=code, name=name, level=level, parent=parent, rebuild=False, **kw
        )

    vkstc = unit("VKSTC", "Viện kiểm sát nhân dân tối cao", UnitLevel.TOI_CAO)
    van_phong = unit("VKSTC-VP", "Văn phòng VKSND tối cao", UnitLevel.DON_VI_TRUC_THUOC, vkstc)
    qb = unit("T-QB", "Viện kiểm sát nhân dân tỉnh Quảng Bình", UnitLevel.TINH, vkstc)
    dh = unit("H-QB-DH", "Viện kiểm sát nhân dân thành phố Đồng Hới", UnitLevel.HUYEN, qb)
    qt_old = unit("T-QT", "Viện kiểm sát nhân dân tỉnh Quảng Trị", UnitLevel.TINH, vkstc)
    vl = unit("H-QT-VL", "Viện kiểm sát nhân dân huyện Vĩnh Linh", UnitLevel.HUYEN, qt_old)
    qt = unit(
        "T25-QT",
        "Viện kiểm sát nhân dân tỉnh Quảng Trị",
        UnitLevel.TINH,
        vkstc,
        established_on=MERGER,
    )
    kv1 = unit(
        "KV-QT-01",
        "Viện kiểm sát nhân dân khu vực 1 - Quảng Trị",
        UnitLevel.KHU_VUC,
        qt,
        established_on=MERGER,
    )
    bt = unit("T-BT", "Viện kiểm sát nhân dân tỉnh Bến Tre", UnitLevel.TINH, vkstc)
    bd = unit("H-BT-BD", "Viện kiểm sát nhân dân huyện Bình Đại", UnitLevel.HUYEN, bt)
    org.dissolve_into(
        actor=None, predecessors=[qb, qt_old], successor=qt, effective_on=MERGER, rebuild=False
    )
    org.dissolve_into(
        actor=None, predecessors=[dh, vl], successor=kv1, effective_on=MERGER, rebuild=False
    )
    org.rebuild_scope()

    an = people.create_person(
        actor=None,
        full_name="Nguyễn Văn An",
        gender="male",
        birth_date=dt.date(1985, 4, 2),
        unit=dh,
        post_kind="kiem_sat_vien",
        position_from=dt.date(2010, 9, 1),
        citizen_id="044085001234",
        recruited_on=dt.date(2010, 9, 1),
    )
    people.assign_position(
        actor=None, person=an, unit=kv1, post_kind="kiem_sat_vien", valid_from=MERGER
    )
    binh = people.create_person(
        actor=None,
        full_name="Trần Thị Bình",
        gender="female",
        birth_date=dt.date(1990, 1, 15),
        unit=bd,
        post_kind="chuyen_vien",
        position_from=dt.date(2015, 3, 1),
    )
    decision = records.record_decision(
        actor=None,
        number="12/QĐ-VKS",
        signed_on=dt.date(2024, 1, 20),
        level="tinh",
        issuer=qb,
        signer_name="Lê Văn Cường",
        signer_title="Viện trưởng",
    )
    records.record_rating(actor=None, person=an, year=2023, rating="HTXS")
    records.record_award(actor=None, award="LDTT", year=2023, decision=decision, person=an)
    records.record_award(actor=None, award="TTLDTT", year=2023, decision=decision, unit=qb)
    return Sector(vkstc, van_phong, qb, dh, qt_old, vl, qt, kv1, bt, bd, an, binh)


def make_user(
    username: str, role: str | None, unit: Unit | None, person: Person | None = None
) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, full_name=username, person=person
    )
    if role and unit:
        RoleGrant.objects.create(user=user, role=role, unit=unit)
    return user


@pytest.fixture
def admin_user(sector: Sector) -> User:
    return make_user("quantri", Role.ADMIN, sector.vkstc)


@pytest.fixture
def officer(sector: Sector) -> User:
    """TĐKT officer of the new VKSND tỉnh Quảng Trị."""
    return make_user("tdkt.quangtri", Role.OFFICER, sector.quang_tri)


@pytest.fixture
def outsider(sector: Sector) -> User:
    """TĐKT officer of Bến Tre: must see nothing of Quảng Trị."""
    return make_user("tdkt.bentre", Role.OFFICER, sector.ben_tre)


@pytest.fixture
def staff_member(sector: Sector) -> User:
    return make_user("canbo.an", Role.STAFF, sector.kv1, person=sector.an)


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
