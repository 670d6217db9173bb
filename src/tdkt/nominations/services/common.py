"""What the services of the award workflow share: the access guard, the clock, recipients."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import access_for
from tdkt.errors import DomainError
from tdkt.nominations.models import Dossier
from tdkt.nominations.workflow import DOSSIER_MACHINE  # noqa: F401  (re-exported)
from tdkt.notifications.services import notify, users_who_can
from tdkt.org.models import Unit, UnitScope


class NotAllowed(DomainError):
    code = "not_allowed"


def ensure(actor: Any, action: str, unit_id: int | None) -> None:
    """Services check again what the screens and the API checked: `actor` None is the system
    (the demo builder, migrations), which may do anything. "nominate" is the proposing unit's
    own right: the levels above, which receive its dossiers, do not hold it (`acts_for`)."""
    if actor is None:
        return
    if not can(actor, action, unit_id):
        raise NotAllowed(_("Bạn không có quyền thực hiện việc này đối với đơn vị này."))


def can(actor: Any, action: str, unit_id: int | None) -> bool:
    if actor is None:
        return True
    if unit_id is None:
        return False
    if action == "nominate":
        return acts_for(actor, unit_id)
    return access_for(actor).can(action, unit_id)


def acts_for(actor: Any, unit_id: int, action: str = "nominate") -> bool:
    """Whether the actor acts in the unit's own name: a grant for `action` on the unit itself (or
    on a department between it and the level it reports to). A grant on the level above reaches
    the unit too, but that level receives, returns or forwards the unit's dossier, and opens and
    locks a cluster's scoring: it does not write, send or sign for the unit (issue 12, point 4)."""
    from tdkt.nominations.policy import next_receiver

    roots = access_for(actor).units_for(action)
    if not roots:
        return False
    reaching = set(
        UnitScope.objects.filter(ancestor_id__in=roots, descendant_id=unit_id).values_list(
            "ancestor_id", flat=True
        )
    )
    unit = Unit.objects.filter(pk=unit_id).select_related("parent").first()
    receiver = next_receiver(unit) if unit is not None else None
    if not reaching or receiver is None:
        return bool(reaching)
    above = set(
        UnitScope.objects.filter(ancestor_id__in=reaching, descendant=receiver).values_list(
            "ancestor_id", flat=True
        )
    )
    return bool(reaching - above)


def today(day: dt.date | None = None) -> dt.date:
    return day or timezone.localdate()


def link(dossier: Dossier) -> str:
    return reverse("nominations:dossier_detail", args=[dossier.pk])


def authors(dossier: Dossier) -> list[Any]:
    """Who follows a dossier on the proposing side: its creator and the unit's officers."""
    people = users_who_can("nominate", dossier.unit_id)
    if dossier.created_by is not None:
        people.append(dossier.created_by)
    return people


def tell(recipients: list[Any], actor: Any, action: str, text: str, link: str) -> None:
    """Notify everyone concerned but the person who acted."""
    actor_id = getattr(actor, "pk", None)
    notify(
        recipients=[u for u in recipients if u.pk != actor_id], action=action, text=text, link=link
    )
