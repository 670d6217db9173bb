"""What the services of this app share: the access guard, the clock, who approves an example."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import access_for
from tdkt.errors import DomainError
from tdkt.org.models import Unit


class NotAllowed(DomainError):
    code = "not_allowed"


def can(actor: Any, action: str, unit_id: int | None) -> bool:
    """`actor` None is the system (the demo builder, a command), which may do anything."""
    return actor is None or (unit_id is not None and access_for(actor).can(action, unit_id))


def ensure(actor: Any, action: str, unit_id: int | None) -> None:
    """Services check again what the screens checked."""
    if not can(actor, action, unit_id):
        raise NotAllowed(_("Bạn không có quyền thực hiện việc này đối với đơn vị này."))


def moment(now: dt.datetime | None) -> dt.datetime:
    """Services take an optional `now`: the demo writes past events, tests pin the clock."""
    return now or timezone.now()


def day_of(now: dt.datetime) -> dt.date:
    return timezone.localdate(now) if timezone.is_aware(now) else now.date()


def user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def level_above(unit: Unit) -> int:
    """The unit whose `approve` holders decide on what `unit` sends up: its parent; the supreme
    procuracy, with nobody above it in the system, decides at its own level (as registrations)."""
    return unit.parent_id or unit.pk
