"""The scan's report files (issue 16): the JSON is written row by row yet is the same document
`report_json` builds; the workbook goes through the house writer's streaming path and holds one
row per verdict, the caps and the totals."""

from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import load_workbook

from tdkt.eligibility.report import report_json, result_rows, write_json, write_xlsx
from tdkt.eligibility.scan import run_scan
from tests.conftest import Sector
from tests.eligibility.conftest import AS_OF, YEAR, rate, staff


def _scan(sector: Sector):  # type: ignore[no-untyped-def]
    for _ in range(3):
        staff(sector.binh_dai)
    rate(sector.binh, (2024, "HTT"), (2025, "HTXS"))
    return run_scan(year=YEAR, as_of=AS_OF, unit_id=sector.ben_tre.pk)


def test_the_streamed_json_is_the_document_report_json_builds(
    sector: Sector, tmp_path: Path
) -> None:
    result = _scan(sector)
    target = tmp_path / "scan.json"
    write_json(result, target)
    streamed = json.loads(target.read_text(encoding="utf-8"))
    built = report_json(result)
    streamed.pop("generated_at"), built.pop("generated_at")
    assert streamed == built
    assert list(streamed) == list(built)  # the keys in the same order, rows last
    assert len(streamed["rows"]) == streamed["totals"]["verdicts"] > 0


def test_the_json_of_a_scan_with_more_rows_than_a_chunk_is_still_one_valid_document(
    sector: Sector,
) -> None:
    result = _scan(sector)
    # Pretend the scan is large: the writer flushes every 1,000 rows.
    result.people = result.people * 250
    out = io.StringIO()
    write_json(result, out)
    document = json.loads(out.getvalue())
    assert len(document["rows"]) == len(report_json(result)["rows"]) > 1000


def test_the_json_of_a_scan_without_candidates_has_no_rows(sector: Sector) -> None:
    result = run_scan(year=YEAR, as_of=AS_OF, person_ids=[])
    result.people, result.units = [], []
    out = io.StringIO()
    write_json(result, out)
    assert json.loads(out.getvalue())["rows"] == []


def test_the_workbook_has_a_row_per_verdict_then_the_caps_and_the_totals(
    sector: Sector,
) -> None:
    result = _scan(sector)
    buffer = io.BytesIO()
    write_xlsx(result, buffer)
    workbook = load_workbook(io.BytesIO(buffer.getvalue()))
    assert workbook.sheetnames == ["Kết quả", "Giới hạn tỷ lệ", "Tổng hợp"]
    sheet = workbook["Kết quả"]
    assert sheet.freeze_panes == "A4" and sheet["A3"].value == "Đối tượng"
    rows = [
        tuple(v if v is not None else "" for v in row)
        for row in sheet.iter_rows(min_row=4, values_only=True)
    ]
    assert rows == [tuple(r) for r in result_rows(result)]
    totals = result.totals()
    summary = list(workbook["Tổng hợp"].iter_rows(values_only=True))
    assert summary[1][0] == (
        f"Cá nhân: {totals['people']}; tập thể: {totals['units']}; kết quả: {totals['verdicts']}"
    )
    assert summary[-1][0] == "Cộng"
    assert sum(summary[-1][1:]) == totals["verdicts"]
