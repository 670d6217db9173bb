"""Small pieces every service of the app uses: the clock, document numbers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.errors import Conflict, DomainError
from tdkt.movements.models import DocumentNumber


class NotAllowed(DomainError):
    """The actor may not do this for this unit (checked again in the service: the shell, a task
    or the API call the services too)."""

    code = "not_allowed"


def user_or_none(actor: Any) -> Any:
    """The acting user for a foreign key, or None for the system (the demo, a command)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def moment(now: dt.datetime | None) -> dt.datetime:
    """Services take an optional `now` (the demo writes past events; tests pin the clock)."""
    return now or timezone.now()


def day_of(now: dt.datetime) -> dt.date:
    return timezone.localdate(now) if timezone.is_aware(now) else now.date()


def reserve_number(
    *, issuer_id: int, number: str, symbol: str, signed_on: dt.date | None, obj: Any
) -> None:
    """Enter the document's number in the register of issued numbers (one per issuer, year and
    symbol); renumbering an object frees its old number."""
    label = obj._meta.label_lower
    DocumentNumber.objects.filter(object_type=label, object_id=obj.pk).delete()
    if not number:
        return
    year = (signed_on or timezone.localdate()).year
    try:
        with transaction.atomic():
            DocumentNumber.objects.create(
                issuer_id=issuer_id,
                year=year,
                number=number,
                symbol=symbol,
                object_type=label,
                object_id=obj.pk,
            )
    except IntegrityError as exc:
        raise Conflict(
            _("Số %(n)s/%(s)s năm %(y)s của đơn vị đã được dùng cho văn bản khác.")
            % {"n": number, "s": symbol, "y": year},
            code="number_taken",
        ) from exc
