"""The reviews of a movement: sơ kết (several; the movement goes on) and tổng kết (one; the
movement closes), each gathering the indicator results and registration totals of its day and the
examples it found."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.errors import InvalidData
from tdkt.movements import selectors
from tdkt.movements.models import Movement, MovementStatus, Review, ReviewExample, ReviewKind
from tdkt.movements.services.common import moment, reserve_number, user_or_none
from tdkt.movements.services.transitions import clean_text, transition_movement
from tdkt.org.models import Unit
from tdkt.people.models import Person
from tdkt.text import clean


@dataclass
class ReviewData:
    kind: str
    held_on: dt.date
    period_label: str = ""
    summary: str = ""
    achievements: str = ""
    shortcomings: str = ""
    lessons: str = ""
    directions: str = ""
    number: str = ""
    symbol: str = ""
    signed_on: dt.date | None = None
    place: str = ""
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: str = ""

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> ReviewData:
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in values.items() if k in names})


@dataclass
class ExampleData:
    achievement: str
    unit: Unit | None = None
    person: Person | None = None
    proposed_award: str = ""


@transaction.atomic
def record_review(
    *,
    actor: Any,
    movement: Movement,
    data: ReviewData,
    examples: Sequence[ExampleData] = (),
    version: int | None = None,
    now: dt.datetime | None = None,
) -> Review:
    """A sơ kết (the movement goes on) or the tổng kết (the movement closes). The indicator
    results and registration totals of that moment are gathered into the review."""
    now = moment(now)
    if data.kind not in ReviewKind.values:
        raise InvalidData(_("Loại sơ kết, tổng kết không hợp lệ."))
    if data.held_on < movement.starts_on:
        raise InvalidData(_("Ngày sơ kết, tổng kết phải từ ngày bắt đầu phong trào trở đi."))
    final = data.kind == ReviewKind.FINAL
    target = MovementStatus.CLOSED if final else MovementStatus.REVIEWED
    before = movement.status
    transition_movement(
        movement,
        target,
        actor=actor,
        now=now,
        version=version,
        fields={"updated_at": now, **({"closed_at": now} if final else {})},
    )
    values = asdict(data)
    for name in ("summary", "achievements", "shortcomings", "lessons", "directions", "recipients"):
        values[name] = clean_text(values[name])
    for name in (
        "period_label",
        "number",
        "symbol",
        "place",
        "signer_authority",
        "signer_title",
        "signer_name",
    ):
        values[name] = clean(values[name])
    review = Review.objects.create(
        movement=movement,
        seq=movement.reviews.count() + 1,
        indicator_results=selectors.indicator_results_json(movement),
        registration_totals=selectors.registration_totals_json(movement),
        created_by=user_or_none(actor),
        created_at=now,
        **values,
    )
    ReviewExample.objects.bulk_create(
        ReviewExample(
            review=review,
            unit=e.unit,
            person=e.person,
            achievement=clean_text(e.achievement),
            proposed_award=e.proposed_award,
            order=i,
        )
        for i, e in enumerate(examples)
        if (e.unit is None) != (e.person is None) and clean_text(e.achievement)
    )
    reserve_number(
        issuer_id=movement.issuer_id,
        number=review.number,
        symbol=review.symbol,
        signed_on=review.signed_on,
        obj=review,
    )
    record(
        actor=actor,
        action="movement.closed" if final else "movement.reviewed",
        obj=movement,
        before={"status": before},
        after={
            "status": movement.status,
            "review": review.pk,
            "kind": review.kind,
            "held_on": review.held_on,
            "examples": len(examples),
        },
        unit_id=movement.issuer_id,
    )
    return review
