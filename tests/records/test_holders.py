"""An award counts for the unit and post its holder had on the day the decision was signed."""

from __future__ import annotations

import datetime as dt

from django.db import connection

from tdkt.people import services as people
from tdkt.records import services as records
from tdkt.records.holders import restamp_all
from tdkt.records.models import AwardEntry
from tests.conftest import Sector


def _decision(sector: Sector, number: str, day: dt.date):  # type: ignore[no-untyped-def]
    return records.record_decision(
        actor=None, number=number, signed_on=day, level="tinh", issuer=sector.quang_tri
    )


def test_an_award_signed_before_the_merger_stays_with_the_old_district(sector: Sector) -> None:
    entry = AwardEntry.objects.get(person=sector.an, award="LDTT", year=2023)
    assert entry.holder_unit == sector.dong_hoi
    assert entry.holder_leader is False


def test_an_award_signed_after_a_move_counts_for_the_new_unit(sector: Sector) -> None:
    decision = _decision(sector, "3/QĐ-VKS", dt.date(2026, 1, 15))
    entry = records.record_award(
        actor=None, award="LDTT", year=2025, decision=decision, person=sector.an
    )
    assert entry.holder_unit == sector.kv1


def test_a_leader_on_the_signing_day_is_counted_as_a_leader(sector: Sector) -> None:
    people.assign_position(
        actor=None,
        person=sector.an,
        unit=sector.kv1,
        post_kind="pho_vien_truong",
        valid_from=dt.date(2026, 3, 1),
    )
    before = records.record_award(
        actor=None,
        award="LDTT",
        year=2025,
        decision=_decision(sector, "4/QĐ-VKS", dt.date(2026, 2, 1)),
        person=sector.an,
    )
    after = records.record_award(
        actor=None,
        award="CSTDCS",
        year=2025,
        decision=_decision(sector, "5/QĐ-VKS", dt.date(2026, 4, 1)),
        person=sector.an,
    )
    assert (before.holder_leader, after.holder_leader) == (False, True)


def test_a_collective_award_is_held_by_the_unit_itself(sector: Sector) -> None:
    entry = AwardEntry.objects.get(unit=sector.quang_binh, award="TTLDTT")
    assert entry.holder_unit == sector.quang_binh and entry.holder_leader is False


def test_bulk_recording_stamps_every_line(sector: Sector) -> None:
    spec = records.DecisionSpec(number="9/QĐ-VKS", signed_on=dt.date(2026, 1, 5), level="tinh")
    result = records.bulk_record_awards(
        actor=None,
        decisions=[spec],
        awards=[
            records.AwardSpec(award="LDTT", year=2025, decision=spec.key, person_id=sector.an.pk),
            records.AwardSpec(award="TTLDTT", year=2025, decision=spec.key, unit_id=sector.kv1.pk),
        ],
    )
    assert {e.holder_unit_id for e in result.entries} == {sector.kv1.pk}
    stored = AwardEntry.objects.filter(decision__number="9/QĐ-VKS")
    assert sorted(stored.values_list("holder_unit_id", flat=True)) == [sector.kv1.pk] * 2


def test_the_sql_repair_gives_what_the_services_gave(sector: Sector) -> None:
    records.record_award(
        actor=None,
        award="LDTT",
        year=2025,
        decision=_decision(sector, "6/QĐ-VKS", dt.date(2026, 1, 15)),
        person=sector.an,
    )
    expected = sorted(AwardEntry.objects.values_list("pk", "holder_unit_id", "holder_leader"))
    AwardEntry.objects.update(holder_unit=None, holder_leader=True)
    with connection.cursor() as cursor:
        restamp_all(cursor)
    assert sorted(AwardEntry.objects.values_list("pk", "holder_unit_id", "holder_leader")) == (
        expected
    )
