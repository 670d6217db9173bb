"""A violation counted against a unit: recorded through an audited service, and read by the engine
for the unit and for its head."""

from __future__ import annotations

import pytest

from tdkt.audit.models import AuditEntry
from tdkt.eligibility.scan import run_scan
from tdkt.errors import InvalidData
from tdkt.rules.codes import Award
from tdkt.rules.verdict import Status
from tests.conftest import Sector
from tests.eligibility.conftest import AS_OF, YEAR, head_of, rate, violation


def test_a_violation_is_recorded_with_its_audit_entry(sector: Sector) -> None:
    v = violation(sector.binh_dai, "wrongful_conviction", note="Án oan")
    entry = AuditEntry.objects.get(action="unit_violation.recorded")
    assert entry.object_id == str(v.pk) and entry.unit_id == sector.binh_dai.pk
    assert entry.after == {
        "unit_id": sector.binh_dai.pk,
        "year": 2025,
        "kind": "wrongful_conviction",
        "note": "Án oan",
        "basis_kind": "judgment",
        "basis_number": "45/2025/HS-PT",
        "basis_date": "2025-09-02",
        "basis_issuer": "",
    }
    with pytest.raises(InvalidData):
        violation(sector.binh_dai, "khac")


def test_a_violation_bars_the_units_ttldxs_and_its_heads_cstdcs(sector: Sector) -> None:
    head = head_of(sector.binh_dai)
    rate(head, (2025, "HTXS"))
    rate(sector.binh_dai, (2025, "HTXS"))
    violation(sector.binh_dai)
    result = run_scan(year=YEAR, as_of=AS_OF, unit_id=sector.ben_tre.pk)
    unit = next(o for o in result.units if o.id == sector.binh_dai.pk)
    ttldxs = next(v for v in unit.verdicts if v.award is Award.TTLDXS)
    assert ttldxs.status is Status.INELIGIBLE
    assert ttldxs.reason("ttldxs.unit_violation").passed is False  # type: ignore[union-attr]
    person = next(o for o in result.people if o.id == head.pk)
    cstdcs = next(v for v in person.verdicts if v.award is Award.CSTDCS)
    assert cstdcs.status is Status.INELIGIBLE
    assert cstdcs.reason("cstdcs.unit_violation").passed is False  # type: ignore[union-attr]
