"""Benchmark of the year's facts grid (records:facts_grid) of the largest unit, VKSND TP Hồ Chí
Minh (about 900 staff in the full demo sector). Prints figures; it is not a test.

    TDKT_DATA_DIR=/tmp/fdemo .venv/bin/python bench/bench_facts.py                  # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_bench \\
        .venv/bin/python bench/bench_facts.py                                        # PostgreSQL

Runs against the configured database as bench_reports.py does (a SQLite database is copied to a
temporary folder first; an empty one gets the full demo sector). Timed, the best and the median
of --repeat runs after one warm-up run, through Django's test client logged in as the demo
administrator `quantri`: GET of the unit's own grid (the unit and its departments) for the year
(default: 2025, the last year the demo fills), GET of its grid with every unit below
(`?ca_cap_duoi=1`, the ~900 people) with its number of queries, and the POST of one row of that
grid (its rating changed back and forth, the totals re-read) with its number of queries.
Goal: the grid under 1 s with a number of queries that does not grow with the staff. Figures also
go to bench/out/bench_facts.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench_reports import setup, timed
from common import ensure_sector

ROOT = Path(__file__).resolve().parents[1]
GOAL_SECONDS = 1.0
UNIT_NAME = "Hồ Chí Minh"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tdkt-bench-facts-") as work:
        vendor = setup(Path(work))
        ensure_sector(lambda text: print(text, file=sys.stderr))
        figures = run(vendor, args)
    target = ROOT / "bench" / "out" / "bench_facts.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def run(vendor: str, args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tdkt.accounts.models import User
    from tdkt.org.models import Unit, UnitLevel
    from tdkt.records import facts_grid

    unit = (
        Unit.objects.filter(
            level=UnitLevel.TINH, name__contains=UNIT_NAME, dissolved_on__isnull=True
        )
        .order_by("pk")
        .first()
    )
    if unit is None:
        sys.exit(f"No active province unit named …{UNIT_NAME}… in this database.")
    year = args.year
    own_rows = facts_grid.staff_rows(unit, year)
    rows = facts_grid.staff_rows(unit, year, subtree=True)
    client = Client()
    client.force_login(User.objects.get(username="quantri"))
    own_url = reverse("records:facts_grid", args=[unit.pk]) + f"?nam={year}"
    url = own_url + "&ca_cap_duoi=1"

    def get_own() -> int:
        response = client.get(own_url)
        assert response.status_code == 200, response.status_code
        return len(response.content)

    own_seconds, _size = timed(get_own, args.repeat)

    def get() -> int:
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return len(response.content)

    grid_seconds, size = timed(get, args.repeat)
    with CaptureQueriesContext(connection) as queries:
        get()
    grid_queries = len(queries)

    row = rows[0]
    row_url = reverse("records:facts_row", args=[unit.pk, year, row.person_id]) + "?ca_cap_duoi=1"
    original = row.rating.rating if row.rating else ""
    flip = {"": "HTT", "HTT": "HT"}.get(original, "HTT")

    def post(value: str) -> int:
        current = facts_grid.staff_rows(unit, year, person_id=row.person_id)[0]
        d, lv = current.discipline, current.leave
        data = {
            "token": current.token,
            "rating": value,
            "discipline_level": d.level if d else "",
            "discipline_on": f"{d.decided_on:%d/%m/%Y}" if d else "",
            "discipline_number": d.decision_number if d else "",
            "leave_kind": lv.kind if lv else "",
            "leave_from": f"{lv.starts_on:%d/%m/%Y}" if lv else "",
            "leave_to": f"{lv.ends_on:%d/%m/%Y}" if lv and lv.ends_on else "",
        }
        response = client.post(row_url, data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200, response.content.decode()[:500]
        return response.status_code

    turn = iter([flip, original] * (args.repeat + 2))
    row_seconds, _status = timed(lambda: post(next(turn)), args.repeat)
    with CaptureQueriesContext(connection) as queries:
        post(next(turn))
    row_queries = len(queries)
    post(original)

    figures = {
        "database": vendor,
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}"
        ),
        "unit": unit.name,
        "year": year,
        "staff_on_own_grid": len(own_rows),
        "own_grid_seconds": own_seconds,
        "staff_on_grid": len(rows),
        "repeat": args.repeat,
        "grid_seconds": grid_seconds,
        "grid_queries": grid_queries,
        "grid_bytes": size,
        "row_save_seconds": row_seconds,
        "row_save_queries": row_queries,
        "goal_grid_under_1_s": grid_seconds["median"] < GOAL_SECONDS,
    }
    print(
        f"Year's facts grid on {vendor} ({figures['machine']}): {unit.name}, {year}, "
        f"best / median of {args.repeat} runs"
    )
    print(
        f"  GET the unit's own grid ({len(own_rows):,} people)"
        f"      {own_seconds['best']:6.3f} s / {own_seconds['median']:6.3f} s"
    )
    print(
        f"  GET the grid with the units below ({len(rows):,} people)"
        f"  {grid_seconds['best']:6.3f} s / {grid_seconds['median']:6.3f} s"
        f"  ({grid_queries} queries, {size / 1024:,.0f} KiB)"
    )
    print(
        f"  POST one row of that grid"
        f"                 {row_seconds['best']:6.3f} s / {row_seconds['median']:6.3f} s"
        f"  ({row_queries} queries, the row and the totals re-read)"
    )
    goal = "met" if figures["goal_grid_under_1_s"] else "MISSED"
    print(f"Goal, the grid under {GOAL_SECONDS:.0f} s: {goal}")
    return figures


if __name__ == "__main__":
    main()
