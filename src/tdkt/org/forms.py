"""Forms of the organisation screens, and the unit picker every app uses to choose a unit.

The picker never lists the sector's units in a <select>: the user types, `org:unit_search`
answers at most PICKER_LIMIT units of his scope, and the chosen one is posted as a radio value.
The field's queryset (restricted by the view) is what validation accepts."""

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
from tdkt.web.http import bounded_int

PICKER_LIMIT = 20
PICKER_ACTIONS = ("view", "edit", "admin")
FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,59}$")
DATE_HELP = _("dd/mm/yyyy")


class UnitPickerWidget(forms.Widget):
    """Renders `org/_unit_picker.html`: the current unit (if any) and a search box."""

    template_name = "org/widgets/unit_picker.html"

    def __init__(
        self, action: str = "view", active: bool = False, attrs: dict[str, Any] | None = None
    ) -> None:
        super().__init__(attrs)
        self.action = action
        self.active = active
        self.choices: Any = []

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"].update(action=self.action, active=self.active, unit=self._current(value))
        return context

    def _current(self, value: Any) -> Unit | None:
        """The unit shown as chosen: only one the field accepts, so a posted id of a unit out of
        scope never has its name shown back."""
        if isinstance(value, Unit):
            value = value.pk
        pk = bounded_int(value)
        queryset = getattr(self.choices, "queryset", None)
        if pk is None or queryset is None:
            return None
        return queryset.select_related("parent").filter(pk=pk).first()

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A unit among `queryset` (restricted by the view to what the user may act on), chosen with
    the search-as-you-type picker. An id outside the queryset is refused with the field named."""

    widget = UnitPickerWidget

    def __init__(
        self,
        queryset: QuerySet[Unit] | None = None,
        *,
        label: Any,
        action: str = "view",
        active: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("widget", UnitPickerWidget(action=action, active=active))
        kwargs.setdefault(
            "error_messages",
            {
                "required": format_lazy(_("{field}: hãy chọn một đơn vị."), field=label),
                "invalid_choice": format_lazy(
                    _("{field}: đơn vị đã chọn không có hoặc nằm ngoài phạm vi của bạn."),
                    field=label,
                ),
            },
        )
        super().__init__(
            queryset if queryset is not None else Unit.objects.none(), label=label, **kwargs
        )


def set_units(form: forms.Form, queryset: QuerySet[Unit], *names: str) -> None:
    """Restrict the unit pickers of `form` (those named, or all of them) to `queryset`: what
    the view allows the user, e.g. `restrict_units(user, action="edit")`."""
    for name, field in form.fields.items():
        if isinstance(field, UnitChoiceField) and (not names or name in names):
            field.queryset = queryset


# --- the administrators' screens -------------------------------------------------------------


def _messages(label: Any) -> dict[str, Any]:
    return {
        "required": format_lazy(_("{field}: không được để trống."), field=label),
        "invalid": format_lazy(_("{field}: giá trị không hợp lệ."), field=label),
        "max_length": format_lazy(_("{field}: dài quá %(limit_value)d ký tự."), field=label),
        "invalid_choice": format_lazy(_("{field}: lựa chọn không hợp lệ."), field=label),
    }


def text(label: Any, max_length: int, required: bool = True, size: int = 60) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages=_messages(label),
        widget=forms.TextInput(attrs={"size": size}),
    )


class BoundedDateField(forms.DateField):
    """A date typed dd/mm/yyyy, within EARLIEST..LATEST (no year 0001, no 9999)."""

    widget = forms.DateInput(
        format="%d/%m/%Y", attrs={"inputmode": "numeric", "size": 10, "placeholder": "dd/mm/yyyy"}
    )

    def __init__(self, *, label: Any, required: bool = True) -> None:
        messages = _messages(label)
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
    code = text(_("Mã đơn vị"), 40, size=20)
    name = text(_("Tên đơn vị"), 200, size=70)
    short_name = text(_("Tên viết tắt"), 80, required=False, size=30)
    level = forms.ChoiceField(
        label=_("Cấp"), choices=UnitLevel.choices, error_messages=_messages(_("Cấp"))
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
    name = text(_("Tên mới"), 200, size=70)
    short_name = text(_("Tên viết tắt mới"), 80, required=False, size=30)
    effective_on = date(_("Từ ngày"))
    legal_basis = text(LEGAL_BASIS, 300, required=False, size=70)


class UnitMoveForm(VersionForm):
    parent = picker(_("Đơn vị cấp trên mới"))
    effective_on = date(_("Từ ngày"))
    legal_basis = text(LEGAL_BASIS, 300, required=False, size=70)


class UnitDissolveForm(VersionForm):
    last_day = date(_("Ngày cuối cùng hoạt động"))
    legal_basis = text(LEGAL_BASIS, 300, size=70)


class UnitMergeForm(VersionForm):
    """This unit and up to four others become one: an existing unit, or a new one."""

    other_1 = picker(_("Đơn vị cùng sáp nhập (1)"), required=False)
    other_2 = picker(_("Đơn vị cùng sáp nhập (2)"), required=False)
    other_3 = picker(_("Đơn vị cùng sáp nhập (3)"), required=False)
    other_4 = picker(_("Đơn vị cùng sáp nhập (4)"), required=False)
    successor = picker(_("Đơn vị kế thừa có sẵn"), required=False)
    new_code = text(_("Mã đơn vị mới"), 40, required=False, size=20)
    new_name = text(_("Tên đơn vị mới"), 200, required=False, size=70)
    new_short_name = text(_("Tên viết tắt của đơn vị mới"), 80, required=False, size=30)
    new_level = forms.ChoiceField(
        label=_("Cấp của đơn vị mới"),
        choices=[("", "—"), *UnitLevel.choices],
        required=False,
        error_messages=_messages(_("Cấp của đơn vị mới")),
    )
    new_parent = picker(_("Đơn vị cấp trên của đơn vị mới"), required=False)
    effective_on = date(_("Ngày hiệu lực"))
    legal_basis = text(LEGAL_BASIS, 300, size=70)

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
    legal_basis = text(LEGAL_BASIS, 300, size=70)

    SUCCESSORS = ("successor_1", "successor_2", "successor_3", "successor_4", "successor_5")

    def successors(self) -> list[Unit]:
        return [self.cleaned_data[n] for n in self.SUCCESSORS if self.cleaned_data.get(n)]


def year_field(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=EARLIEST.year,
        max_value=LATEST.year,
        error_messages={
            **_messages(label),
            "min_value": format_lazy(_("{field}: phải từ 1945 đến 2100."), field=label),
            "max_value": format_lazy(_("{field}: phải từ 1945 đến 2100."), field=label),
        },
    )


class ClusterForm(forms.Form):
    year = year_field(_("Năm"))
    kind = forms.ChoiceField(
        label=_("Loại"), choices=ClusterKind.choices, error_messages=_messages(_("Loại"))
    )
    name = text(_("Tên cụm, khối"), 200, size=60)
    organizer = picker(_("Đơn vị tổ chức"))


class ClusterCopyForm(forms.Form):
    year = year_field(_("Sao chép cụm, khối của năm trước sang năm"))


class MemberForm(forms.Form):
    unit = picker(_("Đơn vị"))


class LeadersForm(forms.Form):
    """Among the cluster's members (a few units: a short list is fine here)."""

    head = forms.TypedChoiceField(
        label=_("Cụm trưởng, khối trưởng"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages=_messages(_("Cụm trưởng, khối trưởng")),
    )
    deputy = forms.TypedChoiceField(
        label=_("Cụm phó, khối phó"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages=_messages(_("Cụm phó, khối phó")),
    )

    def __init__(self, *args: Any, members: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—"), *((u.pk, u.name) for u in members)]
        for name in ("head", "deputy"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices
