"""`tdkt eligibility check` and `tdkt eligibility scan`."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from tests.conftest import Sector
from tests.eligibility.conftest import rate

ROOT = Path(__file__).resolve().parents[2]
CASE = {
    "year": 2025,
    "as_of": "2025-12-15",
    "awards": ["LDTT"],
    "candidate": {
        "kind": "individual",
        "recruited_on": "2010-09-01",
        "ratings": {"2025": "HTT"},
        "leaves": [],
        "disciplines": [],
    },
}


def _check(path: str, stdin: str | None = None, monkeypatch: Any = None) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        call_command("eligibility", "check", path, stdout=out, stderr=err)
    except SystemExit as exc:
        return out.getvalue(), err.getvalue(), int(exc.code or 0)
    return out.getvalue(), err.getvalue(), 0


def test_check_answers_a_case_with_status_0(db: Any, tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps(CASE), encoding="utf-8")
    out, err, status = _check(str(case))
    assert status == 0 and err == ""
    (verdict,) = json.loads(out)["verdicts"]
    assert verdict["award"] == "LDTT" and verdict["status"] == "eligible"
    assert verdict["regime"] == "2025-07"


def test_check_reads_standard_input(db: Any, monkeypatch: Any) -> None:
    money = {"award": "LDTT", "subject": "individual", "decided_on": "2025-03-01"}
    out, _err, status = _check("-", json.dumps(money), monkeypatch)
    assert status == 0
    assert json.loads(out)["amount"] == 710000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"year": 2025', "không phải JSON hợp lệ"),
        (
            json.dumps({**CASE, "candidate": {**CASE["candidate"], "salary": 1}}),
            "candidate.salary",
        ),
        (json.dumps({**CASE, "awards": ["LDTT", "TTLDXS"]}), "awards[1]"),
    ],
)
def test_bad_input_exits_with_status_2_and_names_the_key(
    db: Any, tmp_path: Path, text: str, message: str
) -> None:
    case = tmp_path / "bad.json"
    case.write_text(text, encoding="utf-8")
    out, err, status = _check(str(case))
    assert status == 2
    assert out == ""
    assert message in err


def test_a_missing_file_exits_with_status_2(db: Any, tmp_path: Path) -> None:
    _out, err, status = _check(str(tmp_path / "khong-co.json"))
    assert status == 2 and "tệp không tồn tại" in err


def test_the_real_command_line_exits_with_status_2(tmp_path: Path) -> None:
    env = {**os.environ, "TDKT_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "tdkt.settings"}
    env.pop("DATABASE_URL", None)
    tdkt = [sys.executable, "-m", "tdkt", "eligibility", "check", "-"]
    bad = subprocess.run(
        tdkt, input='{"candidate": 1}', capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert bad.returncode == 2, bad.stderr
    assert "as_of" in bad.stderr
    good = subprocess.run(
        tdkt, input=json.dumps(CASE), capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["verdicts"][0]["status"] == "eligible"


def test_scan_writes_both_reports_and_their_totals_match(sector: Sector, tmp_path: Path) -> None:
    rate(sector.an, (2024, "HTT"), (2025, "HTXS"))
    rate(sector.kv1, (2025, "HTT"))
    out = io.StringIO()
    call_command(
        "eligibility",
        "scan",
        "--year",
        "2025",
        "--unit",
        "T25-QT",
        "--as-of",
        "2025-12-15",
        "--out",
        str(tmp_path),
        stdout=out,
    )
    printed = out.getvalue()
    report = json.loads((tmp_path / "xet-dieu-kien-2025-T25-QT.json").read_text(encoding="utf-8"))
    totals = report["totals"]
    assert totals["people"] == 1 and totals["units"] == 2
    assert totals["verdicts"] == len(report["rows"]) == 9 + 2 * 7
    assert sum(totals["by_status"].values()) == totals["verdicts"]
    for award, counts in totals["by_award"].items():
        assert sum(counts.values()) == sum(1 for r in report["rows"] if r["award"] == award)
    an_ldtt = next(
        r for r in report["rows"] if r["name"] == "Nguyễn Văn An" and r["award"] == "LDTT"
    )
    assert an_ldtt["status"] == "eligible" and an_ldtt["regime"] == "2025-07"
    assert any(r["missing"] for r in report["rows"] if r["award"] == "CO_NGANH")  # no cluster yet

    sheet = load_workbook(tmp_path / "xet-dieu-kien-2025-T25-QT.xlsx", read_only=True)["Kết quả"]
    data_rows = [row for row in sheet.iter_rows(min_row=4, values_only=True) if any(row)]
    assert len(data_rows) == totals["verdicts"]
    assert "1 cá nhân, 2 tập thể, 23 kết quả" in printed
    assert "Thời gian: nạp dữ liệu" in printed


def test_scan_of_an_unknown_unit_is_refused(db: Any, tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có đơn vị"):
        call_command("eligibility", "scan", "--year", "2025", "--unit", "X", "--out", str(tmp_path))
