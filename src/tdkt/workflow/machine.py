"""The state machines: each moving object kind declares a `Machine` (its table of allowed moves,
its labels, its transition row) and changes status only through `move`.

Errors carry the codes of workflows §0.3: `invalid_transition` for a move not in the table,
`final_state` for any move out of a final state, `reason_required` for a move that needs a coded
reason without one, `stale_version` for an edit made on a copy someone else has changed since.
`move` runs inside the caller's transaction, which holds the row lock until the caller's audit
entry is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from tdkt.errors import TransitionNotAllowed
from tdkt.workflow import clock, notices
from tdkt.workflow.locking import lock
from tdkt.workflow.reasons import ReasonCode, checked_reason, clean_text


@dataclass(frozen=True)
class Machine:
    table: Mapping[str, frozenset[str]]
    labels: type[models.TextChoices]
    row: type[models.Model] | None  # the transition row model; None keeps no history
    link: str  # the transition row's foreign key to the object
    noun: str  # how messages name the object ("hồ sơ", "phong trào")
    needs_reason: frozenset[tuple[str, str]] = frozenset()
    # A field stamped with the moment the object reaches a final state (jobs' `finished_at`).
    finished_field: str = ""
    # The codes a reason may carry: the one set, unless the object's domain has its own (the
    # grounds of an example's return, say) that the transition row declares too.
    reason_codes: type[models.TextChoices] = ReasonCode

    def allows(self, current: str, to: str) -> bool:
        return to in self.table.get(current, frozenset())

    def is_final(self, status: str) -> bool:
        return not self.table.get(status)

    def label(self, status: str) -> str:
        return str(self.labels(status).label)


def move(
    machine: Machine,
    obj: Any,
    to: str,
    *,
    actor: Any,
    now: dt.datetime | None = None,
    reason_code: str = "",
    reason: str = "",
    version: int | None = None,
    fields: dict[str, Any] | None = None,
    notice: notices.Notice | None = None,
) -> str:
    """Move `obj` to status `to` (setting `fields` too) and write the transition row; returns the
    status it left. `notice`, if given, goes to its recipients (never back to the actor)."""
    moment = clock.now(now)
    locked = check_move(machine, obj, to, version=version)
    current = str(locked.status)
    if (current, to) in machine.needs_reason:
        reason_code, reason = checked_reason(reason_code, reason, machine.reason_codes)
    else:
        reason = clean_text(reason)
    changes: dict[str, Any] = {"status": to, **(fields or {})}
    if machine.finished_field and machine.is_final(to):
        changes.setdefault(machine.finished_field, moment)
    if hasattr(obj, "version"):
        changes["version"] = locked.version + 1
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save(update_fields=list(changes))
    if machine.row is not None:
        machine.row.objects.create(  # type: ignore[attr-defined]
            **{machine.link: obj},
            from_status=current,
            to_status=to,
            at=moment,
            actor=user_or_none(actor),
            actor_name=actor_name(actor),
            reason_code=reason_code,
            reason=reason,
        )
    if notice is not None:
        notices.send(notice, actor=actor)
    return current


def check_move(machine: Machine, obj: Any, to: str, *, version: int | None = None) -> Any:
    """Lock the row and refuse the move if the table does not allow it (or the copy is stale),
    without moving: for services that do their heavy work before the move."""
    locked = lock(obj, version)
    current = str(locked.status)
    if machine.is_final(current):
        raise TransitionNotAllowed(
            _("%(noun)s đang ở trạng thái cuối «%(state)s»: không thể thay đổi.")
            % {"noun": machine.noun.capitalize(), "state": machine.label(current)},
            code="final_state",
        )
    if not machine.allows(current, to):
        raise TransitionNotAllowed(
            _("Không thể chuyển %(noun)s từ «%(a)s» sang «%(b)s».")
            % {"noun": machine.noun, "a": machine.label(current), "b": machine.label(to)},
            code="invalid_transition",
        )
    return locked


def user_or_none(actor: Any) -> Any:
    """The acting user for a foreign key, or None for the system (the demo, a command)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def actor_name(actor: Any) -> str:
    """The name kept beside the foreign key, so that history survives a deleted account."""
    if user_or_none(actor) is None:
        return str(_("Hệ thống"))
    full = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return str(full or getattr(actor, "username", actor))
