"""The forms of the year's facts grid: one row of a person, the unit's own rating.

Fields and same-row checks only; the rules (dates within the year, the forms of discipline
abolished from 01/07/2025) live in `records.year_facts`. Every message names its field, since
a row shows its errors above its cells."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.people.forms import VnDateField
from tdkt.records.models import DISCIPLINE_CHOICES, LEAVE_CHOICES, RATING_CHOICES
from tdkt.records.year_facts import DisciplineEntry, LeaveEntry
from tdkt.text import clean

TOKEN = re.compile(r"[0-9a-f]{16}")
STALE_PAGE = _("Trang đã cũ hoặc không hợp lệ; hãy tải lại trang rồi thực hiện lại.")


class CleanCharField(forms.CharField):
    """Text as `tdkt.text.clean` stores it: control and invisible characters are dropped before
    any check, so a pasted `\\x00` is removed, not refused."""

    def to_python(self, value: Any) -> str:
        return clean(super().to_python(value))


def _choice(label: Any, choices: list[tuple[str, Any]], invalid: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", "—"), *choices],
        required=False,
        error_messages={"invalid_choice": invalid},
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        widget=forms.HiddenInput,
        max_length=16,
        error_messages={"required": STALE_PAGE, "max_length": STALE_PAGE},
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"]
        if not TOKEN.fullmatch(token):
            raise forms.ValidationError(STALE_PAGE, code="bad_token")
        return str(token)


class UnitRatingForm(TokenForm):
    rating = _choice(_("Xếp loại tập thể"), RATING_CHOICES, _("Xếp loại không hợp lệ."))


class PersonYearForm(TokenForm):
    """One row of the grid: the rating, the year's discipline and the year's leave."""

    rating = _choice(_("Xếp loại"), RATING_CHOICES, _("Xếp loại không hợp lệ."))
    discipline_level = _choice(
        _("Hình thức kỷ luật"), DISCIPLINE_CHOICES, _("Hình thức kỷ luật không hợp lệ.")
    )
    discipline_on = VnDateField(_("Ngày quyết định kỷ luật"), required=False)
    discipline_number = CleanCharField(
        label=_("Số quyết định kỷ luật"),
        max_length=60,
        required=False,
        error_messages={"max_length": _("Số quyết định kỷ luật: tối đa 60 ký tự.")},
    )
    leave_kind = _choice(_("Loại nghỉ"), LEAVE_CHOICES, _("Loại nghỉ không hợp lệ."))
    leave_from = VnDateField(_("Nghỉ từ ngày"), required=False)
    leave_to = VnDateField(_("Nghỉ đến ngày"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        level, day = data.get("discipline_level"), data.get("discipline_on")
        if level and not day:
            self.add_error("discipline_on", _("Hãy nhập ngày quyết định kỷ luật."))
        elif (day and not level) or (data.get("discipline_number") and not level):
            self.add_error("discipline_level", _("Hãy chọn hình thức kỷ luật."))
        kind, start = data.get("leave_kind"), data.get("leave_from")
        if kind and not start:
            self.add_error("leave_from", _("Hãy nhập ngày bắt đầu nghỉ."))
        elif (start or data.get("leave_to")) and not kind:
            self.add_error("leave_kind", _("Hãy chọn loại nghỉ."))
        return data

    def discipline(self) -> DisciplineEntry | None:
        data = self.cleaned_data
        if not data["discipline_level"]:
            return None
        return DisciplineEntry(
            data["discipline_level"], data["discipline_on"], data["discipline_number"]
        )

    def leave(self) -> LeaveEntry | None:
        data = self.cleaned_data
        if not data["leave_kind"]:
            return None
        return LeaveEntry(data["leave_kind"], data["leave_from"], data["leave_to"])
