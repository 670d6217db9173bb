"""`tdkt import KIND FILE --unit CODE --user USERNAME [--year Y]`: the import of the screen, run
in this process (checked whole, applied whole), for administrators and scripts. KIND is staff,
awards, ratings, disciplines, leaves, initiatives or violations; --year is the facts' year for a
file without a «Năm» column. Exit status 0 when the file was applied, 1 otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from tdkt.errors import DomainError
from tdkt.imports import services
from tdkt.imports.models import ImportKind, ImportStatus
from tdkt.org.models import Unit


class Command(BaseCommand):
    help = (
        "Nhập từ tệp .xlsx: danh sách cán bộ, lịch sử khen thưởng, xếp loại, kỷ luật, thời gian "
        "nghỉ, sáng kiến, vi phạm của đơn vị."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", choices=ImportKind.values)
        parser.add_argument("file", type=Path)
        parser.add_argument("--unit", required=True, help="Mã đơn vị nhập dữ liệu")
        parser.add_argument("--user", required=True, help="Tài khoản thực hiện (có quyền nhập)")
        parser.add_argument(
            "--year", type=int, default=None, help="Năm của dữ liệu khi tệp không có cột «Năm»"
        )

    def handle(
        self,
        *args: Any,
        kind: str,
        file: Path,
        unit: str,
        user: str,
        year: int | None = None,
        **options: Any,
    ) -> None:
        actor = get_user_model().objects.filter(username=user).first()
        target = Unit.objects.filter(code=unit).first()
        if actor is None or target is None:
            raise CommandError("Không tìm thấy tài khoản hoặc đơn vị.")
        try:
            upload = SimpleUploadedFile(file.name, file.read_bytes())
            job = services.submit_import(
                actor=actor, kind=kind, unit=target, upload=upload, year=year
            )
        except (OSError, DomainError) as exc:
            raise CommandError(getattr(exc, "message", str(exc))) from exc
        job.refresh_from_db()
        if job.status == ImportStatus.QUEUED:  # a database queue: run it here, now
            services.process_job(job.pk)
            job.refresh_from_db()
        for error in job.errors:
            self.stderr.write(error["message"])
        summary = {k: v for k, v in job.summary.items() if k != "seconds"}
        self.stdout.write(f"{job.get_status_display()} (#{job.pk}) {summary}")
        written = summary.get("created", 0) + summary.get("corrected", 0)
        if job.status == ImportStatus.DONE and "corrected" in summary and not written:
            self.stdout.write("Không có thay đổi: dữ liệu của tệp đã có đúng như vậy.")
        if job.status != ImportStatus.DONE:
            raise CommandError(job.get_status_display())
