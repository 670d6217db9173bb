"""`tdkt restore ARCHIVE`: bring a `tdkt backup` archive back into an empty database."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from tdkt.errors import DomainError
from tdkt.ops.backup import parse_created_at, restore_backup, seconds, vn
from tdkt.ops.engines import OperationFailed
from tdkt.ops.services import record_restoration
from tdkt.web.templatetags.tdkt import vn_date


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu vào cơ sở dữ liệu TRỐNG (xem README, mục Production)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive", type=Path, help="tệp do `tdkt backup` tạo")

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        self.verbosity = int(options.get("verbosity", 1))
        started = time.monotonic()
        try:
            result = restore_backup(archive=archive, progress=self._say)
        except DomainError as exc:  # refused before anything was written
            raise CommandError(exc.message, returncode=2) from exc
        except (OperationFailed, OSError, DatabaseError) as exc:
            raise CommandError(
                f"Khôi phục thất bại và đã được hoàn tác (cơ sở dữ liệu trống, không còn tệp nào "
                f"được đặt): {exc}"
            ) from exc
        self._say(
            self.style.SUCCESS(
                f"Đã khôi phục {vn(result.rows)} dòng và {vn(result.files)} tệp từ bản sao lưu "
                f"ngày {vn_date(parse_created_at(result.manifest))}; số dòng và mã băm khớp "
                f"manifest ({seconds(time.monotonic() - started)} giây)."
            )
        )
        if result.pending_migrations:
            self.stdout.write(
                f"Bản sao lưu từ phiên bản cũ hơn: chạy `tdkt migrate` để nâng cấp "
                f"({len(result.pending_migrations)} bước) trước khi mở ứng dụng."
            )
        else:
            self._record(archive, result)

    def _record(self, archive: Path, result: Any) -> None:
        connection.close()
        record_restoration(
            actor=None,
            archive_name=archive.name,
            archive_created_at=parse_created_at(result.manifest),
            engine=result.manifest["engine"],
            rows=result.rows,
            files=result.files,
        )
        self._say("Đã ghi lần khôi phục vào nhật ký thay đổi.")

    def _say(self, message: str) -> None:
        if self.verbosity > 0:
            self.stdout.write(message)
