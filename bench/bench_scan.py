"""Benchmark of the sector-wide eligibility scan: every person and every unit of the full demo
sector, on every award, for one year, from the database. Prints figures; it is not a test.

    createdb -h 127.0.0.1 -U postgres tdkt_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_bench .venv/bin/python bench/bench_scan.py

If the database holds no people yet, the full demo sector is built into it first (`tdkt demo
--size full`, about 30 s). Printed:

- the floor: the time to load the facts only (`eligibility.loader.load_facts`, the bulk queries
  and the dicts built from them), with the garbage collector paused as the scan command pauses it;
- the total: `eligibility.scan.run_scan` end to end (parameters read, facts loaded, every person
  then every unit evaluated, caps applied), and its parts, as `tdkt eligibility scan` runs it
  (`pause_collector=True`);
- the same scan with the collector on, as a web request runs it (a request never switches the
  collector off), the process CPU time of both, and what the pause saves: the reason the command
  asks for it;
- the ratio of the total to the floor. Goals: total under 3 s on this 2-core machine, and under
  twice the floor.

Each figure is the best and the median of --repeat runs after one warm-up run (the machine is
shared: the median shows the noise). With --report DIR the .json and .xlsx reports are written
once and timed too (not part of the scan). The figures are also written to
bench/out/bench_scan.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import ensure_sector

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tdkt_bench"


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    os.environ.setdefault("TDKT_DATA_DIR", str(Path(tempfile.gettempdir()) / "tdkt-bench-scan"))
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def seconds(values: list[float]) -> dict[str, float]:
    return {"best": round(min(values), 3), "median": round(statistics.median(values), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--as-of", default="2025-12-31")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--report", metavar="DIR", help="also write and time the reports")
    args = parser.parse_args()

    def say(text: str) -> None:
        print(text, file=sys.stderr)

    setup(args.database_url)
    ensure_sector(say)

    from django.db import connection

    from tdkt.eligibility.loader import load_facts
    from tdkt.eligibility.parameters import current_engine, emulation_period
    from tdkt.eligibility.report import write_json, write_xlsx
    from tdkt.eligibility.scan import run_scan

    year, as_of = args.year, dt.date.fromisoformat(args.as_of)
    engine = current_engine()
    start, end = emulation_period(engine, year, as_of)

    result = run_scan(year=year, as_of=as_of)  # warm-up: connection, engine tables, caches
    people, units = len(result.people), len(result.units)
    verdicts = result.totals()["verdicts"]
    regime = result.regime.id
    del result

    floors: list[float] = []
    totals: list[float] = []
    parts: dict[str, list[float]] = {"load": [], "evaluate": [], "caps": []}
    cpu: dict[str, list[float]] = {"paused": [], "on": []}
    collector_on: list[float] = []
    for _ in range(args.repeat):
        gc.collect()
        gc.disable()
        started = time.perf_counter()
        facts = load_facts(year=year, start=start, end=end)
        floors.append(time.perf_counter() - started)
        gc.enable()
        del facts
        for paused, walls in ((True, totals), (False, collector_on)):
            gc.collect()
            started, used = time.perf_counter(), time.process_time()
            result = run_scan(year=year, as_of=as_of, pause_collector=paused)
            walls.append(time.perf_counter() - started)
            cpu["paused" if paused else "on"].append(time.process_time() - used)
            if paused:
                for key in parts:
                    parts[key].append(result.timing[key])
            del result

    floor, total, on = seconds(floors), seconds(totals), seconds(collector_on)
    ratio = {k: round(total[k] / floor[k], 2) for k in ("best", "median")}
    cpu_seconds = {k: seconds(v) for k, v in cpu.items()}
    saved = round(100 * (1 - cpu_seconds["paused"]["median"] / cpu_seconds["on"]["median"]), 1)
    figures = {
        "database": connection.vendor,
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}"
        ),
        "year": year,
        "as_of": as_of.isoformat(),
        "regime": regime,
        "people": people,
        "units": units,
        "verdicts": verdicts,
        "repeat": args.repeat,
        "floor_load_seconds": floor,
        "total_scan_seconds": total,
        "collector_on_scan_seconds": on,
        "process_cpu_seconds": cpu_seconds,
        "pause_saves_cpu_percent": saved,
        "parts_seconds": {k: seconds(v) for k, v in parts.items()},
        "ratio_total_to_floor": ratio,
        "goal_total_under_3_s": total["median"] < 3.0,
        "goal_under_twice_the_floor": ratio["median"] < 2.0,
    }

    if args.report:
        out = Path(args.report)
        out.mkdir(parents=True, exist_ok=True)
        result = run_scan(year=year, as_of=as_of, pause_collector=True)
        started = time.perf_counter()
        write_json(result, out / "bench-scan.json")
        written_json = time.perf_counter()
        write_xlsx(result, out / "bench-scan.xlsx")
        written = time.perf_counter()
        figures["report_seconds"] = {
            "json": round(written_json - started, 2),
            "xlsx": round(written - written_json, 2),
        }

    p = figures["parts_seconds"]
    print(
        f"Eligibility scan of the whole sector on {connection.vendor} ({figures['machine']})\n"
        f"  year {year}, as of {as_of:%d/%m/%Y} (regime {regime}): {people:,} people, "
        f"{units:,} units, {verdicts:,} verdicts (every award)\n"
        f"  floor, load the facts only : best {floor['best']:.3f} s, "
        f"median {floor['median']:.3f} s\n"
        f"  total, the whole scan      : best {total['best']:.3f} s, median {total['median']:.3f} s"
        f"  (load {p['load']['median']:.3f} + evaluate {p['evaluate']['median']:.3f}"
        f" + caps {p['caps']['median']:.3f}, medians)\n"
        f"  ratio total / floor        : best {ratio['best']:.2f}, median {ratio['median']:.2f}\n"
        f"  collector on, as a request : best {on['best']:.3f} s, median {on['median']:.3f} s\n"
        f"  process CPU, medians       : paused {cpu_seconds['paused']['median']:.3f} s, "
        f"on {cpu_seconds['on']['median']:.3f} s: the pause saves {saved:.1f} %\n"
        f"  goals: total under 3 s {'met' if figures['goal_total_under_3_s'] else 'MISSED'}; "
        f"under twice the floor {'met' if figures['goal_under_twice_the_floor'] else 'MISSED'}"
    )
    if "report_seconds" in figures:
        r = figures["report_seconds"]
        print(f"  reports (not in the total)  : JSON {r['json']:.2f} s, .xlsx {r['xlsx']:.2f} s")
    target = ROOT / "bench" / "out" / "bench_scan.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
