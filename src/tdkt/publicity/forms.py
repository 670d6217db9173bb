"""Forms of the example and publication screens: fields and same-row checks; the rules live in
the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.movements.models import Movement
from tdkt.org.forms import UnitChoiceField, set_units
from tdkt.people.picker import PersonChoiceField, set_people
from tdkt.publicity import images
from tdkt.publicity.models import ExampleKind, PublicityReason, SpreadMethod
from tdkt.records.models import AwardEntry

WIDE = forms.TextInput(attrs={"size": 70})
VN_DATE = ["%d/%m/%Y", "%Y-%m-%d"]


class VersionForm(forms.Form):
    """The version the user is looking at: a save on a stale copy is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AwardChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        number = obj.decision.number if obj.decision_id else ""
        return f"{obj.get_award_display()} {obj.year} ({number})"


class MovementChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Movements of several levels may share a name: the issuer tells them apart."""

    def label_from_instance(self, obj: Any) -> str:
        issuer = obj.issuer.short_name or obj.issuer.name
        return f"{obj.name} ({issuer})"


class ExampleForm(VersionForm):
    unit = UnitChoiceField(label=_("Đơn vị đề xuất"), action="edit", active=True)
    kind = forms.ChoiceField(
        label=_("Loại điển hình"), choices=ExampleKind.choices, widget=forms.RadioSelect
    )
    person = PersonChoiceField(
        label=_("Cá nhân (điển hình cá nhân)"), action="edit", active=True, required=False
    )
    collective = UnitChoiceField(
        label=_("Tập thể (điển hình tập thể)"), action="edit", active=True, required=False
    )
    model_name = forms.CharField(
        label=_("Tên mô hình, cách làm hay"), max_length=200, required=False, widget=WIDE
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=200, widget=WIDE)
    year = forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2100)
    summary = forms.CharField(
        label=_("Tóm tắt (hiện trong danh sách)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 90}),
    )
    story = forms.CharField(
        label=_("Câu chuyện điển hình"),
        help_text=_("Văn bản thường, mỗi đoạn cách nhau một dòng trống; không dùng mã HTML."),
        widget=forms.Textarea(attrs={"rows": 14, "cols": 90}),
    )
    movements = MovementChoice(
        label=_("Phong trào thi đua"),
        queryset=Movement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    awards = AwardChoice(
        label=_("Khen thưởng đã nhận"),
        queryset=AwardEntry.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        units: Any,
        people: Any,
        collectives: Any,
        movements: Any,
        awards: Any,
        within: int | None = None,
        **kwargs: Any,
    ) -> None:
        """`within`: the proposing unit, whose subtree the person and collective pickers
        search (`people` and `collectives` keep to it)."""
        super().__init__(*args, **kwargs)
        set_units(self, units, "unit")
        set_units(self, collectives, "collective", within=within)
        set_people(self, people, "person", within=within)
        for name, qs in (
            ("movements", movements),
            ("awards", awards),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField | forms.ModelMultipleChoiceField)
            field.queryset = qs
        if not awards.exists():
            del self.fields["awards"]

    def clean_year(self) -> int:
        year = int(self.cleaned_data["year"])
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("Năm không được sau năm hiện tại."))
        return year


class PhotoForm(VersionForm):
    file = forms.FileField(
        label=_("Ảnh (JPEG, PNG, WebP)"),
        widget=forms.ClearableFileInput(attrs={"accept": images.ACCEPT}),
    )
    alt_text = forms.CharField(
        label=_("Mô tả ảnh"),
        max_length=200,
        help_text=_("Một câu nói ảnh có gì, cho người đọc không xem được ảnh."),
        widget=WIDE,
    )
    caption = forms.CharField(label=_("Chú thích"), max_length=300, required=False, widget=WIDE)
    order = forms.IntegerField(
        label=_("Thứ tự (để trống: xếp cuối)"),
        min_value=0,
        max_value=99,
        required=False,
        widget=forms.NumberInput(attrs={"size": 4}),
    )


class SpreadForm(VersionForm):
    unit = UnitChoiceField(label=_("Đơn vị áp dụng"), action="view", active=True)
    on = forms.DateField(label=_("Ngày"), input_formats=VN_DATE)
    method = forms.ChoiceField(label=_("Hình thức"), choices=SpreadMethod.choices)
    note = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60})
    )
    result = forms.CharField(
        label=_("Kết quả"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60})
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_units(self, units, "unit")


class ReasonForm(VersionForm):
    reason_code = forms.ChoiceField(label=_("Lý do"), choices=PublicityReason.choices)
    reason = forms.CharField(
        label=_("Nội dung (ít nhất 20 ký tự)"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


class PublishDecisionForm(VersionForm):
    note = forms.CharField(
        label=_("Ghi chú đăng kèm (hiện trên trang công khai)"),
        max_length=500,
        required=False,
        widget=WIDE,
    )
