"""What the inspection services share: who may do what, the move through the kernel with its
audit entry, and the checks on what stage an inspection is at. (This app's own plumbing: no other
app imports it.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from tdkt.audit.services import record_move
from tdkt.errors import TransitionNotAllowed
from tdkt.inspections.models import INSPECTION_MACHINE, Inspection, InspectionStatus
from tdkt.workflow import clock
from tdkt.workflow.access import acts_for, can, ensure

S = InspectionStatus


def may_plan(actor: Any, inspection: Inspection) -> bool:
    """Drafting the plan, running the inspection and following it up: the inspecting unit."""
    return can(actor, "inspection.plan", inspection.inspector_id)


def may_approve(actor: Any, inspection: Inspection) -> bool:
    """Approving the plan, signing the conclusion and closing the follow-up: its leaders."""
    return can(actor, "inspection.approve", inspection.inspector_id)


def may_report(actor: Any, unit_id: int) -> bool:
    """The inspected unit's own officers write its self-report and report its fixes; the level
    above reaches the unit but does not write in its name."""
    if actor is None:
        return True
    return can(actor, "inspection.report", unit_id) and acts_for(
        actor, unit_id, "inspection.report"
    )


def ensure_plan(actor: Any, inspection: Inspection) -> None:
    ensure(
        may_plan(actor, inspection),
        _("Chỉ đơn vị kiểm tra (%(u)s) làm được việc này.") % {"u": inspection.inspector.name},
    )


def ensure_approve(actor: Any, inspection: Inspection) -> None:
    ensure(
        may_approve(actor, inspection),
        _("Chỉ lãnh đạo đơn vị kiểm tra (%(u)s) làm được việc này.")
        % {"u": inspection.inspector.name},
    )


def ensure_report(actor: Any, unit: Any) -> None:
    ensure(
        may_report(actor, unit.pk),
        _("Chỉ %(u)s tự báo cáo, khắc phục cho mình; đơn vị khác không làm thay được.")
        % {"u": unit.name},
    )


def require_status(inspection: Inspection, *statuses: str, message: str) -> None:
    """Refuse (nothing written) unless the inspection is at one of `statuses`."""
    if inspection.status not in statuses:
        final = INSPECTION_MACHINE.is_final(inspection.status)
        raise TransitionNotAllowed(message, code="final_state" if final else "invalid_transition")


def move_inspection(
    actor: Any,
    inspection: Inspection,
    to: str,
    action: str,
    version: int | None,
    now: dt.datetime | None,
    reason_code: str = "",
    reason: str = "",
    fields: dict[str, Any] | None = None,
) -> Inspection:
    now = clock.now(now)
    record_move(
        INSPECTION_MACHINE,
        inspection,
        to,
        actor=actor,
        action=action,
        unit_id=inspection.inspector_id,
        now=now,
        version=version,
        reason_code=reason_code,
        reason=reason,
        fields={"updated_at": now, **(fields or {})},
        after={k: v for k, v in (fields or {}).items() if k != "updated_at"},
    )
    return inspection
