from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from tdkt.imports.models import ImportKind
from tdkt.org.forms import UnitChoiceField, set_units
from tdkt.org.models import UnitScope
from tdkt.workflow.access import access_for, restrict_units


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại dữ liệu"), choices=ImportKind.choices)
    unit = UnitChoiceField(label=_("Đơn vị"), action="import", active=True)
    year = forms.IntegerField(
        label=_("Năm của dữ liệu"),
        required=False,
        min_value=1945,
        max_value=2100,
        help_text=_(
            "Với xếp loại, sáng kiến, vi phạm: năm dùng khi tệp không có cột «Năm»; có thể để "
            "trống."
        ),
    )
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A dissolved unit's history is imported through its successor, whose scope includes it.
        units = restrict_units(user, action="import").filter(dissolved_on__isnull=True)
        set_units(self, units.order_by("sort_key"), "unit")
        self.fields["unit"].initial = _widest_grant(user)


def _widest_grant(user: Any) -> int | None:
    """The granted unit with the largest subtree: where an officer usually imports for."""
    granted = access_for(user).units_for("import")
    widest = (
        UnitScope.objects.filter(ancestor_id__in=granted, ancestor__dissolved_on__isnull=True)
        .values("ancestor_id")
        .annotate(size=Count("id"))
        .order_by("-size", "ancestor_id")
        .first()
    )
    return widest["ancestor_id"] if widest else None
