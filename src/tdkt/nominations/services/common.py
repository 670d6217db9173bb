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


class NotAllowed(DomainError):
    code = "not_allowed"


def ensure(actor: Any, action: str, unit_id: int | None) -> None:
    """Services check again what the screens and the API checked: `actor` None is the system
    (the demo builder, migrations), which may do anything."""
    if actor is None:
        return
    if unit_id is None or not access_for(actor).can(action, unit_id):
        raise NotAllowed(_("Bạn không có quyền thực hiện việc này đối với đơn vị này."))


def can(actor: Any, action: str, unit_id: int | None) -> bool:
    return actor is None or (unit_id is not None and access_for(actor).can(action, unit_id))


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
