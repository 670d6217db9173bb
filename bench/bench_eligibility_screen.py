"""Benchmark of the unit eligibility screen (issue 16): the sector screen (the root unit, VKSND tối
cao) and one province, requested through Django's test client as the demo's administrator
(`quantri`). Prints figures; it is not a test.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_bench_h3
    .venv/bin/tdkt migrate
    .venv/bin/python bench/bench_eligibility_screen.py [--year 2025] [--repeat 10]

The database must hold the full demo sector (`tdkt demo --size full`). Printed, per screen:

- `snapshot`: the stored verdicts computed once (`eligibility.snapshots.compute_now`: the scan,
  then the rows written), if the screen reads stored verdicts; skipped with --keep when one
  exists;
- `cold`: the first request after that, then the median and best of --repeat requests;
- the size of the HTML sent, and the time of the second page of the first list (HTMX partial).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    os.environ.setdefault("TDKT_DATA_DIR", str(Path(tempfile.gettempdir()) / "tdkt-bench-screen"))
    os.environ.setdefault("TDKT_LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def timed(fn: object) -> tuple[float, object]:
    t0 = time.perf_counter()
    value = fn()  # type: ignore[operator]
    return time.perf_counter() - t0, value


def cpu_timed(fn: object) -> tuple[float, float, object]:
    """Wall time, this process's CPU time (the machine may be shared: the database's own work
    is in the wall time only), value."""
    c0 = time.process_time()
    wall, value = timed(fn)
    return wall, time.process_time() - c0, value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="reuse stored snapshots")
    parser.add_argument("--province", default="", help="code of the province to time too")
    args = parser.parse_args()
    setup()

    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from tdkt.accounts.models import User
    from tdkt.eligibility.scan import default_as_of
    from tdkt.org.models import Unit, UnitLevel

    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(User.objects.get(username="quantri"))
    root = Unit.objects.get(parent__isnull=True)
    provinces = Unit.objects.filter(level=UnitLevel.TINH, dissolved_on__isnull=True)
    province = (
        provinces.get(code=args.province) if args.province else provinces.order_by("code").first()
    )
    as_of = default_as_of(args.year)
    params = {"nam": str(args.year), "ngay": as_of.strftime("%d/%m/%Y")}
    database = settings.DATABASES["default"]
    print(f"database: {database['ENGINE']} {database['NAME']}")
    print(f"year {args.year}, day {params['ngay']}, {args.repeat} requests after the first")

    try:
        from tdkt.eligibility import snapshots
    except ImportError:  # before issue 16: the screen scans on every request
        snapshots = None  # type: ignore[assignment]

    for label, unit in (("sector", root), ("province", province)):
        assert unit is not None
        print(f"\n== {label}: {unit.name} (#{unit.pk})")
        if snapshots is not None:
            stored = snapshots.lookup(unit, args.year, as_of, default_day=True).done
            if stored is None or not args.keep:
                spent, cpu, snap = cpu_timed(
                    lambda u=unit: snapshots.compute_now(u, args.year, as_of, actor=None)
                )
                rows = snap.rows  # type: ignore[attr-defined]
                print(f"snapshot computed once: {spent:.2f} s, CPU {cpu:.2f} s ({rows} rows)")
        url = reverse("eligibility:unit", args=[unit.pk])
        cold, cold_cpu, response = cpu_timed(lambda url=url: client.get(url, params))
        assert response.status_code == 200, response.status_code  # type: ignore[attr-defined]
        size = len(response.content)  # type: ignore[attr-defined]
        times, cpus = [], []
        for _ in range(args.repeat):
            spent, cpu, response = cpu_timed(lambda url=url: client.get(url, params))
            times.append(spent)
            cpus.append(cpu)
        print(f"first request: {cold * 1000:.0f} ms (CPU {cold_cpu * 1000:.0f} ms)")
        median, cpu_median = statistics.median(times), statistics.median(cpus)
        print(
            f"median of {args.repeat}: {median * 1000:.0f} ms"
            f" (best {min(times) * 1000:.0f} ms; CPU median {cpu_median * 1000:.0f} ms)"
        )
        print(f"HTML: {size / 1024:.0f} KiB")
        if snapshots is not None:
            page_url = reverse("eligibility:unit_list", args=[unit.pk])
            page_params = {**params, "giai": "LDTT", "loai": "du", "trang": "2"}
            page_times = []
            for _ in range(args.repeat):
                spent, response = timed(
                    lambda u=page_url, p=page_params: client.get(u, p, HTTP_HX_REQUEST="true")
                )
                assert response.status_code == 200  # type: ignore[attr-defined]
                page_times.append(spent)
            print(
                f"list page 2 (HTMX): median {statistics.median(page_times) * 1000:.0f} ms,"
                f" {len(response.content) / 1024:.0f} KiB"  # type: ignore[attr-defined]
            )


if __name__ == "__main__":
    main()
