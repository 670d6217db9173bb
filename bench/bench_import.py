"""Import benchmark: a 15,000-row staff list, refused for one bad row, then imported whole.

    .venv/bin/python bench/bench_import.py                 # SQLite (a fresh temporary database)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_import.py
                                                            # SQLite, then PostgreSQL (a fresh
                                                            # database created and dropped)

Each backend runs in its own process (settings are read once per process). The import goes the
production way: `submit_import` stores the file and queues the task on the database queue, then
the `db_worker` command runs it. Goal: the corrected file imports in under 30 s."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time

from common import run_import_job, run_in_child, start_child, xlsx_bytes

GOAL_SECONDS = 30.0
FAMILIES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý"
MIDDLES = "Văn Thị Hữu Đức Minh Thanh Ngọc Quốc Thu Hoài Xuân Đình Công Kim Bảo Phương Hồng Gia"
GIVENS = (
    "An Anh Ánh Bình Chi Cường Dũng Duy Đạt Đức Giang Hà Hải Hạnh Hiếu Hoa Hòa Hùng Hương Khánh "
    "Lan Linh Long Mai Minh Nam Nga Ngọc Nhung Phong Phúc Quang Quân Sơn Tâm Thảo Trang Tuấn Yến"
)
POSTS = ["Kiểm sát viên", "Chuyên viên", "Kiểm tra viên", "Phó Trưởng phòng", "kiem_sat_vien"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=15_000)
    parser.add_argument("--bad-row", type=int, default=7_513, help="Excel row of the bad date")
    parser.add_argument("--child", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return run_benchmark(args.child, args.rows, args.bad_row)
    status = run_child("sqlite", args)
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        status = run_child("postgresql", args) or status
    return status


def run_child(backend: str, args: argparse.Namespace) -> int:
    options = ["--rows", str(args.rows), "--bad-row", str(args.bad_row)]
    return run_in_child(__file__, backend, options)


def run_benchmark(backend: str, rows: int, bad_row: int) -> int:
    start_child(backend)
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    officer, units = build_org()
    print(f"setup: migrate + {len(units)} units in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    data = generate_rows(rows, [u.code for u in units])
    bad_index = bad_row - 2  # row 1 is the header
    bad = [*data[bad_index][:2], "31/02/1980", *data[bad_index][3:]]
    bad_file = to_xlsx([*data[:bad_index], bad, *data[bad_index + 1 :]])
    good_file = to_xlsx(data)
    print(
        f"generated {rows:,} rows ({len(good_file) / 1e6:.2f} MB .xlsx) in "
        f"{time.perf_counter() - started:.1f} s"
    )

    job = run_import(officer, units[0], bad_file, "danh-sach-co-loi.xlsx", "1. file with a bad row")
    print(f"   refused: {job.status}, {len(job.errors)} problem(s):")
    for error in job.errors[:5]:
        print(f"   → {error['message']}")
    ok = job.status == "rejected" and any(e["row"] == bad_row for e in job.errors)

    job = run_import(officer, units[0], good_file, "danh-sach.xlsx", "2. corrected file")
    print(f"   {job.status}: {job.summary}")
    ok = ok and job.status == "done" and job.summary.get("created") == rows
    total_good = job.summary.get("_total", 0.0)

    job = run_import(
        officer,
        units[0],
        good_file,
        "danh-sach-lan-2.xlsx",
        "3. same file again (every row matched, nothing to change)",
    )
    print(f"   {job.status}: {job.summary}")
    ok = ok and job.status == "done" and job.summary.get("unchanged") == rows

    moved = [
        [
            *row[:5],
            "Phó Trưởng phòng" if row[5] != "Phó Trưởng phòng" else "Chuyên viên",
            "01/07/2025",
            *row[7:],
        ]
        for row in data
    ]
    job = run_import(
        officer,
        units[0],
        to_xlsx(moved),
        "danh-sach-lan-3.xlsx",
        "4. every person changes post from 01/07/2025 (15,000 updates)",
    )
    print(f"   {job.status}: {job.summary}")
    ok = ok and job.status == "done" and job.summary.get("updated") == rows

    verdict = "OK" if ok and total_good < GOAL_SECONDS else "NOT MET"
    print(f"goal: corrected file end-to-end {total_good:.1f} s < {GOAL_SECONDS:.0f} s → {verdict}")
    return 0 if verdict == "OK" else 1


def build_org() -> tuple[object, list]:
    from tdkt.accounts.models import Role, RoleGrant, User
    from tdkt.org import services as org
    from tdkt.org.models import UnitLevel

    def unit(code: str, name: str, level: str, parent: object = None) -> object:
        return org.create_unit(
            actor=None, code=code, name=name, level=level, parent=parent, rebuild=False
        )

    top = unit("VKSTC", "Viện kiểm sát nhân dân tối cao", UnitLevel.TOI_CAO)
    province = unit("T-HT", "Viện kiểm sát nhân dân tỉnh Hà Tĩnh", UnitLevel.TINH, top)
    units = [province]
    for i in range(1, 13):
        units.append(
            unit(
                f"KV-HT-{i:02d}",
                f"Viện kiểm sát nhân dân khu vực {i} - Hà Tĩnh",
                UnitLevel.KHU_VUC,
                province,
            )
        )
    for i, name in enumerate(["Văn phòng", "Phòng 1", "Phòng 2", "Phòng 7", "Phòng 15"], 1):
        units.append(unit(f"T-HT-P{i}", f"{name} - VKSND tỉnh Hà Tĩnh", UnitLevel.PHONG, province))
    org.rebuild_scope()
    officer = User.objects.create_user(
        username="tdkt.hatinh", password="bench-9-x", full_name="Cán bộ thi đua Hà Tĩnh"
    )
    RoleGrant.objects.create(user=officer, role=Role.OFFICER, unit=province)
    return officer, units


def generate_rows(count: int, unit_codes: list[str]) -> list[list[object]]:
    rng = random.Random(2025)
    families, middles, givens = (words.split(" ") for words in (FAMILIES, MIDDLES, GIVENS))
    seen: set[tuple[str, dt.date, str]] = set()
    rows: list[list[object]] = []
    while len(rows) < count:
        gender = rng.choice(["Nam", "Nữ"])
        name = f"{rng.choice(families)} {rng.choice(middles)} {rng.choice(givens)}"
        birth = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(365 * 26))
        unit = rng.choice(unit_codes)
        if (name, birth, unit) in seen:
            continue
        seen.add((name, birth, unit))
        recruited = birth + dt.timedelta(days=365 * 23 + rng.randrange(365 * 5))
        start = recruited + dt.timedelta(days=rng.randrange(365 * 3))
        cid = f"0{rng.randrange(1, 96):02d}{birth.year % 100:02d}{len(rows):07d}"[:12]
        birth_cell: object = birth if len(rows) % 2 else birth.strftime("%d/%m/%Y")
        rows.append(
            [
                name,
                gender,
                birth_cell,
                cid if len(rows) % 3 else "",
                unit,
                rng.choice(POSTS),
                start.strftime("%d/%m/%Y"),
                recruited,
            ]
        )
    return rows


def to_xlsx(rows: list[list[object]]) -> bytes:
    from tdkt.imports.staff import StaffImporter

    headers = [c.name for c in StaffImporter().columns]  # the template's own header row
    return xlsx_bytes("Danh sách cán bộ", [headers], rows)


def run_import(officer: object, unit: object, content: bytes, name: str, label: str) -> object:
    print(f"\n{label}")
    run = run_import_job(officer, unit, "staff", content, name)
    run.print_start()
    if "apply" in run.seconds:
        print(f"   apply (one transaction, bulk writes):      {run.seconds['apply']:6.2f} s")
    print(f"   total, upload to finished job:              {run.total:6.2f} s")
    run.job.summary["_total"] = run.total
    return run.job


if __name__ == "__main__":
    sys.exit(main())
