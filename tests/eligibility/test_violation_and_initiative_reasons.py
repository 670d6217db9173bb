"""What the units enter reaches the verdicts: a unit's violation, recorded with its basis, bars the
unit's TTLĐXS and its head's CSTĐCS and is named in their reasons; removing it lifts the bar. An
initiative recorded through the service is the basis the CSTĐCS of an HTT-rated person needs."""

from __future__ import annotations

import datetime as dt

from tdkt.eligibility.scan import run_scan
from tdkt.records import services as records
from tdkt.records.models import UnitViolation
from tdkt.rules.codes import Award
from tdkt.rules.verdict import Status, Verdict
from tests.conftest import Sector
from tests.eligibility.conftest import AS_OF, YEAR, award, rate, staff

NAMED = (
    "để lọt tội phạm — Kết luận thanh tra, kiểm tra số 12/KL-VKS ngày 03/11/2025 "
    "của VKSND tỉnh Bến Tre"
)


def _verdicts(sector: Sector, head_id: int) -> tuple[Verdict, Verdict]:
    result = run_scan(year=YEAR, as_of=AS_OF, unit_id=sector.ben_tre.pk)
    unit = next(o for o in result.units if o.id == sector.binh_dai.pk)
    person = next(o for o in result.people if o.id == head_id)
    ttldxs = next(v for v in unit.verdicts if v.award is Award.TTLDXS)
    cstdcs = next(v for v in person.verdicts if v.award is Award.CSTDCS)
    return ttldxs, cstdcs


def _violation(sector: Sector) -> UnitViolation:
    return records.record_unit_violation(
        actor=None,
        unit=sector.binh_dai,
        year=YEAR,
        kind="missed_crime",
        basis_kind="inspection",
        basis_number="12/KL-VKS",
        basis_date=dt.date(2025, 11, 3),
        basis_issuer="VKSND tỉnh Bến Tre",
    )


def test_a_recorded_violation_is_named_in_the_units_and_its_heads_refusals(
    sector: Sector,
) -> None:
    head = staff(sector.binh_dai, post_kind="vien_truong", since=dt.date(2020, 1, 1))
    rate(head, (2025, "HTXS"))
    rate(sector.binh_dai, (2025, "HTXS"))
    _violation(sector)

    ttldxs, cstdcs = _verdicts(sector, head.pk)

    assert ttldxs.status is Status.INELIGIBLE
    unit_reason = ttldxs.reason("ttldxs.unit_violation")
    assert unit_reason is not None and unit_reason.passed is False
    assert unit_reason.message == f"Đơn vị có vi phạm năm 2025: {NAMED}"
    assert cstdcs.status is Status.INELIGIBLE
    head_reason = cstdcs.reason("cstdcs.unit_violation")
    assert head_reason is not None and head_reason.passed is False
    assert head_reason.message.startswith(
        f"Đơn vị do đồng chí đứng đầu có vi phạm năm 2025: {NAMED}. Người đứng đầu"
    )


def test_removing_the_violation_lifts_the_bar(sector: Sector) -> None:
    head = staff(sector.binh_dai, post_kind="vien_truong", since=dt.date(2020, 1, 1))
    rate(head, (2025, "HTXS"))
    rate(sector.binh_dai, (2025, "HTXS"))
    violation = _violation(sector)
    records.remove_unit_violation(
        actor=None, violation=violation, version=violation.version, reason="Kết luận đã bị hủy bỏ"
    )

    ttldxs, cstdcs = _verdicts(sector, head.pk)

    assert ttldxs.reason("ttldxs.unit_violation").passed is True  # type: ignore[union-attr]
    assert cstdcs.reason("cstdcs.unit_violation").passed is True  # type: ignore[union-attr]
    assert cstdcs.status is not Status.INELIGIBLE


def test_a_violation_of_another_year_does_not_bar_this_one(sector: Sector) -> None:
    head = staff(sector.binh_dai, post_kind="vien_truong", since=dt.date(2020, 1, 1))
    rate(head, (2025, "HTXS"))
    violation = _violation(sector)
    records.correct_unit_violation(
        actor=None,
        violation=violation,
        version=violation.version,
        reason="Năm ghi nhầm, đúng là 2024",
        year=2024,
        kind="missed_crime",
        basis_kind="inspection",
        basis_number="12/KL-VKS",
        basis_date=dt.date(2024, 11, 3),
    )

    _ttldxs, cstdcs = _verdicts(sector, head.pk)

    assert cstdcs.reason("cstdcs.unit_violation").passed is True  # type: ignore[union-attr]


def test_an_initiative_recorded_by_the_unit_is_the_basis_of_an_htt_rated_persons_cstdcs(
    sector: Sector,
) -> None:
    person = staff(sector.binh_dai)
    rate(person, (2024, "HTT"), (2025, "HTT"))
    award("LDTT", YEAR, person=person)

    def cstdcs() -> Verdict:
        result = run_scan(year=YEAR, as_of=AS_OF, person_ids=[person.pk], awards=[Award.CSTDCS])
        return result.people[0].verdicts[0]

    before = cstdcs()
    assert before.status is Status.INELIGIBLE
    assert before.reason("cstdcs.merit").passed is False  # type: ignore[union-attr]

    records.record_initiative(
        actor=None,
        code="SK-BD-2025-1",
        kind="sang_kien",
        title="Sáng kiến rút ngắn thời hạn giải quyết tin báo",
        scope="co_so",
        year=2025,
        recognized_on=dt.date(2025, 10, 20),
        recognizing_decision="25/QĐ-VKS",
        recognizer=sector.binh_dai,
        authors=[person],
    )

    after = cstdcs()
    assert after.reason("cstdcs.merit").passed is True  # type: ignore[union-attr]
    assert after.status is Status.ELIGIBLE
