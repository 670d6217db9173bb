"""Benchmark of the pages whose forms choose people or units (issue 16): the council page with
its "add member" form and the movement form, GET through Django's test client as the demo
administrator `quantri`. Prints figures; it is not a test.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_bench_h5 \
        .venv/bin/python bench/bench_pickers.py [--repeat 10]

Runs against the configured database (the full demo sector must be in it; a PostgreSQL database
is used in place: logging the client in writes a session). Each page: one warm-up GET, then the
median and the best of --repeat GETs, the number of queries, the size of the page and the number
of <option> elements in it; and the person picker's search as the council page asks it.
Goal: the council page under 200 ms.

Measured on 07/12/2026 (tdkt_bench_h5, full demo, 15.291 people, load average about 8):
before the pickers, the council page 1144,7 ms median (764 KiB, 14.656 options), the movement
form 57,2 ms (92 KiB, 700 options); after, 67,8 ms (13 KiB, 4 options) and 60–90 ms (14 KiB,
10 options).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_MS = 200.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    os.environ["TDKT_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ.setdefault("TDKT_LOG_LEVEL", "ERROR")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tdkt.council.models import Council
    from tdkt.people.models import Person

    client = Client()
    client.force_login(get_user_model().objects.get(username="quantri"))
    # The council whose unit reaches the most people: the sector's own.
    council = (
        Council.objects.filter(unit__parent__isnull=True).order_by("pk").first()
        or Council.objects.order_by("pk").first()
    )
    assert council is not None, "the database holds no council: build the full demo first"
    pages = [
        (
            f"council page ({council.name[:40]})",
            reverse("council:council_detail", args=[council.pk]),
        ),
        ("movement form", reverse("movements:movement_create")),
        # What the council's person picker asks while the user types "nguyen van".
        (
            "person picker search (council)",
            reverse("people:person_search")
            + f"?q=nguyen+van&action=council&active=1&field=person&within={council.unit_id}",
        ),
    ]
    print(f"database: {connection.vendor}, people: {Person.objects.count()}")
    width = max(len(url) for _label, url in pages)
    for label, url in pages:
        client.get(url)  # warm-up
        times = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        body = response.content
        median = statistics.median(times)
        goal = (
            f"  (goal < {GOAL_MS:.0f} ms: {'met' if median < GOAL_MS else 'NOT met'})"
            if label.startswith("council page")
            else ""
        )
        print(
            f"{label:<50} {url:<{width}} median {median:7.1f} ms  best {min(times):7.1f} ms  "
            f"{len(queries)} queries  {len(body) // 1024} KiB  "
            f"{body.count(b'<option')} options{goal}"
        )


if __name__ == "__main__":
    main()
