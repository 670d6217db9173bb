from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.eligibility.models import Confidence
from tdkt.rules.regimes import instrument_numbers

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

    def clean_valid_from(self) -> dt.date:
        return _sane_day(self.cleaned_data["valid_from"])

    def clean_valid_to(self) -> dt.date | None:
        day = self.cleaned_data.get("valid_to")
        return _sane_day(day) if day else None

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


# --- legal regimes ------------------------------------------------------------------------------

FIRST_DAY = dt.date(2019, 1, 1)  # before the first regime the engine encodes (28/06/2019)
LAST_DAY = dt.date(2100, 12, 31)
# A regime's code goes into the URL of its screens: letters, digits and hyphens ("2027-03").
CODE = re.compile(r"^[0-9A-Za-z-]{1,20}$")


def _day_field(label: Any, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Hãy nhập ngày theo dạng dd/mm/yyyy.")},
    )


def _bounded(day: dt.date) -> dt.date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise forms.ValidationError(_("Ngày phải trong khoảng từ năm 2019 đến năm 2100."))
    return day


def _sane_day(day: dt.date) -> dt.date:
    """A parameter's dates go back to the 2003 law's texts; year 0001 or 9999 is a typing slip
    (and beyond what PostgreSQL and the engine's arithmetic accept)."""
    if not dt.date(1945, 1, 1) <= day <= LAST_DAY:
        raise forms.ValidationError(_("Ngày phải trong khoảng từ năm 1945 đến năm 2100."))
    return day


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class CloseRegimeForm(forms.Form):
    ceases_on = _day_field(
        _("Ngày văn bản hết hiệu lực (dd/mm/yyyy)"),
        _("Theo vbpl.vn, mục «ngày hết hiệu lực»; chế độ áp dụng đến hết ngày hôm trước."),
    )
    ceased = forms.CharField(
        label=_("Văn bản hết hiệu lực"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("Mỗi văn bản một dòng, có số hiệu (ví dụ: Nghị định 152/2025/NĐ-CP)."),
    )
    reason = forms.CharField(
        label=_("Lý do, căn cứ (văn bản làm chấm dứt hiệu lực)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )

    def clean_ceases_on(self) -> dt.date:
        return _bounded(self.cleaned_data["ceases_on"])

    def clean_ceased(self) -> list[str]:
        texts = _lines(self.cleaned_data["ceased"])
        if not texts or any(not instrument_numbers(t) for t in texts):
            raise forms.ValidationError(
                _("Mỗi dòng phải nêu số hiệu văn bản (ví dụ: Nghị định 152/2025/NĐ-CP).")
            )
        return texts


class OpenRegimeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã chế độ"),
        max_length=20,
        help_text=_("Năm và tháng bắt đầu áp dụng, ví dụ 2027-03 (chỉ chữ, số và dấu gạch ngang)."),
    )
    starts_on = _day_field(_("Áp dụng từ ngày (dd/mm/yyyy)"))
    label = forms.CharField(
        label=_("Tên gọi (người dùng đọc)"),
        max_length=300,
        help_text=_("Ví dụ: Luật TĐKT 2022 (sửa đổi 2026), Nghị định …/2027/NĐ-CP, Thông tư …"),
    )
    instruments = forms.CharField(
        label=_("Các văn bản làm căn cứ"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Mỗi văn bản một dòng."),
    )
    confidence = forms.ChoiceField(label=_("Độ tin cậy"), choices=Confidence.choices)
    note = forms.CharField(
        label=_("Ghi chú (bắt buộc với độ tin cậy P, M: nêu điều chưa chắc chắn)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    dossier_rule = forms.BooleanField(
        label=_("Chọn theo ngày nhận đủ hồ sơ (hồ sơ nhận trước ngày áp dụng theo chế độ cũ)"),
        required=False,
    )
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, required=False
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not CODE.match(code):
            raise forms.ValidationError(_("Mã chỉ gồm chữ, số và dấu gạch ngang, tối đa 20 ký tự."))
        return code

    def clean_starts_on(self) -> dt.date:
        return _bounded(self.cleaned_data["starts_on"])

    def clean_instruments(self) -> list[str]:
        return _lines(self.cleaned_data["instruments"])
