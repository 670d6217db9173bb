"""Benchmark of the ledger list and the dashboards on the full demo sector (issue 16). Prints
figures; it is not a test.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_bench_h4 \
        .venv/bin/python bench/bench_pages.py [--repeat 10] [--analyze]

Runs against the configured database (migrated in place; a SQLite database is copied first, as
`bench_reports.py` does). GET through Django's test client, logged in as the demo administrator
`quantri` (VKSND tối cao, the whole sector): the ledger list's first page, a deep page (the page
holding line 100,000 of the sector's ledger: through the keyset cursor the list links to, or
`?trang=` for a numbered list), a filtered page, the sector dashboard and the largest province's
dashboard; the first page is also timed with its count taken afresh (the list keeps a count a
few minutes). Each the median and the best of --repeat runs after one warm-up, with the number of
queries and the slowest one. --analyze runs ANALYZE first (what autovacuum does on a server that
has it on; a freshly built demo database has no planner statistics otherwise). Figures also go
to bench/out/bench_pages.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_reports import setup
from common import ensure_sector

ROOT = Path(__file__).resolve().parents[1]
DEEP_LINE = 100_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--analyze", action="store_true", help="ANALYZE the database first")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tdkt-bench-pages-") as work:
        vendor = setup(Path(work))
        ensure_sector(lambda text: print(text, file=sys.stderr))
        figures = run(vendor, args)
    target = ROOT / "bench" / "out" / "bench_pages.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def run(vendor: str, args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tdkt.accounts.models import User
    from tdkt.org.models import Unit, UnitLevel
    from tdkt.records.models import AwardEntry
    from tdkt.reports.views import ledger

    if args.analyze:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    user = User.objects.get(username="quantri")
    client = Client()
    client.force_login(user)
    base = reverse("reports:award_list")
    province = (
        Unit.objects.filter(level=UnitLevel.TINH, dissolved_on__isnull=True)
        .annotate(n=Count("people"))
        .order_by("-n", "pk")
        .first()
    )
    deep = _deep_url(base, ledger, AwardEntry)
    pages = [
        ("ledger, first page", base),
        (f"ledger, page holding line {DEEP_LINE:,}", deep),
        ("ledger, 2025, Chiến sĩ thi đua cơ sở", f"{base}?nam=2025&danh_hieu=cstdcs"),
        ("sector dashboard", reverse("reports:dashboard")),
    ]
    if province is not None:
        pages.append(
            (
                f"unit dashboard ({province.name})",
                reverse("reports:unit_dashboard", args=[province.pk]),
            )
        )
    pages.insert(1, ("ledger, first page, count not cached", f"{base}?lan={{n}}"))
    found: dict[str, Any] = {}
    for label, pattern in pages:
        # "{n}": a parameter the list ignores but its count cache keys on: counted every time.
        url = pattern.format(n=0)
        status = client.get(url).status_code  # warm-up
        values = []
        for n in range(1, args.repeat + 1):
            started = time.perf_counter()
            client.get(pattern.format(n=n))
            values.append(time.perf_counter() - started)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        slowest = max((float(q["time"]) for q in queries.captured_queries), default=0.0)
        found[label] = {
            "url": url,
            "status": status,
            "median_ms": round(1000 * statistics.median(values), 1),
            "best_ms": round(1000 * min(values), 1),
            "queries": len(queries),
            "slowest_query_ms": round(1000 * slowest, 1),
        }
    figures = {
        "database": vendor,
        "analyzed": args.analyze,
        "ledger_lines": AwardEntry.objects.count(),
        "repeat": args.repeat,
        "pages": found,
    }
    print(
        f"GET as quantri on {vendor} ({figures['ledger_lines']:,} ledger lines), "
        f"median / best of {args.repeat} after one warm-up"
        + (", after ANALYZE" if args.analyze else "")
    )
    for label, p in found.items():
        print(
            f"  {label:<58} {p['median_ms']:7.1f} ms / {p['best_ms']:7.1f} ms  "
            f"(HTTP {p['status']}, {p['queries']} queries, slowest {p['slowest_query_ms']} ms)"
        )
    return figures


def _deep_url(base: str, ledger: Any, award_entry: Any) -> str:
    """The page holding line DEEP_LINE: by the cursor of the line before it if the list pages by
    keyset, else by its page number."""
    cursor_of = getattr(ledger, "cursor_of", None)
    if cursor_of is None:
        return f"{base}?trang={DEEP_LINE // 50 + 1}"
    line = (
        award_entry.objects.filter(revoked_on__isnull=True)
        .order_by(*ledger.ORDER)
        .values("year", "award", "id")[DEEP_LINE - 1]
    )
    return f"{base}?sau={cursor_of(line)}"


if __name__ == "__main__":
    main()
