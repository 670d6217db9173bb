"""An import of an .xlsx file: staff lists, past award history and the year's facts (ratings,
discipline, leave, initiatives, unit violations), checked whole, applied whole."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.workflow.machine import Machine
from tdkt.workflow.rows import TransitionRow


class ImportKind(models.TextChoices):
    STAFF = "staff", _("Danh sách cán bộ")
    AWARDS = "awards", _("Lịch sử khen thưởng")
    RATINGS = "ratings", _("Xếp loại chất lượng hằng năm")
    DISCIPLINES = "disciplines", _("Kỷ luật")
    LEAVES = "leaves", _("Thời gian nghỉ")
    INITIATIVES = "initiatives", _("Sáng kiến, đề tài")
    VIOLATIONS = "violations", _("Vi phạm của đơn vị")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ xử lý")
    VALIDATING = "validating", _("Đang kiểm tra")
    REJECTED = "rejected", _("Bị từ chối (tệp có lỗi)")
    NEEDS_RESOLUTION = "needs_resolution", _("Cần xác định cán bộ trùng khớp")
    APPLYING = "applying", _("Đang ghi dữ liệu")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Lỗi hệ thống")
    CANCELLED = "cancelled", _("Đã hủy")


# The only moves an import may make (IMPORT_MACHINE); services refuse any other.
IMPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    ImportStatus.QUEUED: frozenset({ImportStatus.VALIDATING, ImportStatus.CANCELLED}),
    ImportStatus.VALIDATING: frozenset(
        {
            ImportStatus.REJECTED,
            ImportStatus.NEEDS_RESOLUTION,
            ImportStatus.APPLYING,
            ImportStatus.FAILED,
        }
    ),
    ImportStatus.NEEDS_RESOLUTION: frozenset({ImportStatus.QUEUED, ImportStatus.CANCELLED}),
    ImportStatus.APPLYING: frozenset({ImportStatus.DONE, ImportStatus.FAILED}),
    ImportStatus.REJECTED: frozenset(),
    ImportStatus.DONE: frozenset(),
    ImportStatus.FAILED: frozenset(),
    ImportStatus.CANCELLED: frozenset(),
}


class ImportJob(models.Model):
    kind = models.CharField(_("loại"), max_length=16, choices=ImportKind.choices)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    # The year of the facts when the file has no «Năm» column (chosen on the form, or --year).
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    file = models.FileField(_("tệp"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64)
    total_rows = models.PositiveIntegerField(_("số dòng"), default=0)
    processed_rows = models.PositiveIntegerField(_("đã xử lý"), default=0)
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    ambiguities = models.JSONField(_("trùng khớp cần xác định"), default=list, blank=True)
    resolutions = models.JSONField(_("lựa chọn của người dùng"), default=dict, blank=True)
    summary = models.JSONField(_("kết quả"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lần nhập dữ liệu")
        verbose_name_plural = _("nhập dữ liệu")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(processed_rows__lte=models.F("total_rows")),
                name="importjob_progress_bounded",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.original_name}"

    @property
    def progress_percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0


class ImportTransition(TransitionRow):
    """One move of an import's status: who (or the background worker) moved it, when, and why.

    Written by `tdkt.workflow.machine.move` through `imports.services.transition`."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRow.Meta):
        verbose_name = _("chuyển trạng thái nhập dữ liệu")
        verbose_name_plural = _("chuyển trạng thái nhập dữ liệu")
        ordering = ["job", "at", "id"]


# The import's state machine: `imports.services.transition` moves a job only through it.
IMPORT_MACHINE = Machine(
    IMPORT_TRANSITIONS,
    ImportStatus,
    ImportTransition,
    "job",
    "lần nhập",
    finished_field="finished_at",
)
