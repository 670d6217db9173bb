"""Movements on the shared sector: VKSND tối cao launches; the new VKSND tỉnh Quảng Trị and its
Khu vực 1 answer and register; Bến Tre is the outsider. The clock is pinned to 10/01/2026."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from tdkt.accounts.models import Role, User
from tdkt.movements.models import Movement, ScoreSheet
from tdkt.movements.services import clusters
from tdkt.movements.services import movements as services
from tdkt.org import services as org
from tdkt.org.models import Cluster, Unit
from tdkt.people import services as people
from tdkt.people.models import Person
from tests.conftest import Sector, make_user

NOW = timezone.make_aware(dt.datetime(2026, 1, 10, 9, 0))
LATER = timezone.make_aware(dt.datetime(2026, 3, 15, 9, 0))  # after the registration deadline


def data(**changes: Any) -> services.MovementData:
    base = services.MovementData(
        kind="regular",
        name="Phong trào thi đua năm 2026",
        theme="Đoàn kết, kỷ cương, đổi mới, hoàn thành xuất sắc nhiệm vụ năm 2026",
        slogan="Trách nhiệm, kỷ cương, thực chất, hiệu quả",
        start_year=2026,
        end_year=2026,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 11, 30),
        registration_deadline=dt.date(2026, 2, 28),
        answer_deadline=dt.date(2026, 1, 31),
        titles=["LDTT", "CSTDCS", "CSTD_NGANH", "TTLDTT", "TTLDXS", "CO_NGANH", "CO_CP"],
        basis="Căn cứ Luật Thi đua, khen thưởng năm 2022; Thông tư số 02/2024/TT-VKSTC.",
        purpose="Phát huy tinh thần yêu nước, đoàn kết, hoàn thành xuất sắc nhiệm vụ.",
        requirements="Phong trào thi đua được triển khai sâu rộng, thiết thực, hiệu quả.",
        contents="Thi đua thực hiện đạt và vượt các chỉ tiêu nghiệp vụ.",
        solutions="Đẩy mạnh tuyên truyền; phát hiện, nhân rộng điển hình tiên tiến.",
        criteria="Hoàn thành xuất sắc các chỉ tiêu nghiệp vụ.",
        award_forms="Bằng khen của Viện trưởng VKSND tối cao\nGiấy khen",
        organisation="Văn phòng VKSND tối cao theo dõi, đôn đốc.",
        symbol="KH-VKSTC",
        place="Hà Nội",
        signer_authority="KT. Viện trưởng",
        signer_title="Phó Viện trưởng",
        signer_name="Nguyễn Huy Tiến",
        recipients="Các đơn vị thuộc VKSND tối cao\nVKSND cấp tỉnh\nLưu: VT, VP",
    )
    return replace(base, **changes)


INDICATORS = [
    services.IndicatorData("Tỷ lệ giải quyết án hình sự", "%", Decimal(90)),
    services.IndicatorData("Sáng kiến được công nhận", "sáng kiến", Decimal(2), summable=True),
]


@pytest.fixture
def vkstc_officer(sector: Sector) -> User:
    return make_user("tdkt.vkstc", Role.OFFICER, sector.vkstc)


@pytest.fixture
def kv1_officer(sector: Sector) -> User:
    return make_user("tdkt.kv1", Role.OFFICER, sector.kv1)


@pytest.fixture
def qt_leader(sector: Sector) -> User:
    return make_user("lanhdao.quangtri", Role.LEADER, sector.quang_tri)


@pytest.fixture
def draft(sector: Sector, vkstc_officer: User) -> Movement:
    return services.create_movement(
        actor=vkstc_officer, issuer=sector.vkstc, data=data(), indicators=INDICATORS, now=NOW
    )


@pytest.fixture
def launched(draft: Movement, vkstc_officer: User) -> Movement:
    """Launched on 10/01/2026 to the provinces and the regional units."""
    return services.launch_movement(
        actor=vkstc_officer,
        movement=draft,
        target_levels=["tinh", "khu_vuc"],
        number="12",
        symbol="KH-VKSTC",
        signed_on=dt.date(2026, 1, 10),
        now=NOW,
    )


@pytest.fixture
def running(launched: Movement, vkstc_officer: User) -> Movement:
    return services.start_movement(actor=vkstc_officer, movement=launched, now=NOW)


# --- a cluster of provinces and its scoring sheet -------------------------------------------------

A, B = "Thực hiện chỉ tiêu nghiệp vụ", "Xây dựng ngành"  # the sheet's criteria: 60 and 40 points


@pytest.fixture
def ha_tinh(sector: Sector) -> Unit:
    return org.create_unit(
        actor=None,
        code="T-HT",
        name="Viện kiểm sát nhân dân tỉnh Hà Tĩnh",
        level="tinh",
        parent=sector.vkstc,
    )


def cluster_of(sector: Sector, *members: Unit) -> Cluster:
    """Cluster no. 6 of 2026, organised by VKSTC; each module's `cluster` fixture names members."""
    return org.create_cluster(
        actor=None,
        year=2026,
        kind="cum",
        name="Cụm thi đua số 6 năm 2026",
        organizer=sector.vkstc,
        members=list(members),
    )


def define_sheet(cluster: Cluster, officer: User) -> ScoreSheet:
    """The cluster's scoring sheet, drafted: criterion A out of 60 points, B out of 40."""
    return clusters.define_sheet(
        actor=officer,
        cluster=cluster,
        criteria=[
            clusters.CriterionData(A, Decimal(60)),
            clusters.CriterionData(B, Decimal(40)),
        ],
        now=NOW,
    )


@pytest.fixture
def sheet(cluster: Cluster, vkstc_officer: User) -> ScoreSheet:
    """The `cluster` fixture's sheet, open for scoring until 30/11/2026."""
    sheet = define_sheet(cluster, vkstc_officer)
    return clusters.open_scoring(
        actor=vkstc_officer,
        sheet=sheet,
        deadline=dt.date(2026, 11, 30),
        version=sheet.version,
        now=NOW,
    )


def points(sheet: ScoreSheet, total: int) -> dict[int, Decimal]:
    """`total` points shared 60/40 between the sheet's two criteria."""
    a, b = sheet.criteria.all()
    share = Decimal(total) * Decimal("0.6")
    return {a.pk: share, b.pk: Decimal(total) - share}


def add_person(name: str, unit: Any, since: dt.date = dt.date(2020, 1, 1), **kw: Any) -> Person:
    return people.create_person(
        actor=None,
        full_name=name,
        gender=kw.pop("gender", "male"),
        birth_date=kw.pop("birth_date", dt.date(1988, 5, 5)),
        unit=unit,
        post_kind=kw.pop("post_kind", "kiem_sat_vien"),
        position_from=since,
        recruited_on=kw.pop("recruited_on", since),
        **kw,
    )
