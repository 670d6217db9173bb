"""The ledger marks a commendation for one outstanding act (khen thưởng đột xuất): a form only."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.errors import InvalidData
from tdkt.records import services as records
from tdkt.records.models import AwardDecision, AwardEntry
from tests.conftest import Sector


def _decision() -> AwardDecision:
    return records.record_decision(
        actor=None, number="5/QĐ-VKS", signed_on=dt.date(2026, 1, 5), level="tinh", issuer_name="X"
    )


def test_sudden_form_is_recorded_as_sudden_and_a_sudden_title_is_refused(sector: Sector) -> None:
    book = _decision()
    entry = records.record_award(
        actor=None, award="GIAY_KHEN", year=2025, decision=book, person=sector.an, sudden=True
    )
    assert AwardEntry.objects.get(pk=entry.pk).sudden
    with pytest.raises(InvalidData, match="danh hiệu thi đua"):
        records.record_award(
            actor=None, award="LDTT", year=2025, decision=book, person=sector.binh, sudden=True
        )
    assert not AwardEntry.objects.filter(person=sector.binh).exists()
