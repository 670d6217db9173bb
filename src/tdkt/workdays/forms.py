from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.web.fields import field_messages, text_field
from tdkt.workdays.models import DayKind

DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y", attrs={"size": 10, "placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
)


def date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=["%d/%m/%Y"],
        widget=DATE_WIDGET,
        help_text=_("dd/mm/yyyy"),
        error_messages=field_messages(label),
    )


class AdjustedDayForm(forms.Form):
    day = date_field(_("Ngày"))
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=DayKind.choices,
        widget=forms.RadioSelect,
        error_messages=field_messages(_("Loại")),
    )
    decision_number = text_field(_("Số văn bản"), 100, size=30)
    decision_date = date_field(_("Ngày văn bản"))
    issuer = text_field(_("Cơ quan ban hành"), 200)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
    )


class RemovalForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do xóa"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
        error_messages=field_messages(_("Lý do xóa")),
    )
