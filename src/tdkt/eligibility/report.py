"""The scan report: one row per candidate × award (status, regime, the rules failed and the facts
missing, with citations), the caps applied, and the totals; as JSON and as an .xlsx workbook with
three sheets. Used by `tdkt eligibility scan` and by the unit screen's export."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from tdkt.documents.xlsx import XLSX_CONTENT_TYPE, safe_row, safe_sheet_title
from tdkt.eligibility.present import AWARD_NAMES, STATUS_LABELS
from tdkt.eligibility.scan import STATUSES, Outcome, ScanResult, failed, undecided
from tdkt.rules.codes import Subject
from tdkt.rules.verdict import Reason

__all__ = ["XLSX_CONTENT_TYPE", "report_json", "write_json", "write_xlsx", "xlsx_bytes"]

_BOLD = Font(bold=True)


def _reason(r: Reason) -> dict[str, Any]:
    return {"rule": r.rule, "message": r.message, "citation": r.citation}


def _subject(o: Outcome) -> str:
    return "individual" if o.subject is Subject.INDIVIDUAL else "collective"


def report_json(result: ScanResult) -> dict[str, Any]:
    rows = []
    for o in result.outcomes():
        unit = result.unit_code(o.unit_id)
        for v in o.verdicts:
            rows.append(
                {
                    "subject": _subject(o),
                    "id": o.id,
                    "code": o.code,
                    "name": o.name,
                    "unit": unit,
                    "award": str(v.award),
                    "status": str(v.status),
                    "regime": v.regime,
                    "failed": [_reason(r) for r in failed(v)],
                    "missing": [_reason(r) for r in undecided(v)],
                }
            )
    return {
        "year": result.year,
        "as_of": result.as_of.isoformat(),
        "period": {"from": result.start.isoformat(), "to": result.end.isoformat()},
        "regime": {"id": result.regime.id, "label": result.regime.label},
        "scope": {
            "unit": result.unit.code if result.unit else None,
            "name": result.unit.name if result.unit else _("Toàn ngành"),
        },
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "totals": result.totals(),
        "caps": [c.to_json() for c in result.caps],
        "rows": rows,
    }


def write_json(result: ScanResult, path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        json.dump(report_json(result), fh, ensure_ascii=False)


def _lines(reasons: list[Reason]) -> str:
    return "\n".join(f"{r.message} [{r.citation}]" for r in reasons)


def result_rows(result: ScanResult) -> Iterator[list[Any]]:
    individual, collective = _("Cá nhân"), _("Tập thể")
    for o in result.outcomes():
        unit = result.unit_name(o.unit_id)
        kind = individual if o.subject is Subject.INDIVIDUAL else collective
        for v in o.verdicts:
            yield [
                kind,
                o.code or o.id,
                o.name,
                unit,
                str(AWARD_NAMES[str(v.award)]),
                str(v.award),
                str(STATUS_LABELS[v.status]),
                result.regime.label,
                _lines(failed(v)),
                _lines(undecided(v)),
            ]


def write_xlsx(result: ScanResult, target: IO[bytes] | Path) -> None:
    workbook = Workbook(write_only=True)
    title = _("Kết quả xét điều kiện năm %(y)s — %(s)s, ngày xét %(d)s (%(r)s)") % {
        "y": result.year,
        "s": result.unit.name if result.unit else _("Toàn ngành"),
        "d": result.as_of.strftime("%d/%m/%Y"),
        "r": result.regime.label,
    }
    headers = [
        _("Đối tượng"),
        _("Mã"),
        _("Cá nhân, tập thể"),
        _("Đơn vị"),
        _("Danh hiệu, hình thức"),
        _("Mã danh hiệu"),
        _("Kết quả"),
        _("Chế độ pháp lý"),
        _("Điều kiện không đạt"),
        _("Còn thiếu, cần xem xét"),
    ]
    sheet = workbook.create_sheet(safe_sheet_title(_("Kết quả")))
    for letter, width in zip("ABCDEFGHIJ", (9, 12, 32, 36, 30, 12, 18, 40, 70, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A4"
    sheet.append([_bold(sheet, title)])
    sheet.append([])
    sheet.append([_bold(sheet, h) for h in headers])
    for row in result_rows(result):
        sheet.append(safe_row(sheet, row))

    caps = workbook.create_sheet(safe_sheet_title(_("Giới hạn tỷ lệ")))
    caps.append(
        [
            _bold(caps, h)
            for h in (
                _("Danh hiệu"),
                _("Số tối đa"),
                _("Cơ sở tính"),
                _("Số đủ điều kiện trước giới hạn"),
                _("Căn cứ"),
            )
        ]
    )
    for c in result.caps:
        caps.append(
            safe_row(
                caps,
                [
                    str(AWARD_NAMES[str(c.award)]),
                    c.limit,
                    c.basis,
                    c.eligible_before_cap,
                    c.citation,
                ],
            )
        )

    totals = result.totals()
    summary = workbook.create_sheet(safe_sheet_title(_("Tổng hợp")))
    summary.append([_bold(summary, title)])
    summary.append(
        [
            _("Cá nhân"),
            totals["people"],
            _("Tập thể"),
            totals["units"],
            _("Kết quả"),
            totals["verdicts"],
        ]
    )
    summary.append([])
    summary.append(
        [_bold(summary, _("Danh hiệu, hình thức"))]
        + [_bold(summary, str(STATUS_LABELS[s])) for s in STATUSES]
    )
    for award, counts in totals["by_award"].items():
        summary.append([str(AWARD_NAMES[award])] + [counts[str(s)] for s in STATUSES])
    workbook.save(target)


def xlsx_bytes(result: ScanResult) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(result, buffer)
    return buffer.getvalue()


def _bold(sheet: Any, value: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=str(value))
    cell.font = _BOLD
    return cell


def report_name(result: ScanResult) -> str:
    scope = result.unit.code if result.unit else "toan-nganh"
    return f"xet-dieu-kien-{result.year}-{scope}"
