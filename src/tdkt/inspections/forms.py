from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.inspections.checklist import SELF_REPORT_SECTIONS
from tdkt.inspections.models import TeamRole, Verdict
from tdkt.nominations import uploads
from tdkt.org.forms import UnitChoiceField, set_units
from tdkt.people.forms import VersionForm, VnDateField
from tdkt.people.picker import PersonChoiceField
from tdkt.records.models import ViolationKind
from tdkt.web.fields import field_messages, text_field
from tdkt.workflow.reasons import ReasonCode

TEXTAREA = forms.Textarea(attrs={"rows": 4, "cols": 80})


def _area(label: Any, required: bool = False, max_length: int = 10_000) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=TEXTAREA,
        error_messages=field_messages(label),
    )


class PlanForm(VersionForm):
    # Searched for (org's unit picker), never a list of the sector's units.
    inspector = UnitChoiceField(
        label=_("Đơn vị kiểm tra"), action="inspection.plan", active=True, required=False
    )
    cluster = forms.TypedChoiceField(
        label=_("Hoặc: cụm, khối thi đua (khối trưởng, cụm trưởng chủ trì)"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    title = text_field(_("Trích yếu"), 300, size=80)
    year = forms.IntegerField(
        label=_("Năm"), min_value=1945, max_value=2100, error_messages=field_messages(_("Năm"))
    )
    starts_on = VnDateField(_("Kỳ kiểm tra từ ngày"))
    ends_on = VnDateField(_("Đến ngày"))
    basis = _area(_("Căn cứ (để trống: theo các văn bản của nội dung kiểm tra)"))
    purpose = _area(_("Mục đích, yêu cầu"))
    method = _area(_("Phương pháp, cách thức kiểm tra"))
    number = text_field(_("Số kế hoạch"), 20, required=False, size=10)
    symbol = text_field(_("Ký hiệu"), 40, required=False, size=14)
    place = text_field(_("Địa danh"), 80, required=False, size=20)
    signed_on = VnDateField(_("Ngày ký"), required=False)
    signer_title = text_field(_("Chức vụ người ký"), 120, required=False, size=30)
    signer_name = text_field(_("Người ký"), 150, required=False, size=30)

    def __init__(
        self,
        *args: Any,
        inspectors: Any,
        clusters: list[tuple[int, str]],
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cluster = self.fields["cluster"]
        assert isinstance(cluster, forms.TypedChoiceField)
        cluster.choices = [("", _("— không —")), *clusters]
        if editing:  # who inspects does not change once the plan exists
            del self.fields["inspector"]
            del self.fields["cluster"]
        else:  # `inspectors`: the units the user may plan for (a queryset)
            set_units(self, inspectors, "inspector")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "inspector" in self.fields and not data.get("inspector") and not data.get("cluster"):
            self.add_error("inspector", _("Hãy chọn đơn vị kiểm tra hoặc cụm, khối thi đua."))
        return data


class TargetForm(VersionForm):
    unit = forms.TypedChoiceField(label=_("Đơn vị được kiểm tra"), coerce=int)
    scheduled_on = VnDateField(_("Ngày kiểm tra"), required=False)

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = units


class MemberForm(VersionForm):
    person = PersonChoiceField(label=_("Cán bộ"), action="view", active=True)
    role = forms.ChoiceField(label=_("Nhiệm vụ trong đoàn"), choices=TeamRole.choices)


class ItemForm(VersionForm):
    code = text_field(_("Mã"), 20, size=8)
    text = text_field(_("Nội dung kiểm tra"), 500, size=60)
    citation = text_field(_("Căn cứ quy định"), 300, required=False, size=40)


class ReasonForm(VersionForm):
    reason_code = forms.ChoiceField(label=_("Lý do"), choices=ReasonCode.choices)
    reason = forms.CharField(
        label=_("Nội dung (ít nhất 20 ký tự)"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


class SelfReportForm(VersionForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, heading in SELF_REPORT_SECTIONS:
            self.fields[key] = _area(heading)


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp minh chứng (PDF, Word, Excel, ảnh JPG, PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": uploads.ACCEPT}),
        error_messages={"required": _("Hãy chọn tệp minh chứng.")},
    )
    note = text_field(_("Ghi chú"), 300, required=False)


class FindingsForm(VersionForm):
    """A verdict and a remark per checklist item."""

    def __init__(self, *args: Any, items: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"verdict_{item.pk}"] = forms.ChoiceField(
                label=f"{item.code}. {item.text}",
                choices=[("", _("— chưa đánh giá —")), *Verdict.choices],
                required=False,
            )
            self.fields[f"text_{item.pk}"] = forms.CharField(
                label=_("Nhận xét"),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
            )

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [(i, self[f"verdict_{i.pk}"], self[f"text_{i.pk}"]) for i in self.items]

    def findings(self) -> dict[int, tuple[str, str]]:
        d = self.cleaned_data
        return {i.pk: (d[f"verdict_{i.pk}"], d[f"text_{i.pk}"]) for i in self.items}


class RecommendationForm(forms.Form):
    text = _area(_("Nội dung kiến nghị"), required=True, max_length=5000)
    deadline = VnDateField(_("Thời hạn khắc phục"))
    responsible = forms.TypedChoiceField(
        label=_("Đơn vị chịu trách nhiệm"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["responsible"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("— đơn vị được kiểm tra —")), *units]


class ConclusionForm(VersionForm):
    number = text_field(_("Số kết luận"), 20, size=10)
    conclusion = _area(_("Kết luận chung"), required=True)


class FixForm(VersionForm):
    report = _area(_("Kết quả khắc phục"), required=True, max_length=5000)
    fixed_on = VnDateField(_("Ngày khắc phục xong"))


class ViolationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại vi phạm"), choices=ViolationKind.choices)
    reason = forms.CharField(
        label=_("Lý do ghi nhận (ít nhất 20 ký tự)"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )
