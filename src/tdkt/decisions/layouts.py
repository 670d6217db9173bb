"""The issuer's certificate layout (margins and line positions on an A4 landscape sheet, to fit
pre-printed blanks): read with its defaults, saved through one audited service."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.decisions.models import CertificateLayout
from tdkt.errors import InvalidData
from tdkt.org.models import Unit
from tdkt.workflow.access import ensure_can

LAYOUT_FIELDS = (
    "preprinted",
    "margin_top_mm",
    "margin_left_mm",
    "margin_right_mm",
    "name_top_mm",
    "body_top_mm",
    "signature_top_mm",
    "name_size_pt",
)


def layout_for(issuer: Unit) -> CertificateLayout:
    """The saved layout, or the default one (not saved) for an issuer that has none."""
    found = CertificateLayout.objects.filter(issuer=issuer).first()
    return found or CertificateLayout(issuer=issuer)


@transaction.atomic
def save_layout(*, actor: Any, issuer: Unit, **values: Any) -> CertificateLayout:
    ensure_can(actor, "decide", issuer.pk)
    unknown = set(values) - set(LAYOUT_FIELDS)
    if unknown:
        raise InvalidData(_("Trường không hợp lệ: %(f)s") % {"f": ", ".join(sorted(unknown))})
    layout = layout_for(issuer)
    before = {k: getattr(layout, k) for k in LAYOUT_FIELDS}
    for key, value in values.items():
        setattr(layout, key, value)
    if not (layout.name_top_mm < layout.body_top_mm < layout.signature_top_mm <= 190):
        raise InvalidData(
            _("Các dòng phải theo thứ tự: họ tên, thành tích, chữ ký (trong khổ giấy 210 mm).")
        )
    for key in ("margin_top_mm", "margin_left_mm", "margin_right_mm"):
        if not 0 <= Decimal(str(getattr(layout, key))) <= 100:
            raise InvalidData(_("Lề phải từ 0 đến 100 mm."))
    if not 10 <= int(layout.name_size_pt) <= 48:
        raise InvalidData(_("Cỡ chữ họ tên từ 10 đến 48 pt."))
    # An issuer's first layout is inserted whole; a saved one updates the fields given.
    layout.save(update_fields=[*values, "updated_at"] if layout.pk else None)
    record(
        actor=actor,
        action="certificate.layout_saved",
        obj=layout,
        before=before,
        after={k: getattr(layout, k) for k in LAYOUT_FIELDS},
        unit_id=issuer.pk,
    )
    return layout
