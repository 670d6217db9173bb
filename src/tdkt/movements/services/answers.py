"""Business events of a receiving unit: it acknowledges a launched movement, answers with its
implementing plan (and its own targets), may launch its own movement for its subtree, and reports
its results against the indicators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record, snapshot
from tdkt.errors import InvalidData, TransitionNotAllowed
from tdkt.movements.machines import ANSWER
from tdkt.movements.models import (
    Answer,
    AnswerStatus,
    Indicator,
    IndicatorValue,
    Movement,
    MovementStatus,
)
from tdkt.movements.services.common import DocumentData, reserve_number
from tdkt.movements.services.movements import (
    IndicatorData,
    MovementData,
    create_movement,
    default_place,
    default_symbol,
    fresh_status,
    lower_first,
    require_open,
)
from tdkt.text import clean
from tdkt.workflow import clock
from tdkt.workflow.access import ensure_can
from tdkt.workflow.locking import bump_version
from tdkt.workflow.machine import move, user_or_none


@dataclass
class PlanData(DocumentData):
    """A receiving unit's implementing plan."""

    title: str = ""
    purpose: str = ""
    contents: str = ""
    solutions: str = ""
    organisation: str = ""


@transaction.atomic
def acknowledge_answer(*, actor: Any, answer: Answer, now: dt.datetime | None = None) -> Answer:
    ensure_can(actor, "edit", answer.unit_id)
    now = clock.now(now)
    require_open(answer.movement)
    move(
        ANSWER,
        answer,
        AnswerStatus.ACKNOWLEDGED,
        actor=actor,
        now=now,
        fields={"acknowledged_at": now},
    )
    record(
        actor=actor,
        action="answer.acknowledged",
        obj=answer,
        after={"status": answer.status},
        unit_id=answer.unit_id,
    )
    return answer


@transaction.atomic
def answer_with_plan(
    *,
    actor: Any,
    answer: Answer,
    plan: PlanData,
    targets: Mapping[int, Decimal | None] | None = None,
    version: int | None = None,
    now: dt.datetime | None = None,
) -> Answer:
    """The unit issues its implementing plan (the first time, the answer becomes "planned"; later
    saves correct the plan) with its own targets for the movement's indicators."""
    ensure_can(actor, "edit", answer.unit_id)
    now = clock.now(now)
    require_open(answer.movement)
    values = plan.cleaned(("purpose", "contents", "solutions", "organisation"), ("title",))
    if not values["title"]:
        values["title"] = _("Thực hiện %(name)s") % {"name": lower_first(answer.movement.name)}
    if not values["number"] or not values["signed_on"]:
        raise InvalidData(
            _("Kế hoạch triển khai cần có số và ngày ký."), code="document_incomplete"
        )
    first = answer.status != AnswerStatus.PLANNED
    before = snapshot(answer, ["status", *values])
    if first:
        move(
            ANSWER,
            answer,
            AnswerStatus.PLANNED,
            actor=actor,
            now=now,
            version=version,
            fields={**values, "planned_at": now},
        )
    else:
        bump_version(answer, version)
        for name, value in values.items():
            setattr(answer, name, value)
        answer.save(update_fields=[*values, "version"])
    reserve_number(
        issuer_id=answer.unit_id,
        number=answer.number,
        symbol=answer.symbol,
        signed_on=answer.signed_on,
        obj=answer,
    )
    if targets:
        _set_targets(answer, targets)
    record(
        actor=actor,
        action="answer.planned" if first else "answer.updated",
        obj=answer,
        before=before,
        after=snapshot(answer, ["status", *values]),
        unit_id=answer.unit_id,
    )
    return answer


@transaction.atomic
def launch_child_movement(
    *, actor: Any, answer: Answer, now: dt.datetime | None = None
) -> Movement:
    """A draft movement of the answering unit for its own subtree, implementing the parent: its
    plan and indicators start from the parent's and the unit's answer. Launched like any other."""
    ensure_can(actor, "launch", answer.unit_id)
    now = clock.now(now)
    parent = answer.movement
    require_open(parent)
    if (
        Movement.objects.filter(parent=parent, issuer_id=answer.unit_id)
        .exclude(status=MovementStatus.CANCELLED)
        .exists()
    ):
        raise InvalidData(
            _("Đơn vị đã có phong trào triển khai phong trào này."), code="child_exists"
        )
    unit = answer.unit
    data = MovementData(
        kind=parent.kind,
        name=parent.name,
        theme=parent.theme,
        slogan=parent.slogan,
        start_year=parent.start_year,
        end_year=parent.end_year,
        horizon_year=parent.horizon_year,
        starts_on=parent.starts_on,
        ends_on=parent.ends_on,
        registration_deadline=parent.registration_deadline,
        titles=list(parent.titles),
        basis=_("Thực hiện Kế hoạch số %(number)s ngày %(day)s của %(issuer)s về %(name)s.")
        % {
            "number": parent.number_symbol,
            "day": parent.signed_on.strftime("%d/%m/%Y") if parent.signed_on else "",
            "issuer": parent.issuer.name,
            "name": parent.name,
        },
        purpose=answer.purpose or parent.purpose,
        requirements=parent.requirements,
        subjects=parent.subjects,
        contents=answer.contents or parent.contents,
        solutions=answer.solutions or parent.solutions,
        criteria=parent.criteria,
        award_forms=parent.award_forms,
        organisation=answer.organisation or parent.organisation,
        symbol=default_symbol(unit, "KH"),
        place=default_place(unit),
    )
    indicators = [
        IndicatorData(
            i.name,
            i.unit_of_measure,
            _goal(i, answer),
            i.direction,
            i.summable,
        )
        for i in parent.indicators.all()
    ]
    return create_movement(
        actor=actor, issuer=unit, data=data, parent=parent, indicators=indicators, now=now
    )


@transaction.atomic
def report_results(
    *,
    actor: Any,
    answer: Answer,
    results: Mapping[int, tuple[Decimal | None, str]],
    now: dt.datetime | None = None,
) -> list[IndicatorValue]:
    """The unit's actual values (and a note) for the movement's indicators."""
    ensure_can(actor, "edit", answer.unit_id)
    now = clock.now(now)
    movement = answer.movement
    fresh_status(movement)
    if movement.status not in (MovementStatus.RUNNING, MovementStatus.REVIEWED):
        raise TransitionNotAllowed(
            _("Chỉ báo cáo kết quả khi phong trào đang triển khai."), code="invalid_transition"
        )
    indicators = {i.pk: i for i in movement.indicators.all()}
    unknown = set(results) - set(indicators)
    if unknown:
        raise InvalidData(_("Chỉ tiêu không thuộc phong trào này."))
    rows = {v.indicator_id: v for v in answer.values.select_for_update()}
    before = {str(k): (str(v.actual) if v.actual is not None else None) for k, v in rows.items()}
    saved = []
    for indicator_id, (actual, note) in results.items():
        if actual is not None and actual < 0:
            raise InvalidData(_("Kết quả chỉ tiêu không được âm."))
        row = rows.get(indicator_id) or IndicatorValue(answer=answer, indicator_id=indicator_id)
        row.actual, row.note = actual, clean(note)[:300]
        row.reported_at, row.reported_by = now, user_or_none(actor)
        reported = ["actual", "note", "reported_at", "reported_by"]
        row.save(update_fields=reported if row.pk else None)  # a new row is inserted whole
        saved.append(row)
    record(
        actor=actor,
        action="indicator.reported",
        obj=answer,
        before=before,
        after={
            str(r.indicator_id): (str(r.actual) if r.actual is not None else None) for r in saved
        },
        unit_id=answer.unit_id,
    )
    return saved


def _set_targets(answer: Answer, targets: Mapping[int, Decimal | None]) -> None:
    indicators = set(answer.movement.indicators.values_list("pk", flat=True))
    if set(targets) - indicators:
        raise InvalidData(_("Chỉ tiêu không thuộc phong trào này."))
    rows = {v.indicator_id: v for v in answer.values.select_for_update()}
    for indicator_id, target in targets.items():
        if target is not None and target < 0:
            raise InvalidData(_("Mức chỉ tiêu phải là số không âm."))
        row = rows.get(indicator_id) or IndicatorValue(answer=answer, indicator_id=indicator_id)
        row.target = target
        row.save(update_fields=["target"] if row.pk else None)  # a new row is inserted whole


def _goal(indicator: Indicator, answer: Answer) -> Decimal:
    own = answer.values.filter(indicator=indicator).values_list("target", flat=True).first()
    return own if own is not None else indicator.target
