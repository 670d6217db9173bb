"""`tdkt demo [--size full|small] [--seed N] [--reset]`: build the demo sector."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tdkt.demo.build import (
    DEFAULT_SEED,
    SIZES,
    DemoDataExists,
    account_lines,
    build_demo,
    fmt_int,
    summary_lines,
)
from tdkt.demo.writer import accounts_in_db, existing_data


class Command(BaseCommand):
    help = (
        "Dựng dữ liệu mẫu của toàn ngành Kiểm sát nhân dân (đơn vị trước và sau 01/07/2025, "
        "cán bộ, 10 năm xếp loại và khen thưởng, cụm khối thi đua, tài khoản dùng thử)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size",
            choices=SIZES,
            default="full",
            help="full: khoảng 15.000 cán bộ; small: vài trăm cán bộ của vài tỉnh (để kiểm thử).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Hạt giống ngẫu nhiên (mặc định {DEFAULT_SEED}); cùng hạt giống, cùng dữ liệu.",
        )
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--reset",
            action="store_true",
            help="Xóa toàn bộ dữ liệu nghiệp vụ hiện có trước khi dựng.",
        )
        group.add_argument(
            "--keep-existing",
            action="store_true",
            help="Nếu cơ sở dữ liệu đã có dữ liệu thì giữ nguyên (không báo lỗi) và chỉ in các "
            "tài khoản dùng thử; nếu chưa có thì dựng như bình thường.",
        )

    def handle(self, *args, **options) -> None:
        self._migrate()
        size, seed, reset = options["size"], options["seed"], options["reset"]
        if not reset:
            found = existing_data()
            if found and options["keep_existing"]:
                listed = ", ".join(f"{fmt_int(n)} {what}" for what, n in found.items())
                self.stdout.write(
                    f"Cơ sở dữ liệu đã có dữ liệu ({listed}): giữ nguyên, không dựng lại dữ liệu "
                    "mẫu (dùng --reset để dựng lại)."
                )
                for line in account_lines(accounts_in_db()):
                    self.stdout.write(line)
                return
            self._refuse_if_data(found)
        self.stdout.write(f"Đang dựng dữ liệu mẫu (cỡ {size}, hạt giống {seed})…")
        try:
            result = build_demo(size=size, seed=seed, reset=reset, say=self.stdout.write)
        except DemoDataExists as exc:  # data written meanwhile by someone else
            self._refuse_if_data(exc.found)
            raise
        for line in summary_lines(result):
            self.stdout.write(line)

    def _refuse_if_data(self, found: dict[str, int]) -> None:
        if found:
            listed = ", ".join(f"{fmt_int(n)} {what}" for what, n in found.items())
            raise CommandError(
                f"Cơ sở dữ liệu đã có dữ liệu ({listed}). Không dựng dữ liệu mẫu đè lên dữ liệu "
                "hiện có. Chạy lại với --reset để xóa toàn bộ dữ liệu hiện có rồi dựng lại."
            )

    def _migrate(self) -> None:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            self.stdout.write(f"Đang cập nhật cấu trúc cơ sở dữ liệu ({len(plan)} migration)…")
            call_command("migrate", interactive=False, verbosity=0)
