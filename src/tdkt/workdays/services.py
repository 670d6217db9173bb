"""Entering and removing the days a Government decision moves in or out of the working week. The
calendar is the whole sector's: only an administrator changes it, and every change is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record, snapshot
from tdkt.errors import Conflict, InvalidData
from tdkt.text import clean
from tdkt.workdays.calendar import calendar
from tdkt.workdays.models import AdjustedDay, DayKind
from tdkt.workflow import clock
from tdkt.workflow.access import access_for, ensure
from tdkt.workflow.machine import user_or_none
from tdkt.workflow.reasons import clean_text

FIRST_YEAR, LAST_YEAR = 2000, 2100
AUDITED = ["day", "kind", "decision_number", "decision_date", "issuer", "note"]


def ensure_admin(actor: Any) -> None:
    """`actor` None is the system (a migration, the demo builder)."""
    if actor is not None:
        ensure(
            access_for(actor).can("admin"),
            _("Chỉ quản trị hệ thống mới được sửa lịch ngày làm việc."),
        )


@transaction.atomic
def add_adjusted_day(
    *,
    actor: Any,
    day: dt.date,
    kind: str,
    decision_number: str,
    decision_date: dt.date,
    issuer: str,
    note: str = "",
    now: dt.datetime | None = None,
) -> AdjustedDay:
    """An extra day off, or a working day swapped in, as a Government decision sets it."""
    ensure_admin(actor)
    _check_day(day, kind)
    number, by = clean(decision_number), clean(issuer)
    if not number or not by:
        raise InvalidData(_("Hãy nhập số văn bản và cơ quan ban hành."))
    adjusted = AdjustedDay(
        day=day,
        kind=kind,
        decision_number=number[:100],
        decision_date=decision_date,
        issuer=by[:200],
        note=clean_text(note),
        created_at=clock.now(now),
        created_by=user_or_none(actor),
    )
    try:
        with transaction.atomic():
            adjusted.save(force_insert=True)
    except IntegrityError as exc:  # the same day entered at the same moment by someone else
        raise Conflict(_("Ngày này đã có trong lịch."), code="duplicate") from exc
    record(actor=actor, action="workday.added", obj=adjusted, after=snapshot(adjusted, AUDITED))
    return adjusted


def _check_day(day: dt.date, kind: str) -> None:
    shown = day.strftime("%d/%m/%Y")
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidData(
            _("Ngày phải trong các năm %(a)s–%(b)s.") % {"a": FIRST_YEAR, "b": LAST_YEAR}
        )
    if kind not in DayKind.values:
        raise InvalidData(_("Hãy chọn loại ngày."))
    existing = AdjustedDay.objects.filter(day=day).first()
    if existing is not None:
        raise Conflict(
            _("Ngày %(d)s đã được nhập theo văn bản số %(n)s; hãy xóa dòng đó trước.")
            % {"d": shown, "n": existing.decision_number},
            code="duplicate",
        )
    working = calendar().is_working_day(day)
    if kind == DayKind.DAY_OFF and not working:
        raise InvalidData(_("Ngày %(d)s đã là ngày nghỉ.") % {"d": shown}, code="already_off")
    if kind == DayKind.WORKING_DAY and working:
        raise InvalidData(
            _("Ngày %(d)s đã là ngày làm việc.") % {"d": shown}, code="already_working"
        )


@transaction.atomic
def remove_adjusted_day(*, actor: Any, adjusted: AdjustedDay, reason: str) -> None:
    """Take out a day entered by mistake (or under a decision since withdrawn); the audit trail
    keeps what it was."""
    ensure_admin(actor)
    why = clean_text(reason)
    if not why:
        raise InvalidData(_("Hãy ghi lý do xóa."), code="reason_required")
    row = AdjustedDay.objects.select_for_update().filter(pk=adjusted.pk).first()
    if row is None:
        raise Conflict(_("Ngày này đã được xóa."), code="stale")
    record(
        actor=actor, action="workday.removed", obj=row, before=snapshot(row, AUDITED), reason=why
    )
    row.delete()
