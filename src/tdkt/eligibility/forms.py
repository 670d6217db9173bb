from __future__ import annotations

import json
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.eligibility.models import Confidence

_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")


def parse_value(text: str) -> Any:
    """What an administrator types, as the engine's value: a number (0.7 or 0,7), true/false,
    null (no limit), or text ("htxs_or_initiative", "12-31")."""
    text = text.strip()
    if _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    lowered = text.lower()
    if lowered in {"true", "false", "null"}:
        return json.loads(lowered)
    try:
        value = json.loads(text)
    except ValueError:
        return text
    if isinstance(value, list | dict):
        raise forms.ValidationError(_("Giá trị phải là một số, true/false, null hoặc chuỗi ký tự."))
    return value


class ParameterForm(forms.Form):
    value = forms.CharField(
        label=_("Giá trị"),
        max_length=200,
        help_text=_("Số (0.7 hoặc 0,7), true/false, null (không giới hạn) hoặc chuỗi ký tự."),
    )
    valid_from = forms.DateField(label=_("Hiệu lực từ ngày (dd/mm/yyyy)"))
    valid_to = forms.DateField(
        label=_("Hiệu lực đến ngày (dd/mm/yyyy)"),
        required=False,
        help_text=_("Để trống nếu còn hiệu lực."),
    )
    citation = forms.CharField(
        label=_("Căn cứ pháp lý"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )
    confidence = forms.ChoiceField(label=_("Độ tin cậy"), choices=Confidence.choices)
    note = forms.CharField(
        label=_("Ghi chú (bắt buộc với độ tin cậy P, M: nêu điều chưa chắc chắn)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    reason = forms.CharField(
        label=_("Lý do thay đổi"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, reason_required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required

    def clean_value(self) -> Any:
        return parse_value(self.cleaned_data["value"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Ngày kết thúc phải từ ngày bắt đầu trở đi."))
        if data.get("confidence") in {"P", "M"} and not (data.get("note") or "").strip():
            self.add_error(
                "note", _("Độ tin cậy P hoặc M phải có ghi chú nêu điều chưa chắc chắn.")
            )
        return data


class AddParameterForm(ParameterForm):
    key = forms.ChoiceField(label=_("Tham số"), choices=())

    field_order = ["key", "value", "valid_from", "valid_to", "citation", "confidence", "note"]

    def __init__(self, *args: Any, keys: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        key_field = self.fields["key"]
        assert isinstance(key_field, forms.ChoiceField)
        key_field.choices = [(k, k) for k in keys]
        self.order_fields(self.field_order)
