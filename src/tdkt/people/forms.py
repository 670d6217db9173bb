"""Forms of the career screens: fields and same-row checks only; the rules live in the services.

Every message names its field, since some are shown above the form."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from tdkt.org.forms import UnitChoiceField, set_units
from tdkt.people.models import Gender, LeavingKind, PostKind, ServiceKind
from tdkt.text import clean

MIN_YEAR, MAX_YEAR = 1900, 2100
DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y", attrs={"size": 10, "placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
)
TEXTAREA = forms.Textarea(attrs={"rows": 3, "cols": 80})
HEAD_CHOICES = [
    ("", _("Theo chức vụ (Viện trưởng, Vụ trưởng là người đứng đầu)")),
    ("1", _("Có — là người đứng đầu đơn vị")),
    ("0", _("Không")),
]


def _lower(label: Any) -> str:
    text = str(label)
    return text[:1].lower() + text[1:]


lazy_lower = lazy(_lower, str)


class VnDateField(forms.DateField):
    """dd/mm/yyyy with a year between 1900 and 2100; errors name the field."""

    widget = DATE_WIDGET

    def __init__(self, label: Any, required: bool = True, **kwargs: Any) -> None:
        super().__init__(
            label=label,
            required=required,
            help_text=_("dd/mm/yyyy"),
            error_messages={
                "required": format_lazy(_("Hãy nhập {}."), lazy_lower(label)),
                "invalid": format_lazy(_("{}: hãy nhập ngày theo dạng dd/mm/yyyy."), label),
            },
            **kwargs,
        )

    def clean(self, value: Any) -> dt.date | None:
        day = super().clean(value)
        if day is not None and not MIN_YEAR <= day.year <= MAX_YEAR:
            raise forms.ValidationError(
                _("%(f)s: năm phải trong khoảng %(a)d–%(b)d.")
                % {"f": self.label, "a": MIN_YEAR, "b": MAX_YEAR},
                code="year_out_of_range",
            )
        return day


class CitizenIdField(forms.CharField):
    """Exactly 12 digits: Excel and people drop the leading zeros, which must be typed back."""

    def __init__(self, required: bool = True) -> None:
        super().__init__(
            label=_("Số CCCD"),
            required=required,
            max_length=20,
            help_text=_("Đủ 12 chữ số, kể cả các số 0 ở đầu."),
            error_messages={"required": _("Hãy nhập số CCCD.")},
            widget=forms.TextInput(attrs={"size": 14, "inputmode": "numeric"}),
        )

    def clean(self, value: Any) -> str:
        cid = re.sub(r"[\s.]", "", super().clean(value) or "")
        if cid and not re.fullmatch(r"[0-9]{12}", cid):
            raise forms.ValidationError(
                _(
                    "Số CCCD phải gồm đúng 12 chữ số (kể cả các số 0 ở đầu); "
                    "bạn đã nhập %(n)d ký tự."
                )
                % {"n": len(cid)},
                code="citizen_id_length",
            )
        return cid


class VersionForm(forms.Form):
    """The version of the person the user is looking at: a save on a stale copy is refused."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        error_messages={
            "invalid": _("Trang đã cũ hoặc không hợp lệ; hãy tải lại trang rồi thực hiện lại."),
            "min_value": _("Trang đã cũ hoặc không hợp lệ; hãy tải lại trang rồi thực hiện lại."),
            "max_value": _("Trang đã cũ hoặc không hợp lệ; hãy tải lại trang rồi thực hiện lại."),
        },
    )


class ReasonMixin(forms.Form):
    reason = forms.CharField(
        label=_("Lý do sửa"),
        widget=TEXTAREA,
        max_length=1000,
        help_text=_("Ít nhất 10 ký tự; được lưu vào nhật ký thay đổi."),
        error_messages={"required": _("Hãy nhập lý do sửa.")},
    )

    def clean_reason(self) -> str:
        reason = clean(self.cleaned_data.get("reason"))
        if len(reason) < 10:
            raise forms.ValidationError(_("Lý do sửa phải có ít nhất 10 ký tự."))
        return reason


class IdentityFields(forms.Form):
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=150,
        widget=forms.TextInput(attrs={"size": 40}),
        error_messages={"required": _("Hãy nhập họ và tên.")},
    )
    gender = forms.ChoiceField(
        label=_("Giới tính"),
        choices=Gender.choices,
        error_messages={"required": _("Hãy chọn giới tính.")},
    )
    birth_date = VnDateField(_("Ngày sinh"))

    def clean_full_name(self) -> str:
        return clean(self.cleaned_data.get("full_name"))


class PostFields(forms.Form):
    post_kind = forms.ChoiceField(
        label=_("Chức vụ"),
        choices=PostKind.choices,
        error_messages={"required": _("Hãy chọn chức vụ.")},
    )
    post = forms.CharField(
        label=_("Chức danh (nếu khác tên chức vụ)"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"size": 40}),
    )
    head = forms.ChoiceField(label=_("Người đứng đầu đơn vị"), choices=HEAD_CHOICES, required=False)

    def is_unit_head(self) -> bool | None:
        value = self.cleaned_data.get("head", "")
        return None if value == "" else value == "1"


class UnitChoiceMixin(forms.Form):
    """The unit, chosen with the org app's search-as-you-type picker among the active units the
    user may edit (the view passes them as `units`)."""

    unit = UnitChoiceField(label=_("Đơn vị"), action="edit", active=True)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_units(self, units, "unit")


class RecruitForm(UnitChoiceMixin, IdentityFields, PostFields):
    citizen_id = CitizenIdField()
    position_from = VnDateField(_("Ngày bắt đầu công tác tại đơn vị"))
    recruited_on = VnDateField(_("Ngày tuyển dụng"), required=False)

    field_order = [
        "unit",
        "full_name",
        "gender",
        "birth_date",
        "citizen_id",
        "recruited_on",
        "post_kind",
        "post",
        "head",
        "position_from",
    ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        born, recruited, start = (
            data.get("birth_date"),
            data.get("recruited_on"),
            data.get("position_from"),
        )
        if born and recruited and recruited <= born:
            self.add_error("recruited_on", _("Ngày tuyển dụng phải sau ngày sinh."))
        if recruited and start and start < recruited:
            self.add_error(
                "position_from",
                _("Ngày bắt đầu công tác tại đơn vị không được trước ngày tuyển dụng."),
            )
        return data


class IdentityForm(VersionForm, IdentityFields, ReasonMixin):
    citizen_id = CitizenIdField(required=False)
    recruited_on = VnDateField(_("Ngày tuyển dụng"), required=False)

    field_order = [
        "version",
        "full_name",
        "gender",
        "birth_date",
        "citizen_id",
        "recruited_on",
        "reason",
    ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        born, recruited = data.get("birth_date"), data.get("recruited_on")
        if born and recruited and recruited <= born:
            self.add_error("recruited_on", _("Ngày tuyển dụng phải sau ngày sinh."))
        return data


class PositionForm(VersionForm, PostFields):
    valid_from = VnDateField(_("Từ ngày"))


class TransferForm(UnitChoiceMixin, VersionForm, PostFields):
    unit = UnitChoiceField(label=_("Đơn vị chuyển đến"), action="edit", active=True)
    valid_from = VnDateField(_("Từ ngày"))

    field_order = ["version", "unit", "post_kind", "post", "head", "valid_from"]


class EndPositionForm(VersionForm):
    valid_to = VnDateField(_("Ngày kết thúc chức vụ"))


class ServicePeriodForm(VersionForm):
    kind = forms.ChoiceField(label=_("Loại"), choices=ServiceKind.choices)
    organisation = forms.CharField(
        label=_("Cơ quan, đơn vị công tác"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"size": 60}),
    )
    valid_from = VnDateField(_("Từ ngày"))
    valid_to = VnDateField(_("Đến ngày"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Đến ngày phải sau từ ngày."))
        data["organisation"] = clean(data.get("organisation"))
        if data.get("kind") == ServiceKind.OTHER_LEGAL and not data["organisation"]:
            self.add_error("organisation", _("Hãy nhập tên cơ quan đã công tác."))
        return data


class ServicePeriodCorrectionForm(ServicePeriodForm, ReasonMixin):
    pass


class RemovalForm(VersionForm, ReasonMixin):
    pass


class LeavingForm(VersionForm):
    kind = forms.ChoiceField(
        label=_("Hình thức"),
        choices=LeavingKind.choices,
        error_messages={"required": _("Hãy chọn hình thức thôi công tác.")},
    )
    left_on = VnDateField(_("Ngày thôi công tác"))
