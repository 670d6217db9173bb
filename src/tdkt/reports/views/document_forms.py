"""The forms of the periodic reports screen: one per report, each turning its fields into a
`ReportRequest`. Units offered are those the user may export for; "Toàn ngành" only to whoever
may export for VKSND tối cao."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.movements.selectors import widest_unit
from tdkt.org.forms import UnitChoiceField, set_units
from tdkt.org.models import Unit, UnitLevel
from tdkt.records.models import AWARD_CHOICES
from tdkt.reports.documents import fmt
from tdkt.reports.documents.base import ReportRequest, sector_root
from tdkt.reports.models import ReportFormat, ReportKind
from tdkt.web.picker import PickerWidget
from tdkt.workflow.access import access_for, restrict_units
from tdkt.workflow.clock import review_year

SECTOR = ""
MAX_LIST_YEARS = 5
MAX_SUMMARY_YEARS = 10
FIRST_YEAR = 1990


def sees_sector(user: Any) -> bool:
    root = sector_root()
    return root is not None and access_for(user).can("export", root.pk)


class ReportForm(forms.Form):
    """Common to the reports: the unit (or the whole sector) and the file format."""

    kind: str = ""
    formats: tuple[str, ...] = (ReportFormat.DOCX, ReportFormat.XLSX)
    allow_sector = True

    don_vi = UnitChoiceField(label=gettext_lazy("Đơn vị"), action="export", active=True)
    dinh_dang = forms.ChoiceField(label=gettext_lazy("Định dạng"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, user: Any, today: dt.date | None = None, **kw: Any) -> None:
        kw.setdefault("prefix", self.kind)
        super().__init__(*args, **kw)
        self.user = user
        self.today = today or timezone.localdate()
        self.sector_allowed = self.allow_sector and sees_sector(user)
        # The unit is searched for (the picker); choosing none is the whole sector, for whoever
        # may export for it.
        set_units(self, _units(user), "don_vi")
        unit_field = self.fields["don_vi"]
        unit_field.required = unit_field.widget.is_required = not self.sector_allowed
        assert isinstance(unit_field.widget, PickerWidget)
        unit_field.widget.empty_label = _("Toàn ngành Kiểm sát nhân dân")
        unit_field.initial = None if self.sector_allowed else widest_unit(user, "export")
        names = dict(ReportFormat.choices)
        choice_field = self.fields["dinh_dang"]
        assert isinstance(choice_field, forms.ChoiceField)
        choice_field.choices = [(f, names[f]) for f in self.formats]
        choice_field.initial = self.formats[0]

    def clean_don_vi(self) -> Unit | None:
        """A unit of the user's export scope (the field's queryset), or None: the sector."""
        unit: Unit | None = self.cleaned_data.get("don_vi")
        if unit is None and not self.sector_allowed:
            raise forms.ValidationError(_("Hãy chọn đơn vị."))
        return unit

    def scope(self) -> dict[str, Any]:
        unit = self.cleaned_data["don_vi"]
        if unit is None:
            root = sector_root()
            assert root is not None
            return {"unit": root, "sector": True}
        return {"unit": unit, "sector": False}

    def report_request(self) -> ReportRequest:
        return ReportRequest(kind=self.kind, fmt=self.cleaned_data["dinh_dang"], **self.scope())


def _units(user: Any) -> Any:
    return (
        restrict_units(user, action="export")
        .filter(dissolved_on__isnull=True)
        .exclude(level=UnitLevel.PHONG)
        .order_by("sort_key", "pk")
    )


def _year_field(label: Any, initial: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        initial=initial,
        min_value=FIRST_YEAR,
        max_value=2100,
        error_messages={
            "invalid": gettext_lazy("Năm không hợp lệ."),
            "required": gettext_lazy("Hãy nhập năm."),
            "min_value": gettext_lazy("Năm không hợp lệ."),
            "max_value": gettext_lazy("Năm không hợp lệ."),
        },
    )


class ReviewForm(ReportForm):
    kind = ReportKind.REVIEW

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["nam"] = _year_field(_("Năm tổng kết"), review_year(self.today))
        self.order_fields(["don_vi", "nam", "dinh_dang"])

    def clean_nam(self) -> int:
        year = self.cleaned_data["nam"]
        if year > self.today.year:
            raise forms.ValidationError(_("Chưa thể tổng kết một năm chưa đến."))
        return year

    def report_request(self) -> ReportRequest:
        return ReportRequest(
            kind=self.kind,
            fmt=self.cleaned_data["dinh_dang"],
            year=self.cleaned_data["nam"],
            **self.scope(),
        )


class AwardeeForm(ReportForm):
    kind = ReportKind.AWARDEES
    formats = (ReportFormat.XLSX, ReportFormat.DOCX)

    tu_ngay = forms.CharField(
        label=gettext_lazy("Quyết định ký từ ngày"),
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"required": gettext_lazy("Hãy nhập ngày bắt đầu.")},
    )
    den_ngay = forms.CharField(
        label=gettext_lazy("đến ngày"),
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"required": gettext_lazy("Hãy nhập ngày kết thúc.")},
    )
    danh_hieu = forms.ChoiceField(label=gettext_lazy("Danh hiệu, hình thức"), required=False)

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        last = review_year(self.today)
        self.fields["tu_ngay"].initial = f"01/01/{last}"
        self.fields["den_ngay"].initial = f"31/12/{last}"
        award = self.fields["danh_hieu"]
        assert isinstance(award, forms.ChoiceField)
        award.choices = [("", _("Tất cả")), *AWARD_CHOICES]
        self.order_fields(["don_vi", "tu_ngay", "den_ngay", "danh_hieu", "dinh_dang"])

    def _day(self, name: str) -> dt.date:
        day = fmt.parse_day(self.cleaned_data.get(name, ""))
        if day is None:
            raise forms.ValidationError(
                _("Ngày không hợp lệ; hãy nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2025.")
            )
        return day

    def clean_tu_ngay(self) -> dt.date:
        return self._day("tu_ngay")

    def clean_den_ngay(self) -> dt.date:
        return self._day("den_ngay")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if isinstance(start, dt.date) and isinstance(end, dt.date):
            if end < start:
                self.add_error("den_ngay", _("Ngày kết thúc phải sau ngày bắt đầu."))
            elif (end - start).days > 366 * MAX_LIST_YEARS:
                self.add_error(
                    "den_ngay",
                    _("Mỗi danh sách tối đa %(n)s năm; hãy chia thành các kỳ ngắn hơn.")
                    % {"n": MAX_LIST_YEARS},
                )
        return data

    def report_request(self) -> ReportRequest:
        return ReportRequest(
            kind=self.kind,
            fmt=self.cleaned_data["dinh_dang"],
            date_from=self.cleaned_data["tu_ngay"],
            date_to=self.cleaned_data["den_ngay"],
            award=self.cleaned_data.get("danh_hieu") or "",
            **self.scope(),
        )


class SummaryForm(ReportForm):
    """The sector's summary: always the whole sector, so no unit to choose."""

    kind = ReportKind.SUMMARY
    formats = (ReportFormat.XLSX, ReportFormat.DOCX)

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        del self.fields["don_vi"]
        last = review_year(self.today)
        self.fields["tu_nam"] = _year_field(_("Từ năm"), last - MAX_SUMMARY_YEARS + 1)
        self.fields["den_nam"] = _year_field(_("đến năm"), last)
        self.order_fields(["tu_nam", "den_nam", "dinh_dang"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("tu_nam"), data.get("den_nam")
        if isinstance(first, int) and isinstance(last, int):
            if last < first:
                self.add_error("den_nam", _("Năm kết thúc phải sau năm bắt đầu."))
            elif last - first + 1 > MAX_SUMMARY_YEARS:
                self.add_error(
                    "den_nam",
                    _("Bảng tổng hợp tối đa %(n)s năm.") % {"n": MAX_SUMMARY_YEARS},
                )
        return data

    def report_request(self) -> ReportRequest:
        root = sector_root()
        assert root is not None
        return ReportRequest(
            kind=self.kind,
            fmt=self.cleaned_data["dinh_dang"],
            unit=root,
            sector=True,
            year_from=self.cleaned_data["tu_nam"],
            year_to=self.cleaned_data["den_nam"],
        )


class UnitRecordForm(ReportForm):
    kind = ReportKind.UNIT_RECORD
    formats = (ReportFormat.DOCX,)
    allow_sector = False


FORMS: dict[str, type[ReportForm]] = {
    ReportKind.REVIEW: ReviewForm,
    ReportKind.AWARDEES: AwardeeForm,
    ReportKind.SUMMARY: SummaryForm,
    ReportKind.UNIT_RECORD: UnitRecordForm,
}
