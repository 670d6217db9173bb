"""A periodic report made in the background (the sector-wide ones): who asked for which report
with which parameters, how far it has got, and the file it produced.

The file is stored under MEDIA_ROOT, which no URL serves: it is downloaded only through
`reports:report_download`, which checks the user's access to the job's unit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.workflow.machine import Machine


class ReportKind(models.TextChoices):
    REVIEW = "tong_ket", _("Báo cáo tổng kết công tác thi đua, khen thưởng")
    AWARDEES = "danh_sach", _("Danh sách khen thưởng trong kỳ")
    SUMMARY = "tong_hop", _("Tổng hợp toàn ngành theo đơn vị sau sắp xếp")
    UNIT_RECORD = "ho_so_don_vi", _("Hồ sơ thành tích của đơn vị")
    PERSON_RECORD = "ho_so_ca_nhan", _("Hồ sơ thành tích của cá nhân")


class ReportFormat(models.TextChoices):
    DOCX = "docx", _("Văn bản Word (.docx)")
    XLSX = "xlsx", _("Bảng tính Excel (.xlsx)")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang lập")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


# The only moves a job may make (REPORT_MACHINE); `reports.services.transition` refuses any other.
REPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    ReportStatus.QUEUED: frozenset({ReportStatus.RUNNING, ReportStatus.FAILED}),
    ReportStatus.RUNNING: frozenset({ReportStatus.DONE, ReportStatus.FAILED}),
    ReportStatus.DONE: frozenset(),
    ReportStatus.FAILED: frozenset(),
}
# A report keeps no transition rows: its request is audited, and the worker is the only mover.
REPORT_MACHINE = Machine(
    REPORT_TRANSITIONS,
    ReportStatus,
    row=None,
    link="",
    noun="báo cáo",
    finished_field="finished_at",
)


class ReportJob(models.Model):
    """One report asked for by a user and made by the background worker."""

    kind = models.CharField(_("báo cáo"), max_length=16, choices=ReportKind.choices)
    fmt = models.CharField(_("định dạng"), max_length=4, choices=ReportFormat.choices)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Đơn vị được báo cáo; với báo cáo toàn ngành là VKSND tối cao."),
    )
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    title = models.CharField(_("tên báo cáo"), max_length=300)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    stage = models.CharField(_("đang làm"), max_length=200, blank=True)
    file = models.FileField(_("tệp"), upload_to="reports/%Y/%m/", max_length=200, blank=True)
    filename = models.CharField(_("tên tệp tải về"), max_length=200, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo lập trong nền")
        verbose_name_plural = _("báo cáo lập trong nền")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="reportjob_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.DONE) | (~Q(file="") & Q(progress=100)),
                name="reportjob_done_has_file",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.FAILED) | ~Q(error=""),
                name="reportjob_failed_has_error",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_running(self) -> bool:
        return self.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)
