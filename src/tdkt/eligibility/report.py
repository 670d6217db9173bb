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

from tdkt.documents.xlsx import XLSX_CONTENT_TYPE, Sheet, write_workbook
from tdkt.eligibility.present import AWARD_NAMES, STATUS_LABELS
from tdkt.eligibility.scan import STATUSES, Outcome, ScanResult, failed, undecided
from tdkt.rules.codes import Subject
from tdkt.rules.verdict import Reason

__all__ = [
    "XLSX_CONTENT_TYPE",
    "json_rows",
    "report_json",
    "write_json",
    "write_xlsx",
    "xlsx_bytes",
]


def _reason(r: Reason) -> dict[str, Any]:
    return {"rule": r.rule, "message": r.message, "citation": r.citation}


def _subject(o: Outcome) -> str:
    return "individual" if o.subject is Subject.INDIVIDUAL else "collective"


def _header(result: ScanResult) -> dict[str, Any]:
    """Everything of the report but its rows, in the order the file writes it."""
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
    }


def json_rows(result: ScanResult) -> Iterator[dict[str, Any]]:
    """One row per candidate × award, as the outcomes come."""
    for o in result.outcomes():
        unit = result.unit_code(o.unit_id)
        subject = _subject(o)
        for v in o.verdicts:
            yield {
                "subject": subject,
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


def report_json(result: ScanResult) -> dict[str, Any]:
    """The whole report as one document (small scans, tests); `write_json` streams the same."""
    return {**_header(result), "rows": list(json_rows(result))}


def write_json(
    result: ScanResult, target: IO[str] | Path, totals: dict[str, Any] | None = None
) -> None:
    """The report of `report_json`, streamed: the rows are written one by one (the sector's
    scan is some 140,000 rows and 70 MB), never held as one document. The lists of reasons,
    alike for many candidates, are encoded once each. `totals`: `result.totals()` if the caller
    has it already."""
    if isinstance(target, Path):
        with target.open("w", encoding="utf-8") as fh:
            write_json(result, fh, totals)
        return
    header = _header(result)
    if totals is not None:
        header["totals"] = totals
    target.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "rows": [')
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    encoded: dict[tuple[tuple[str, str, str], ...], str] = {(): "[]"}

    def reasons(found: list[Reason]) -> str:
        key = tuple((r.rule, r.message, r.citation) for r in found)
        text = encoded.get(key)
        if text is None:
            text = encoded[key] = dumps([_reason(r) for r in found])
        return text

    verdicts: dict[tuple[str, str, str], str] = {}
    chunk: list[str] = []
    separator = ""
    for o in result.outcomes():
        # What `json_rows` gives, encoded in parts: the candidate once, each (award, status,
        # regime) once, each list of reasons once; the same bytes as one dumps() a row.
        candidate = dumps(
            {
                "subject": _subject(o),
                "id": o.id,
                "code": o.code,
                "name": o.name,
                "unit": result.unit_code(o.unit_id),
            }
        )[:-1]
        for v in o.verdicts:
            key = (str(v.award), str(v.status), v.regime)
            verdict = verdicts.get(key)
            if verdict is None:
                award, status, regime = key
                as_dict = {"award": award, "status": status, "regime": regime}
                verdict = verdicts[key] = dumps(as_dict)[1:-1]
            chunk.append(
                f'{candidate}, {verdict}, "failed": {reasons(failed(v))}, '
                f'"missing": {reasons(undecided(v))}}}'
            )
            if len(chunk) >= 1000:
                target.write(separator + ", ".join(chunk))
                separator = ", "
                chunk.clear()
    target.write((separator + ", ".join(chunk) if chunk else "") + "]}")


def _lines(reasons: list[Reason]) -> str:
    return "\n".join(f"{r.message} [{r.citation}]" for r in reasons)


def result_rows(result: ScanResult) -> Iterator[list[Any]]:
    individual, collective = _("Cá nhân"), _("Tập thể")
    # The names are translated once, not once a row (a lazy text costs a lookup each time).
    awards = {code: str(name) for code, name in AWARD_NAMES.items()}
    labels = {status: str(label) for status, label in STATUS_LABELS.items()}
    for o in result.outcomes():
        unit = result.unit_name(o.unit_id)
        kind = individual if o.subject is Subject.INDIVIDUAL else collective
        for v in o.verdicts:
            code = str(v.award)
            yield [
                kind,
                o.code or o.id,
                o.name,
                unit,
                awards[code],
                code,
                labels[v.status],
                result.regime.label,
                _lines(failed(v)),
                _lines(undecided(v)),
            ]


def write_xlsx(
    result: ScanResult, target: IO[bytes] | Path, totals: dict[str, Any] | None = None
) -> None:
    """The workbook: the results (one row per candidate × award, streamed), the caps applied and
    the totals, through the house writer's streaming path."""
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
    caps = [
        [str(AWARD_NAMES[str(c.award)]), c.limit, c.basis, c.eligible_before_cap, c.citation]
        for c in result.caps
    ]
    totals = totals if totals is not None else result.totals()
    by_award = [
        [str(AWARD_NAMES[award])] + [counts[str(s)] for s in STATUSES]
        for award, counts in totals["by_award"].items()
    ]
    by_award.append([_("Cộng")] + [totals["by_status"][str(s)] for s in STATUSES])
    counted = _("Cá nhân: %(p)s; tập thể: %(u)s; kết quả: %(v)s") % {
        "p": totals["people"],
        "u": totals["units"],
        "v": totals["verdicts"],
    }
    write_workbook(
        target,
        [
            Sheet(
                _("Kết quả"),
                headers,
                result_rows(result),
                heading=title,
                widths=(9, 12, 32, 36, 30, 12, 18, 40, 70, 70),
            ),
            Sheet(
                _("Giới hạn tỷ lệ"),
                [
                    _("Danh hiệu"),
                    _("Số tối đa"),
                    _("Cơ sở tính"),
                    _("Số đủ điều kiện trước giới hạn"),
                    _("Căn cứ"),
                ],
                caps,
            ),
            Sheet(
                _("Tổng hợp"),
                [_("Danh hiệu, hình thức")] + [str(STATUS_LABELS[s]) for s in STATUSES],
                by_award,
                heading=f"{title}\n{counted}",
                bold_rows={len(by_award) - 1},
            ),
        ],
    )


def xlsx_bytes(result: ScanResult) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(result, buffer)
    return buffer.getvalue()


def report_name(result: ScanResult) -> str:
    scope = result.unit.code if result.unit else "toan-nganh"
    return f"xet-dieu-kien-{result.year}-{scope}"
