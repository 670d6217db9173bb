"""Onboarding benchmark: 400 accounts of a province and its regional units from one .xlsx file,
through `tdkt users import` as the province's TĐKT officer.

    .venv/bin/python bench/bench_onboarding.py [--accounts 400]

A fresh SQLite database in a temporary folder: one province, 8 regional units and the staff the
file links to. The file is laid out as units send it (a title above the header, an STT column, a
signature block, CCCDs that Excel turned into numbers). Timed: the file refused whole for one bad
row, then the corrected file creating every account and writing the passwords workbook."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROLES = ["Cán bộ TĐKT", "Thư ký Hội đồng", "Thành viên Hội đồng"]
FAMILIES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLES = [
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Minh",
    "Thanh",
    "Ngọc",
    "Quốc",
    "Thu",
    "Hoài",
    "Xuân",
    "Đình",
    "Công",
    "Kim",
    "Bảo",
]
GIVENS = [
    "An",
    "Anh",
    "Bình",
    "Chi",
    "Cường",
    "Dũng",
    "Duy",
    "Đạt",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hòa",
    "Hùng",
    "Lan",
]


def _name(i: int) -> str:
    return f"{FAMILIES[i % 16]} {MIDDLES[i // 16 % 15]} {GIVENS[i // 240 % 17]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=400)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tdkt-onboarding-"))
    os.environ["TDKT_DATA_DIR"] = str(folder)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'tdkt.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    import django

    django.setup()
    from django.core.management import CommandError, call_command

    call_command("migrate", interactive=False, verbosity=0)
    units = _sector()
    good, bad = folder / "tai-khoan.xlsx", folder / "tai-khoan-loi.xlsx"
    _write(good, units, args.accounts, bad_row=None)
    _write(bad, units, args.accounts, bad_row=args.accounts // 2 + 3)  # a personless row

    started = time.perf_counter()
    try:
        call_command(
            "users", "import", str(bad), "--out", str(folder / "x.xlsx"), "--user", "tdkt.qt"
        )
    except CommandError as exc:
        refused = exc.returncode
    else:
        refused = 0
    refused_in = time.perf_counter() - started
    started = time.perf_counter()
    call_command(
        "users", "import", str(good), "--out", str(folder / "mk.xlsx"), "--user", "tdkt.qt"
    )
    created_in = time.perf_counter() - started

    from tdkt.accounts.models import User

    count = User.objects.filter(must_change_password=True).count()
    print(f"file with one bad row: exit status {refused}, refused in {refused_in:.2f} s")
    print(f"{count} accounts created, passwords workbook written, in {created_in:.2f} s")
    return 0 if count == args.accounts and refused == 2 else 1


def _sector() -> list:
    from tdkt.accounts.models import Role, RoleGrant, User
    from tdkt.org import services as org

    top = org.create_unit(
        actor=None,
        code="VKSTC",
        name="Viện kiểm sát nhân dân tối cao",
        level="toi_cao",
        rebuild=False,
    )
    province = org.create_unit(
        actor=None,
        code="T25-QT",
        name="Viện kiểm sát nhân dân tỉnh Quảng Trị",
        level="tinh",
        parent=top,
        rebuild=False,
    )
    units = [province] + [
        org.create_unit(
            actor=None,
            code=f"KV-QT-{i:02d}",
            level="khu_vuc",
            parent=province,
            name=f"Viện kiểm sát nhân dân khu vực {i} - Quảng Trị",
            rebuild=False,
        )
        for i in range(1, 9)
    ]
    org.rebuild_scope()
    officer = User.objects.create_user(username="tdkt.qt", password="bench-password-1")
    RoleGrant.objects.create(user=officer, role=Role.OFFICER, unit=province)
    return units


def _write(path: Path, units: list, count: int, bad_row: int | None) -> None:
    from openpyxl import Workbook

    from tdkt.people import services as people
    from tdkt.people.models import Person

    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐỀ NGHỊ CẤP TÀI KHOẢN"])
    sheet.append([])
    sheet.append(["STT", "Tên đăng nhập", "Họ và tên", "Số CCCD", "Vai trò", "Mã đơn vị"])
    for i in range(count):
        unit = units[i % len(units)]
        role = "thu_truong" if i == bad_row else ROLES[i % len(ROLES)]
        if i % 4 == 3:  # a quarter personless: officers, secretaries, council members
            sheet.append([i + 1, f"tk{i:04d}", _name(i), None, role, unit.code])
            continue
        cid = f"0440{i:08d}"
        if not Person.objects.filter(citizen_id=cid).exists():
            people.create_person(
                actor=None,
                full_name=_name(i),
                gender="male",
                birth_date=dt.date(1985, 1, 1),
                unit=unit,
                citizen_id=cid,
                post_kind="kiem_sat_vien",
                position_from=dt.date(2015, 1, 1),
            )
        sheet.append([i + 1, f"cb{i:04d}", "", int(cid), "Cán bộ", unit.code])
    sheet.append([])
    sheet.append(["", "Người lập biểu", "", "", "Thủ trưởng đơn vị"])
    book.save(path)


if __name__ == "__main__":
    sys.exit(main())
