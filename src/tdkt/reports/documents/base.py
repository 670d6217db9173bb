"""What every periodic report shares: the request (which report, for which unit or the whole
sector, which year or period), the file it produces, progress reporting, and the scope reads."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from unidecode import unidecode

from tdkt.documents.docx import DOCX_CONTENT_TYPE, Block, Section
from tdkt.documents.xlsx import XLSX_CONTENT_TYPE
from tdkt.org.models import Unit, UnitLevel, UnitScope
from tdkt.people.models import Person
from tdkt.reports.documents import fmt
from tdkt.reports.models import ReportFormat, ReportKind

Progress = Callable[[int, str], None]
CONTENT_TYPES = {ReportFormat.DOCX: DOCX_CONTENT_TYPE, ReportFormat.XLSX: XLSX_CONTENT_TYPE}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def no_progress(percent: int, stage: str) -> None:
    """Progress of a report made while the user waits: nobody polls it."""


@dataclass(frozen=True)
class ReportRequest:
    """One report as asked for. `unit` is the unit reported on; a sector-wide report has
    `sector` set and VKSND tối cao as its unit (the issuer of the document)."""

    kind: str
    fmt: str
    unit: Unit
    sector: bool = False
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    award: str = ""
    year_from: int | None = None
    year_to: int | None = None
    person: Person | None = None

    @property
    def scope_unit(self) -> Unit | None:
        """The unit whose subtree and predecessors the figures count; None: every unit."""
        return None if self.sector else self.unit

    @property
    def scope_name(self) -> str:
        return _("Toàn ngành Kiểm sát nhân dân") if self.sector else self.unit.name

    def params(self) -> dict[str, Any]:
        """What a background job stores to make the report again (JSON)."""
        values: dict[str, Any] = {
            "sector": self.sector,
            "year": self.year,
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "award": self.award,
            "year_from": self.year_from,
            "year_to": self.year_to,
            "person": self.person.pk if self.person else None,
        }
        return {k: v for k, v in values.items() if v not in (None, "", False)}

    @classmethod
    def from_params(cls, kind: str, fmt: str, unit: Unit, params: dict[str, Any]) -> ReportRequest:
        def day(key: str) -> dt.date | None:
            value = params.get(key)
            return dt.date.fromisoformat(value) if value else None

        person_id = params.get("person")
        return cls(
            kind=kind,
            fmt=fmt,
            unit=unit,
            sector=bool(params.get("sector")),
            year=params.get("year"),
            date_from=day("date_from"),
            date_to=day("date_to"),
            award=params.get("award", ""),
            year_from=params.get("year_from"),
            year_to=params.get("year_to"),
            person=Person.objects.get(pk=person_id) if person_id else None,
        )

    def title(self) -> str:
        """The report's name in lists: what, for whom, for when."""
        kind = ReportKind(self.kind)
        if kind == ReportKind.REVIEW:
            what = _("Báo cáo tổng kết công tác thi đua, khen thưởng năm %(y)s") % {"y": self.year}
        elif kind == ReportKind.AWARDEES:
            what = _("Danh sách khen thưởng từ %(a)s đến %(b)s") % {
                "a": fmt.day(self.date_from),
                "b": fmt.day(self.date_to),
            }
            if self.award:
                what += f" – {fmt.award_name(self.award)}"
        elif kind == ReportKind.SUMMARY:
            what = _("Tổng hợp khen thưởng theo đơn vị sau sắp xếp, %(a)s–%(b)s") % {
                "a": self.year_from,
                "b": self.year_to,
            }
        elif kind == ReportKind.PERSON_RECORD and self.person is not None:
            return _("Hồ sơ thành tích của %(name)s") % {"name": self.person.full_name}
        else:
            what = str(kind.label)
        return f"{what} – {self.scope_name}"

    def filename(self) -> str:
        stem = {
            ReportKind.REVIEW: f"bao-cao-tong-ket-{self.year}",
            ReportKind.AWARDEES: "danh-sach-khen-thuong-"
            + "-".join(d.strftime("%d%m%Y") for d in (self.date_from, self.date_to) if d),
            ReportKind.SUMMARY: f"tong-hop-khen-thuong-{self.year_from}-{self.year_to}",
            ReportKind.UNIT_RECORD: "ho-so-thanh-tich",
            ReportKind.PERSON_RECORD: "ho-so-thanh-tich",
        }[ReportKind(self.kind)]
        who = self.person.full_name if self.person else self.unit.short_name or self.unit.name
        if self.sector:
            who = "toan-nganh"
        return f"{stem}-{slug(who)}.{self.fmt}"


@dataclass
class Output:
    filename: str
    content_type: str
    content: bytes


def output(request: ReportRequest, content: bytes) -> Output:
    return Output(request.filename(), CONTENT_TYPES[ReportFormat(request.fmt)], content)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")[:60]


# --- the organisation, read for reports ----------------------------------------------------------


def sector_root() -> Unit | None:
    """VKSND tối cao: the top of the tree, the issuer of the sector's reports."""
    return Unit.objects.filter(level=UnitLevel.TOI_CAO, parent__isnull=True).order_by("pk").first()


def below(unit: Unit | None) -> QuerySet[UnitScope, Any] | None:
    """Ids of the units a scope counts (subtree and predecessors); None: every unit."""
    if unit is None:
        return None
    return UnitScope.objects.filter(ancestor=unit).values("descendant_id")


def numbered(sections: list[Section]) -> list[Block]:
    """Keep the sections that have content and number them I, II, III…"""
    kept = [s for s in sections if s.blocks]
    return [Section(f"{ROMAN[i]}. {s.heading}", s.blocks) for i, s in enumerate(kept)]
