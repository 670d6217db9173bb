"""Every figure of the reports on the small demo sector equals a count written here from the
award ledger (AwardEntry), without `tdkt.reports.stats`: an award counts in the year of
achievement, for the unit its holder stood in on the signing day, for that unit's tier, and for
every unit above it or succeeding it; revoked awards do not count."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.db.models import Count, Q, QuerySet

from tdkt.org.models import Succession, Unit, UnitScope
from tdkt.org.services import lineage
from tdkt.people.models import Person
from tdkt.records.models import AwardEntry
from tdkt.reports.documents.base import ReportRequest, sector_root
from tdkt.reports.documents.catalogue import make
from tdkt.rules import codes

from .conftest import docx_paragraphs, docx_table, number, row_of, xlsx_rows, xlsx_sheets

pytestmark = pytest.mark.django_db
YEAR = 2025
TIERS = {"Trung ương": "central", "Cấp tỉnh": "provincial", "Cấp cơ sở": "grassroots"}
LEVELS = {"Cơ sở": "co_so", "Cấp tỉnh": "tinh", "Cấp ngành": "nganh", "Nhà nước": "nha_nuoc"}


def vn(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def ledger(**filters: Any) -> QuerySet[AwardEntry]:
    return AwardEntry.objects.filter(revoked_on__isnull=True, **filters)


def within(unit: Unit) -> QuerySet[AwardEntry]:
    return ledger(holder_unit__in=UnitScope.objects.filter(ancestor=unit).values("descendant"))


def tier_of_units() -> dict[int, str]:
    """District and regional procuracies are the grassroots, provinces the provincial tier, the
    rest central; a department is in the tier of the unit it sits in."""
    units = {u.pk: u for u in Unit.objects.all()}

    def tier(unit: Unit) -> str:
        if unit.level in ("huyen", "khu_vuc"):
            return "grassroots"
        if unit.level == "tinh":
            return "provincial"
        if unit.level == "phong" and unit.parent_id:
            return tier(units[unit.parent_id])
        return "central"

    return {pk: tier(u) for pk, u in units.items()}


def province(name: str) -> Unit:
    return Unit.objects.get(level="tinh", dissolved_on__isnull=True, name__endswith=name)


@pytest.fixture
def sector_review(demo: None) -> bytes:
    return make(ReportRequest("tong_ket", "docx", sector_root(), sector=True, year=YEAR)).content


def test_the_sector_review_counts_titles_by_tier_like_the_ledger(sector_review: bytes) -> None:
    tiers = tier_of_units()
    people = docx_table(sector_review, "Danh hiệu", "Trung ương", "Cấp tỉnh", "Cấp cơ sở")
    units = docx_table(sector_review, "Danh hiệu", "Trung ương", "Cấp tỉnh", "Cấp cơ sở", index=1)
    for table, subject in ((people, codes.Subject.INDIVIDUAL), (units, codes.Subject.COLLECTIVE)):
        for code, (kind, given_to, name) in codes.AWARDS.items():
            if kind != codes.AwardKind.TITLE or given_to != subject:
                continue
            row = row_of(table, name)
            holders = Counter(
                tiers[h]
                for h in ledger(year=YEAR, award=code).values_list("holder_unit", flat=True)
            )
            for column, tier in TIERS.items():
                assert number(row[table[0].index(column)]) == holders[tier], (name, column)
            assert number(row[4]) == ledger(year=YEAR, award=code).count()
            assert number(row[5]) == ledger(year=YEAR - 1, award=code).count()
            assert number(row[6]) == number(row[4]) - number(row[5])
    assert (
        number(row_of(people, "Tổng cộng")[4])
        == ledger(year=YEAR, kind="title", person__isnull=False).count()
    )
    assert (
        number(row_of(units, "Tổng cộng")[4])
        == ledger(year=YEAR, kind="title", unit__isnull=False).count()
    )


def test_the_sector_review_counts_forms_by_the_level_that_decided(sector_review: bytes) -> None:
    forms = docx_table(sector_review, "Hình thức", "Cơ sở")
    for code, (kind, _s, name) in codes.AWARDS.items():
        if kind != codes.AwardKind.FORM:
            continue
        row = row_of(forms, name)
        for column, level in LEVELS.items():
            expected = ledger(year=YEAR, award=code, decision__level=level).count()
            assert number(row[forms[0].index(column)]) == expected, (name, column)
        assert number(row[5]) == ledger(year=YEAR, award=code).count()
        assert number(row[6]) == ledger(year=YEAR - 1, award=code).count()
    assert number(row_of(forms, "Tổng cộng")[5]) == ledger(year=YEAR, kind="form").count()


def test_the_sector_review_shares_are_parts_of_wholes_from_the_ledger(
    sector_review: bytes,
) -> None:
    tiers = tier_of_units()
    shares = docx_table(sector_review, "Chỉ tiêu", "Số lượng", "Tổng số")
    everyone = ledger(year=YEAR)
    grassroots = sum(
        1 for h in everyone.values_list("holder_unit", flat=True) if tiers[h] == "grassroots"
    )
    people = ledger(year=YEAR, person__isnull=False)
    expected = {
        "Khen thưởng cấp cơ sở (trên tổng số danh hiệu, hình thức)": (grassroots, everyone.count()),
        "Cá nhân không giữ chức vụ lãnh đạo, quản lý (trên tổng số cá nhân)": (
            people.filter(holder_leader=False).count(),
            people.count(),
        ),
        "Nữ (trên tổng số cá nhân)": (
            people.filter(person__gender="female").count(),
            people.count(),
        ),
    }
    for label, (part, whole) in expected.items():
        row = row_of(shares, label)
        assert (number(row[1]), number(row[2])) == (part, whole)
        assert row[3] == f"{100 * part / whole:.1f} %".replace(".", ",")
    text = "\n".join(docx_paragraphs(sector_review))
    total, before = ledger(year=YEAR).count(), ledger(year=YEAR - 1).count()
    people_n = people.count()
    assert f"toàn ngành Kiểm sát nhân dân có {vn(total)} lượt tập thể, cá nhân" in text
    assert f"({vn(people_n)} lượt cá nhân, {vn(total - people_n)} lượt tập thể)" in text
    change = "tăng" if total > before else "giảm"
    assert f"{change} {vn(abs(total - before))} lượt" in text
    share = f"{100 * grassroots / everyone.count():.1f}".replace(".", ",")
    assert f"Tỷ lệ khen thưởng cấp cơ sở đạt {share} %" in text


def test_a_province_review_in_excel_counts_its_subtree_and_predecessors(demo: None) -> None:
    quang_tri = province("Quảng Trị")
    content = make(ReportRequest("tong_ket", "xlsx", quang_tri, year=YEAR)).content
    assert xlsx_sheets(content)[:4] == [
        "Danh hiệu thi đua",
        "Hình thức khen thưởng",
        "Tỷ lệ khen thưởng",
        "Đăng ký thi đua",
    ]
    header, rows = xlsx_rows(content, "Danh hiệu thi đua", "Đối tượng")
    assert header == [
        "Đối tượng",
        "Danh hiệu",
        "Cấp tỉnh",
        "Cấp cơ sở",
        "Tổng năm 2025",
        "Năm 2024",
        "Tăng (+), giảm (-)",
    ]
    names = {str(name): str(code) for code, (_k, _s, name) in codes.AWARDS.items()}
    for subject, title, _prov, _grass, total, before, change in rows:
        if title == "Tổng cộng":
            kind_filter = Q(person__isnull=False) if subject == "Cá nhân" else Q(unit__isnull=False)
            assert total == within(quang_tri).filter(kind_filter, year=YEAR, kind="title").count()
            continue
        code = names[title]
        assert total == within(quang_tri).filter(year=YEAR, award=code).count(), title
        assert before == within(quang_tri).filter(year=YEAR - 1, award=code).count(), title
        assert change == total - before
    # The year before the merger counts entirely through the two provinces merged into it.
    olds = [s.predecessor for s in Succession.objects.filter(successor=quang_tri)]
    assert len(olds) == 2
    titles_2024 = sum(r[5] for r in rows if r[1] == "Tổng cộng")
    assert titles_2024 == sum(
        within(old).filter(year=YEAR - 1, kind="title").count() for old in olds
    )
    assert titles_2024 > 0
    _h, registered = xlsx_rows(content, "Đăng ký thi đua", "Danh hiệu")
    assert all(isinstance(r[1], int) for r in registered)


def test_the_year_list_of_the_sector_holds_every_award_signed_in_it(demo: None) -> None:
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    request = ReportRequest(
        "danh_sach", "xlsx", sector_root(), sector=True, date_from=start, date_to=end
    )
    _header, rows = xlsx_rows(make(request).content, "Danh sách khen thưởng", "STT")
    signed = ledger(decision__signed_on__gte=start, decision__signed_on__lte=end)
    per_award = dict(signed.values_list("award").annotate(n=Count("id")))
    names = {str(name): str(code) for code, (_k, _s, name) in codes.AWARDS.items()}
    lines: Counter[str] = Counter()
    group = ""
    for row in rows:
        if isinstance(row[0], str) and row[0]:
            group = names[row[1]]
        elif isinstance(row[0], int):
            assert row[3] == codes.award_name(group)
            lines[group] += 1
            assert row[0] == lines[group]  # numbered from 1 in each group
        elif row[1].startswith("Cộng: "):
            assert row[1] == f"Cộng: {vn(per_award[group])} lượt"
    assert dict(lines) == per_award
    assert rows[-1][1] == f"Tổng cộng: {vn(signed.count())} lượt"


def test_the_summary_carries_the_merged_provinces_to_their_successors(demo: None) -> None:
    request = ReportRequest(
        "tong_hop", "xlsx", sector_root(), sector=True, year_from=2016, year_to=YEAR
    )
    content = make(request).content
    header, rows = xlsx_rows(content, "Tổng hợp", "STT")
    years = list(range(2016, YEAR + 1))
    assert header == ["STT", "Đơn vị", *[str(y) for y in years], "Tổng cộng"]
    current = Unit.objects.filter(level="tinh", dissolved_on__isnull=True)
    by_name = {r[1]: r for r in rows}
    for unit in current:
        row = by_name[unit.name]
        counts = dict(
            within(unit)
            .filter(year__gte=2016, year__lte=YEAR)
            .values_list("year")
            .annotate(n=Count("id"))
        )
        assert row[2:-1] == [counts.get(y, 0) for y in years], unit.name
        assert row[-1] == sum(counts.values())
    sector = by_name["TOÀN NGÀNH"]
    assert sector[-1] == ledger(year__gte=2016, year__lte=YEAR).count()
    assert (
        by_name["KHỐI TRUNG ƯƠNG"][-1] + by_name["VIỆN KIỂM SÁT NHÂN DÂN CẤP TỈNH"][-1]
        == (sector[-1])
    )
    assert len([r for r in rows if isinstance(r[0], int)]) == current.count() + 3
    # Each merged province lists the provinces it came from, with what they bring.
    _h, origins = xlsx_rows(content, "Đơn vị tiền thân", "Tỉnh, thành phố hiện nay")
    merged = Succession.objects.filter(successor__in=current).select_related(
        "predecessor", "successor"
    )
    assert {(r[0], r[1]) for r in origins if r[2]} == {
        (s.successor.name, s.predecessor.name) for s in merged
    }
    for row in origins:
        if row[2]:
            old = Unit.objects.get(name=row[1], dissolved_on__isnull=False, level="tinh")
            assert row[5] == within(old).filter(year__gte=2016, year__lte=YEAR).count()


def test_a_persons_record_lists_every_award_of_his_and_only_his(demo: None) -> None:
    person = Person.objects.annotate(n=Count("awards")).order_by("-n", "pk").first()
    assert person is not None
    content = make(ReportRequest("ho_so_ca_nhan", "docx", person.unit, person=person)).content
    titles = docx_table(content, "STT", "Năm", "Danh hiệu, hình thức")
    forms = docx_table(content, "STT", "Năm", "Danh hiệu, hình thức", index=1)
    shown = [(int(r[1]), r[2]) for r in titles[1:] + forms[1:]]
    expected = [(a.year, a.get_award_display()) for a in person.awards.all()]
    assert sorted(shown) == sorted(expected)
    numbers = {r[3].split(" ngày ")[0].removeprefix("Số ") for r in titles[1:] + forms[1:]}
    assert numbers == {a.decision.number for a in person.awards.select_related("decision")}


def test_a_units_record_lists_the_collective_awards_of_its_lineage(demo: None) -> None:
    quang_tri = province("Quảng Trị")
    content = make(ReportRequest("ho_so_don_vi", "docx", quang_tri)).content
    awards = docx_table(content, "STT", "Năm", "Danh hiệu, hình thức", "Tập thể được tặng")
    history = lineage(quang_tri)
    assert len(awards) - 1 == AwardEntry.objects.filter(unit__in=history).count()
    assert {r[3] for r in awards[1:]} <= {u.short_name or u.name for u in history}
