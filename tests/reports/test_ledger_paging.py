"""The award ledger list pages by keyset (issue 16): "Trang sau"/"Trang trước" carry a line's
(year, award, id), every line comes exactly once in the ledger's order, a cursor that is not one
opens the first page, the filters follow the pages, and the count is not taken again page after
page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.people import services as people
from tdkt.records import services as records
from tdkt.records.models import AwardEntry
from tdkt.reports.views.ledger import cursor_of, ledger_page, parse_cursor
from tests.conftest import Sector, login

INDIVIDUAL_AWARDS = ("LDTT", "CSTDCS", "GIAY_KHEN", "BK_NGANH")
YEARS = range(2012, 2025)  # 13 years × 4 awards × 2 people + the sector's 2 lines = 106 lines


@pytest.fixture
def ledger(sector: Sector) -> list[int]:
    """Two people with the same awards in the same years: lines tie on (year, award)."""
    decision = records.record_decision(
        actor=None,
        number="99/QĐ-VKSTC",
        signed_on=dt.date(2025, 1, 15),
        level="nganh",
        issuer=sector.vkstc,
        signer_name="Nguyễn Văn Trí",
        signer_title="Viện trưởng",
    )
    for year in YEARS:
        for award in INDIVIDUAL_AWARDS:
            for person in (sector.an, sector.binh):
                if (award, year) == ("LDTT", 2023) and person == sector.an:
                    continue  # the sector's own line
                records.record_award(
                    actor=None, award=award, year=year, decision=decision, person=person
                )
    return list(
        AwardEntry.objects.filter(revoked_on__isnull=True)
        .order_by("-year", "award", "id")
        .values_list("id", flat=True)
    )


def _walk(size: int, **params: str) -> list[list[int]]:
    pages, cursor = [], None
    entries = AwardEntry.objects.filter(revoked_on__isnull=True)
    while True:
        page = ledger_page(entries, {**params, **({"sau": cursor} if cursor else {})}, size)
        pages.append([e.pk for e in page])
        cursor = page.next_cursor
        if cursor is None:
            return pages


def test_next_pages_give_every_line_once_in_the_ledgers_order(ledger: list[int]) -> None:
    pages = _walk(size=7)
    walked = [pk for page in pages for pk in page]
    assert walked == ledger  # no line twice, none left out, in order
    assert all(len(page) == 7 for page in pages[:-1]) and 0 < len(pages[-1]) <= 7


def test_lines_of_the_same_year_and_award_are_ordered_by_id_across_pages(
    ledger: list[int],
) -> None:
    entries = AwardEntry.objects.filter(revoked_on__isnull=True)
    first = ledger_page(entries, {}, size=1)
    second = ledger_page(entries, {"sau": first.next_cursor or ""}, size=1)
    [a], [b] = first.lines, second.lines
    assert (a.year, a.award) == (b.year, b.award) == (2024, "BK_NGANH")
    assert a.pk < b.pk


def test_the_previous_page_is_the_page_before(ledger: list[int]) -> None:
    entries = AwardEntry.objects.filter(revoked_on__isnull=True)
    one = ledger_page(entries, {}, size=5)
    two = ledger_page(entries, {"sau": one.next_cursor or ""}, size=5)
    three = ledger_page(entries, {"sau": two.next_cursor or ""}, size=5)
    back = ledger_page(entries, {"truoc": three.previous_cursor or ""}, size=5)
    assert [e.pk for e in back] == [e.pk for e in two] == ledger[5:10]
    assert back.next_cursor == two.next_cursor
    first_again = ledger_page(entries, {"truoc": back.previous_cursor or ""}, size=5)
    assert [e.pk for e in first_again] == ledger[:5]
    assert first_again.previous_cursor is None and one.previous_cursor is None


@pytest.mark.parametrize(
    "bad",
    [
        "x",
        "2025.ZZZ.1",
        "99999.LDTT.1",
        "2025.LDTT.-1",
        "2025.LDTT.0",
        "2025.LDTT.99999999999999999999999",
        "2025.LDTT",
        "2025.LDTT.1.2",
        "1800.LDTT.5",
        "'; DROP TABLE x;--",
        "2025.LDTT.1" * 400,
    ],
)
def test_a_cursor_that_is_not_one_opens_the_first_page(
    ledger: list[int], sector: Sector, admin_user: Any, bad: str
) -> None:
    assert parse_cursor(bad) is None
    client = login(admin_user)
    url = reverse("reports:award_list")
    for key in ("sau", "truoc"):
        response = client.get(url, {key: bad})
        assert response.status_code == 200
        assert _lines(response) == _lines(client.get(url))


def test_a_cursor_past_the_end_opens_the_first_page(ledger: list[int]) -> None:
    entries = AwardEntry.objects.filter(revoked_on__isnull=True)
    last = AwardEntry.objects.get(pk=ledger[-1])
    page = ledger_page(entries, {"sau": cursor_of(last)}, size=5)
    assert [e.pk for e in page] == ledger[:5]


def test_trang_sau_keeps_the_filters_and_walks_all_matching_lines(
    ledger: list[int], sector: Sector, admin_user: Any
) -> None:
    client = login(admin_user)
    url = reverse("reports:award_list") + "?doi_tuong=individual&tu_nam=2013"
    expected = AwardEntry.objects.filter(
        revoked_on__isnull=True, person__isnull=False, year__gte=2013
    ).count()
    seen: list[tuple[str, ...]] = []
    pages = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        doc = lxml.html.fromstring(response.content.decode())
        [count] = doc.xpath("//*[@data-count]")
        assert int(count.get("data-count")) == expected
        seen += _lines(response)
        pages += 1
        [nxt] = doc.xpath('//a[@rel="next"]') or [None]
        url = nxt.get("href") if nxt is not None else ""
        if url:
            assert "doi_tuong=individual" in url and "tu_nam=2013" in url and "sau=" in url
            url = reverse("reports:award_list") + url
    assert pages == 2  # 50 + the rest
    assert len(seen) == len(set(seen)) == expected
    assert all(int(line[0]) >= 2013 for line in seen)
    assert not any("Quảng Bình" in line[2] for line in seen)  # the unit's award left out


@pytest.mark.django_db(transaction=True)
def test_the_count_is_taken_once_not_on_every_page(
    ledger: list[int], sector: Sector, admin_user: Any
) -> None:
    client = login(admin_user)
    url = reverse("reports:award_list")
    first = client.get(url)
    [nxt] = lxml.html.fromstring(first.content.decode()).xpath('//a[@rel="next"]')
    with CaptureQueriesContext(connection) as queries:
        client.get(url + nxt.get("href"))
    assert not [
        q
        for q in queries.captured_queries
        if "COUNT(" in q["sql"].upper() and "records_awardentry" in q["sql"]
    ]
    # A new line is counted at once.
    person = people.create_person(
        actor=None,
        full_name="Lê Thị Cúc",
        gender="female",
        birth_date=dt.date(1992, 3, 3),
        unit=sector.kv1,
        post_kind="chuyen_vien",
        position_from=dt.date(2020, 1, 1),
    )
    decision = AwardEntry.objects.get(pk=ledger[0]).decision
    records.record_award(actor=None, award="LDTT", year=2024, decision=decision, person=person)
    doc = lxml.html.fromstring(client.get(url).content.decode())
    [count] = doc.xpath("//*[@data-count]")
    assert int(count.get("data-count")) == len(ledger) + 1


def _lines(response: Any) -> list[tuple[str, ...]]:
    doc = lxml.html.fromstring(response.content.decode())
    return [
        tuple(" ".join(td.text_content().split()) for td in tr.xpath("td"))
        for tr in doc.xpath('//div[@id="award-table"]//tbody/tr')
    ]
