"""`tdkt eligibility check FILE` — the contract's four questions from a JSON file (`-`: stdin);
exit status 0 with the answer, 2 with a Vietnamese message naming the key at fault.

`tdkt eligibility scan --year Y [--unit CODE] [--as-of DATE] [--out DIR] [--awards A,B]` — every
candidate of a unit subtree (default: the whole sector) from the database, on every award; writes
the report as .json and .xlsx and prints the totals and the timing.

`tdkt eligibility params [--sync]` — the dated parameters in force (and, with --sync, store the
shipped records of keys the table does not hold yet)."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.eligibility.parameters import current_engine, current_parameters, seed_missing_keys
from tdkt.eligibility.present import AWARD_NAMES, STATUS_LABELS
from tdkt.eligibility.report import report_name, write_json, write_xlsx
from tdkt.eligibility.scan import STATUSES, default_as_of, run_scan
from tdkt.errors import DomainError
from tdkt.org.models import Unit
from tdkt.rules.codes import Award
from tdkt.rules.contract import check_command


def parse_day(text: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CommandError(f"Ngày không hợp lệ: '{text}' (viết YYYY-MM-DD hoặc dd/mm/yyyy)")


def number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def seconds(s: float) -> str:
    return f"{s:.2f}".replace(".", ",") + " giây"


class Command(BaseCommand):
    help = "Xét điều kiện thi đua, khen thưởng: kiểm tra một hồ sơ JSON, quét một đơn vị."
    requires_system_checks: list[str] = []  # a filter in a pipeline: nothing but the answer

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, title="lệnh")
        check = sub.add_parser(
            "check",
            help="Trả lời một câu hỏi JSON theo hợp đồng (hồ sơ, lô, biểu quyết, tiền thưởng).",
        )
        check.add_argument("file", help="Tệp JSON; '-' để đọc từ đầu vào chuẩn.")

        scan = sub.add_parser("scan", help="Xét điều kiện toàn bộ cán bộ, đơn vị của một đơn vị.")
        scan.add_argument("--year", type=int, required=True, help="Năm xét (năm thành tích).")
        scan.add_argument("--unit", help="Mã đơn vị (mặc định: toàn ngành).")
        scan.add_argument(
            "--as-of", help="Ngày xét (YYYY-MM-DD); mặc định hôm nay hoặc 31/12 của năm xét."
        )
        scan.add_argument("--out", default=".", help="Thư mục ghi báo cáo (mặc định: hiện tại).")
        scan.add_argument("--awards", help="Chỉ xét các mã này, cách nhau bởi dấu phẩy.")

        params = sub.add_parser("params", help="Liệt kê tham số đang áp dụng.")
        params.add_argument(
            "--sync", action="store_true", help="Lưu các tham số mặc định còn thiếu vào CSDL."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "check":
            self.answer(options["file"])
        elif action == "scan":
            self.scan(options)
        else:
            self.list_params(options["sync"])

    def answer(self, path: str) -> None:
        status = check_command(
            path,
            self.stdout,  # type: ignore[arg-type]  # OutputWrapper writes like a text stream
            self.stderr,  # type: ignore[arg-type]
            stdin=sys.stdin,
            engine=current_engine(),  # the stored parameters and regimes
        )
        if status:
            self.stdout.flush()
            self.stderr.flush()
            raise SystemExit(status)

    def scan(self, options: dict[str, Any]) -> None:
        year = options["year"]
        as_of = parse_day(options["as_of"]) if options["as_of"] else default_as_of(year)
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"Không có đơn vị mã '{options['unit']}'.")
        awards = None
        if options["awards"]:
            try:
                awards = [Award(a.strip()) for a in options["awards"].split(",") if a.strip()]
            except ValueError as exc:
                raise CommandError(f"Mã danh hiệu, hình thức không hợp lệ: {exc}") from exc
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)

        started = time.perf_counter()
        engine = current_engine()
        try:
            result = run_scan(
                year=year,
                as_of=as_of,
                unit_id=unit.pk if unit else None,
                awards=awards,
                engine=engine,
                pause_collector=True,  # a one-off process; see run_scan
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        scanned = time.perf_counter()
        base = out / report_name(result)
        json_path, xlsx_path = base.with_suffix(".json"), base.with_suffix(".xlsx")
        totals = result.totals()  # once, for both files and the printout
        write_json(result, json_path, totals)  # streamed, row by row
        written_json = time.perf_counter()
        write_xlsx(result, xlsx_path, totals)  # streamed through the house writer
        written = time.perf_counter()

        scope = unit.name if unit else "toàn ngành"
        w = self.stdout.write
        w(f"Xét điều kiện năm {year}, {scope}, ngày xét {as_of:%d/%m/%Y} ({result.regime.label})")
        w(
            f"  {number(totals['people'])} cá nhân, {number(totals['units'])} tập thể, "
            f"{number(totals['verdicts'])} kết quả"
        )
        labels = [str(STATUS_LABELS[s]) for s in STATUSES]
        w(f"  {'Danh hiệu, hình thức':<48}" + "".join(f"{label:>20}" for label in labels))
        for award, counts in totals["by_award"].items():
            name = str(AWARD_NAMES[award])[:46]
            w(f"  {name:<48}" + "".join(f"{number(counts[str(s)]):>20}" for s in STATUSES))
        w(
            f"  {'Cộng':<48}"
            + "".join(f"{number(totals['by_status'][str(s)]):>20}" for s in STATUSES)
        )
        for cap in result.caps:
            w(
                f"  Giới hạn {AWARD_NAMES[str(cap.award)]}: tối đa {cap.limit} trên cơ sở "
                f"{cap.basis}; {cap.eligible_before_cap} đủ điều kiện trước giới hạn "
                f"({cap.citation})"
            )
        t = result.timing
        w(
            f"Thời gian: nạp dữ liệu {seconds(t['load'])}, xét {seconds(t['evaluate'])}, "
            f"giới hạn tỷ lệ {seconds(t['caps'])}; cả lượt quét {seconds(scanned - started)}; "
            f"ghi JSON {seconds(written_json - scanned)}, "
            f"ghi Excel {seconds(written - written_json)}"
        )
        w(f"Báo cáo: {json_path}")
        w(f"         {xlsx_path}")

    def list_params(self, sync: bool) -> None:
        if sync:
            added = seed_missing_keys()
            self.stdout.write(f"Đã lưu {added} bản ghi tham số mặc định còn thiếu.")
        today = dt.date.today()
        params = current_parameters()
        for key in params.names():
            rec = params.find(key, today)
            if rec is None:
                continue
            self.stdout.write(f"{key} = {rec.value!r} [{rec.confidence}] {rec.citation}")
