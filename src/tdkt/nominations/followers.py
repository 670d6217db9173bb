"""Who follows a dossier, and where a notice about it points: for the notices of the dossier's
moves here and of its council and decision above."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tdkt.nominations.models import Dossier
from tdkt.notifications.services import users_who_can


def link(dossier: Dossier) -> str:
    return reverse("nominations:dossier_detail", args=[dossier.pk])


def authors(dossier: Dossier) -> list[Any]:
    """Who follows a dossier on the proposing side: its creator and the unit's officers."""
    people = users_who_can("nominate", dossier.unit_id)
    if dossier.created_by is not None:
        people.append(dossier.created_by)
    return people
