"""Builders for the eligibility tests: people, positions and records written through the services,
on top of the shared sector (tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tdkt.org.models import Unit
from tdkt.people import services as people
from tdkt.people.models import Person
from tdkt.records import services as records
from tdkt.records.models import AwardDecision, UnitViolation
from tests.conftest import Sector

YEAR = 2025
AS_OF = dt.date(2025, 12, 15)  # the 2025-07 regime
_counter = [0]


def staff(
    unit: Unit,
    name: str = "",
    *,
    post_kind: str = "kiem_sat_vien",
    since: dt.date = dt.date(2010, 9, 1),
    recruited_on: dt.date | None = dt.date(2010, 9, 1),
    gender: str = "female",
    birth_date: dt.date = dt.date(1985, 1, 1),
) -> Person:
    _counter[0] += 1
    return people.create_person(
        actor=None,
        full_name=name or f"Cán Bộ Thử {_counter[0]}",
        gender=gender,
        birth_date=birth_date,
        unit=unit,
        post_kind=post_kind,
        position_from=since,
        recruited_on=recruited_on,
    )


# The court judgment on which a violation is counted against a unit, unless a test says otherwise.
JUDGMENT: dict[str, Any] = {
    "basis_kind": "judgment",
    "basis_number": "45/2025/HS-PT",
    "basis_date": dt.date(2025, 9, 2),
}


def head_of(unit: Unit) -> Person:
    """The unit's Viện trưởng since 2020."""
    return staff(unit, post_kind="vien_truong", since=dt.date(2020, 1, 1))


def violation(unit: Unit, kind: str = "corruption", **details: Any) -> UnitViolation:
    """A violation of `kind` counted against `unit` for YEAR, on JUDGMENT unless `details` say."""
    return records.record_unit_violation(
        actor=None, unit=unit, year=YEAR, kind=kind, **{**JUDGMENT, **details}
    )


def rate(subject: Person | Unit, *years_and_ratings: tuple[int, str]) -> None:
    for year, rating in years_and_ratings:
        if isinstance(subject, Person):
            records.record_rating(actor=None, person=subject, year=year, rating=rating)
        else:
            records.record_rating(actor=None, unit=subject, year=year, rating=rating)


def decision(number: str = "1/QĐ-TEST", signed_on: dt.date = dt.date(2026, 1, 10)) -> AwardDecision:
    return records.record_decision(
        actor=None, number=number, signed_on=signed_on, level="tinh", issuer_name="VKSND thử"
    )


def award(
    code: str, year: int, *, person: Person | None = None, unit: Unit | None = None, **kw: Any
) -> Any:
    return records.record_award(
        actor=None,
        award=code,
        year=year,
        decision=kw.get("decision") or decision(signed_on=dt.date(year + 1, 1, 10)),
        person=person,
        unit=unit,
    )


@pytest.fixture
def bd_staff(sector: Sector) -> list[Person]:
    """Bình Đại (Bến Tre): three more people rated HTT in 2025, one holding LĐTT 2025."""
    crew = [staff(sector.binh_dai) for _ in range(3)]
    for p in [sector.binh, *crew]:
        rate(p, (2024, "HTT"), (2025, "HTT"))
    award("LDTT", YEAR, person=crew[0])
    return crew


def recruit(person: Person, on: dt.date = dt.date(2015, 3, 1)) -> Person:
    return people.update_person(actor=None, person=person, recruited_on=on)
