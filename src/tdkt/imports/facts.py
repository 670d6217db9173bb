"""The year's facts kept by the units: ratings, discipline, leave, initiatives and unit violations.

The files are those units keep today (a title and a heading above the header row, an «STT»
column, a signature block under the table). People are found by citizen ID or by name and date
of birth within the import's scope, never created; the year comes from a «Năm» column or else
from the job. A fact already recorded alike is left alone, a different one is corrected (audited,
the file as its source)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.documents.reader import Column, Problems, Row
from tdkt.documents.xlsx import ColumnSpec
from tdkt.errors import DomainError
from tdkt.imports.base import Context, Plan, SheetImporter, identity_column, match_row
from tdkt.imports.matching import Identity, PeopleIndex
from tdkt.records import bulk

MAX_ROWS = 20_000


class FactsImporter(SheetImporter):
    max_rows = MAX_ROWS


def person_columns(*, unit_required: bool = False) -> list[Column]:
    return [
        identity_column(
            "full_name",
            gettext_lazy("Họ và tên của cán bộ, có dấu; cán bộ phải đã có trong hệ thống."),
            ("họ tên", "họ và tên cán bộ", "họ tên cán bộ", "họ và tên cán bộ, công chức"),
            required=True,
        ),
        identity_column(
            "birth_date",
            gettext_lazy("dd/mm/yyyy (ví dụ 02/04/1985) hoặc ô kiểu ngày của Excel."),
            ("ngày tháng năm sinh", "ngày, tháng, năm sinh", "sinh ngày"),
            required=True,
        ),
        identity_column(
            "citizen_id",
            gettext_lazy(
                "Số căn cước công dân, 12 chữ số; có thể để trống. Nếu có, hệ thống dùng số "
                "này để nhận ra cán bộ (cả khi Excel đã bỏ các số 0 ở đầu)."
            ),
            ("cccd", "số căn cước công dân", "số căn cước", "căn cước công dân", "số định danh"),
        ),
        identity_column(
            "unit_code",
            gettext_lazy(
                "Mã đơn vị nơi cán bộ công tác; có thể để trống (tìm trong toàn bộ đơn vị "
                "đang nhập dữ liệu)."
            ),
            ("mã đv",),
            required=unit_required,
        ),
    ]


def year_column(help_text: Any) -> Column:
    return Column(
        "year",
        ColumnSpec(gettext_lazy("Năm"), help_text, kind="int", width=8),
        ("năm đánh giá", "năm xếp loại", "năm thành tích", "năm vi phạm"),
    )


@dataclass(frozen=True)
class Who:
    row: int
    full_name: str
    birth_date: dt.date
    citizen_id: str | None
    unit_id: int | None

    @property
    def identity(self) -> Identity:
        return Identity(self.row, self.full_name, self.birth_date, self.unit_id, self.citizen_id)


def read_who(row: Row, ctx: Context) -> Who | None:
    full_name = row.text("full_name", required=True, max_length=150)
    birth_date = row.date("birth_date", required=True, not_after=ctx.today)
    citizen_id = row.citizen_id("citizen_id")
    unit = ctx.unit(row, "unit_code") if row.present("unit_code") else None
    if not (full_name and birth_date) or (row.present("unit_code") and unit is None):
        return None
    return Who(row.number, full_name, birth_date, citizen_id, unit.id if unit else None)


def read_year(row: Row, ctx: Context) -> int | None:
    """The row's «Năm», else the job's year; neither is a problem of the row."""
    if row.present("year"):
        return row.year("year")
    if ctx.year is not None:
        return ctx.year
    row.error(
        "year",
        _("không được để trống: ghi năm ở cột «Năm», hoặc chọn năm khi gửi tệp (--year)."),
    )
    return None


def require_year(present: set[str], ctx: Context, problems: Problems) -> None:
    if "year" not in present and ctx.year is None:
        problems.file(
            _(
                "Tệp không có cột «Năm» và chưa chọn năm của dữ liệu: hãy thêm cột «Năm» hoặc "
                "chọn năm khi gửi tệp (--year)."
            )
        )


@dataclass
class Matched:
    people: dict[int, int] = field(default_factory=dict)  # row → person id
    ambiguities: list[dict[str, Any]] = field(default_factory=list)


def match_people(
    whos: list[Who], ctx: Context, problems: Problems, names: dict[str, str]
) -> Matched:
    """Each row's person, found in the scope; an unknown person is a problem of the row."""
    index = PeopleIndex.load([w.identity for w in whos], ctx.scope_ids, can_create=False)
    found = Matched()
    for who in whos:
        match = match_row(index, who.identity, ctx, problems, names, found.ambiguities)
        if match is None:
            continue
        if match.person is None:
            where = ctx.unit_name(who.unit_id) or ctx.job_unit.name
            problems.cell(
                who.row,
                names["full_name"],
                _(
                    "không tìm thấy cán bộ «%(name)s», sinh ngày %(d)s%(cid)s trong «%(unit)s»; "
                    "hãy kiểm tra họ tên, ngày sinh, số CCCD, hoặc nhập danh sách cán bộ trước."
                )
                % {
                    "name": who.full_name,
                    "d": who.birth_date.strftime("%d/%m/%Y"),
                    "cid": _(", CCCD %(id)s") % {"id": who.citizen_id} if who.citizen_id else "",
                    "unit": where,
                },
            )
        elif match.person["unit_id"] is None:
            problems.cell(
                who.row,
                names["full_name"],
                _("cán bộ «%(name)s» đã thôi công tác; không nhập được dữ liệu cho người này.")
                % {"name": match.person["full_name"]},
            )
        else:
            found.people[who.row] = match.person["id"]
    return found


@dataclass
class Payload:
    """The facts a checked file records, and the source their audit entries name."""

    facts: list[Any]
    source: str


class HasWho(Protocol):
    @property
    def who(self) -> Who: ...


RowT = TypeVar("RowT", bound=HasWho)


def plan_person_facts(
    items: Sequence[RowT],
    ctx: Context,
    problems: Problems,
    names: dict[str, str],
    *,
    day: Callable[[RowT], dt.date],
    fact: Callable[[int, RowT], Any],
    duplicate: str,
) -> Plan:
    """One fact a row, of a person found in scope; a second row for the same person and day is
    a problem of the row, `duplicate` naming the first one as %(other)s."""
    matched = match_people([i.who for i in items], ctx, problems, names)
    rows: dict[tuple[int, dt.date], int] = {}
    found = []
    for item in items:
        person_id = matched.people.get(item.who.row)
        if person_id is None:
            continue
        key = (person_id, day(item))
        if key in rows:
            problems.row(item.who.row, duplicate % {"other": rows[key]})
            continue
        rows[key] = item.who.row
        found.append(fact(person_id, item))
    return Plan({"rows": len(items)}, matched.ambiguities, Payload(found, ctx.source))


def apply_facts(plan: Plan, actor: Any, record: Callable[..., Any]) -> dict[str, int]:
    """Record the plan's facts with the bulk service `record`."""
    payload: Payload = plan.payload
    result = record(actor=actor, facts=payload.facts, source=payload.source)
    return {**plan.summary, **result.as_dict()}


def applied_counts(plan: Plan, created: int, corrected: int) -> dict[str, int]:
    """The counts of an import that records new facts and corrects changed ones."""
    summary = dict(plan.summary)
    unchanged = summary.pop("planned_unchanged")
    return {**summary, "created": created, "corrected": corrected, "unchanged": unchanged}


def guide_notes(first: str, *, people: bool = True) -> list[str]:
    notes = [
        first,
        _(
            "Có thể dùng tệp đơn vị đang lưu: tiêu đề, dòng «STT» và phần chữ ký (địa danh, ngày "
            "tháng, «Người lập biểu», «Thủ trưởng đơn vị») dưới bảng được bỏ qua; chỉ cần dòng "
            "tiêu đề có tên các cột như trang này."
        ),
        _(
            "Cán bộ được nhận ra theo số CCCD, hoặc theo họ và tên và ngày sinh trong đơn vị "
            "đang nhập dữ liệu; cán bộ phải đã có trong hệ thống."
        ),
        _(
            "Ngày ghi dd/mm/yyyy (hoặc d/m/yyyy) hoặc là ô kiểu ngày. Chữ gõ bằng bảng mã cũ "
            "TCVN3 (.VnTime) hoặc VNI được tự động chuyển sang Unicode."
        ),
        _(
            "Nếu tệp có bất kỳ lỗi nào, toàn bộ tệp bị từ chối và không dữ liệu nào được ghi. "
            "Nhập lại cùng một tệp không thay đổi gì; giá trị khác với dữ liệu đã có được ghi "
            "là một lần sửa, lưu vết trước và sau."
        ),
    ]
    return notes if people else [n for i, n in enumerate(notes) if i != 2]


def refused(problems: Problems, row: int, column: str, exc: DomainError) -> None:
    problems.cell(row, column, exc.message[:1].lower() + exc.message[1:])


def check_discipline(row: Row, level: str, decided_on: dt.date, ends_on: dt.date | None) -> None:
    try:
        bulk.check_discipline(level, decided_on, ends_on)
    except DomainError as exc:
        key = "ends_on" if ends_on is not None and ends_on < decided_on else "level"
        row.error(key, exc.message[:1].lower() + exc.message[1:])
