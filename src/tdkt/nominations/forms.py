"""Forms of the dossier screens: fields and same-row checks; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.movements.models import Movement
from tdkt.nominations import policy, uploads
from tdkt.nominations.models import ComponentKind, DossierKind, Stance
from tdkt.org.forms import UnitChoiceField, set_units
from tdkt.people.picker import PersonChoiceField, set_people
from tdkt.records.models import AWARD_CHOICES, Initiative
from tdkt.workflow.reasons import ReasonCode

TEXTAREA = forms.Textarea(attrs={"rows": 4, "cols": 90})
WIDE = forms.TextInput(attrs={"size": 80})
DATE = forms.DateInput(format="%d/%m/%Y", attrs={"size": 10, "placeholder": "dd/mm/yyyy"})
ACT_DESCRIPTION = _("Mô tả thành tích đột xuất (việc đã làm, kết quả, phạm vi ảnh hưởng)")


def act_fields(form: forms.Form, sudden: bool) -> None:
    """In a sudden dossier the summary describes the act, dated; elsewhere there is no act."""
    if sudden:
        form.fields["achievement"].label = ACT_DESCRIPTION
    else:
        del form.fields["act_on"]


class VersionForm(forms.Form):
    """The version of the dossier the user is looking at: a save on a stale copy is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DossierCreateForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị đề nghị"), action="nominate", active=True)
    kind = forms.ChoiceField(label=_("Loại hình khen thưởng"), choices=DossierKind.choices)
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=1945, max_value=2100)
    movement: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Phong trào thi đua (hồ sơ theo đợt, chuyên đề)"),
        queryset=Movement.objects.none(),
        required=False,
    )
    title = forms.CharField(
        label=_("Trích yếu (để trống: hệ thống tự đặt)"),
        max_length=300,
        required=False,
        widget=WIDE,
    )

    def __init__(self, *args: Any, units: Any, movements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_units(self, units, "unit")
        field = self.fields["movement"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = movements


class DossierHeaderForm(VersionForm):
    title = forms.CharField(label=_("Trích yếu"), max_length=300, widget=WIDE)
    number = forms.CharField(label=_("Số tờ trình"), max_length=30, required=False)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=30, required=False)
    signer_name = forms.CharField(label=_("Người ký tờ trình"), max_length=150, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=150, required=False)
    summary = forms.CharField(label=_("Nội dung tờ trình (thêm)"), widget=TEXTAREA, required=False)


class CandidateAddForm(VersionForm):
    person = PersonChoiceField(label=_("Cá nhân"), action="nominate", active=True, required=False)
    unit = UnitChoiceField(label=_("hoặc tập thể"), action="nominate", active=True, required=False)
    award = forms.ChoiceField(label=_("Danh hiệu, hình thức đề nghị"), choices=AWARD_CHOICES)
    achievement = forms.CharField(label=_("Tóm tắt thành tích"), widget=TEXTAREA, required=False)
    act_on = forms.DateField(label=_("Ngày lập thành tích"), widget=DATE, required=False)

    def __init__(
        self,
        *args: Any,
        people: Any,
        units: Any,
        sudden: bool = False,
        within: int | None = None,
        **kwargs: Any,
    ) -> None:
        """`people`, `units`: who may be proposed (of the dossier's unit and below); `within`:
        the dossier's unit, whose subtree the pickers search."""
        super().__init__(*args, **kwargs)
        act_fields(self, sudden)
        set_people(self, people, "person", within=within)
        set_units(self, units, "unit", within=within)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("person")) == bool(data.get("unit")):
            raise forms.ValidationError(_("Hãy chọn một cá nhân hoặc một tập thể."))
        return data


class CandidateForm(VersionForm):
    position = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)
    achievement = forms.CharField(label=_("Tóm tắt thành tích"), widget=TEXTAREA, required=False)
    act_on = forms.DateField(label=_("Ngày lập thành tích"), widget=DATE, required=False)
    justification = forms.CharField(
        label=_("Giải trình (bắt buộc khi hệ thống xét thấy không đủ điều kiện)"),
        widget=TEXTAREA,
        required=False,
    )
    initiatives: forms.ModelMultipleChoiceField[Initiative] = forms.ModelMultipleChoiceField(
        label=_("Sáng kiến, đề tài làm căn cứ"),
        queryset=Initiative.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, initiatives: Any, sudden: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        act_fields(self, sudden)
        field = self.fields["initiatives"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = initiatives


class ReasonForm(VersionForm):
    reason_code = forms.ChoiceField(label=_("Lý do"), choices=ReasonCode.choices)
    reason = forms.CharField(
        label=_("Nội dung (ít nhất 20 ký tự)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=20,
    )


class StateSendForm(VersionForm):
    sent_on = forms.DateField(label=_("Ngày trình"), widget=DATE)
    number = forms.CharField(label=_("Số tờ trình"), max_length=30, required=False)
    body = forms.CharField(
        label=_("Cơ quan nhận hồ sơ"),
        max_length=200,
        required=False,
        initial=policy.STATE_BODY,
        widget=WIDE,
    )


class PublishForm(VersionForm):
    working_days = forms.IntegerField(
        label=_("Số ngày làm việc lấy ý kiến"), min_value=1, max_value=60
    )
    channels = forms.CharField(
        label=_("Nơi đăng tải"),
        max_length=300,
        required=False,
        initial=_("Cổng thông tin điện tử; Báo Bảo vệ pháp luật"),
        widget=WIDE,
    )


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Thành phần"), choices=ComponentKind.choices)
    candidate = forms.TypedChoiceField(
        label=_("Của người, tập thể"), coerce=int, required=False, empty_value=None
    )
    file = forms.FileField(
        label=_("Tệp (PDF, Word, Excel, ảnh)"),
        widget=forms.ClearableFileInput(attrs={"accept": uploads.ACCEPT}),
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args: Any, candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["candidate"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("— cả hồ sơ —"))] + [(c.pk, c.name) for c in candidates]


class CommentForm(forms.Form):
    candidate = forms.TypedChoiceField(
        label=_("Về người, tập thể"), coerce=int, required=False, empty_value=None
    )
    stance = forms.ChoiceField(label=_("Ý kiến"), choices=Stance.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Nội dung góp ý"),
        min_length=20,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
    )
    name = forms.CharField(label=_("Họ tên (không bắt buộc)"), max_length=150, required=False)
    contact = forms.CharField(
        label=_("Địa chỉ, điện thoại hoặc thư điện tử (không bắt buộc)"),
        max_length=200,
        required=False,
    )

    def __init__(self, *args: Any, candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["candidate"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("— cả danh sách —"))] + [(c.pk, c.name) for c in candidates]
