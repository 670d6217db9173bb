"""Kỷ luật and thời gian nghỉ: one decision or one leave of a person per row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.documents.reader import Column, Problems, Row, choice_map
from tdkt.documents.xlsx import ColumnSpec
from tdkt.imports import facts
from tdkt.imports.base import Context, Plan
from tdkt.imports.models import ImportKind
from tdkt.records.bulk import (
    DisciplineFact,
    LeaveFact,
    bulk_record_disciplines,
    bulk_record_leaves,
)
from tdkt.rules import codes

LEVELS = [(str(code), name) for code, name in codes.DISCIPLINE_NAMES.items()]
LEVEL_MAP = choice_map(LEVELS)
LEAVES = [(str(code), name) for code, name in codes.LEAVE_NAMES.items()]
# "Thai sản", "Ốm", "Điều trị thương": the labels without "Nghỉ" or the bracket.
LEAVE_MAP = choice_map(
    [
        *LEAVES,
        *((code, name.removeprefix("Nghỉ ").split(" (")[0]) for code, name in LEAVES),
    ]
)


def _discipline_columns() -> list[Column]:
    s = ColumnSpec
    return [
        *facts.person_columns(),
        Column(
            "level",
            s(
                gettext_lazy("Hình thức kỷ luật"),
                gettext_lazy(
                    "Khiển trách, Cảnh cáo, Cách chức, Buộc thôi việc; Hạ bậc lương và Giáng "
                    "chức chỉ cho quyết định trước ngày 01/07/2025."
                ),
                True,
                allowed=LEVELS,
                width=20,
            ),
            ("hình thức", "hình thức xử lý", "hình thức xử lý kỷ luật", "kỷ luật"),
        ),
        Column(
            "decided_on",
            s(
                gettext_lazy("Ngày quyết định"),
                gettext_lazy("Ngày ký quyết định kỷ luật (dd/mm/yyyy)."),
                True,
                kind="date",
                width=14,
            ),
            ("ngày ký", "ngày ký quyết định", "ngày quyết định kỷ luật", "ngày qđ"),
        ),
        Column(
            "decision_number",
            s(
                gettext_lazy("Số quyết định"),
                gettext_lazy("Số, ký hiệu của quyết định; có thể để trống."),
                kind="text",
                width=16,
            ),
            ("số qđ", "quyết định số", "số quyết định kỷ luật"),
        ),
        Column(
            "ends_on",
            s(
                gettext_lazy("Ngày hết thời hạn"),
                gettext_lazy("Ngày hết thời hạn kỷ luật (dd/mm/yyyy); có thể để trống."),
                kind="date",
                width=14,
            ),
            ("hết thời hạn", "thời hạn đến ngày", "ngày hết hạn", "đến ngày"),
        ),
        Column(
            "reason",
            s(
                gettext_lazy("Lý do"),
                gettext_lazy("Lý do, nội dung vi phạm; có thể để trống."),
                width=40,
            ),
            ("lý do kỷ luật", "nội dung vi phạm", "nội dung"),
        ),
    ]


def _leave_columns() -> list[Column]:
    s = ColumnSpec
    return [
        *facts.person_columns(),
        Column(
            "kind",
            s(
                gettext_lazy("Loại nghỉ"),
                gettext_lazy("Mã hoặc tên loại nghỉ (ví dụ: Nghỉ thai sản, Ốm, Đi học)."),
                True,
                allowed=LEAVES,
                width=24,
            ),
            ("hình thức nghỉ", "lý do nghỉ", "loại"),
        ),
        Column(
            "starts_on",
            s(
                gettext_lazy("Từ ngày"),
                gettext_lazy("Ngày bắt đầu nghỉ (dd/mm/yyyy)."),
                True,
                kind="date",
                width=13,
            ),
            ("ngày bắt đầu", "nghỉ từ ngày", "bắt đầu"),
        ),
        Column(
            "ends_on",
            s(
                gettext_lazy("Đến ngày"),
                gettext_lazy("Ngày cuối cùng nghỉ (dd/mm/yyyy); để trống nếu chưa kết thúc."),
                kind="date",
                width=13,
            ),
            ("ngày kết thúc", "nghỉ đến ngày", "kết thúc"),
        ),
    ]


@dataclass(frozen=True)
class DisciplineRow:
    who: facts.Who
    level: str
    decided_on: dt.date
    ends_on: dt.date | None
    decision_number: str
    reason: str


@dataclass(frozen=True)
class LeaveRow:
    who: facts.Who
    kind: str
    starts_on: dt.date
    ends_on: dt.date | None


class DisciplinesImporter(facts.FactsImporter):
    kind: str = ImportKind.DISCIPLINES
    sheet_title = "Kỷ luật"
    filename = "mau-nhap-ky-luat.xlsx"
    make_columns = staticmethod(_discipline_columns)

    def examples(self) -> list[list[Any]]:
        return [
            [
                "Phan Văn Sơn",
                dt.date(1990, 3, 3),
                "",
                "KV-HT-02",
                "Khiển trách",
                "15/09/2025",
                "25/QĐ-VKS",
                "15/09/2026",
                "Vi phạm quy chế nghiệp vụ",
            ],
        ]

    def notes(self) -> list[str]:
        return facts.guide_notes(
            _(
                "Mỗi dòng là một quyết định kỷ luật của một cán bộ; quyết định được nhận ra theo "
                "cán bộ và ngày quyết định."
            )
        )

    def read(self, row: Row, ctx: Context) -> DisciplineRow | None:
        who = facts.read_who(row, ctx)
        level = row.choice(
            "level", LEVEL_MAP, ", ".join(label for _c, label in LEVELS), required=True
        )
        decided_on = row.date("decided_on", required=True, not_after=ctx.today)
        number = row.text("decision_number", max_length=60)
        ends_on = row.date("ends_on")
        reason = row.text("reason", max_length=2000)
        if level and decided_on:
            facts.check_discipline(row, level, decided_on, ends_on)
        if row.failed or not (who and level and decided_on):
            return None
        return DisciplineRow(who, level, decided_on, ends_on, number, reason)

    def plan(self, items: list[DisciplineRow], ctx: Context, problems: Problems) -> Plan:
        return facts.plan_person_facts(
            items,
            ctx,
            problems,
            self.names,
            day=lambda i: i.decided_on,
            fact=lambda person_id, i: DisciplineFact(
                person_id, i.level, i.decided_on, i.ends_on, i.decision_number, i.reason
            ),
            duplicate=_("quyết định kỷ luật cùng cán bộ, cùng ngày với dòng %(other)s."),
        )

    def apply(self, plan: Plan, *, actor: Any) -> dict[str, int]:
        return facts.apply_facts(plan, actor, bulk_record_disciplines)


class LeavesImporter(facts.FactsImporter):
    kind: str = ImportKind.LEAVES
    sheet_title = "Thời gian nghỉ"
    filename = "mau-nhap-thoi-gian-nghi.xlsx"
    make_columns = staticmethod(_leave_columns)

    def examples(self) -> list[list[Any]]:
        return [
            [
                "Lê Thị Hoa",
                dt.date(1986, 5, 12),
                "042186000111",
                "",
                "Nghỉ thai sản",
                "01/03/2024",
                "31/08/2024",
            ],
            ["Phan Văn Sơn", "3/3/1990", "", "KV-HT-02", "om", "5/11/2024", "12/11/2024"],
        ]

    def notes(self) -> list[str]:
        return facts.guide_notes(
            _(
                "Mỗi dòng là một lần nghỉ của một cán bộ; lần nghỉ được nhận ra theo cán bộ và "
                "ngày bắt đầu."
            )
        )

    def read(self, row: Row, ctx: Context) -> LeaveRow | None:
        who = facts.read_who(row, ctx)
        kind = row.choice(
            "kind", LEAVE_MAP, ", ".join(label for _c, label in LEAVES), required=True
        )
        starts_on = row.date("starts_on", required=True)
        ends_on = row.date("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            row.error(
                "ends_on",
                _("«%(d)s» trước ngày bắt đầu nghỉ.") % {"d": ends_on.strftime("%d/%m/%Y")},
            )
        if row.failed or not (who and kind and starts_on):
            return None
        return LeaveRow(who, kind, starts_on, ends_on)

    def plan(self, items: list[LeaveRow], ctx: Context, problems: Problems) -> Plan:
        return facts.plan_person_facts(
            items,
            ctx,
            problems,
            self.names,
            day=lambda i: i.starts_on,
            fact=lambda person_id, i: LeaveFact(person_id, i.kind, i.starts_on, i.ends_on),
            duplicate=_("lần nghỉ cùng cán bộ, cùng ngày bắt đầu với dòng %(other)s."),
        )

    def apply(self, plan: Plan, *, actor: Any) -> dict[str, int]:
        return facts.apply_facts(plan, actor, bulk_record_leaves)
