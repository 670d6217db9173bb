from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """The last sign of life of one background worker process (`tdkt worker`).

    A worker writes its row every few seconds and deletes it when it stops cleanly; /healthz reads
    the most recent `seen_at`. Rows of workers that died are pruned when a worker starts."""

    worker_id = models.CharField(_("mã tiến trình"), max_length=64, unique=True)
    hostname = models.CharField(_("máy"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("số tiến trình"))
    started_at = models.DateTimeField(_("bắt đầu lúc"))
    seen_at = models.DateTimeField(_("lần cuối lúc"), db_index=True)

    class Meta:
        verbose_name = _("nhịp của tiến trình nền")
        verbose_name_plural = _("nhịp của các tiến trình nền")

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid}"


class Restoration(models.Model):
    """A database brought back from a `tdkt backup` archive: the trace the audit entry points to,
    so that the audit trail says from which moment the data comes and what was lost after it."""

    restored_at = models.DateTimeField(_("khôi phục lúc"), auto_now_add=True)
    archive_name = models.CharField(_("tệp sao lưu"), max_length=255)
    archive_created_at = models.DateTimeField(_("thời điểm sao lưu"))
    engine = models.CharField(_("hệ quản trị"), max_length=20)
    rows = models.PositiveBigIntegerField(_("số dòng"))
    files = models.PositiveIntegerField(_("số tệp"))

    class Meta:
        verbose_name = _("lần khôi phục dữ liệu")
        verbose_name_plural = _("các lần khôi phục dữ liệu")
        ordering = ["-restored_at"]

    def __str__(self) -> str:
        return f"Khôi phục từ {self.archive_name}"
