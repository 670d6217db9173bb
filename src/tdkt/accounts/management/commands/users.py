"""`tdkt users import FILE.xlsx --out PASSWORDS.xlsx [--user NAME]`: the accounts of a whole list
at once, as on the accounts screen (checked whole, created whole). The one-time passwords go only
into the --out workbook (readable by its owner only); a refused file exits with status 2."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tdkt.accounts import onboarding


class Command(BaseCommand):
    help = "Quản lý tài khoản: «import» tạo hàng loạt tài khoản từ tệp .xlsx."

    def add_arguments(self, parser: Any) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        load = commands.add_parser(
            "import",
            help="Tạo tài khoản từ tệp .xlsx; mật khẩu dùng một lần ghi vào tệp --out.",
        )
        load.add_argument("file", type=Path)
        load.add_argument("--out", type=Path, required=True, help="Tệp .xlsx ghi mật khẩu")
        load.add_argument(
            "--user",
            default=None,
            help="Tài khoản thực hiện, với quyền của mình (mặc định: hệ thống)",
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "import":
            self._import(options["file"], options["out"], options["user"])

    def _import(self, file: Path, out: Path, username: str | None) -> None:
        actor = None
        if username is not None:
            actor = get_user_model().objects.filter(username=username, is_active=True).first()
            if actor is None:
                raise CommandError(f"Không tìm thấy tài khoản «{username}».")
        if out.resolve() == file.resolve():
            raise CommandError("Tệp --out phải khác tệp danh sách.")
        if not out.parent.is_dir():
            raise CommandError(f"Không có thư mục «{out.parent}».")
        started = time.perf_counter()
        try:
            with file.open("rb") as stream, transaction.atomic():
                size = os.fstat(stream.fileno()).st_size
                created = onboarding.onboard(actor=actor, stream=stream, name=file.name, size=size)
                # Written before the commit: if it cannot be written, no account is created.
                _write_private(out, onboarding.passwords_workbook(created))
        except onboarding.FileRefused as exc:
            for problem in exc.problems:
                self.stderr.write(problem["message"])
            raise CommandError(exc.message, returncode=2) from exc
        except OSError as exc:
            raise CommandError(f"Không đọc hoặc ghi được tệp: {exc.strerror or exc}") from exc
        seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
        self.stdout.write(
            f"Đã tạo {len(created)} tài khoản trong {seconds} giây; mật khẩu dùng một lần ở "
            f"tệp {out}."
        )


def _write_private(path: Path, content: bytes) -> None:
    """Owner-only permissions from the first byte: the file holds passwords."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
