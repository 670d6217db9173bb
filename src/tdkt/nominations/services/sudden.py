"""Khen thưởng đột xuất on the dossier side: the simplified procedure in force on a day (what it
asks, with how sure the texts behind it are), and the act each candidate is proposed for.

The engine judges the act (`tdkt.rules.sudden`); this module only reads its parameters through
the database's parameter set and checks what the author typed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tdkt.eligibility.parameters import current_parameters
from tdkt.errors import InvalidData
from tdkt.nominations.models import Candidate, Dossier, DossierKind
from tdkt.rules.errors import MissingParameter
from tdkt.rules.sudden import SimplifiedProcedure, simplified_procedure

# The parameters of the procedure, in the order the dossier page lists them.
KEYS = (
    "sudden.max_days_after_act",
    "sudden.requires_council_minutes",
    "sudden.counts_toward_merit",
)


def procedure_on(day: dt.date) -> SimplifiedProcedure | None:
    """The simplified procedure on `day`; None when a parameter has no value that day."""
    try:
        return simplified_procedure(day, current_parameters())
    except MissingParameter:
        return None


@dataclass(frozen=True)
class ProcedureLine:
    label: str
    value: str
    citation: str
    confidence: str  # C, P or M (legal-facts.md §0)
    note: str  # what is uncertain: shown whenever the text was not confirmed (P, M)

    @property
    def unconfirmed(self) -> bool:
        return self.confidence != "C"


def procedure_lines(day: dt.date) -> list[ProcedureLine]:
    """What the simplified procedure asks on `day`, one line per parameter, as the page shows it."""
    params = current_parameters()
    lines = []
    for key in KEYS:
        found = params.find(key, day)
        if found is None:
            value, citation, confidence, note = _("Chưa có quy định có hiệu lực"), "", "M", ""
        else:
            value, citation = _value_text(key, found.value), found.citation
            confidence, note = found.confidence, found.note
        lines.append(ProcedureLine(_LABELS[key], value, citation, confidence, note))
    return lines


_LABELS = {
    "sudden.max_days_after_act": _("Thời hạn đề nghị kể từ ngày lập thành tích"),
    "sudden.requires_council_minutes": _("Biên bản họp xét của đơn vị đề nghị"),
    "sudden.counts_toward_merit": _("Dùng làm căn cứ đề nghị khen thưởng công trạng sau này"),
}


def _value_text(key: str, value: object) -> str:
    if key == "sudden.max_days_after_act":
        if value is None:
            return _("Ngay sau khi lập thành tích (chưa có số ngày cụ thể)")
        return _("%(n)s ngày") % {"n": value}
    if key == "sudden.requires_council_minutes":
        return _("Bắt buộc") if value else _("Không bắt buộc")
    return _("Có") if value else _("Không")


def check_act(dossier: Dossier, act_on: dt.date | None, today: dt.date) -> None:
    """The day of the act: only in a sudden dossier, not after today, in the dossier's year."""
    if act_on is None:
        return
    if dossier.kind != DossierKind.SUDDEN:
        raise InvalidData(
            _("Ngày lập thành tích đột xuất chỉ ghi trong hồ sơ khen thưởng đột xuất.")
        )
    if act_on > today:
        raise InvalidData(_("Ngày lập thành tích không được sau hôm nay."))
    if act_on.year != dossier.year:
        raise InvalidData(
            _("Ngày lập thành tích phải thuộc năm thành tích của hồ sơ (%(y)s).")
            % {"y": dossier.year}
        )


def without_act(candidates: list[Candidate]) -> list[str]:
    """The candidates of a sudden dossier whose act is not described or not dated."""
    return [c.name for c in candidates if c.act_on is None or not c.achievement.strip()]
