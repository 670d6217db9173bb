"""An example's way to the public site: the unit sends it up; the level above (whoever may
`approve` on the unit's parent) approves or returns it with a reason, publishes it, and may take
it off the public site again (so may the unit itself), with a reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record_move
from tdkt.errors import NotAllowed
from tdkt.org.models import Unit
from tdkt.publicity.models import EXAMPLE_MACHINE, Example, ExampleStatus
from tdkt.workflow import clock
from tdkt.workflow.access import can, ensure_can

S = ExampleStatus


def level_above(unit: Unit) -> int:
    """The unit whose `approve` holders decide on what `unit` sends up: its parent; the supreme
    procuracy, with nobody above it in the system, decides at its own level (as registrations)."""
    return unit.parent_id or unit.pk


def may_decide(actor: Any, example: Example) -> bool:
    """Approving, returning and publishing belong to the level above the unit."""
    return can(actor, "approve", level_above(example.unit))


def may_withdraw(actor: Any, example: Example) -> bool:
    """Taking an example off the public site: the level above, or the unit itself (a mistake or
    a privacy problem is fixed by whoever sees it first)."""
    return may_decide(actor, example) or can(actor, "edit", example.unit_id)


@transaction.atomic
def submit_example(
    *, actor: Any, example: Example, version: int | None, now: dt.datetime | None = None
) -> Example:
    ensure_can(actor, "edit", example.unit_id)
    return _move(actor, example, S.SUBMITTED, "example.submitted", version, now)


@transaction.atomic
def approve_example(
    *, actor: Any, example: Example, version: int | None, now: dt.datetime | None = None
) -> Example:
    _ensure_above(actor, example)
    return _move(actor, example, S.APPROVED, "example.approved", version, now)


@transaction.atomic
def return_example(
    *,
    actor: Any,
    example: Example,
    reason_code: str,
    reason: str,
    version: int | None,
    now: dt.datetime | None = None,
) -> Example:
    _ensure_above(actor, example)
    return _move(actor, example, S.RETURNED, "example.returned", version, now, reason_code, reason)


@transaction.atomic
def publish_example(
    *, actor: Any, example: Example, version: int | None, now: dt.datetime | None = None
) -> Example:
    _ensure_above(actor, example)
    return _move(
        actor,
        example,
        S.PUBLISHED,
        "example.published",
        version,
        now,
        fields={"published_at": clock.now(now)},
    )


@transaction.atomic
def unpublish_example(
    *,
    actor: Any,
    example: Example,
    reason_code: str,
    reason: str,
    version: int | None,
    now: dt.datetime | None = None,
) -> Example:
    if not may_withdraw(actor, example):
        raise NotAllowed(_("Bạn không có quyền gỡ điển hình này khỏi trang công khai."))
    return _move(
        actor, example, S.UNPUBLISHED, "example.unpublished", version, now, reason_code, reason
    )


def _ensure_above(actor: Any, example: Example) -> None:
    if not may_decide(actor, example):
        raise NotAllowed(_("Chỉ cấp trên của đơn vị mới duyệt, trả lại hoặc công bố điển hình."))


def _move(
    actor: Any,
    example: Example,
    to: str,
    action: str,
    version: int | None,
    now: dt.datetime | None,
    reason_code: str = "",
    reason: str = "",
    fields: dict[str, Any] | None = None,
) -> Example:
    now = clock.now(now)
    record_move(
        EXAMPLE_MACHINE,
        example,
        to,
        actor=actor,
        action=action,
        unit_id=example.unit_id,
        now=now,
        version=version,
        reason_code=reason_code,
        reason=reason,
        fields={"updated_at": now, **(fields or {})},
    )
    return example
