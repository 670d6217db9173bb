"""Inspecting units' emulation work (kiểm tra công tác thi đua, khen thưởng): a yearly plan of a
superior unit or of a cluster/block's leading unit, the units it inspects with their dates, the
checklist drawn from the regulations, the team; each inspected unit's self-report (prefilled from
the records) and evidence; findings per checklist item, the conclusion, and recommendations whose
fixing the inspected unit reports and the inspecting side accepts.

No workflow here: statuses change only through the kernel's `move` with `INSPECTION_MACHINE` and
`RECOMMENDATION_MACHINE`, called by `inspections.services`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.workflow.machine import Machine
from tdkt.workflow.rows import TransitionRow

YEAR_SANE = Q(year__gte=1945, year__lte=2100)


class InspectionStatus(models.TextChoices):
    DRAFT = "du_thao", _("Dự thảo kế hoạch")
    APPROVED = "da_duyet", _("Đã duyệt kế hoạch")
    INSPECTING = "dang_kiem_tra", _("Đang kiểm tra")
    CONCLUDED = "da_ket_luan", _("Đã kết luận, theo dõi khắc phục")
    CLOSED = "da_dong", _("Đã kết thúc")


S = InspectionStatus
# The only moves an inspection may make; a plan approved by mistake goes back to its drafters
# with a coded reason.
INSPECTION_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.APPROVED}),
    S.APPROVED: frozenset({S.INSPECTING, S.DRAFT}),
    S.INSPECTING: frozenset({S.CONCLUDED}),
    S.CONCLUDED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}
INSPECTION_NEEDS_REASON = frozenset({(S.APPROVED, S.DRAFT)})


class Inspection(models.Model):
    """One inspection plan (kế hoạch kiểm tra) of `inspector` for `year`, covering the period
    `starts_on`–`ends_on`; for a cluster or block (`cluster`) the inspector is its leading unit."""

    inspector = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị kiểm tra"),
        on_delete=models.PROTECT,
        related_name="inspections_made",
    )
    cluster = models.ForeignKey(
        "org.Cluster",
        verbose_name=_("cụm, khối thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("trích yếu"), max_length=300)
    starts_on = models.DateField(_("kỳ kiểm tra từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    basis = models.TextField(_("căn cứ"), blank=True)
    purpose = models.TextField(_("mục đích, yêu cầu"), blank=True)
    method = models.TextField(_("phương pháp, cách thức kiểm tra"), blank=True)
    number = models.CharField(_("số kế hoạch"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="KH-VKS")
    place = models.CharField(_("địa danh"), max_length=80, blank=True)
    signed_on = models.DateField(_("ngày ký kế hoạch"), null=True, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    conclusion = models.TextField(_("kết luận chung"), blank=True)
    conclusion_number = models.CharField(_("số kết luận"), max_length=20, blank=True)
    conclusion_symbol = models.CharField(_("ký hiệu kết luận"), max_length=40, default="KL-VKS")
    concluded_on = models.DateField(_("ngày kết luận"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=InspectionStatus.choices, default=S.DRAFT
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now)
    updated_at = models.DateTimeField(_("cập nhật lúc"), default=timezone.now)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("kế hoạch kiểm tra")
        verbose_name_plural = _("kiểm tra công tác thi đua, khen thưởng")
        ordering = ["-year", "-created_at", "-id"]
        indexes = [models.Index(fields=["year", "status"])]
        constraints = [
            models.CheckConstraint(condition=YEAR_SANE, name="inspection_year_sane"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="inspection_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def number_symbol(self) -> str:
        return f"{self.number}/{self.symbol}" if self.number else ""

    @property
    def conclusion_number_symbol(self) -> str:
        if not self.conclusion_number:
            return ""
        return f"{self.conclusion_number}/{self.conclusion_symbol}"


class InspectionTransition(TransitionRow):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRow.Meta):
        verbose_name = _("chuyển trạng thái kiểm tra")
        verbose_name_plural = _("chuyển trạng thái kiểm tra")


INSPECTION_MACHINE = Machine(
    INSPECTION_TRANSITIONS,
    InspectionStatus,
    InspectionTransition,
    "inspection",
    "kế hoạch kiểm tra",
    needs_reason=INSPECTION_NEEDS_REASON,
    finished_field="closed_at",
)


class ChecklistItem(models.Model):
    """One content of the inspection (nội dung kiểm tra), with the rule it checks."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã"), max_length=20)
    text = models.CharField(_("nội dung kiểm tra"), max_length=500)
    citation = models.CharField(_("căn cứ quy định"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("nội dung kiểm tra")
        verbose_name_plural = _("nội dung kiểm tra")
        ordering = ["inspection", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "code"], name="checklist_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text}"


class TeamRole(models.TextChoices):
    HEAD = "truong_doan", _("Trưởng đoàn")
    MEMBER = "thanh_vien", _("Thành viên")
    SECRETARY = "thu_ky", _("Thư ký")


class TeamMember(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("vai trò"), max_length=12, choices=TeamRole.choices)
    # The post and unit as the plan prints them, kept as they were on the day.
    post = models.CharField(_("chức vụ, đơn vị"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("thành viên đoàn kiểm tra")
        verbose_name_plural = _("đoàn kiểm tra")
        ordering = ["inspection", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "person"], name="team_person_once"),
            models.UniqueConstraint(
                fields=["inspection"], condition=Q(role="truong_doan"), name="team_one_head"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"


class Target(models.Model):
    """A unit the inspection visits (on `scheduled_on`), with its self-report: a text per section
    of `SELF_REPORT_SECTIONS` and, once sent, the figures the system showed it."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị được kiểm tra"),
        on_delete=models.PROTECT,
        related_name="inspections_received",
    )
    scheduled_on = models.DateField(_("ngày kiểm tra"), null=True, blank=True)
    self_report = models.JSONField(_("báo cáo tự kiểm tra"), default=dict, blank=True)
    self_report_figures = models.JSONField(_("số liệu khi gửi báo cáo"), null=True, blank=True)
    self_report_saved_at = models.DateTimeField(_("lưu báo cáo lúc"), null=True, blank=True)
    self_report_submitted_at = models.DateTimeField(_("gửi báo cáo lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    class Meta:
        verbose_name = _("đơn vị được kiểm tra")
        verbose_name_plural = _("đơn vị được kiểm tra")
        ordering = ["inspection", "scheduled_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "unit"], name="target_unit_once")
        ]

    def __str__(self) -> str:
        return str(self.unit)


class Evidence(models.Model):
    """A file the inspected unit sends as proof. Never deleted: a file sent by mistake is
    withdrawn (and stays, marked so)."""

    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(_("tệp"), upload_to="kiem-tra/%Y/%m/", max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("kiểu tệp"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)
    withdrawn = models.BooleanField(_("đã rút"), default=False)
    withdrawn_at = models.DateTimeField(_("rút lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tài liệu minh chứng")
        verbose_name_plural = _("tài liệu minh chứng")
        ordering = ["target", "-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="evidence_not_empty"),
        ]

    def __str__(self) -> str:
        return self.original_name


class Verdict(models.TextChoices):
    PASSED = "dat", _("Đạt")
    LIMITED = "han_che", _("Có hạn chế")
    VIOLATION = "vi_pham", _("Vi phạm")


class Finding(models.Model):
    """What the team found on one checklist item at one inspected unit."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="findings")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="findings")
    verdict = models.CharField(_("kết quả"), max_length=8, choices=Verdict.choices)
    text = models.TextField(_("nhận xét"), blank=True)
    # Set when the violation was turned into one counted against the unit (records).
    violation = models.ForeignKey(
        "records.UnitViolation",
        verbose_name=_("vi phạm của đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("ghi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("kết quả kiểm tra")
        verbose_name_plural = _("kết quả kiểm tra")
        ordering = ["target", "item__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["target", "item"], name="finding_once_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.get_verdict_display()}"


class RecommendationStatus(models.TextChoices):
    OPEN = "dang_khac_phuc", _("Đang khắc phục")
    REPORTED = "da_bao_cao", _("Đơn vị đã báo cáo khắc phục")
    ACCEPTED = "da_chap_nhan", _("Đã chấp nhận kết quả khắc phục")


R = RecommendationStatus
RECOMMENDATION_TRANSITIONS: dict[str, frozenset[str]] = {
    R.OPEN: frozenset({R.REPORTED}),
    R.REPORTED: frozenset({R.ACCEPTED, R.OPEN}),
    R.ACCEPTED: frozenset(),
}


class Recommendation(models.Model):
    """A kiến nghị of the conclusion: what `responsible` must fix by `deadline`."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="recommendations")
    finding = models.ForeignKey(
        Finding, null=True, blank=True, on_delete=models.SET_NULL, related_name="recommendations"
    )
    text = models.TextField(_("nội dung kiến nghị"))
    deadline = models.DateField(_("thời hạn khắc phục"))
    responsible = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị chịu trách nhiệm"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=RecommendationStatus.choices, default=R.OPEN
    )
    fix_report = models.TextField(_("kết quả khắc phục"), blank=True)
    fixed_on = models.DateField(_("ngày khắc phục xong"), null=True, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now)
    accepted_at = models.DateTimeField(_("chấp nhận lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        ordering = ["target", "deadline", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class RecommendationTransition(TransitionRow):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="transitions"
    )

    class Meta(TransitionRow.Meta):
        verbose_name = _("chuyển trạng thái kiến nghị")
        verbose_name_plural = _("chuyển trạng thái kiến nghị")


RECOMMENDATION_MACHINE = Machine(
    RECOMMENDATION_TRANSITIONS,
    RecommendationStatus,
    RecommendationTransition,
    "recommendation",
    "kiến nghị",
    needs_reason=frozenset({(R.REPORTED, R.OPEN)}),
    finished_field="accepted_at",
)
