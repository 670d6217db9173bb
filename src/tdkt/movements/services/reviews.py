"""The reviews of a movement: sơ kết (several; the movement goes on) and tổng kết (one; the
movement closes), each gathering the indicator results and registration totals of its day and the
examples it found."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.errors import InvalidData
from tdkt.movements import selectors
from tdkt.movements.machines import MOVEMENT
from tdkt.movements.models import Movement, MovementStatus, Review, ReviewExample, ReviewKind
from tdkt.movements.services.common import DocumentData, reserve_number
from tdkt.org.models import Unit
from tdkt.people.models import Person
from tdkt.workflow import clock
from tdkt.workflow.access import ensure_can
from tdkt.workflow.machine import move, user_or_none
from tdkt.workflow.reasons import clean_text


@dataclass
class ReviewData(DocumentData):
    kind: str
    held_on: dt.date
    period_label: str = ""
    summary: str = ""
    achievements: str = ""
    shortcomings: str = ""
    lessons: str = ""
    directions: str = ""


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
    ensure_can(actor, "launch", movement.issuer_id)
    now = clock.now(now)
    if data.kind not in ReviewKind.values:
        raise InvalidData(_("Loại sơ kết, tổng kết không hợp lệ."))
    if data.held_on < movement.starts_on:
        raise InvalidData(_("Ngày sơ kết, tổng kết phải từ ngày bắt đầu phong trào trở đi."))
    final = data.kind == ReviewKind.FINAL
    target = MovementStatus.CLOSED if final else MovementStatus.REVIEWED
    before = movement.status
    move(
        MOVEMENT,
        movement,
        target,
        actor=actor,
        now=now,
        version=version,
        fields={"updated_at": now, **({"closed_at": now} if final else {})},
    )
    values = data.cleaned(
        ("summary", "achievements", "shortcomings", "lessons", "directions"), ("period_label",)
    )
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
