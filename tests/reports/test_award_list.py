"""The award ledger list opened from a dashboard figure: the figure's conditions (unit counted for,
years, tier, leadership, gender…) filter it, are named in words, and the export follows them."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import lxml.html
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.people import services as people
from tdkt.records import services as records
from tests.conftest import Sector, login


def ledger(client: Any, **params: Any) -> tuple[int, Any]:
    response = client.get(reverse("reports:award_list"), params)
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content.decode())
    [count] = doc.xpath('//*[@id="active-filters"]//*[@data-count]')
    return int(count.get("data-count")), doc


def chips(doc: Any) -> list[str]:
    return [
        " ".join(li.text_content().replace("×", "").split())
        for li in doc.xpath('//li[@class="chip"]')
    ]


def test_it_lists_what_a_figure_counts_and_names_each_condition(
    sector: Sector, officer: Any
) -> None:
    client = login(officer)
    count, doc = ledger(client, tai_don_vi=sector.quang_tri.pk, nam=2023, khoi="co_so")
    assert count == 1
    assert "Nguyễn Văn An" in doc.text_content()
    assert chips(doc) == [
        "Tính cho Viện kiểm sát nhân dân tỉnh Quảng Trị (gồm đơn vị trực thuộc, đơn vị tiền thân)",
        "Năm 2023",
        "Thuộc: Cấp cơ sở (cấp huyện, khu vực)",
    ]
    [clear] = doc.xpath('//a[@class="chip-clear"]')
    assert clear.text == "bỏ lọc" and clear.get("href") == reverse("reports:award_list")


def test_each_condition_can_be_dropped_on_its_own(sector: Sector, officer: Any) -> None:
    client = login(officer)
    _count, doc = ledger(client, tai_don_vi=sector.quang_tri.pk, nam=2023, khoi="co_so")
    [drop_tier] = doc.xpath('//li[@class="chip"][contains(., "Cấp cơ sở")]/a')
    response = client.get(drop_tier.get("href"))
    assert 'data-count="2"' in response.content.decode()


def test_leadership_gender_level_and_subject_filter_the_lines(sector: Sector, officer: Any) -> None:
    client = login(officer)
    unit = sector.quang_tri.pk
    assert ledger(client, tai_don_vi=unit, lanh_dao=0)[0] == 1
    assert ledger(client, tai_don_vi=unit, lanh_dao=1)[0] == 0
    assert ledger(client, tai_don_vi=unit, nu=1)[0] == 0
    count, doc = ledger(client, tai_don_vi=unit, nu=0)
    assert count == 1 and "Nam" in chips(doc)
    assert ledger(client, tai_don_vi=unit, cap="tinh", doi_tuong="collective")[0] == 1
    assert ledger(client, tai_don_vi=unit, cap="nganh")[0] == 0
    assert ledger(client, tai_don_vi=unit, tu_nam=2020, den_nam=2022)[0] == 0
    count, doc = ledger(client, tai_don_vi=unit, tu_nam=2021, den_nam=2025)
    assert count == 2 and "Từ năm 2021 đến năm 2025" in chips(doc)


def test_unknown_values_are_ignored_not_trusted(sector: Sector, officer: Any) -> None:
    count, doc = ledger(login(officer), khoi="sao_hoa", cap="x", nu="2", danh_hieu="ZZZ")
    assert count == 2 and chips(doc) == []


def test_a_unit_outside_the_users_scope_answers_404(sector: Sector, outsider: Any) -> None:
    response = login(outsider).get(
        reverse("reports:award_list"), {"tai_don_vi": sector.quang_tri.pk}
    )
    assert response.status_code == 404


def test_the_export_follows_the_same_filters(sector: Sector, officer: Any) -> None:
    response = login(officer).get(
        reverse("reports:award_list"),
        {
            "tai_don_vi": str(sector.quang_tri.pk),
            "nam": "2023",
            "doi_tuong": "collective",
            "xuat": "xlsx",
        },
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert rows == [
        (
            2023,
            "Tập thể lao động tiên tiến",
            "Viện kiểm sát nhân dân tỉnh Quảng Bình",
            "Viện kiểm sát nhân dân tỉnh Quảng Bình",
            "12/QĐ-VKS",
            rows[0][5],
            "Lê Văn Cường",
            None,
        )
    ]


def test_an_officer_still_sees_what_his_units_staff_won_before_moving_away(
    sector: Sector, outsider: Any
) -> None:
    decision = records.record_decision(
        actor=None,
        number="05/QĐ-VKS",
        signed_on=dt.date(2023, 1, 10),
        level="tinh",
        issuer=sector.ben_tre,
        signer_name="Phạm Văn Dũng",
        signer_title="Viện trưởng",
    )
    records.record_award(actor=None, award="LDTT", year=2022, decision=decision, person=sector.binh)
    people.assign_position(
        actor=None,
        person=sector.binh,
        unit=sector.kv1,
        post_kind="chuyen_vien",
        valid_from=dt.date(2024, 3, 1),
    )
    count, doc = ledger(login(outsider), tai_don_vi=sector.ben_tre.pk)
    assert count == 1 and "Trần Thị Bình" in doc.text_content()


def test_the_htmx_partial_updates_the_count_and_conditions(sector: Sector, officer: Any) -> None:
    response = login(officer).get(
        reverse("reports:award_list"),
        {"tai_don_vi": str(sector.quang_tri.pk), "danh_hieu": "LDTT"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert 'data-count="1"' in body and "Lao động tiên tiến" in body and "<html" not in body
