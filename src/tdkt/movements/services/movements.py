"""Business events of a movement itself: drafted, launched down the unit tree (a pending answer
for every receiving unit), started, or cancelled while a draft; and the reads the other movement
services share. Answers are in `answers`, reviews in `reviews`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.audit.services import record, snapshot
from tdkt.errors import InvalidData, TransitionNotAllowed
from tdkt.movements.machines import MOVEMENT
from tdkt.movements.models import (
    OPEN_STATUSES,
    TITLE_CHOICES,
    Answer,
    Indicator,
    IndicatorDirection,
    Movement,
    MovementKind,
    MovementStatus,
)
from tdkt.movements.services.common import DocumentData, reserve_number
from tdkt.notifications.services import users_of
from tdkt.org.models import Unit, UnitLevel, UnitScope
from tdkt.text import clean
from tdkt.workflow import clock
from tdkt.workflow.access import ensure_can
from tdkt.workflow.locking import bump_version
from tdkt.workflow.machine import move, user_or_none
from tdkt.workflow.notices import Notice
from tdkt.workflow.reasons import clean_text

TARGET_LEVELS = [c for c in UnitLevel.values if c != UnitLevel.TOI_CAO]
TEXT_FIELDS = (
    "basis",
    "purpose",
    "requirements",
    "subjects",
    "contents",
    "solutions",
    "criteria",
    "award_forms",
    "organisation",
)
LINE_FIELDS = ("name", "theme", "slogan")


@dataclass
class MovementData(DocumentData):
    """What an officer writes in a movement's plan (everything but the status)."""

    kind: str
    name: str
    start_year: int
    end_year: int
    starts_on: dt.date
    ends_on: dt.date
    theme: str = ""
    slogan: str = ""
    horizon_year: int | None = None
    registration_deadline: dt.date | None = None
    answer_deadline: dt.date | None = None
    titles: list[str] = field(default_factory=list)
    basis: str = ""
    purpose: str = ""
    requirements: str = ""
    subjects: str = ""
    contents: str = ""
    solutions: str = ""
    criteria: str = ""
    award_forms: str = ""
    organisation: str = ""


@dataclass
class IndicatorData:
    name: str
    unit_of_measure: str
    target: Decimal
    direction: str = IndicatorDirection.AT_LEAST
    summable: bool = False


# --- drafting ------------------------------------------------------------------------------------


@transaction.atomic
def create_movement(
    *,
    actor: Any,
    issuer: Unit,
    data: MovementData,
    parent: Movement | None = None,
    indicators: Sequence[IndicatorData] = (),
    now: dt.datetime | None = None,
) -> Movement:
    ensure_can(actor, "launch", issuer.pk)
    now = clock.now(now)
    if not issuer.is_active_on(clock.today(now)):
        raise InvalidData(_("Đơn vị phát động không còn hoạt động."))
    if parent is not None:
        _check_parent(parent, issuer)
    values = _validated(data)
    movement = Movement.objects.create(
        issuer=issuer,
        parent=parent,
        created_by=user_or_none(actor),
        created_at=now,
        updated_at=now,
        **values,
    )
    _replace_indicators(movement, indicators)
    record(
        actor=actor,
        action="movement.created",
        obj=movement,
        after=_movement_after(movement),
        unit_id=issuer.pk,
    )
    return movement


@transaction.atomic
def update_movement(
    *,
    actor: Any,
    movement: Movement,
    data: MovementData,
    indicators: Sequence[IndicatorData] | None = None,
    version: int | None = None,
    now: dt.datetime | None = None,
) -> Movement:
    """Only a draft is edited; once launched, the plan is an issued document."""
    ensure_can(actor, "launch", movement.issuer_id)
    now = clock.now(now)
    bump_version(movement, version)
    _require_status(movement, MovementStatus.DRAFT, _("Chỉ sửa được phong trào đang là dự thảo."))
    before = _movement_after(movement)
    values = _validated(data)
    for name, value in values.items():
        setattr(movement, name, value)
    movement.updated_at = now
    movement.save(update_fields=[*values, "updated_at", "version"])
    if indicators is not None:
        _replace_indicators(movement, indicators)
    record(
        actor=actor,
        action="movement.updated",
        obj=movement,
        before=before,
        after=_movement_after(movement),
        unit_id=movement.issuer_id,
    )
    return movement


@transaction.atomic
def launch_movement(
    *,
    actor: Any,
    movement: Movement,
    target_levels: Iterable[str],
    number: str,
    symbol: str,
    signed_on: dt.date,
    version: int | None = None,
    now: dt.datetime | None = None,
) -> Movement:
    """Issue the plan under its number and push it down: a pending answer for every active unit of
    the chosen levels in the issuer's subtree."""
    ensure_can(actor, "launch", movement.issuer_id)
    now = clock.now(now)
    levels = sorted(set(target_levels))
    if not levels or any(level not in TARGET_LEVELS for level in levels):
        raise InvalidData(_("Hãy chọn cấp đơn vị nhận phong trào."), code="no_receivers")
    number, symbol = clean(number), clean(symbol)
    if not number or not symbol or signed_on is None:
        raise InvalidData(
            _("Phong trào chỉ được phát động khi kế hoạch đã có số, ký hiệu và ngày ký."),
            code="document_incomplete",
        )
    receivers = list(receiving_units(movement.issuer, levels, clock.today(now)))
    if not receivers:
        raise InvalidData(
            _(
                "Không có đơn vị nào đang hoạt động thuộc các cấp đã chọn trong phạm vi đơn vị "
                "phát động."
            ),
            code="no_receivers",
        )
    move(
        MOVEMENT,
        movement,
        MovementStatus.LAUNCHED,
        actor=actor,
        now=now,
        version=version,
        fields={
            "target_levels": levels,
            "number": number,
            "symbol": symbol,
            "signed_on": signed_on,
            "launched_at": now,
            "updated_at": now,
        },
        notice=Notice(
            users_of("edit", [r.pk for r in receivers]),
            "movement.launched",
            _("%(u)s phát động «%(m)s» (%(n)s): đơn vị hãy xây dựng kế hoạch hưởng ứng.")
            % {"u": movement.issuer.name, "m": movement.name, "n": f"{number}/{symbol}"},
            reverse("movements:inbox"),
        ),
    )
    reserve_number(
        issuer_id=movement.issuer_id,
        number=number,
        symbol=symbol,
        signed_on=signed_on,
        obj=movement,
    )
    Answer.objects.bulk_create(
        Answer(movement=movement, unit=u, created_at=now, symbol=default_symbol(u, "KH"))
        for u in receivers
    )
    record(
        actor=actor,
        action="movement.launched",
        obj=movement,
        before={"status": MovementStatus.DRAFT},
        after={
            "status": movement.status,
            "number": movement.number_symbol,
            "signed_on": signed_on,
            "target_levels": levels,
            "receivers": len(receivers),
        },
        unit_id=movement.issuer_id,
    )
    return movement


@transaction.atomic
def start_movement(
    *, actor: Any, movement: Movement, version: int | None = None, now: dt.datetime | None = None
) -> Movement:
    ensure_can(actor, "launch", movement.issuer_id)
    now = clock.now(now)
    move(
        MOVEMENT,
        movement,
        MovementStatus.RUNNING,
        actor=actor,
        now=now,
        version=version,
        fields={"updated_at": now},
    )
    record(
        actor=actor,
        action="movement.started",
        obj=movement,
        before={"status": MovementStatus.LAUNCHED},
        after={"status": movement.status},
        unit_id=movement.issuer_id,
    )
    return movement


@transaction.atomic
def cancel_movement(
    *,
    actor: Any,
    movement: Movement,
    reason_code: str,
    reason: str,
    version: int | None = None,
    now: dt.datetime | None = None,
) -> Movement:
    ensure_can(actor, "launch", movement.issuer_id)
    now = clock.now(now)
    move(
        MOVEMENT,
        movement,
        MovementStatus.CANCELLED,
        actor=actor,
        now=now,
        version=version,
        reason_code=reason_code,
        reason=reason,
        fields={"updated_at": now},
    )
    record(
        actor=actor,
        action="movement.cancelled",
        obj=movement,
        before={"status": MovementStatus.DRAFT},
        after={"status": movement.status},
        reason=f"{reason_code}: {clean_text(reason)}",
        unit_id=movement.issuer_id,
    )
    return movement


# --- reads the services share ---------------------------------------------------------------------


def receiving_units(issuer: Unit, levels: Iterable[str], day: dt.date) -> QuerySet[Unit]:
    """Active units of the given levels anywhere under the issuer."""
    below = UnitScope.objects.filter(ancestor=issuer).exclude(descendant=issuer)
    return (
        Unit.objects.filter(pk__in=below.values("descendant_id"), level__in=list(levels))
        .filter(Q(established_on__isnull=True) | Q(established_on__lte=day))
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=day))
        .order_by("sort_key", "id")
    )


def default_symbol(unit: Unit, kind: str) -> str:
    """ "KH-VKSTC" for the supreme procuracy, "KH-VKS" for the others (kind: KH plan, BC report)."""
    return f"{kind}-VKSTC" if unit.level == UnitLevel.TOI_CAO else f"{kind}-VKS"


def default_place(unit: Unit) -> str:
    """The place a document of the unit is dated from: the province or the regional name."""
    if unit.level in (UnitLevel.TOI_CAO, UnitLevel.DON_VI_TRUC_THUOC):
        return "Hà Nội"
    name = unit.name
    if " - " in name:
        return name.rsplit(" - ", 1)[1]
    for word in ("thành phố ", "tỉnh ", "huyện ", "thị xã ", "quận "):
        if word in name:
            return name.split(word, 1)[1]
    return ""


def _check_parent(parent: Movement, issuer: Unit) -> None:
    if parent.status not in OPEN_STATUSES:
        raise InvalidData(_("Phong trào cấp trên chưa phát động hoặc đã kết thúc."))
    if not parent.answers.filter(unit=issuer).exists():
        raise InvalidData(_("Đơn vị không thuộc các đơn vị nhận phong trào cấp trên."))


def _validated(data: MovementData) -> dict[str, Any]:
    values = data.cleaned(TEXT_FIELDS, LINE_FIELDS)
    if not values["name"]:
        raise InvalidData(_("Tên phong trào không được để trống."))
    if values["kind"] not in MovementKind.values:
        raise InvalidData(_("Loại phong trào không hợp lệ."))
    if data.end_year < data.start_year:
        raise InvalidData(_("Năm kết thúc phải từ năm bắt đầu trở đi."))
    if data.horizon_year is not None and data.horizon_year < data.end_year:
        raise InvalidData(_("Năm tầm nhìn phải từ năm kết thúc trở đi."))
    if data.ends_on < data.starts_on:
        raise InvalidData(_("Ngày kết thúc phải sau ngày bắt đầu."))
    if not data.start_year <= data.starts_on.year <= data.end_year:
        raise InvalidData(_("Ngày bắt đầu phải nằm trong giai đoạn của phong trào."))
    for deadline in (data.registration_deadline, data.answer_deadline):
        if deadline is not None and deadline > data.ends_on:
            raise InvalidData(_("Các thời hạn phải trước ngày kết thúc phong trào."))
    known = {code for code, _label in TITLE_CHOICES}
    values["titles"] = [t for t in dict.fromkeys(values["titles"]) if t]
    if any(t not in known for t in values["titles"]):
        raise InvalidData(_("Danh hiệu đăng ký không hợp lệ."))
    return values


def _replace_indicators(movement: Movement, indicators: Sequence[IndicatorData]) -> None:
    names = [clean(i.name) for i in indicators]
    if len(set(names)) != len(names):
        raise InvalidData(_("Hai chỉ tiêu trùng tên."))
    movement.indicators.all().delete()
    rows = []
    for order, (name, item) in enumerate(zip(names, indicators, strict=True), start=1):
        if not name or not clean(item.unit_of_measure):
            raise InvalidData(_("Mỗi chỉ tiêu cần tên và đơn vị tính."))
        if item.target is None or item.target < 0:
            raise InvalidData(_("Mức chỉ tiêu phải là số không âm."))
        if item.direction not in IndicatorDirection.values:
            raise InvalidData(_("Cách đánh giá chỉ tiêu không hợp lệ."))
        rows.append(
            Indicator(
                movement=movement,
                order=order,
                name=name,
                unit_of_measure=clean(item.unit_of_measure),
                target=item.target,
                direction=item.direction,
                summable=item.summable,
            )
        )
    Indicator.objects.bulk_create(rows)


def _require_status(movement: Movement, status: str, message: str) -> None:
    if movement.status != status:
        code = "final_state" if movement.is_final else "invalid_transition"
        raise TransitionNotAllowed(message, code=code)


def lower_first(text: str) -> str:
    """ "Phong trào thi đua năm 2026" inside a sentence: "… phong trào thi đua năm 2026"."""
    return text[:1].lower() + text[1:] if text else text


def fresh_status(movement: Movement) -> str:
    """The status as stored now (the instance may have been loaded before a move)."""
    movement.status = Movement.objects.values_list("status", flat=True).get(pk=movement.pk)
    return movement.status


def require_open(movement: Movement) -> None:
    fresh_status(movement)
    if movement.status not in OPEN_STATUSES:
        code = "final_state" if movement.is_final else "invalid_transition"
        raise TransitionNotAllowed(
            _("Phong trào chưa phát động hoặc đã tổng kết: không thể thực hiện."), code=code
        )


def _movement_after(movement: Movement) -> dict[str, Any]:
    fields = ["status", "kind", "name", "start_year", "end_year", "starts_on", "ends_on"]
    after = snapshot(movement, [*fields, "registration_deadline", "version"])
    after["indicators"] = list(movement.indicators.values_list("name", flat=True))
    return after
