"""The state machines of the award workflow: dossiers here, sittings in `council`, decisions in
`decisions`. One function moves any of them: it follows the object kind's table of allowed moves,
locks the row, checks the version the user edited (optimistic locking), demands a coded reason of
at least 20 characters where the table says so, and writes the transition row.

Errors carry the codes of workflows §0.3: `invalid_transition` for a move not in the table,
`final_state` for any move out of a final state, `reason_required`, and `stale_version` for an edit
made on a copy that someone else has changed since. The calling service writes its audit entry in
the same transaction."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.errors import InvalidData, TransitionNotAllowed
from tdkt.workflow.locking import STALE_MESSAGE, bump_version, lock  # noqa: F401  (re-exported)

REASON_MIN_LENGTH = 20


@dataclass(frozen=True)
class Machine:
    table: dict[str, frozenset[str]]
    labels: type[models.TextChoices]
    row: type[models.Model]
    link: str  # the transition row's foreign key to the object
    noun: str  # how messages name the object
    needs_reason: frozenset[tuple[str, str]] = frozenset()
    reason_codes: type[models.TextChoices] | None = None

    def allows(self, current: str, to: str) -> bool:
        return to in self.table.get(current, frozenset())


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
) -> str:
    """Move `obj` to status `to` (and set `fields`); returns the status it left. Must run inside
    the caller's transaction, which holds the row lock until its audit entry is written."""
    locked = check_move(machine, obj, to, version=version)
    current = locked.status
    if (current, to) in machine.needs_reason:
        reason_code, reason = checked_reason(reason_code, reason, machine.reason_codes)
    else:
        reason = clean_text(reason)
    changes: dict[str, Any] = {"status": to, **(fields or {})}
    if hasattr(obj, "version"):
        changes["version"] = locked.version + 1
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save(update_fields=list(changes))
    machine.row.objects.create(  # type: ignore[attr-defined]
        **{machine.link: obj},
        from_status=current,
        to_status=to,
        at=now or timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_name=actor_name(actor),
        reason_code=reason_code,
        reason=reason,
    )
    return str(current)


def check_move(machine: Machine, obj: Any, to: str, *, version: int | None = None) -> Any:
    """Lock the row and refuse the move if the table does not allow it (or the copy is stale),
    without moving: for services that do their heavy work before the move."""
    locked = lock(obj, version)
    current = locked.status
    if not machine.table[current]:
        raise TransitionNotAllowed(
            _("%(noun)s đang ở trạng thái cuối «%(state)s»: không thể thay đổi.")
            % {"noun": machine.noun.capitalize(), "state": machine.labels(current).label},
            code="final_state",
        )
    if to not in machine.table[current]:
        raise TransitionNotAllowed(
            _("Không thể chuyển %(noun)s từ «%(a)s» sang «%(b)s».")
            % {
                "noun": machine.noun,
                "a": machine.labels(current).label,
                "b": machine.labels(to).label,
            },
            code="invalid_transition",
        )
    return locked


def checked_reason(
    code: str, text: str, codes: type[models.TextChoices] | None = None
) -> tuple[str, str]:
    text = clean_text(text)
    if codes is not None and code not in codes.values:
        raise InvalidData(_("Hãy chọn mã lý do."), code="reason_required")
    if len(text) < REASON_MIN_LENGTH:
        raise InvalidData(
            _("Hãy ghi rõ lý do (ít nhất %(n)s ký tự).") % {"n": REASON_MIN_LENGTH},
            code="reason_required",
        )
    return code, text


def clean_text(value: str | None) -> str:
    """NFC, each line trimmed, no run of blank lines: multi-line text as it is stored."""
    if not value:
        return ""
    lines = [line.strip() for line in unicodedata.normalize("NFC", str(value)).splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def actor_name(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return str(_("Hệ thống"))
    full = getattr(actor, "get_full_name", lambda: "")()
    return str(full or getattr(actor, "username", actor))


def _dossier_machine() -> Machine:
    from tdkt.nominations.models import (
        DOSSIER_NEEDS_REASON,
        DOSSIER_TRANSITIONS,
        DossierStatus,
        DossierTransition,
        ReasonCode,
    )

    return Machine(
        DOSSIER_TRANSITIONS,
        DossierStatus,
        DossierTransition,
        "dossier",
        "hồ sơ",
        DOSSIER_NEEDS_REASON,
        ReasonCode,
    )


DOSSIER_MACHINE = _dossier_machine()
