"""The one place where a status of this app changes: one transition service per object kind, each
following its kind's table of allowed moves and writing a transition row.

Errors carry the codes of workflows §0.3: a move that is not in the table fails with
`invalid_transition`, any move out of a final state with `final_state`, a move that needs a reason
without a coded reason of at least 20 characters with `reason_required`, an edit made on a stale
copy with `stale_version`. The calling service writes the audit entry in the same transaction."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from tdkt.errors import Conflict, InvalidData, TransitionNotAllowed
from tdkt.movements.models import (
    ANSWER_TRANSITIONS,
    BALLOT_TRANSITIONS,
    MOVEMENT_TRANSITIONS,
    REGISTRATION_TRANSITIONS,
    SHEET_TRANSITIONS,
    Answer,
    AnswerStatus,
    AnswerTransition,
    BallotStatus,
    BallotTransition,
    FlagBallot,
    Movement,
    MovementStatus,
    MovementTransition,
    Registration,
    RegistrationStatus,
    RegistrationTransition,
    ReturnReason,
    ScoreSheet,
    SheetStatus,
    SheetTransition,
)
from tdkt.movements.models.base import REASON_MIN_LENGTH
from tdkt.movements.services.common import user_or_none


@dataclass(frozen=True)
class Machine:
    table: dict[str, frozenset[str]]
    labels: type[models.TextChoices]
    row: type[models.Model]
    link: str  # the row's foreign key to the object
    noun: str  # how messages name the object
    needs_reason: frozenset[tuple[str, str]] = frozenset()


MOVEMENT = Machine(
    MOVEMENT_TRANSITIONS,
    MovementStatus,
    MovementTransition,
    "movement",
    "phong trào",
    frozenset({(MovementStatus.DRAFT, MovementStatus.CANCELLED)}),
)
ANSWER = Machine(ANSWER_TRANSITIONS, AnswerStatus, AnswerTransition, "answer", "việc triển khai")
REGISTRATION = Machine(
    REGISTRATION_TRANSITIONS,
    RegistrationStatus,
    RegistrationTransition,
    "registration",
    "bản đăng ký",
    frozenset({(RegistrationStatus.SUBMITTED, RegistrationStatus.RETURNED)}),
)
SHEET = Machine(SHEET_TRANSITIONS, SheetStatus, SheetTransition, "sheet", "bảng chấm điểm")
BALLOT = Machine(BALLOT_TRANSITIONS, BallotStatus, BallotTransition, "ballot", "cuộc bỏ phiếu")


def transition_movement(movement: Movement, to: str, **kw: Any) -> str:
    return _move(MOVEMENT, movement, to, **kw)


def transition_answer(answer: Answer, to: str, **kw: Any) -> str:
    return _move(ANSWER, answer, to, **kw)


def transition_registration(registration: Registration, to: str, **kw: Any) -> str:
    return _move(REGISTRATION, registration, to, **kw)


def transition_sheet(sheet: ScoreSheet, to: str, **kw: Any) -> str:
    return _move(SHEET, sheet, to, **kw)


def transition_ballot(ballot: FlagBallot, to: str, **kw: Any) -> str:
    return _move(BALLOT, ballot, to, **kw)


def _move(
    machine: Machine,
    obj: Any,
    to: str,
    *,
    actor: Any,
    now: dt.datetime,
    reason_code: str = "",
    reason: str = "",
    version: int | None = None,
    fields: dict[str, Any] | None = None,
) -> str:
    """Move `obj` to `to` (setting `fields` too); returns the status it left. The caller's
    transaction holds the row lock until its audit entry is written."""
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
    if (current, to) in machine.needs_reason:
        reason_code, reason = checked_reason(reason_code, reason)
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
        at=now,
        actor=user_or_none(actor),
        actor_name=actor_name(actor),
        reason_code=reason_code,
        reason=reason,
    )
    return current


def lock(obj: Any, version: int | None = None) -> Any:
    """The object's row, locked for the transaction; `version` (the one the user edited) must
    still be current, else another officer saved first and nothing is written."""
    fields = ["status", "version"] if hasattr(obj, "version") else ["status"]
    if not hasattr(obj, "status"):
        fields.remove("status")
    locked = type(obj).objects.select_for_update().only(*fields).get(pk=obj.pk)
    if version is not None and locked.version != version:
        raise Conflict(
            _(
                "Dữ liệu đã được người khác thay đổi sau khi bạn mở trang. "
                "Hãy tải lại trang để xem bản mới nhất rồi thực hiện lại."
            ),
            code="stale_version",
        )
    return locked


def bump_version(obj: Any, version: int | None) -> list[str]:
    """For plain edits: check the version as `lock` does and advance it; returns the field to
    save."""
    locked = lock(obj, version)
    obj.version = locked.version + 1
    return ["version"]


def checked_reason(code: str, text: str) -> tuple[str, str]:
    text = clean_text(text)
    if code not in ReturnReason.values:
        raise InvalidData(_("Hãy chọn lý do trả lại."), code="reason_required")
    if len(text) < REASON_MIN_LENGTH:
        raise InvalidData(
            _("Hãy ghi rõ lý do (ít nhất %(n)s ký tự) để đơn vị biết cần sửa gì.")
            % {"n": REASON_MIN_LENGTH},
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
    if actor is None:
        return _("Hệ thống")
    full = getattr(actor, "get_full_name", lambda: "")()
    return str(full or getattr(actor, "username", actor))
