"""The fund's forms: amounts typed as people write them ("20.000.000", "20 000 000 đ"), dates
dd/mm/yyyy, texts cleaned by the services."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from tdkt.funds.models import MAX_AMOUNT, SpendingCategory
from tdkt.funds.services import FIRST_YEAR, LAST_YEAR
from tdkt.org.forms import UnitChoiceField, UnitPickerWidget, set_units
from tdkt.web.fields import field_messages, text_field

DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y", attrs={"size": 10, "placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
)
_GROUPED = re.compile(r"[0-9]{1,40}")


def date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=["%d/%m/%Y"],
        widget=DATE_WIDGET,
        help_text=_("dd/mm/yyyy"),
        error_messages=field_messages(label),
    )


class MoneyField(forms.Field):
    """Whole đồng, positive, at most `MAX_AMOUNT`; dots, spaces and a trailing "đ" are allowed."""

    max_chars = 40

    def __init__(self, label: Any, **kwargs: Any) -> None:
        super().__init__(
            label=label,
            error_messages=field_messages(label),
            widget=forms.TextInput(attrs={"size": 20, "inputmode": "numeric", "maxlength": 40}),
            help_text=_("Số tiền bằng đồng, ví dụ 20.000.000"),
            **kwargs,
        )

    def _refuse(self, message: Any, code: str) -> ValidationError:
        return ValidationError(format_lazy(message, field=self.label), code=code)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if len(text) > self.max_chars:
            raise self._refuse(_("{field}: dài quá 40 ký tự."), "max_length")
        digits = re.sub(r"[.\s]", "", text).removesuffix("đồng").removesuffix("đ").strip()
        if digits.startswith("-"):
            raise self._refuse(_("{field}: phải lớn hơn 0 đồng."), "negative")
        if not _GROUPED.fullmatch(digits):
            raise self._refuse(
                _("{field}: hãy nhập số tiền bằng chữ số, ví dụ 20.000.000."), "invalid"
            )
        amount = int(digits)
        if amount <= 0:
            raise self._refuse(_("{field}: phải lớn hơn 0 đồng."), "negative")
        if amount > MAX_AMOUNT:
            raise self._refuse(_("{field}: số tiền quá lớn."), "too_large")
        return amount


def _text(label: Any, required: bool) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
        error_messages=field_messages(label),
    )


class FundUnitPickerWidget(UnitPickerWidget):
    """Org's unit picker searching through the funds' own search (`funds:unit_search`): finance
    holds no right to read the sector's records, which org's search asks for."""

    template_name = "funds/widgets/unit_picker.html"


class FundUnitField(UnitChoiceField):
    picker_widget = FundUnitPickerWidget


class OpenForm(forms.Form):
    # Searched for (the unit picker), never a list of the sector's units.
    unit = FundUnitField(label=_("Đơn vị"), action="fund.manage", active=True)
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            **field_messages(_("Năm")),
            "min_value": format_lazy(_("{field}: từ {n} trở đi."), field=_("Năm"), n=FIRST_YEAR),
            "max_value": format_lazy(_("{field}: đến {n}."), field=_("Năm"), n=LAST_YEAR),
        },
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_units(self, units, "unit")


class AllocationForm(forms.Form):
    salary_fund = MoneyField(_("Quỹ tiền lương theo ngạch, bậc cả năm"))
    entry_date = date_field(_("Ngày chứng từ"))
    voucher = text_field(_("Số chứng từ"), 60, size=30)
    text = _text(_("Nội dung (không bắt buộc)"), required=False)


class ContributionForm(forms.Form):
    amount = MoneyField(_("Số tiền"))
    entry_date = date_field(_("Ngày chứng từ"))
    voucher = text_field(_("Số chứng từ"), 60, size=30)
    text = _text(_("Nguồn đóng góp"), required=True)


class SpendingForm(forms.Form):
    amount = MoneyField(_("Số tiền"))
    category = forms.ChoiceField(
        label=_("Nội dung chi"),
        choices=SpendingCategory.choices,
        error_messages=field_messages(_("Nội dung chi")),
    )
    entry_date = date_field(_("Ngày chứng từ"))
    voucher = text_field(_("Số chứng từ"), 60, size=30)
    text = _text(_("Diễn giải"), required=True)


class ReversalForm(forms.Form):
    reason = _text(_("Lý do đảo bút toán (ít nhất 20 ký tự)"), required=True)
