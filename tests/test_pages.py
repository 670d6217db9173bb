"""What the screens show: timeline, search without diacritics, Vietnamese order, unit history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from tdkt.people import services as people
from tdkt.records import services as records
from tests.conftest import Sector, login


def _names_in_order(body: str, names: list[str]) -> list[str]:
    return sorted(names, key=body.index)


def test_person_page_shows_the_whole_record_as_one_timeline(sector: Sector, officer: Any) -> None:
    records.record_discipline(
        actor=None,
        person=sector.an,
        level="khien_trach",
        decided_on=dt.date(2021, 5, 4),
        ends_on=dt.date(2022, 5, 3),
    )
    records.record_leave(
        actor=None,
        person=sector.an,
        kind="om",
        starts_on=dt.date(2022, 2, 1),
        ends_on=dt.date(2022, 3, 1),
    )
    records.record_initiative(
        actor=None,
        code="SK-2023-1",
        kind="sang_kien",
        title="Số hóa hồ sơ kiểm sát",
        scope="co_so",
        year=2023,
        recognized_on=dt.date(2023, 11, 2),
        authors=[sector.an],
    )
    body = login(officer).get(reverse("people:person_detail", args=[sector.an.pk])).content.decode()
    for text in [
        "Lao động tiên tiến",
        "Quyết định số 12/QĐ-VKS ngày 20/01/2024",
        "Hoàn thành xuất sắc nhiệm vụ",
        "Kỷ luật: Khiển trách",
        "Nghỉ ốm",
        "Số hóa hồ sơ kiểm sát",
        "Viện kiểm sát nhân dân khu vực 1 - Quảng Trị",
        "Viện kiểm sát nhân dân thành phố Đồng Hới",
        "01/07/2025",
    ]:
        assert text in body, text
    # newest year first
    assert body.index(">2025<") < body.index(">2023<") < body.index(">2021<")


def test_search_without_diacritics_finds_the_person(sector: Sector, admin_user: Any) -> None:
    client = login(admin_user)
    body = client.get(reverse("people:person_list"), {"q": "nguyen van an"}).content.decode()
    assert "Nguyễn Văn An" in body and "Trần Thị Bình" not in body
    body = client.get(reverse("people:person_list"), {"q": "TRAN binh"}).content.decode()
    assert "Trần Thị Bình" in body and "Nguyễn Văn An" not in body
    body = client.get(reverse("people:person_list"), {"q": "044085001234"}).content.decode()
    assert "Nguyễn Văn An" in body


def test_people_are_listed_by_given_name_the_vietnamese_way(
    sector: Sector, admin_user: Any
) -> None:
    names = [
        "Lê Thị Ánh",
        "Phạm Văn Anh",
        "Đỗ Đức Ân",
        "Hoàng Văn Dũng",
        "Vũ Thị Đào",
        "Ngô Văn Ăn",
        "Bùi Văn Anh",
    ]
    for i, name in enumerate(names):
        people.create_person(
            actor=None,
            full_name=name,
            gender="male",
            birth_date=dt.date(1980, 1, 1 + i),
            unit=sector.binh_dai,
        )
    body = login(admin_user).get(reverse("people:person_list")).content.decode()
    expected = [
        "Bùi Văn Anh",
        "Phạm Văn Anh",
        "Lê Thị Ánh",
        "Ngô Văn Ăn",
        "Đỗ Đức Ân",
        "Trần Thị Bình",
        "Hoàng Văn Dũng",
        "Vũ Thị Đào",
    ]
    assert _names_in_order(body, expected) == expected


def test_htmx_search_returns_only_the_table(sector: Sector, admin_user: Any) -> None:
    response = login(admin_user).get(
        reverse("people:person_list"), {"q": "an"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<table" in body and "<html" not in body


def test_unit_page_carries_the_history_of_the_units_it_succeeded(
    sector: Sector, officer: Any
) -> None:
    body = (
        login(officer).get(reverse("org:unit_detail", args=[sector.quang_tri.pk])).content.decode()
    )
    assert "Tập thể lao động tiên tiến" in body  # earned by Quảng Bình in 2023
    assert "Viện kiểm sát nhân dân tỉnh Quảng Bình" in body
    assert "Hình thành từ" in body


def test_unit_page_counts_the_awards_of_its_current_staff(sector: Sector, officer: Any) -> None:
    body = login(officer).get(reverse("org:unit_detail", args=[sector.kv1.pk])).content.decode()
    assert "Khen thưởng cá nhân của cán bộ hiện tại" in body
    assert 'title="Lao động tiên tiến">LDTT' in body


def test_lists_export_to_xlsx_with_the_rows_on_screen(sector: Sector, officer: Any) -> None:
    import io

    from openpyxl import load_workbook

    client = login(officer)
    for name, expected in [
        ("people:person_list", "Nguyễn Văn An"),
        ("reports:award_list", "Lao động tiên tiến"),
        ("org:unit_list", "Viện kiểm sát nhân dân khu vực 1 - Quảng Trị"),
    ]:
        response = client.get(reverse(name), {"xuat": "xlsx"})
        assert response.status_code == 200
        sheet = load_workbook(
            io.BytesIO(
                b"".join(response.streaming_content) if response.streaming else response.content
            )
        ).active
        values = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
        assert expected in values, name
        assert "Trần Thị Bình" not in values
