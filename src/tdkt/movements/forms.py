"""Forms of the movement screens: fields and same-row checks only; the rules live in services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.movements.models import (
    COLLECTIVE_TITLES,
    INDIVIDUAL_TITLES,
    TITLE_CHOICES,
    IndicatorDirection,
    MovementKind,
    ReviewKind,
)
from tdkt.movements.services.clusters import CriterionData
from tdkt.movements.services.movements import TARGET_LEVELS, IndicatorData
from tdkt.org.forms import UnitChoiceField, set_units
from tdkt.org.models import Unit, UnitLevel
from tdkt.records.models import AWARD_CHOICES
from tdkt.workflow.reasons import ReasonCode

TEXTAREA = forms.Textarea(attrs={"rows": 4, "cols": 100})
SHORT_TEXTAREA = forms.Textarea(attrs={"rows": 2, "cols": 100})
WIDE = forms.TextInput(attrs={"size": 90})
DATE_HELP = _("dd/mm/yyyy")


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=DATE_HELP,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"inputmode": "numeric", "size": 10}),
    )


def _decimal(label: Any, required: bool = True, **kw: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, max_digits=14, decimal_places=2, localize=True, **kw
    )


class VersionForm(forms.Form):
    """The version of the object the user is looking at: a save on a stale copy is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DocumentFieldsMixin(forms.Form):
    number = forms.CharField(label=_("Số"), max_length=20, required=False)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40, required=False)
    signed_on = _date(_("Ngày ký"), required=False)
    place = forms.CharField(label=_("Địa danh"), max_length=80, required=False)
    signer_authority = forms.CharField(
        label=_("Thẩm quyền ký (KT. VIỆN TRƯỞNG…)"), max_length=80, required=False
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=120, required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    recipients = forms.CharField(
        label=_("Nơi nhận (mỗi dòng một nơi)"), widget=TEXTAREA, required=False
    )


class MovementForm(DocumentFieldsMixin, VersionForm):
    issuer = UnitChoiceField(label=_("Đơn vị phát động"), action="launch", active=True)
    kind = forms.ChoiceField(label=_("Loại phong trào"), choices=MovementKind.choices)
    name = forms.CharField(label=_("Tên phong trào"), max_length=300, widget=WIDE)
    theme = forms.CharField(label=_("Chủ đề"), max_length=300, required=False, widget=WIDE)
    slogan = forms.CharField(
        label=_("Khẩu hiệu, phương châm"), max_length=300, required=False, widget=WIDE
    )
    start_year = forms.IntegerField(label=_("Từ năm"), min_value=1945, max_value=2100)
    end_year = forms.IntegerField(label=_("Đến năm"), min_value=1945, max_value=2100)
    horizon_year = forms.IntegerField(
        label=_("Tầm nhìn đến năm"), min_value=1945, max_value=2100, required=False
    )
    starts_on = _date(_("Ngày bắt đầu"))
    ends_on = _date(_("Ngày kết thúc"))
    registration_deadline = _date(_("Hạn đăng ký thi đua"), required=False)
    answer_deadline = _date(_("Hạn gửi kế hoạch triển khai"), required=False)
    titles = forms.MultipleChoiceField(
        label=_("Danh hiệu được đăng ký theo phong trào"),
        choices=TITLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    basis = forms.CharField(label=_("Căn cứ"), widget=SHORT_TEXTAREA, required=False)
    purpose = forms.CharField(label=_("Mục đích"), widget=TEXTAREA, required=False)
    requirements = forms.CharField(label=_("Yêu cầu"), widget=TEXTAREA, required=False)
    subjects = forms.CharField(label=_("Đối tượng thi đua"), widget=SHORT_TEXTAREA, required=False)
    contents = forms.CharField(label=_("Nội dung thi đua"), widget=TEXTAREA, required=False)
    solutions = forms.CharField(label=_("Giải pháp thực hiện"), widget=TEXTAREA, required=False)
    criteria = forms.CharField(label=_("Tiêu chí thi đua"), widget=TEXTAREA, required=False)
    award_forms = forms.CharField(
        label=_("Hình thức khen thưởng (mỗi dòng một hình thức)"), widget=TEXTAREA, required=False
    )
    organisation = forms.CharField(label=_("Tổ chức thực hiện"), widget=TEXTAREA, required=False)

    def __init__(self, *args: Any, issuers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if issuers is None:
            del self.fields["issuer"]
        else:
            set_units(self, issuers, "issuer")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        a, b = data.get("start_year"), data.get("end_year")
        if a and b and b < a:
            self.add_error("end_year", _("Năm kết thúc phải từ năm bắt đầu trở đi."))
        s, e = data.get("starts_on"), data.get("ends_on")
        if s and e and e < s:
            self.add_error("ends_on", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class IndicatorForm(forms.Form):
    name = forms.CharField(
        label=_("Chỉ tiêu"), max_length=300, widget=forms.TextInput(attrs={"size": 40})
    )
    unit_of_measure = forms.CharField(
        label=_("Đơn vị tính"), max_length=50, widget=forms.TextInput(attrs={"size": 10})
    )
    target = _decimal(_("Mức chỉ tiêu"), min_value=0, widget=forms.TextInput(attrs={"size": 8}))
    direction = forms.ChoiceField(
        label=_("Cách đánh giá"), choices=IndicatorDirection.choices, initial="at_least"
    )
    summable = forms.BooleanField(label=_("Cộng dồn"), required=False)

    def data_item(self) -> IndicatorData:
        d = self.cleaned_data
        return IndicatorData(
            d["name"], d["unit_of_measure"], d["target"], d["direction"], d["summable"]
        )


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=3, can_delete=True)


def kept_forms(formset: Any) -> list[Any]:
    """Every filled row the user did not delete. A row shown with its saved values and left as
    it was counts as much as a changed one: only the blank extra rows are skipped (Django leaves
    their `cleaned_data` empty)."""
    return [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


def indicator_items(formset: Any) -> list[IndicatorData]:
    return [f.data_item() for f in kept_forms(formset)]


class LaunchForm(VersionForm):
    target_levels = forms.MultipleChoiceField(
        label=_("Cấp đơn vị nhận phong trào"),
        choices=[(c, label) for c, label in UnitLevel.choices if c in TARGET_LEVELS],
        widget=forms.CheckboxSelectMultiple,
    )
    number = forms.CharField(label=_("Số kế hoạch"), max_length=20)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40)
    signed_on = _date(_("Ngày ký"))


class ReasonForm(VersionForm):
    reason_code = forms.ChoiceField(label=_("Lý do"), choices=ReasonCode.choices)
    reason = forms.CharField(
        label=_("Nội dung (ít nhất 20 ký tự)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PlanForm(DocumentFieldsMixin, VersionForm):
    title = forms.CharField(label=_("Trích yếu"), max_length=300, required=False, widget=WIDE)
    purpose = forms.CharField(label=_("Mục đích, yêu cầu"), widget=TEXTAREA, required=False)
    contents = forms.CharField(label=_("Nội dung thi đua"), widget=TEXTAREA, required=False)
    solutions = forms.CharField(label=_("Giải pháp thực hiện"), widget=TEXTAREA, required=False)
    organisation = forms.CharField(label=_("Tổ chức thực hiện"), widget=TEXTAREA, required=False)

    def __init__(self, *args: Any, indicators: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["number"].required = True
        self.fields["signed_on"].required = True
        self.indicators = list(indicators)
        for ind in self.indicators:
            self.fields[f"target_{ind.pk}"] = _decimal(
                ind.name, required=False, min_value=0, help_text=ind.unit_of_measure
            )

    def targets(self) -> dict[int, Decimal | None]:
        return {ind.pk: self.cleaned_data.get(f"target_{ind.pk}") for ind in self.indicators}

    def target_fields(self) -> list[Any]:
        return [self[f"target_{ind.pk}"] for ind in self.indicators]


class ResultsForm(forms.Form):
    def __init__(self, *args: Any, indicators: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for ind in self.indicators:
            self.fields[f"actual_{ind.pk}"] = _decimal(ind.name, required=False, min_value=0)
            self.fields[f"note_{ind.pk}"] = forms.CharField(
                label=_("Ghi chú"), max_length=300, required=False
            )

    def results(self) -> dict[int, tuple[Decimal | None, str]]:
        d = self.cleaned_data
        return {
            ind.pk: (d.get(f"actual_{ind.pk}"), d.get(f"note_{ind.pk}") or "")
            for ind in self.indicators
        }

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [(ind, self[f"actual_{ind.pk}"], self[f"note_{ind.pk}"]) for ind in self.indicators]


class ReviewForm(DocumentFieldsMixin, VersionForm):
    kind = forms.ChoiceField(label=_("Loại"), choices=ReviewKind.choices)
    period_label = forms.CharField(
        label=_("Giai đoạn (ví dụ: 6 tháng đầu năm 2025)"), max_length=150, required=False
    )
    held_on = _date(_("Ngày sơ kết, tổng kết"))
    summary = forms.CharField(label=_("Đánh giá chung"), widget=TEXTAREA, required=False)
    achievements = forms.CharField(label=_("Kết quả nổi bật"), widget=TEXTAREA, required=False)
    shortcomings = forms.CharField(label=_("Tồn tại, hạn chế"), widget=TEXTAREA, required=False)
    lessons = forms.CharField(label=_("Bài học kinh nghiệm"), widget=TEXTAREA, required=False)
    directions = forms.CharField(label=_("Phương hướng, nhiệm vụ"), widget=TEXTAREA, required=False)


class ExampleForm(forms.Form):
    subject = forms.ChoiceField(label=_("Tập thể, cá nhân"), choices=(), required=False)
    achievement = forms.CharField(label=_("Thành tích"), widget=SHORT_TEXTAREA, required=False)
    proposed_award = forms.ChoiceField(
        label=_("Đề nghị khen thưởng"),
        choices=[("", "—"), *[(c, n) for c, n in AWARD_CHOICES]],
        required=False,
    )

    def __init__(self, *args: Any, subjects: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        field = self.fields["subject"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *subjects]


ExampleFormSet = forms.formset_factory(ExampleForm, extra=4)


class RegistrationOpenForm(forms.Form):
    movement = forms.TypedChoiceField(label=_("Phong trào"), coerce=int, choices=())
    unit = UnitChoiceField(label=_("Đơn vị đăng ký"), action="edit", active=True)
    year = forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2100)

    def __init__(self, *args: Any, movements: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["movement"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(m.pk, f"{m.name} ({m.period_label})") for m in movements]
        set_units(self, units, "unit")


class LinesForm(VersionForm):
    """The people of the unit with a checkbox and a title each, and the unit's own titles."""

    unit_commitment = forms.CharField(
        label=_("Cam kết của tập thể"), widget=SHORT_TEXTAREA, required=False
    )

    def __init__(
        self,
        *args: Any,
        people: list[Any] = (),  # type: ignore[assignment]
        titles: list[str] = (),  # type: ignore[assignment]
        taken: set[int] = frozenset(),  # type: ignore[assignment]
        unit_taken: set[str] = frozenset(),  # type: ignore[assignment]
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        allowed = set(titles) or set(INDIVIDUAL_TITLES + COLLECTIVE_TITLES)
        person_titles = [
            (c, n) for c, n in TITLE_CHOICES if c in INDIVIDUAL_TITLES and c in allowed
        ]
        unit_titles = [(c, n) for c, n in TITLE_CHOICES if c in COLLECTIVE_TITLES and c in allowed]
        self.people = [p for p in people if p.pk not in taken]
        for p in self.people:
            self.fields[f"p_{p.pk}"] = forms.BooleanField(label=p.full_name, required=False)
            self.fields[f"t_{p.pk}"] = forms.ChoiceField(
                label=_("Danh hiệu"), choices=person_titles, initial=_suggested(p, person_titles)
            )
        self.unit_titles = [(c, n) for c, n in unit_titles if c not in unit_taken]
        self.fields["unit_titles"] = forms.MultipleChoiceField(
            label=_("Danh hiệu của tập thể đơn vị"),
            choices=self.unit_titles,
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [(p, self[f"p_{p.pk}"], self[f"t_{p.pk}"]) for p in self.people]

    def chosen_people(self) -> list[tuple[Any, str]]:
        d = self.cleaned_data
        return [(p, d[f"t_{p.pk}"]) for p in self.people if d.get(f"p_{p.pk}")]


def _suggested(person: Any, choices: list[tuple[str, Any]]) -> str:
    codes = [c for c, _n in choices]
    hint = getattr(person, "suggested_title", "")
    return hint if hint in codes else (codes[0] if codes else "")


class LeadersForm(forms.Form):
    head = forms.TypedChoiceField(label=_("Cụm trưởng, khối trưởng"), coerce=int, choices=())
    deputy = forms.TypedChoiceField(
        label=_("Cụm phó, khối phó"), coerce=int, choices=(), required=False, empty_value=None
    )

    def __init__(self, *args: Any, members: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[Any, str]] = [(u.pk, u.name) for u in members]
        for name in ("head", "deputy"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = ([("", "—")] if name == "deputy" else []) + choices


class PledgeForm(VersionForm):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300, widget=WIDE)
    content = forms.CharField(
        label=_("Nội dung giao ước"), widget=forms.Textarea(attrs={"rows": 8})
    )
    signed_on = _date(_("Ngày ký kết"), required=False)
    place = forms.CharField(label=_("Địa điểm"), max_length=150, required=False)


class CriterionForm(forms.Form):
    group = forms.CharField(label=_("Nhóm tiêu chí"), max_length=200, required=False)
    name = forms.CharField(
        label=_("Tiêu chí"), max_length=300, widget=forms.TextInput(attrs={"size": 60})
    )
    max_points = forms.DecimalField(
        label=_("Điểm tối đa"),
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("0.01"),
        localize=True,
    )
    weight = forms.DecimalField(
        label=_("Hệ số"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        initial=1,
        localize=True,
    )

    def data_item(self) -> CriterionData:
        d = self.cleaned_data
        return CriterionData(d["name"], d["max_points"], d["weight"], d.get("group") or "")


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, can_delete=True)


def criterion_items(formset: Any) -> list[CriterionData]:
    return [f.data_item() for f in kept_forms(formset)]


class SheetNoteForm(VersionForm):
    note = forms.CharField(label=_("Hướng dẫn chấm"), widget=SHORT_TEXTAREA, required=False)


class OpenScoringForm(VersionForm):
    deadline = _date(_("Hạn chấm điểm"))

    def clean_deadline(self) -> dt.date:
        return self.cleaned_data["deadline"]


class ScoreForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do thay đổi (bắt buộc khi sửa điểm đã chấm)"),
        widget=SHORT_TEXTAREA,
        required=False,
    )

    def __init__(self, *args: Any, criteria: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"c_{c.pk}"] = forms.DecimalField(
                label=c.name,
                max_digits=6,
                decimal_places=2,
                min_value=0,
                max_value=c.max_points,
                localize=True,
            )
            self.fields[f"e_{c.pk}"] = forms.CharField(
                label=_("Diễn giải"), max_length=500, required=False
            )

    def points(self) -> dict[int, Decimal]:
        return {c.pk: self.cleaned_data[f"c_{c.pk}"] for c in self.criteria}

    def explanations(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"e_{c.pk}") or "" for c in self.criteria}

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [(c, self[f"c_{c.pk}"], self[f"e_{c.pk}"]) for c in self.criteria]


class BallotForm(forms.Form):
    candidate = forms.TypedChoiceField(label=_("Đơn vị được đề nghị"), coerce=int, choices=())

    def __init__(self, *args: Any, members: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["candidate"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(u.pk, u.name) for u in members]
