"""What every importer shares: the context a file is checked in, the plan it produces, and the
shape of an ambiguity shown to the user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.documents.reader import MAX_ROWS, Column, Problems, Row
from tdkt.documents.xlsx import ColumnSpec, build_template
from tdkt.imports.matching import Identity, Match, PeopleIndex
from tdkt.imports.models import ImportJob
from tdkt.org.models import Unit, UnitScope
from tdkt.workflow.access import restrict_units

# The columns that say whom a row is about: header, kind and width are the same in every
# template, each importer says how to fill them.
_IDENTITY_COLUMNS = {
    "full_name": (gettext_lazy("Họ và tên"), "text", 28),
    "birth_date": (gettext_lazy("Ngày sinh"), "date", 13),
    "citizen_id": (gettext_lazy("Số CCCD"), "text", 15),
    "unit_code": (gettext_lazy("Mã đơn vị"), "text", 14),
}


def identity_column(
    key: str, help_text: str | Promise, aliases: tuple[str, ...], *, required: bool = False
) -> Column:
    header, kind, width = _IDENTITY_COLUMNS[key]
    return Column(key, ColumnSpec(header, help_text, required, kind=kind, width=width), aliases)


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    dissolved_on: dt.date | None


@dataclass
class Context:
    """The job's unit and the units of its subtree the importing user may still import for."""

    job_unit: Unit
    units: dict[str, UnitInfo]  # casefolded code → unit
    resolutions: dict[str, str]
    today: dt.date
    year: int | None = None  # the facts' year when the file has no «Năm» column
    source: str = ""  # the file, as audit entries name it
    names: dict[int, str] = field(init=False)

    def __post_init__(self) -> None:
        self.names = {u.id: u.name for u in self.units.values()}

    @property
    def scope_ids(self) -> set[int]:
        return set(self.names)

    def unit_name(self, unit_id: int | None) -> str:
        return self.names.get(unit_id, "") if unit_id is not None else ""

    def unit(self, row: Row, key: str) -> UnitInfo | None:
        code = row.text(key, required=True, max_length=40)
        if not code:
            return None
        unit = self.units.get(code.casefold())
        if unit is None:
            row.error(
                key,
                _("không có đơn vị mã «%(code)s» trong phạm vi «%(scope)s».")
                % {"code": code, "scope": self.job_unit.name},
            )
        return unit


def build_context(job: ImportJob, today: dt.date) -> Context:
    subtree = UnitScope.objects.filter(ancestor=job.unit).values("descendant_id")
    units = restrict_units(job.created_by, Unit.objects.filter(pk__in=subtree), action="import")
    infos = {
        code.casefold(): UnitInfo(pk, code, name, dissolved_on)
        for pk, code, name, dissolved_on in units.values_list("pk", "code", "name", "dissolved_on")
    }
    source = _("Nhập từ tệp «%(file)s» (lần nhập số %(id)s, SHA-256 %(sha)s)") % {
        "file": job.original_name,
        "id": job.pk,
        "sha": job.sha256[:12],
    }
    return Context(job.unit, infos, dict(job.resolutions or {}), today, job.year, source)


@dataclass
class Plan:
    """What applying a checked file would do. `payload` is the importer's own."""

    summary: dict[str, int]
    ambiguities: list[dict[str, Any]] = field(default_factory=list)
    payload: Any = None


class Importer(Protocol):
    kind: str
    columns: list[Column]
    sheet_title: str
    filename: str

    def template(self) -> bytes: ...

    def read(self, row: Row, ctx: Context) -> Any | None: ...

    def plan(self, items: list[Any], ctx: Context, problems: Problems) -> Plan: ...

    def apply(self, plan: Plan, *, actor: Any) -> dict[str, int]: ...


class SheetImporter:
    """What every importer's sheet has: its columns by key and the template users fill in,
    built from the importer's example rows and notes. Subclasses set `make_columns`."""

    kind: str
    sheet_title: str
    filename: str
    max_rows: int = MAX_ROWS

    def __init__(self) -> None:
        self.columns = self.make_columns()
        self.names = {c.key: c.name for c in self.columns}

    @staticmethod
    def make_columns() -> list[Column]:
        raise NotImplementedError

    def examples(self) -> list[list[Any]]:
        raise NotImplementedError

    def notes(self) -> list[str]:
        raise NotImplementedError

    def template(self) -> bytes:
        specs = [c.spec for c in self.columns]
        return build_template(specs, self.sheet_title, self.examples(), self.notes())


class ChecksColumns(Protocol):
    """An importer that checks the header row as a whole (a column it needs unless the job
    says otherwise, such as «Năm» when no year was chosen)."""

    def check_columns(self, present: set[str], ctx: Context, problems: Problems) -> None: ...


def match_row(
    index: PeopleIndex,
    who: Identity,
    ctx: Context,
    problems: Problems,
    names: dict[str, str],
    ambiguities: list[dict[str, Any]],
) -> Match | None:
    """The row's match once it is settled (a person, or nobody); an error becomes a problem of
    its cell and an ambiguity joins `ambiguities`, and both give None."""
    match = index.match(who, ctx.resolutions.get(str(who.row)))
    if match.error:
        problems.cell(who.row, names[match.error_column], match.error)
    elif match.is_ambiguous:
        ambiguities.append(ambiguity(who, match, ctx))
    else:
        return match
    return None


def ambiguity(who: Identity, match: Match, ctx: Context) -> dict[str, Any]:
    """An ambiguity as stored on the job and shown on its page."""
    return {
        "row": who.row,
        "full_name": who.full_name,
        "birth_date": who.birth_date.strftime("%d/%m/%Y"),
        "citizen_id": who.citizen_id or "",
        "unit": ctx.unit_name(who.unit_id),
        "reason": match.reason,
        "allow_new": match.allow_new,
        "candidates": [
            {
                "id": p["id"],
                "full_name": p["full_name"],
                "birth_date": p["birth_date"].strftime("%d/%m/%Y"),
                "citizen_id": p["citizen_id"] or "",
                "unit": ctx.unit_name(p["unit_id"]),
                "post": p["post"],
            }
            for p in match.candidates
        ],
    }
