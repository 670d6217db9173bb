"""Vi phạm của đơn vị: one violation counted against a unit for a year per row, with the
document it rests on; written through `records.violations` (record, or correct with the file as
the reason)."""

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
from tdkt.org.models import Unit
from tdkt.records.models import UnitViolation, ViolationBasis, ViolationKind
from tdkt.records.violations import correct_unit_violation, record_unit_violation

KINDS = [(str(v), str(label)) for v, label in ViolationKind.choices]
KIND_MAP = choice_map(
    [
        *KINDS,
        (ViolationKind.WRONGFUL_CONVICTION.value, "án oan"),
        (ViolationKind.MISSED_CRIME.value, "lọt tội phạm"),
        (ViolationKind.CORRUPTION.value, "tham nhũng"),
    ]
)
BASES = [(str(v), str(label)) for v, label in ViolationBasis.choices]
BASIS_MAP = choice_map(
    [
        *BASES,
        (ViolationBasis.INSPECTION.value, "Kết luận thanh tra"),
        (ViolationBasis.INSPECTION.value, "Kết luận kiểm tra"),
        (ViolationBasis.INSPECTION.value, "Kết luận"),
    ]
)
COMPARED = ("kind", "basis_kind", "basis_date", "basis_issuer", "note")


def _columns() -> list[Column]:
    s = ColumnSpec
    return [
        Column(
            "unit_code",
            s(
                gettext_lazy("Mã đơn vị"),
                gettext_lazy("Mã của đơn vị bị tính vi phạm."),
                True,
                kind="text",
                width=14,
            ),
            ("mã đv",),
        ),
        facts.year_column(gettext_lazy("Năm tính vi phạm; để trống nếu chọn năm khi gửi tệp.")),
        Column(
            "kind",
            s(
                gettext_lazy("Loại vi phạm"),
                gettext_lazy("Mã hoặc tên loại vi phạm."),
                True,
                allowed=KINDS,
                width=30,
            ),
            ("vi phạm", "nội dung vi phạm"),
        ),
        Column(
            "basis_kind",
            s(
                gettext_lazy("Văn bản căn cứ"),
                gettext_lazy("Bản án, Kết luận thanh tra, kiểm tra, hoặc Quyết định."),
                True,
                allowed=BASES,
                width=26,
            ),
            ("loại văn bản căn cứ", "loại văn bản", "căn cứ"),
        ),
        Column(
            "basis_number",
            s(
                gettext_lazy("Số văn bản"),
                gettext_lazy("Số, ký hiệu của văn bản căn cứ."),
                True,
                kind="text",
                width=16,
            ),
            ("số văn bản căn cứ", "số", "số hiệu văn bản"),
        ),
        Column(
            "basis_date",
            s(
                gettext_lazy("Ngày văn bản"),
                gettext_lazy("Ngày của văn bản căn cứ (dd/mm/yyyy)."),
                True,
                kind="date",
                width=13,
            ),
            ("ngày ban hành", "ngày ký"),
        ),
        Column(
            "basis_issuer",
            s(gettext_lazy("Cơ quan ban hành"), gettext_lazy("Có thể để trống."), width=28),
            ("cơ quan", "nơi ban hành"),
        ),
        Column(
            "note",
            s(gettext_lazy("Ghi chú"), gettext_lazy("Có thể để trống."), width=30),
            (),
        ),
    ]


@dataclass(frozen=True)
class ViolationRow:
    row: int
    unit_id: int
    year: int
    values: dict[str, Any]

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.unit_id, self.year, self.values["basis_number"].casefold())


@dataclass
class ViolationsPayload:
    new: list[ViolationRow]
    changed: list[tuple[int, ViolationRow]]  # (violation id, row)
    source: str


class ViolationsImporter(facts.FactsImporter):
    kind: str = ImportKind.VIOLATIONS
    sheet_title = "Vi phạm của đơn vị"
    filename = "mau-nhap-vi-pham-don-vi.xlsx"
    make_columns = staticmethod(_columns)

    def examples(self) -> list[list[Any]]:
        return [
            [
                "KV-HT-02",
                2024,
                "Để lọt tội phạm",
                "Kết luận thanh tra, kiểm tra",
                "12/KL-VKS",
                dt.date(2025, 3, 1),
                "Viện kiểm sát nhân dân tỉnh Hà Tĩnh",
                "",
            ],
        ]

    def notes(self) -> list[str]:
        return facts.guide_notes(
            _(
                "Mỗi dòng là một vi phạm tính cho một đơn vị trong một năm, với văn bản làm căn "
                "cứ; vi phạm được nhận ra theo đơn vị, năm và số văn bản."
            ),
            people=False,
        )

    def check_columns(self, present: set[str], ctx: Context, problems: Problems) -> None:
        facts.require_year(present, ctx, problems)

    def read(self, row: Row, ctx: Context) -> ViolationRow | None:
        unit = ctx.unit(row, "unit_code")
        year = facts.read_year(row, ctx)
        kind = row.choice("kind", KIND_MAP, ", ".join(label for _c, label in KINDS), required=True)
        basis_kind = row.choice(
            "basis_kind", BASIS_MAP, ", ".join(label for _c, label in BASES), required=True
        )
        number = row.text("basis_number", required=True, max_length=60)
        basis_date = row.date("basis_date", required=True, not_after=ctx.today)
        issuer = row.text("basis_issuer", max_length=200)
        note = row.text("note", max_length=2000)
        if row.failed or not (unit and year and kind and basis_kind and number and basis_date):
            return None
        values = {
            "kind": kind,
            "basis_kind": basis_kind,
            "basis_number": number,
            "basis_date": basis_date,
            "basis_issuer": issuer,
            "note": note,
        }
        return ViolationRow(row.number, unit.id, year, values)

    def plan(self, items: list[ViolationRow], ctx: Context, problems: Problems) -> Plan:
        existing: dict[tuple[int, int, str], UnitViolation] = {}
        units = sorted({i.unit_id for i in items})
        for violation in UnitViolation.objects.filter(
            unit_id__in=units, year__in={i.year for i in items}
        ).order_by("id"):
            key = (violation.unit_id, violation.year, violation.basis_number.casefold())
            existing.setdefault(key, violation)
        seen: dict[tuple[int, int, str], int] = {}
        new, changed, unchanged = [], [], 0
        for item in items:
            if item.key in seen:
                problems.row(
                    item.row,
                    _("vi phạm cùng đơn vị, cùng năm, cùng số văn bản với dòng %(other)s.")
                    % {"other": seen[item.key]},
                )
                continue
            seen[item.key] = item.row
            current = existing.get(item.key)
            if current is None:
                new.append(item)
            elif all(getattr(current, f) == item.values[f] for f in COMPARED):
                unchanged += 1
            else:
                changed.append((current.pk, item))
        summary = {"rows": len(items)}
        payload = ViolationsPayload(new, changed, ctx.source)
        payload_counts = {"planned_unchanged": unchanged}
        return Plan({**summary, **payload_counts}, [], payload)

    def apply(self, plan: Plan, *, actor: Any) -> dict[str, int]:
        payload: ViolationsPayload = plan.payload
        units = Unit.objects.in_bulk({i.unit_id for i in payload.new})
        for item in payload.new:
            record_unit_violation(
                actor=actor, unit=units[item.unit_id], year=item.year, **item.values
            )
        for pk, item in payload.changed:
            violation = UnitViolation.objects.select_related("unit").get(pk=pk)
            correct_unit_violation(
                actor=actor,
                violation=violation,
                version=violation.version,
                reason=payload.source,
                year=item.year,
                **item.values,
            )
        return facts.applied_counts(plan, len(payload.new), len(payload.changed))
