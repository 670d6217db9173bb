"""Benchmark of the periodic reports on the whole full demo sector, and of the dashboards.
Prints figures; it is not a test.

    TDKT_DATA_DIR=/tmp/lead .venv/bin/python bench/bench_reports.py                   # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_bench \
        .venv/bin/python bench/bench_reports.py                                        # PostgreSQL

Runs against the configured database. A SQLite database is never written: it is copied to a
temporary folder first, and the copy is migrated and used (logging the client in writes a
session). A PostgreSQL database is migrated in place. If the database holds no people, the full
demo sector is built into it first (`tdkt demo --size full`, about 30 s).

Timed, each the best and the median of --repeat runs after one warm-up run, the whole report
from the database to the bytes of the file (`reports.documents.catalogue.make`, what the
background job runs before storing the file): the sector's tổng kết as .docx and .xlsx, the
sector's summary by unit after the restructuring (.xlsx and .docx), the list of every award whose
decision was signed in a year (.xlsx, and .docx for comparison), the record of the person with
the most awards, the records of the unit with the largest staff and of VKSND tối cao, and a
province's tổng kết. Then GET of the dashboards (`reports:dashboard`, and the unit dashboard of
the largest province) through Django's test client, logged in as the demo administrator
`quantri`, and of the public site's pages as an anonymous visitor (time and queries).
Goal: every report under 5 s. Figures also go to bench/out/bench_reports.json; with
--keep DIR the files are written there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from common import ensure_sector

ROOT = Path(__file__).resolve().parents[1]
GOAL_SECONDS = 5.0


def setup(work_dir: Path) -> str:
    """Settings for this process; a SQLite database is copied into `work_dir` first."""
    url = os.environ.get("DATABASE_URL", "")
    data_dir = Path(os.environ.get("TDKT_DATA_DIR", ROOT / "var"))
    if not url.startswith("postgres"):
        source = data_dir / "tdkt.sqlite3"
        if url.startswith("sqlite:///"):
            source = Path(url.removeprefix("sqlite:///"))
        copy = work_dir / "tdkt.sqlite3"
        if source.exists():
            shutil.copyfile(source, copy)
        os.environ["DATABASE_URL"] = f"sqlite:///{copy}"
        for secret in ("secret_key",):
            if (data_dir / secret).exists():
                shutil.copyfile(data_dir / secret, work_dir / secret)
    os.environ["TDKT_DATA_DIR"] = str(work_dir)
    os.environ["TDKT_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.db import connection

    return connection.vendor


def timed(run: Callable[[], Any], repeat: int) -> tuple[dict[str, float], Any]:
    result = run()  # warm-up: connection, caches, imports
    values = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        values.append(time.perf_counter() - started)
    return {"best": round(min(values), 3), "median": round(statistics.median(values), 3)}, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", metavar="DIR", help="write the produced files there")
    args = parser.parse_args()

    def say(text: str) -> None:
        print(text, file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="tdkt-bench-reports-") as work:
        vendor = setup(Path(work))
        ensure_sector(say)
        figures = run(vendor, args)
    target = ROOT / "bench" / "out" / "bench_reports.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def run(vendor: str, args: argparse.Namespace) -> dict[str, Any]:
    from django.db.models import Count
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from tdkt.accounts.models import User
    from tdkt.org.models import Unit, UnitLevel, UnitScope
    from tdkt.people.models import Person
    from tdkt.records.models import AwardEntry
    from tdkt.reports.documents.base import ReportRequest, sector_root
    from tdkt.reports.documents.catalogue import make

    year = args.year
    root = sector_root()
    assert root is not None
    person = Person.objects.annotate(n=Count("awards")).order_by("-n", "pk").first()
    assert person is not None and person.unit is not None
    sizes = (
        UnitScope.objects.filter(ancestor__dissolved_on__isnull=True)
        .exclude(ancestor=root)
        .values("ancestor")
        .annotate(n=Count("descendant__people"))
        .order_by("-n", "ancestor")
    )
    biggest = Unit.objects.get(pk=sizes[0]["ancestor"])
    province = Unit.objects.get(
        pk=sizes.filter(ancestor__level=UnitLevel.TINH)[0]["ancestor"]  # type: ignore[index]
    )
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    signed = AwardEntry.objects.filter(
        revoked_on__isnull=True, decision__signed_on__gte=start, decision__signed_on__lte=end
    ).count()

    def req(kind: str, fmt: str, unit: Unit = root, **kw: Any) -> ReportRequest:
        return ReportRequest(kind, fmt, unit, sector=unit == root and kind != "ho_so_don_vi", **kw)

    cases: list[tuple[str, ReportRequest]] = [
        (f"sector tổng kết {year} .docx", req("tong_ket", "docx", year=year)),
        (f"sector tổng kết {year} .xlsx", req("tong_ket", "xlsx", year=year)),
        (
            f"sector summary 2016–{year} .xlsx",
            req("tong_hop", "xlsx", year_from=2016, year_to=year),
        ),
        (
            f"sector summary 2016–{year} .docx",
            req("tong_hop", "docx", year_from=2016, year_to=year),
        ),
        (
            f"awardee list, decisions signed in {year}, sector .xlsx ({signed:,} lines)",
            req("danh_sach", "xlsx", date_from=start, date_to=end),
        ),
        (
            f"awardee list, decisions signed in {year}, sector .docx ({signed:,} lines)",
            req("danh_sach", "docx", date_from=start, date_to=end),
        ),
        (
            f"person's record ({person.full_name}, {person.n} awards)",  # type: ignore[attr-defined]
            ReportRequest("ho_so_ca_nhan", "docx", person.unit, person=person),
        ),
        (
            f"biggest unit's record ({biggest.name}, {sizes[0]['n']:,} staff)",
            ReportRequest("ho_so_don_vi", "docx", biggest),
        ),
        (
            f"record of {root.name}",
            ReportRequest("ho_so_don_vi", "docx", root),
        ),
        (
            f"province tổng kết {year} .docx ({province.name})",
            ReportRequest("tong_ket", "docx", province, year=year),
        ),
    ]
    keep = Path(args.keep) if args.keep else None
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    reports: dict[str, Any] = {}
    for label, request in cases:
        seconds, output = timed(partial(make, request), args.repeat)
        reports[label] = {**seconds, "bytes": len(output.content)}
        if keep:
            (keep / output.filename).write_bytes(output.content)

    client = Client()
    client.force_login(User.objects.get(username="quantri"))
    pages: dict[str, Any] = {}
    for label, name, kwargs in (
        ("dashboard (sector)", "reports:dashboard", {}),
        (f"unit dashboard ({province.name})", "reports:unit_dashboard", {"pk": province.pk}),
        ("reports screen", "reports:documents", {}),
    ):
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            pages[label] = "URL name not found"
            continue

        def get(url: str = url) -> int:
            response = client.get(url)
            return response.status_code

        seconds, status = timed(get, args.repeat)
        pages[label] = {**seconds, "status": status}

    public = public_pages(args.repeat)

    figures = {
        "database": vendor,
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}"
        ),
        "people": Person.objects.count(),
        "ledger_lines": AwardEntry.objects.count(),
        "repeat": args.repeat,
        "reports_seconds": reports,
        "pages_seconds": pages,
        "public_pages_seconds": public,
        "goal_every_report_under_5_s": all(r["median"] < GOAL_SECONDS for r in reports.values()),
    }
    print(
        f"Periodic reports on {vendor} ({figures['machine']}): {figures['people']:,} people, "
        f"{figures['ledger_lines']:,} ledger lines; best / median of {args.repeat} runs"
    )
    for label, r in reports.items():
        flag = "" if r["median"] < GOAL_SECONDS else "  OVER 5 s"
        print(f"  {label:<78} {r['best']:6.2f} s / {r['median']:6.2f} s{flag}")
    print("GET as quantri (Django test client):")
    for label, p in pages.items():
        if isinstance(p, dict):
            print(f"  {label:<78} {p['best']:6.2f} s / {p['median']:6.2f} s  (HTTP {p['status']})")
        else:
            print(f"  {label:<78} {p}")
    print("GET by an anonymous visitor (the public site):")
    for label, p in public.items():
        print(
            f"  {label:<78} {p['best'] * 1000:6.1f} ms / {p['median'] * 1000:6.1f} ms"
            f"  (HTTP {p['status']}, {p['queries']} queries)"
        )
    goal = "met" if figures["goal_every_report_under_5_s"] else "MISSED"
    print(f"Goal, every report under {GOAL_SECONDS:.0f} s: {goal}")
    return figures


def public_pages(repeat: int) -> dict[str, Any]:
    """The public site's pages on the whole sector, as a visitor without an account opens them:
    the time and the number of queries of each."""
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tdkt.publicity.models import Example, ExampleStatus, PublicationStatus
    from tdkt.records.models import AwardDecision

    example = Example.objects.filter(status=ExampleStatus.PUBLISHED).order_by("-id").first()
    decision = (
        AwardDecision.objects.filter(publication__status=PublicationStatus.PUBLISHED)
        .annotate(n=Count("entries"))
        .order_by("-n", "pk")
        .first()
    )
    urls = [
        ("public home", reverse("public:home")),
        ("published examples", reverse("public:example_list")),
        (
            "published examples of 2025, searched for 'tiếp công dân'",
            reverse("public:example_list") + "?nam=2025&q=ti%E1%BA%BFp+c%C3%B4ng+d%C3%A2n",
        ),
        ("published decisions", reverse("public:decision_list")),
        ("candidate lists open for comment", reverse("nominations:public_list")),
    ]
    if example is not None:
        urls.append(("an example", reverse("public:example_detail", args=[example.pk])))
    if decision is not None:
        label = f"the longest published decision ({decision.n:,} lines)"  # type: ignore[attr-defined]
        urls.append((label, reverse("public:decision_detail", args=[decision.pk])))
    client = Client()
    found: dict[str, Any] = {}
    for label, url in urls:

        def get(url: str = url) -> int:
            return client.get(url).status_code

        seconds, status = timed(get, repeat)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        found[label] = {**seconds, "status": status, "queries": len(queries)}
    return found


if __name__ == "__main__":
    main()
