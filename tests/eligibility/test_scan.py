"""A scan: people first, then units counting the members' titles of the year, then the caps."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.eligibility.scan import run_scan
from tdkt.errors import InvalidData
from tdkt.records import services as records
from tdkt.records.models import Initiative
from tdkt.rules.codes import Award
from tdkt.rules.engine import ALREADY_GRANTED
from tdkt.rules.verdict import Status
from tests.conftest import Sector
from tests.eligibility.conftest import AS_OF, YEAR, award, rate, recruit, staff


def _verdict(outcomes, key, award_code):  # type: ignore[no-untyped-def]
    outcome = next(o for o in outcomes if o.id == key)
    return next(v for v in outcome.verdicts if v.award == award_code)


def test_a_unit_counts_members_found_eligible_for_ldtt_this_year(sector: Sector) -> None:
    recruit(sector.binh)
    crew = [staff(sector.binh_dai) for _ in range(3)]
    for p in [sector.binh, *crew]:
        rate(p, (2024, "HTT"), (2025, "HTT"))
    rate(sector.binh_dai, (2025, "HTT"))
    result = run_scan(year=YEAR, as_of=AS_OF, unit_id=sector.ben_tre.pk)
    # Nobody holds LĐTT 2025 yet, but all four are eligible for it now: 4/4 count for TTLĐTT.
    reason = _verdict(result.units, sector.binh_dai.pk, Award.TTLDTT).reason("ttldtt.members_ldtt")
    assert reason is not None and reason.passed is True
    assert "4/4" in reason.message


def test_a_member_whose_ldtt_needs_review_leaves_the_units_count_unknown(sector: Sector) -> None:
    recruit(sector.binh)
    staff(sector.binh_dai)  # no rating for 2025: his LĐTT needs review
    rate(sector.binh, (2025, "HTT"))
    rate(sector.binh_dai, (2025, "HTT"))
    result = run_scan(year=YEAR, as_of=AS_OF, unit_id=sector.ben_tre.pk)
    verdict = _verdict(result.units, sector.binh_dai.pk, Award.TTLDTT)
    assert verdict.status is Status.NEEDS_REVIEW
    assert verdict.reason("ttldtt.members_ldtt").passed is None  # type: ignore[union-attr]


def test_the_scan_reports_the_ttldxs_cap_over_the_units_scanned(sector: Sector) -> None:
    for unit in (sector.ben_tre, sector.binh_dai):
        rate(unit, (2025, "HTXS"))
        award("TTLDTT", 2025, unit=unit)
    result = run_scan(year=YEAR, as_of=AS_OF, unit_id=sector.ben_tre.pk)
    (cap,) = [c for c in result.caps if c.award is Award.TTLDXS]
    assert (cap.basis, cap.limit) == (2, 1)  # 20 % of 2, at least 1


def test_totals_add_up_to_one_verdict_per_candidate_and_award(sector: Sector) -> None:
    result = run_scan(year=YEAR, as_of=AS_OF)
    totals = result.totals()
    assert totals["verdicts"] == sum(len(o.verdicts) for o in result.outcomes())
    assert totals["verdicts"] == sum(totals["by_status"].values())
    assert totals["people"] == 2 and totals["units"] == 6


def test_a_day_before_the_first_known_regime_is_refused(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="trước ngày bắt đầu"):
        run_scan(year=2018, as_of=dt.date(2018, 12, 31))


def test_a_year_already_decided_is_re_checked_on_its_own_facts(sector: Sector) -> None:
    p = staff(sector.binh_dai)
    rate(p, (2023, "HTT"), (2024, "HTXS"), (2025, "HTXS"))
    for year in (2023, 2024, 2025):
        award("LDTT", year, person=p)
        award("CSTDCS", year, person=p)
    entry = award("CSTD_NGANH", YEAR, person=p)
    records.record_initiative(
        actor=None,
        code="SK-N-1",
        kind="sang_kien",
        title="Quy trình kiểm sát điện tử",
        scope="nganh",
        year=YEAR,
        recognized_on=dt.date(2025, 3, 1),
        authors=[p],
    )
    Initiative.objects.filter(code="SK-N-1").update(used_for=entry)

    result = run_scan(year=YEAR, as_of=AS_OF, person_ids=[p.pk])
    # CSTĐ ngành 2025 is recorded: its own record is not an earlier grant, and the initiative it
    # used counts for it again; the verdict says that the award is already decided.
    verdict = _verdict(result.people, p.pk, Award.CSTD_NGANH)
    assert verdict.status is Status.ELIGIBLE
    info = verdict.reason(ALREADY_GRANTED)
    assert info is not None and info.passed is True
    assert info.message == "Đã có quyết định tặng Chiến sĩ thi đua ngành Kiểm sát nhân dân năm 2025"
    # The same year re-checked for Bằng khen ngành: that initiative stays spent on CSTĐ ngành.
    merit = _verdict(result.people, p.pk, Award.BK_NGANH).reason("bk_nganh.merit")
    assert merit is not None and merit.passed is None
    assert "0 sáng kiến cấp cơ sở chưa dùng (cần 2)" in merit.message
    assert "SK-N-1 (đã dùng cho Chiến sĩ thi đua ngành Kiểm sát nhân dân năm 2025)" in merit.message


def test_the_scan_workbook_writes_a_formula_typed_as_a_name_as_text(sector: Sector) -> None:
    import io

    from openpyxl import load_workbook

    from tdkt.eligibility.report import xlsx_bytes

    sector.an.full_name = '=HYPERLINK("http://ke-gian.example","Bấm vào đây")'
    sector.an.save(update_fields=["full_name"])
    result = run_scan(year=YEAR, as_of=AS_OF, person_ids=[sector.an.pk])
    sheet = load_workbook(io.BytesIO(xlsx_bytes(result))).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == sector.an.full_name]
    assert cells and all(c.data_type == "s" for c in cells)
