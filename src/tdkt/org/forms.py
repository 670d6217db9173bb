"""Forms of the organisation screens, and the unit picker every app uses to choose a unit
(`tdkt.web.picker`: the user types, `org:unit_search` answers the units of his scope)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from tdkt.org.models import ClusterKind, Unit, UnitLevel
from tdkt.org.services import EARLIEST, LATEST
from tdkt.text import clean
from tdkt.web.fields import field_messages, text_field
from tdkt.web.picker import PickerChoiceField, PickerWidget, restrict_pickers

# What a form may choose units for; the search offers the user's scope for that action.
PICKER_ACTIONS = (
    "view",
    "edit",
    "admin",
    "import",
    "launch",
    "nominate",
    "export",
    "council",
    "inspection.plan",
)
DATE_HELP = _("dd/mm/yyyy")


class UnitPickerWidget(PickerWidget):
    """Renders `org/_unit_picker.html`: the current unit (if any) and a search box."""

    template_name = "org/widgets/unit_picker.html"
    current_name = "unit"
    related = ("parent",)


class UnitChoiceField(PickerChoiceField):
    """A unit among `queryset` (restricted by the view to what the user may act on), chosen with
    the search-as-you-type picker. An id outside the queryset is refused with the field named."""

    model = Unit
    picker_widget = UnitPickerWidget
    required_message = _("{field}: hãy chọn một đơn vị.")
    invalid_message = _("{field}: đơn vị đã chọn không có hoặc nằm ngoài phạm vi của bạn.")


def set_units(
    form: forms.Form, queryset: QuerySet[Unit], *names: str, within: int | None = None
) -> None:
    """Restrict the unit pickers of `form` (those named, or all of them) to `queryset`: what
    the view allows the user, e.g. `restrict_units(user, action="edit")`; `within`: the unit
    whose subtree the search offers, when the queryset keeps to one."""
    restrict_pickers(form, UnitChoiceField, queryset, names, within=within)


# --- the administrators' screens -------------------------------------------------------------


class BoundedDateField(forms.DateField):
    """A date typed dd/mm/yyyy, within EARLIEST..LATEST (no year 0001, no 9999)."""

    widget = forms.DateInput(
        format="%d/%m/%Y", attrs={"inputmode": "numeric", "size": 10, "placeholder": "dd/mm/yyyy"}
    )

    def __init__(self, *, label: Any, required: bool = True) -> None:
        messages = field_messages(label)
        messages["invalid"] = format_lazy(
            _("{field}: hãy nhập ngày theo dạng dd/mm/yyyy."), field=label
        )
        super().__init__(
            label=label,
            required=required,
            help_text=DATE_HELP,
            input_formats=["%d/%m/%Y"],
            error_messages=messages,
        )

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(
                format_lazy(
                    _("{field}: phải trong khoảng 01/01/1945 – 31/12/2100."), field=self.label
                ),
                code="out_of_range",
            )


def date(label: Any, required: bool = True) -> BoundedDateField:
    return BoundedDateField(label=label, required=required)


def picker(label: Any, required: bool = True) -> UnitChoiceField:
    """A unit the administrator may act on, still active."""
    return UnitChoiceField(label=label, action="admin", active=True, required=required)


class VersionForm(forms.Form):
    """The version of the unit the user is looking at: a save on a stale copy is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


LEGAL_BASIS = _("Căn cứ pháp lý (số, ngày, cơ quan ban hành văn bản)")


class UnitCreateForm(forms.Form):
    code = text_field(_("Mã đơn vị"), 40, size=20)
    name = text_field(_("Tên đơn vị"), 200, size=70)
    short_name = text_field(_("Tên viết tắt"), 80, required=False, size=30)
    level = forms.ChoiceField(
        label=_("Cấp"), choices=UnitLevel.choices, error_messages=field_messages(_("Cấp"))
    )
    parent = picker(_("Đơn vị cấp trên"), required=False)
    established_on = date(_("Ngày thành lập"))

    def clean_code(self) -> str:
        code = clean(self.cleaned_data["code"])
        if not re.match(r"^[A-Za-z0-9][A-Za-z0-9_-]*$", code):
            raise forms.ValidationError(
                _(
                    "Mã đơn vị: chỉ gồm chữ cái không dấu, chữ số, dấu gạch ngang và gạch dưới, "
                    "không có khoảng trắng."
                )
            )
        if Unit.objects.filter(code__iexact=code).exists():
            raise forms.ValidationError(
                _("Mã đơn vị: mã %(code)s đã được dùng cho đơn vị khác.") % {"code": code}
            )
        return code


class UnitRenameForm(VersionForm):
    name = text_field(_("Tên mới"), 200, size=70)
    short_name = text_field(_("Tên viết tắt mới"), 80, required=False, size=30)
    effective_on = date(_("Từ ngày"))
    legal_basis = text_field(LEGAL_BASIS, 300, required=False, size=70)


class UnitMoveForm(VersionForm):
    parent = picker(_("Đơn vị cấp trên mới"))
    effective_on = date(_("Từ ngày"))
    legal_basis = text_field(LEGAL_BASIS, 300, required=False, size=70)


class UnitDissolveForm(VersionForm):
    last_day = date(_("Ngày cuối cùng hoạt động"))
    legal_basis = text_field(LEGAL_BASIS, 300, size=70)


class UnitMergeForm(VersionForm):
    """This unit and up to four others become one: an existing unit, or a new one."""

    other_1 = picker(_("Đơn vị cùng sáp nhập (1)"), required=False)
    other_2 = picker(_("Đơn vị cùng sáp nhập (2)"), required=False)
    other_3 = picker(_("Đơn vị cùng sáp nhập (3)"), required=False)
    other_4 = picker(_("Đơn vị cùng sáp nhập (4)"), required=False)
    successor = picker(_("Đơn vị kế thừa có sẵn"), required=False)
    new_code = text_field(_("Mã đơn vị mới"), 40, required=False, size=20)
    new_name = text_field(_("Tên đơn vị mới"), 200, required=False, size=70)
    new_short_name = text_field(_("Tên viết tắt của đơn vị mới"), 80, required=False, size=30)
    new_level = forms.ChoiceField(
        label=_("Cấp của đơn vị mới"),
        choices=[("", "—"), *UnitLevel.choices],
        required=False,
        error_messages=field_messages(_("Cấp của đơn vị mới")),
    )
    new_parent = picker(_("Đơn vị cấp trên của đơn vị mới"), required=False)
    effective_on = date(_("Ngày hiệu lực"))
    legal_basis = text_field(LEGAL_BASIS, 300, size=70)

    OTHERS = ("other_1", "other_2", "other_3", "other_4")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        new = data.get("new_name") or data.get("new_code")
        if data.get("successor") and new:
            raise forms.ValidationError(
                _("Chọn đơn vị kế thừa có sẵn hoặc nhập đơn vị mới, không chọn cả hai.")
            )
        if not data.get("successor") and not new and not self.errors:
            self.add_error(
                "successor", _("Đơn vị kế thừa: hãy chọn đơn vị có sẵn hoặc nhập đơn vị mới.")
            )
        if new:
            for name, label in (
                ("new_code", _("Mã đơn vị mới")),
                ("new_name", _("Tên đơn vị mới")),
                ("new_level", _("Cấp của đơn vị mới")),
            ):
                if not data.get(name) and name not in self.errors:
                    message = format_lazy(_("{field}: không được để trống."), field=label)
                    self.add_error(name, message)
        return data

    def others(self) -> list[Unit]:
        return [self.cleaned_data[n] for n in self.OTHERS if self.cleaned_data.get(n)]


class UnitSplitForm(VersionForm):
    successor_1 = picker(_("Đơn vị kế thừa (1)"))
    successor_2 = picker(_("Đơn vị kế thừa (2)"))
    successor_3 = picker(_("Đơn vị kế thừa (3)"), required=False)
    successor_4 = picker(_("Đơn vị kế thừa (4)"), required=False)
    successor_5 = picker(_("Đơn vị kế thừa (5)"), required=False)
    effective_on = date(_("Ngày hiệu lực"))
    legal_basis = text_field(LEGAL_BASIS, 300, size=70)

    SUCCESSORS = ("successor_1", "successor_2", "successor_3", "successor_4", "successor_5")

    def successors(self) -> list[Unit]:
        return [self.cleaned_data[n] for n in self.SUCCESSORS if self.cleaned_data.get(n)]


def year_field(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=EARLIEST.year,
        max_value=LATEST.year,
        error_messages={
            **field_messages(label),
            "min_value": format_lazy(_("{field}: phải từ 1945 đến 2100."), field=label),
            "max_value": format_lazy(_("{field}: phải từ 1945 đến 2100."), field=label),
        },
    )


class ClusterForm(forms.Form):
    year = year_field(_("Năm"))
    kind = forms.ChoiceField(
        label=_("Loại"), choices=ClusterKind.choices, error_messages=field_messages(_("Loại"))
    )
    name = text_field(_("Tên cụm, khối"), 200, size=60)
    organizer = picker(_("Đơn vị tổ chức"))


class ClusterCopyForm(forms.Form):
    year = year_field(_("Sao chép cụm, khối của năm trước sang năm"))


class MemberForm(forms.Form):
    unit = picker(_("Đơn vị"))
