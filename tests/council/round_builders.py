"""Sittings that need more than one round: candidates for one award with a number of places
(số lượng tối đa) before the sector council, a third candidate of Khu vực 1 (Hoàng Văn Dũng),
the count of a round and the opening of the next one under a passphrase of its own."""

from __future__ import annotations

import datetime as dt

from tdkt.council import services
from tdkt.council.models import Meeting, VotingRound
from tdkt.people import services as people
from tdkt.people.models import Person
from tdkt.records import services as records
from tests.nominations.builders import (
    BALLOT_PASSPHRASE,
    World,
    new_dossier,
    sitting,
    to_vkstc_council,
)

AWARD = "CSTD_NGANH"  # 90 % of the whole membership: 9 of 10
ROUND_TWO_PHRASE = "Vòng hai kiểm phiếu lúc mười giờ rưỡi"


def dung(world: World) -> Person:
    """A third candidate of Khu vực 1, with the same record as the other two."""
    person = people.create_person(
        actor=None,
        full_name="Hoàng Văn Dũng",
        gender="male",
        birth_date=dt.date(1985, 3, 4),
        unit=world.s.kv1,
        post_kind="kiem_sat_vien",
        position_from=dt.date(2010, 3, 1),
        recruited_on=dt.date(2010, 3, 1),
    )
    for year in (2023, 2024, 2025):
        records.record_rating(actor=None, person=person, year=year, rating="HTXS")
    return person


def capped_sitting(world: World, places: int, *, three: bool = True) -> Meeting:
    """An, Cúc (and Dũng) proposed for the sector's emulation fighter, with `places` places at
    the sitting; round 1 open, everyone present."""
    candidates = [world.s.an, world.cuc] + ([dung(world)] if three else [])
    dossier = new_dossier(world, awards={person: AWARD for person in candidates})
    to_vkstc_council(world, dossier)
    return sitting(world, dossier, places={AWARD: places})


def count(world: World, meeting: Meeting, phrase: str = BALLOT_PASSPHRASE) -> Meeting:
    """The secretary counts the open round (the sitting closes unless an award is undecided)."""
    meeting.refresh_from_db()
    services.close_meeting(
        actor=world.secretary, meeting=meeting, version=meeting.version, passphrase=phrase
    )
    meeting.refresh_from_db()
    return meeting


def next_round(
    world: World, meeting: Meeting, names: list[str], phrase: str = ROUND_TWO_PHRASE
) -> VotingRound:
    """The secretary opens the next round on the candidates named."""
    meeting.refresh_from_db()
    picked = meeting.items.filter(candidate__name__in=names).values_list("candidate_id", flat=True)
    voting = services.open_next_round(
        actor=world.secretary,
        meeting=meeting,
        version=meeting.version,
        candidates=set(picked),
        passphrase=phrase,
        passphrase_again=phrase,
    )
    meeting.refresh_from_db()
    return voting
