"""`tdkt backup [--out PATH]`: one archive with the database, the uploaded files and a manifest."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tdkt.errors import DomainError
from tdkt.ops.backup import create_backup, seconds, size, vn
from tdkt.ops.engines import OperationFailed


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp tải lên vào một tệp (xem README, mục Production)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--out", type=Path, help="tệp sao lưu sẽ ghi (mặc định var/backups/tdkt-….tar)"
        )

    def handle(self, *args: Any, out: Path | None, **options: Any) -> None:
        self.verbosity = int(options.get("verbosity", 1))
        started = time.monotonic()
        try:
            path, manifest = create_backup(out=out, progress=self._say)
        except DomainError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        except (OperationFailed, OSError) as exc:
            raise CommandError(f"Sao lưu thất bại, không có tệp nào được ghi: {exc}") from exc
        rows = sum(manifest["row_counts"].values())
        self._say(
            self.style.SUCCESS(
                f"Đã sao lưu {vn(rows)} dòng, {vn(len(manifest['media']))} tệp vào {path} "
                f"({size(path.stat().st_size)}, {seconds(time.monotonic() - started)} giây)."
            )
        )

    def _say(self, message: str) -> None:
        if self.verbosity > 0:
            self.stdout.write(message)
