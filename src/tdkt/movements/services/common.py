"""What every service issuing a document shares: the document's particulars (`DocumentData`) and
the register of issued numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Self

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.errors import Conflict
from tdkt.movements.models import DocumentNumber
from tdkt.text import clean
from tdkt.workflow.reasons import clean_text

# The one-line particulars (`recipients` is the multi-line one).
PARTICULAR_LINES = ("number", "symbol", "place", "signer_authority", "signer_title", "signer_name")


@dataclass(kw_only=True)
class DocumentData:
    """The particulars of an issued document (models.DocumentFields) that the officer writes."""

    number: str = ""
    symbol: str = ""
    signed_on: dt.date | None = None
    place: str = ""
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: str = ""

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> Self:
        """From a form's cleaned data, which carries fields of its own (the version)."""
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in values.items() if k in names})

    def cleaned(self, texts: Iterable[str] = (), lines: Iterable[str] = ()) -> dict[str, Any]:
        """Every field as stored: `texts` and the recipients as multi-line text, `lines` and the
        particulars as one line."""
        values = asdict(self)
        for name in (*texts, "recipients"):
            values[name] = clean_text(values[name])
        for name in (*lines, *PARTICULAR_LINES):
            values[name] = clean(values[name])
        return values


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
