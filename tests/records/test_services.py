from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tdkt.audit.models import AuditEntry
from tdkt.errors import Conflict, InvalidData
from tdkt.records import services as records
from tdkt.records.models import AwardEntry, Rating
from tests.conftest import Sector


@pytest.fixture
def decision(sector: Sector):  # type: ignore[no-untyped-def]
    return records.record_decision(
        actor=None,
        number="5/QĐ-VKSTC",
        signed_on=dt.date(2025, 1, 10),
        level="nganh",
        issuer=sector.vkstc,
    )


def test_an_individual_title_cannot_go_to_a_unit(sector: Sector, decision) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidData, match="không áp dụng cho tập thể"):
        records.record_award(
            actor=None, award="LDTT", year=2024, decision=decision, unit=sector.ben_tre
        )


def test_the_database_refuses_a_title_with_the_kind_of_a_form(sector: Sector, decision) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardEntry.objects.create(
            award="LDTT", kind="form", person=sector.binh, year=2024, decision=decision
        )


def test_the_same_title_twice_in_a_year_is_refused(sector: Sector, decision) -> None:  # type: ignore[no-untyped-def]
    records.record_award(
        actor=None, award="CSTDCS", year=2024, decision=decision, person=sector.binh
    )
    with pytest.raises(Conflict):
        records.record_award(
            actor=None, award="CSTDCS", year=2024, decision=decision, person=sector.binh
        )


def test_a_revoked_award_stays_in_history_and_frees_the_year(sector: Sector, decision) -> None:  # type: ignore[no-untyped-def]
    entry = records.record_award(
        actor=None, award="BK_NGANH", year=2024, decision=decision, person=sector.binh
    )
    with pytest.raises(InvalidData, match="ít nhất 20 ký tự"):
        records.revoke_award(actor=None, entry=entry, revoked_on=dt.date(2025, 5, 1), reason="sai")
    records.revoke_award(
        actor=None,
        entry=entry,
        revoked_on=dt.date(2025, 5, 1),
        reason="Phát hiện vi phạm trong thời gian xét thành tích",
    )
    assert AwardEntry.objects.filter(pk=entry.pk, revoked_on=dt.date(2025, 5, 1)).exists()
    audit = AuditEntry.objects.get(action="award.revoked")
    assert audit.before == {"revoked_on": None, "revocation_reason": ""}
    records.record_award(
        actor=None, award="BK_NGANH", year=2024, decision=decision, person=sector.binh
    )


def test_rating_is_replaced_for_the_same_year_with_before_and_after(sector: Sector) -> None:
    records.record_rating(actor=None, person=sector.binh, year=2024, rating="HTT")
    records.record_rating(actor=None, person=sector.binh, year=2024, rating="HTXS")
    assert Rating.objects.get(person=sector.binh, year=2024).rating == "HTXS"
    last = AuditEntry.objects.filter(action="rating.recorded").first()
    assert last is not None and last.before == {"rating": "HTT"}


def test_demotion_is_refused_for_decisions_after_july_2025(sector: Sector) -> None:
    with pytest.raises(InvalidData, match="01/07/2025"):
        records.record_discipline(
            actor=None, person=sector.binh, level="giang_chuc", decided_on=dt.date(2025, 7, 1)
        )
    records.record_discipline(
        actor=None, person=sector.binh, level="giang_chuc", decided_on=dt.date(2025, 6, 30)
    )


def test_award_year_after_the_decision_is_refused(sector: Sector, decision) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidData, match="Năm thành tích"):
        records.record_award(
            actor=None, award="LDTT", year=2026, decision=decision, person=sector.binh
        )
