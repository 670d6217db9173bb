"""Danh sách khen thưởng of a period: every award of the ledger whose decision was signed between
two days, in a unit's scope (the holder's unit on the signing day, as `stats` counts it), grouped
by award in the contract's order with a subtotal after each group.

Each line names the holder with the post and unit of the signing day, as the decision itself
listed them: the unit's name of that day (a district's name, before 2025-07-01) and the post held
then (`people.Position`), read for the whole list in a few queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tdkt.documents.docx import AdminDocument, Table, render
from tdkt.documents.xlsx import Sheet, workbook_bytes
from tdkt.nominations.documents import head_title, place_of
from tdkt.org.models import UnitLevel, UnitName
from tdkt.people.models import Position, PostKind
from tdkt.records.models import AwardEntry
from tdkt.reports import stats
from tdkt.reports.documents import fmt
from tdkt.reports.documents.base import Output, Progress, ReportRequest, below, no_progress, output

CHUNK = 5000
HEADERS = [
    "STT",
    "Họ và tên / Tên tập thể",
    "Chức vụ, đơn vị khi khen thưởng",
    "Danh hiệu, hình thức",
    "Năm thành tích",
    "Số, ngày quyết định",
    "Cấp quyết định",
]


@dataclass
class Line:
    name: str
    post_and_unit: str
    award: str
    year: int
    decision_number: str
    signed_on: dt.date
    level: str
    sort_key: str = ""  # Vietnamese order: given name first


@dataclass
class AwardeeList:
    request: ReportRequest
    groups: list[tuple[str, list[Line]]] = field(default_factory=list)  # award code → lines

    @property
    def total(self) -> int:
        return sum(len(lines) for _code, lines in self.groups)


def entries(request: ReportRequest) -> QuerySet[AwardEntry]:
    """The active ledger lines the list shows."""
    assert request.date_from is not None and request.date_to is not None
    qs = AwardEntry.objects.filter(
        revoked_on__isnull=True,
        decision__signed_on__gte=request.date_from,
        decision__signed_on__lte=request.date_to,
    )
    units = below(request.scope_unit)
    if units is not None:
        qs = qs.filter(holder_unit__in=units)
    if request.award:
        qs = qs.filter(award=request.award)
    return qs


def count(request: ReportRequest) -> int:
    return entries(request).count()


def build(request: ReportRequest, progress: Progress = no_progress) -> Output:
    data = collect(request, progress)
    progress(85, _("Đang ghi tệp"))
    if request.fmt == "xlsx":
        return output(request, workbook_bytes([sheet(data)]))
    return output(request, render(document(data)))


def collect(request: ReportRequest, progress: Progress = no_progress) -> AwardeeList:
    progress(5, _("Đang đọc sổ khen thưởng"))
    rows = list(
        entries(request)
        .order_by("decision__signed_on", "decision__number", "id")
        .values_list(
            "pk",
            "award",
            "year",
            "person_id",
            "person__full_name",
            "unit__name",
            "holder_unit_id",
            "decision__number",
            "decision__signed_on",
            "decision__level",
            "person__sort_key",
            "unit__sort_key",
        )
    )
    progress(35, _("Đang xác định chức vụ, đơn vị khi khen thưởng"))
    posts = _posts(rows)
    names = _unit_names({r[6] for r in rows if r[6] is not None})
    progress(60, _("Đang sắp xếp theo danh hiệu, hình thức"))
    grouped: dict[str, list[Line]] = defaultdict(list)
    for row in rows:
        pk, award, year, person_id, person_name, unit_name, holder, number, signed, level = row[:10]
        unit_then = _name_on(names.get(holder, []), signed) if holder else ""
        if person_id is not None:
            post = posts.get(pk, "")
            where = ", ".join(part for part in (post, unit_then) if part)
        else:
            where = unit_then if unit_then and unit_then != unit_name else ""
        grouped[award].append(
            Line(
                person_name or unit_name or "",
                where,
                award,
                year,
                number,
                signed,
                level,
                row[10] or row[11] or "",
            )
        )
    for lines in grouped.values():
        lines.sort(key=lambda line: (line.signed_on, line.decision_number, line.sort_key))
    return AwardeeList(request, [(code, grouped[code]) for code in stats.award_order(grouped)])


def _posts(rows: list[tuple[Any, ...]]) -> dict[int, str]:
    """The post each person held on the signing day: the latest position begun by then."""
    people = sorted({r[3] for r in rows if r[3] is not None})
    history: dict[int, list[tuple[dt.date, int, str]]] = defaultdict(list)
    for start in range(0, len(people), CHUNK):
        for person_id, valid_from, pk, post, kind in Position.objects.filter(
            person_id__in=people[start : start + CHUNK]
        ).values_list("person_id", "valid_from", "pk", "post", "post_kind"):
            history[person_id].append((valid_from, pk, post or _post_kind(kind)))
    for held in history.values():
        held.sort()
    out: dict[int, str] = {}
    for row in rows:
        if row[3] is None:
            continue
        post = ""
        for valid_from, _pk, name in history.get(row[3], []):
            if valid_from > row[8]:
                break
            post = name
        out[row[0]] = post
    return out


def _post_kind(kind: str) -> str:
    return str(PostKind(kind).label) if kind in PostKind.values else ""


def _unit_names(unit_ids: Iterable[int]) -> dict[int, list[tuple[dt.date | None, Any, str]]]:
    """Every dated name of the units, for `_name_on` (one query per 5,000 units)."""
    ids = sorted(unit_ids)
    found: dict[int, list[tuple[dt.date | None, Any, str]]] = defaultdict(list)
    for start in range(0, len(ids), CHUNK):
        for unit_id, valid_from, valid_to, name in UnitName.objects.filter(
            unit_id__in=ids[start : start + CHUNK]
        ).values_list("unit_id", "valid_from", "valid_to", "name"):
            found[unit_id].append((valid_from, valid_to, name))
    return found


def _name_on(names: list[tuple[dt.date | None, Any, str]], day: dt.date) -> str:
    for valid_from, valid_to, name in names:
        if (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to):
            return name
    return names[-1][2] if names else ""


# --- the document and the workbook ---------------------------------------------------------------


def heading(data: AwardeeList) -> str:
    request = data.request
    assert request.date_from is not None and request.date_to is not None
    text = _(
        "Tập thể, cá nhân được khen thưởng theo quyết định ký từ ngày %(a)s đến ngày %(b)s"
    ) % {
        "a": fmt.day(request.date_from),
        "b": fmt.day(request.date_to),
    }
    if request.award:
        text += " " + _("(%(award)s)") % {"award": fmt.award_name(request.award)}
    return text


def rows(data: AwardeeList) -> tuple[list[list[Any]], set[int], set[int]]:
    """The table: for each award a heading line, its lines numbered from 1, a subtotal line;
    then the grand total. Returns the rows and which are headings and which are totals."""
    out: list[list[Any]] = []
    headings: set[int] = set()
    totals: set[int] = set()
    for number, (code, lines) in enumerate(data.groups, start=1):
        headings.add(len(out))
        out.append([_roman(number), fmt.award_name(code), "", "", "", "", ""])
        for i, line in enumerate(lines, start=1):
            out.append(
                [
                    i,
                    line.name,
                    line.post_and_unit,
                    fmt.award_name(line.award),
                    line.year,
                    f"{line.decision_number} ngày {fmt.day(line.signed_on)}",
                    str(fmt.LEVEL_SHORT.get(line.level, line.level)),
                ]
            )
        totals.add(len(out))
        out.append(["", _("Cộng: %(n)s lượt") % {"n": fmt.number(len(lines))}, *[""] * 5])
    totals.add(len(out))
    out.append(["", _("Tổng cộng: %(n)s lượt") % {"n": fmt.number(data.total)}, *[""] * 5])
    return out, headings, totals


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    text = ""
    for value, letters in numerals:
        while n >= value:
            text, n = text + letters, n - value
    return text


def sheet(data: AwardeeList) -> Sheet:
    table, headings, totals = rows(data)
    title = "\n".join(
        [
            _("DANH SÁCH KHEN THƯỞNG"),
            heading(data),
            data.request.scope_name,
            _("Không gồm khen thưởng đã bị thu hồi."),
        ]
    )
    return Sheet(
        _("Danh sách khen thưởng"),
        [_(h) for h in HEADERS],
        table,
        heading=title,
        bold_rows=headings | totals,
    )


def document(data: AwardeeList) -> AdminDocument:
    request = data.request
    issuer = request.unit
    table, headings, totals = rows(data)
    text_rows = [[str(v) for v in r] for r in table]
    intro = _("%(scope)s; không gồm khen thưởng đã bị thu hồi; tổng cộng %(n)s lượt.") % {
        "scope": request.scope_name,
        "n": fmt.number(data.total),
    }
    return AdminDocument(
        issuer=issuer.name,
        superior=issuer.parent.name if issuer.parent and issuer.level != UnitLevel.TOI_CAO else "",
        kind="DANH SÁCH",
        title=heading(data),
        place=place_of(issuer),
        body=[
            intro,
            Table(
                [_(h) for h in HEADERS],
                text_rows,
                widths_cm=[1.2, 4.6, 8.0, 4.0, 1.6, 3.6, 2.2],
                bold_rows=headings | totals,
                right_columns={0, 4},
            ),
        ],
        signer_title=head_title(issuer),
        landscape=True,
    )
