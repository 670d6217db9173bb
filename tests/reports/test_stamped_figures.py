"""The dashboard's aggregates are kept in the cache under the facts stamp (issue 16): a second
view of the same figures runs no aggregate over the ledger, and a committed change — a new line, a
revocation, a person's record — is seen at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tdkt.people.models import Person
from tdkt.records import services as records
from tdkt.records.models import AwardEntry
from tdkt.reports import stats
from tests.conftest import Sector

SCOPE = stats.Scope(None, 2015, 2025)

pytestmark = pytest.mark.django_db(transaction=True)


def _total() -> int:
    return sum(f.count for f in stats.facts(SCOPE))


def _ledger_queries(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if "records_awardentry" in q["sql"] and "GROUP BY" in q["sql"].upper()
    ]


def _decision(sector: Sector) -> object:
    return records.record_decision(
        actor=None,
        number="31/QĐ-VKS",
        signed_on=dt.date(2025, 1, 20),
        level="tinh",
        issuer=sector.quang_tri,
        signer_name="Lê Văn Cường",
        signer_title="Viện trưởng",
    )


def test_a_second_view_of_the_figures_runs_no_aggregate_over_the_ledger(sector: Sector) -> None:
    first = stats.facts(SCOPE)
    with CaptureQueriesContext(connection) as queries:
        again = stats.facts(SCOPE)
    assert again == first and not _ledger_queries(queries)


def test_a_committed_award_and_revocation_change_the_kept_figures_at_once(sector: Sector) -> None:
    before = _total()
    decision = _decision(sector)
    records.record_award(actor=None, award="LDTT", year=2024, decision=decision, person=sector.an)
    assert _total() == before + 1
    entry = AwardEntry.objects.get(award="LDTT", year=2024, person=sector.an)
    records.revoke_award(
        actor=None,
        entry=entry,
        revoked_on=dt.date(2025, 3, 1),
        reason="Thu hồi do hồ sơ đề nghị kê khai không trung thực",
    )
    assert _total() == before


def test_a_person_record_changed_moves_the_female_share(sector: Sector) -> None:
    decision = _decision(sector)
    records.record_award(actor=None, award="LDTT", year=2024, decision=decision, person=sector.an)
    female = sum(f.count for f in stats.facts(SCOPE) if f.female)
    other = "male" if sector.an.gender == "female" else "female"
    person = Person.objects.get(pk=sector.an.pk)
    person.gender = other
    person.save(update_fields=["gender"])
    after = sum(f.count for f in stats.facts(SCOPE) if f.female)
    held = stats.entries_in(SCOPE).filter(person=sector.an).count()
    assert held >= 1 and after == female + (held if other == "female" else -held)


def test_figures_inside_an_uncommitted_change_are_computed_afresh(sector: Sector) -> None:
    before = _total()
    with transaction.atomic():
        records.record_award(
            actor=None, award="LDTT", year=2024, decision=_decision(sector), person=sector.an
        )
        entry = AwardEntry.objects.get(award="LDTT", year=2024, person=sector.an)
        assert _total() == before + 1
        records.revoke_award(
            actor=None,
            entry=entry,
            revoked_on=dt.date(2025, 3, 1),
            reason="Thu hồi do hồ sơ đề nghị kê khai không trung thực",
        )
        assert _total() == before
