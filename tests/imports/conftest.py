"""A small province for the import tests, built through the services.

VKSND tỉnh Hà Tĩnh (HT) with two regional units (KV1, KV2) and a dissolved district (HK) merged
into KV1; VKSND tỉnh Nghệ An (NA) with KV-NA-01, the outsiders' province."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from tdkt.accounts.models import Role, User
from tdkt.imports import services
from tdkt.imports.models import ImportJob
from tdkt.org import services as org
from tdkt.org.models import Unit, UnitLevel
from tdkt.people import services as people
from tdkt.people.models import Person
from tests.conftest import login, make_user

STAFF_HEADERS = [
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Số CCCD",
    "Mã đơn vị",
    "Chức vụ",
    "Ngày bắt đầu chức vụ",
    "Ngày tuyển dụng",
]
AWARD_HEADERS = [
    "Họ và tên",
    "Ngày sinh",
    "Số CCCD",
    "Mã đơn vị",
    "Danh hiệu, hình thức",
    "Năm thành tích",
    "Số quyết định",
    "Ngày ký",
    "Cấp quyết định",
    "Cơ quan ban hành",
    "Người ký",
    "Chức vụ người ký",
]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@dataclass
class Units:
    ha_tinh: Unit
    kv1: Unit
    kv2: Unit
    huong_khe: Unit  # dissolved into KV1 on 2025-07-01
    nghe_an: Unit
    kv_na: Unit
    hoa: Person  # Lê Thị Hoa, KV1, has a CCCD
    son: Person  # Phan Văn Sơn, KV2, no CCCD
    binh: Person  # Hồ Văn Bình, Nghệ An (outside Hà Tĩnh)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> None:
    settings.TASKS = IMMEDIATE


@pytest.fixture
def units(db: Any) -> Units:
    def unit(code: str, name: str, level: str, parent: Unit | None = None) -> Unit:
        return org.create_unit(
            actor=None, code=code, name=name, level=level, parent=parent, rebuild=False
        )

    top = unit("VKSTC", "Viện kiểm sát nhân dân tối cao", UnitLevel.TOI_CAO)
    ha_tinh = unit("HT", "Viện kiểm sát nhân dân tỉnh Hà Tĩnh", UnitLevel.TINH, top)
    kv1 = unit("KV-HT-01", "Viện kiểm sát nhân dân khu vực 1 - Hà Tĩnh", UnitLevel.KHU_VUC, ha_tinh)
    kv2 = unit("KV-HT-02", "Viện kiểm sát nhân dân khu vực 2 - Hà Tĩnh", UnitLevel.KHU_VUC, ha_tinh)
    huong_khe = unit("H-HT-HK", "Viện kiểm sát nhân dân huyện Hương Khê", UnitLevel.HUYEN, ha_tinh)
    nghe_an = unit("NA", "Viện kiểm sát nhân dân tỉnh Nghệ An", UnitLevel.TINH, top)
    kv_na = unit(
        "KV-NA-01", "Viện kiểm sát nhân dân khu vực 1 - Nghệ An", UnitLevel.KHU_VUC, nghe_an
    )
    org.dissolve_into(
        actor=None,
        predecessors=[huong_khe],
        successor=kv1,
        effective_on=dt.date(2025, 7, 1),
        rebuild=False,
    )
    org.rebuild_scope()
    hoa = people.create_person(
        actor=None,
        full_name="Lê Thị Hoa",
        gender="female",
        birth_date=dt.date(1986, 5, 12),
        unit=kv1,
        post_kind="kiem_sat_vien",
        position_from=dt.date(2015, 1, 1),
        citizen_id="042186000111",
        recruited_on=dt.date(2010, 8, 1),
    )
    son = people.create_person(
        actor=None,
        full_name="Phan Văn Sơn",
        gender="male",
        birth_date=dt.date(1990, 3, 3),
        unit=kv2,
        post_kind="chuyen_vien",
        position_from=dt.date(2018, 6, 1),
    )
    binh = people.create_person(
        actor=None,
        full_name="Hồ Văn Bình",
        gender="male",
        birth_date=dt.date(1982, 7, 7),
        unit=kv_na,
        post_kind="kiem_sat_vien",
        position_from=dt.date(2012, 1, 1),
        citizen_id="040182000999",
    )
    return Units(ha_tinh, kv1, kv2, huong_khe, nghe_an, kv_na, hoa, son, binh)


@pytest.fixture
def officer_user(units: Units) -> User:
    """TĐKT officer of VKSND tỉnh Hà Tĩnh (and so of its regional units)."""
    return make_user("tdkt.hatinh", Role.OFFICER, units.ha_tinh)


@pytest.fixture
def kv2_officer(units: Units) -> User:
    return make_user("tdkt.kv2", Role.OFFICER, units.kv2)


@pytest.fixture
def outsider_user(units: Units) -> User:
    """TĐKT officer of Nghệ An: must reach nothing of Hà Tĩnh."""
    return make_user("tdkt.nghean", Role.OFFICER, units.nghe_an)


@pytest.fixture
def staff_user(units: Units) -> User:
    return make_user("canbo.hoa", Role.STAFF, units.kv1, person=units.hoa)


@pytest.fixture
def leader_user(units: Units) -> User:
    return make_user("lanhdao.hatinh", Role.LEADER, units.ha_tinh)


client_for = login


def xlsx_file(
    headers: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    *,
    name: str = "danh-sach.xlsx",
    above: Sequence[Sequence[Any]] = (),
) -> SimpleUploadedFile:
    """An uploaded .xlsx with `above` (title lines), a header row and `rows`."""
    workbook = Workbook()
    sheet = workbook.active
    for line in above:
        sheet.append(list(line))
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def staff_row(
    name: str = "Trần Thị Mai",
    gender: str = "Nữ",
    birth: Any = "15/06/1992",
    cid: Any = "",
    unit: str = "KV-HT-01",
    post: str = "Kiểm sát viên",
    start: Any = "01/09/2020",
    recruited: Any = "01/08/2016",
) -> list[Any]:
    return [name, gender, birth, cid, unit, post, start, recruited]


def award_row(
    name: str = "Lê Thị Hoa",
    birth: Any = "12/05/1986",
    cid: Any = "",
    unit: str = "KV-HT-01",
    award: str = "LDTT",
    year: Any = 2023,
    number: str = "15/QĐ-VKS",
    signed: Any = "20/01/2024",
    level: str = "Thủ trưởng đơn vị cơ sở",
    issuer: str = "Viện kiểm sát nhân dân tỉnh Hà Tĩnh",
    signer: str = "Nguyễn Văn Tâm",
    signer_title: str = "Viện trưởng",
) -> list[Any]:
    return [
        name,
        birth,
        cid,
        unit,
        award,
        year,
        number,
        signed,
        level,
        issuer,
        signer,
        signer_title,
    ]


@pytest.fixture
def run_import(officer_user: User, units: Units) -> Callable[..., ImportJob]:
    """Submit a file as the Hà Tĩnh officer and return the job once the (immediate) task ran."""

    def run(
        rows: Sequence[Sequence[Any]],
        *,
        kind: str = "staff",
        headers: Sequence[Any] | None = None,
        unit: Unit | None = None,
        user: User | None = None,
        **kwargs: Any,
    ) -> ImportJob:
        header = headers or (STAFF_HEADERS if kind == "staff" else AWARD_HEADERS)
        job = services.submit_import(
            actor=user or officer_user,
            kind=kind,
            unit=unit or units.ha_tinh,
            upload=xlsx_file(header, rows, **kwargs),
        )
        job.refresh_from_db()
        return job

    return run


def messages_of(job: ImportJob) -> list[str]:
    return [e["message"] for e in job.errors]
