"""Nomination dossiers (hồ sơ đề nghị khen thưởng): their candidates, the components each award
needs, the hops up the levels, and the public comment on the candidate list.

No workflow here: statuses change only through the kernel's `move` (`tdkt.workflow.machine`) with
`DOSSIER_MACHINE`, called by the services."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.records.models import AWARD_CHOICES, ONE_SUBJECT
from tdkt.workflow.machine import Machine
from tdkt.workflow.rows import TransitionRow


class DossierKind(models.TextChoices):
    YEARLY = "cong_trang", _("Khen thưởng công trạng hằng năm")
    MOVEMENT = "phong_trao", _("Khen thưởng theo đợt, chuyên đề (phong trào thi đua)")
    SUDDEN = "dot_xuat", _("Khen thưởng đột xuất (thủ tục đơn giản)")
    CONTRIBUTION = "cong_hien", _("Khen thưởng quá trình cống hiến")
    COMMEMORATIVE = "ky_niem_chuong", _("Kỷ niệm chương")


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã gửi, chờ tiếp nhận")
    RECEIVED = "received", _("Đã tiếp nhận")
    RETURNED = "returned", _("Bị trả lại")
    COUNCIL_REVIEW = "council_review", _("Hội đồng đang xét")
    AT_STATE = "at_state", _("Đã trình cấp Nhà nước, chờ quyết định")
    DECIDED = "decided", _("Đã có kết quả")
    WITHDRAWN = "withdrawn", _("Đã rút")


S = DossierStatus
# The only moves a dossier may make (workflows §5). SUBMITTED → SUBMITTED is not a move: forwarding
# a received dossier to the level above goes RECEIVED (or COUNCIL_REVIEW) → SUBMITTED. After the
# sector's council, the State's forms and titles go to the Government (AT_STATE) and the dossier
# waits there, out of the sector's hands, until the external decision is recorded.
DOSSIER_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.RECEIVED, S.RETURNED, S.WITHDRAWN}),
    S.RETURNED: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.RECEIVED: frozenset({S.RETURNED, S.SUBMITTED, S.COUNCIL_REVIEW}),
    S.COUNCIL_REVIEW: frozenset({S.DECIDED, S.SUBMITTED, S.RETURNED, S.AT_STATE}),
    S.AT_STATE: frozenset({S.DECIDED}),
    S.DECIDED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
# Moves that need a coded reason of at least 20 characters.
DOSSIER_NEEDS_REASON = frozenset(
    {
        (S.SUBMITTED, S.RETURNED),
        (S.RECEIVED, S.RETURNED),
        (S.COUNCIL_REVIEW, S.RETURNED),
        (S.DRAFT, S.WITHDRAWN),
        (S.SUBMITTED, S.WITHDRAWN),
        (S.RETURNED, S.WITHDRAWN),
    }
)
# While the author may change the dossier's contents.
EDITABLE = frozenset({S.DRAFT, S.RETURNED})


class Dossier(models.Model):
    """One proposing unit's proposal for one kind of commendation and one year, sent up the
    levels one hop at a time (`DossierHop`); `receiver` is the unit that holds it now."""

    kind = models.CharField(_("loại hình khen thưởng"), max_length=16, choices=DossierKind.choices)
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    title = models.CharField(_("trích yếu"), max_length=300)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị đề nghị"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    receiver = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị đang xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="received_dossiers",
    )
    movement = models.ForeignKey(
        "movements.Movement",
        verbose_name=_("phong trào thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    status = models.CharField(
        _("trạng thái"), max_length=24, choices=DossierStatus.choices, default=S.DRAFT
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    number = models.CharField(_("số tờ trình"), max_length=30, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=30, default="TTr-VKS")
    signer_name = models.CharField(_("người ký tờ trình"), max_length=150, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    summary = models.TextField(_("nội dung tờ trình"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now)
    submitted_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    verdicts_as_of = models.DateField(_("ngày xét điều kiện"), null=True, blank=True)
    # Sent beyond the sector, for the forms and titles the Prime Minister or the President decides.
    state_sent_on = models.DateField(_("ngày trình cấp Nhà nước"), null=True, blank=True)
    state_number = models.CharField(_("số tờ trình cấp Nhà nước"), max_length=30, blank=True)
    state_body = models.CharField(_("cơ quan nhận hồ sơ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "receiver"]), models.Index(fields=["year"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1945, year__lte=2100), name="dossier_year_sane"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="dossier_version_positive"),
            models.CheckConstraint(
                # A draft withdrawn before it was ever sent has no receiver either.
                condition=Q(status__in=[S.DRAFT, S.WITHDRAWN]) | Q(receiver__isnull=False),
                name="dossier_sent_has_receiver",
            ),
            models.CheckConstraint(
                condition=Q(kind=DossierKind.MOVEMENT) | Q(movement__isnull=True),
                name="dossier_movement_only_for_movement_kind",
            ),
            models.CheckConstraint(
                condition=~Q(status=S.AT_STATE) | Q(state_sent_on__isnull=False),
                name="dossier_at_state_has_sending_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def code(self) -> str:
        return f"HS-{self.year}-{self.pk:05d}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def is_final(self) -> bool:
        return not DOSSIER_TRANSITIONS[self.status]


class DossierTransition(TransitionRow):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRow.Meta):
        verbose_name = _("chuyển trạng thái hồ sơ")
        verbose_name_plural = _("chuyển trạng thái hồ sơ")


DOSSIER_MACHINE = Machine(
    DOSSIER_TRANSITIONS,
    DossierStatus,
    DossierTransition,
    link="dossier",
    noun="hồ sơ",
    needs_reason=DOSSIER_NEEDS_REASON,
)


class HopOutcome(models.TextChoices):
    PENDING = "pending", _("Đang xử lý")
    RETURNED = "returned", _("Trả lại")
    FORWARDED = "forwarded", _("Chuyển lên cấp trên")
    COUNCIL = "council", _("Đưa ra Hội đồng")
    STATE = "state", _("Trình cấp Nhà nước")
    WITHDRAWN = "withdrawn", _("Đơn vị rút hồ sơ")


class DossierHop(models.Model):
    """One sender → receiver step of a dossier's way up (workflows §5, one row per hop)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="hops")
    seq = models.PositiveSmallIntegerField(_("thứ tự"))
    sender = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị gửi"), on_delete=models.PROTECT, related_name="+"
    )
    receiver = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị nhận"), on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("gửi lúc"))
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    outcome = models.CharField(
        _("kết quả"), max_length=12, choices=HopOutcome.choices, default=HopOutcome.PENDING
    )

    class Meta:
        verbose_name = _("bước chuyển hồ sơ")
        verbose_name_plural = _("bước chuyển hồ sơ")
        ordering = ["dossier", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "seq"], name="dossierhop_unique_seq"),
            models.CheckConstraint(
                condition=~Q(sender=F("receiver")), name="dossierhop_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender_id} → {self.receiver_id}"


class VerdictStatus(models.TextChoices):
    ELIGIBLE = "eligible", _("Đủ điều kiện")
    NEEDS_REVIEW = "needs_review", _("Cần xem xét")
    INELIGIBLE = "ineligible", _("Không đủ điều kiện")


class CouncilResult(models.TextChoices):
    PENDING = "", _("Chưa xét")
    PASSED = "passed", _("Hội đồng thông qua")
    NOT_PASSED = "not_passed", _("Hội đồng không thông qua")


class StateResult(models.TextChoices):
    """What the Prime Minister's or the President's decision said of a candidate sent to it."""

    PENDING = "", _("Chưa có quyết định")
    AWARDED = "awarded", _("Được cấp Nhà nước khen thưởng")
    REFUSED = "refused", _("Cấp Nhà nước không khen thưởng")


class Candidate(models.Model):
    """A person or a unit named in a dossier with the award asked for, and what the engine found
    when the dossier was submitted (`verdict`, with its regime): later rule changes do not
    rewrite what the council was shown."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidacies",
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidacies",
    )
    award = models.CharField(
        _("danh hiệu, hình thức đề nghị"), max_length=12, choices=AWARD_CHOICES
    )
    name = models.CharField(_("họ tên, tên tập thể"), max_length=200)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    unit_name = models.CharField(_("đơn vị công tác"), max_length=200, blank=True)
    # In a sudden dossier the summary describes the outstanding act itself, done on `act_on`.
    achievement = models.TextField(_("tóm tắt thành tích"), blank=True)
    act_on = models.DateField(_("ngày lập thành tích đột xuất"), null=True, blank=True)
    justification = models.TextField(_("giải trình"), blank=True)
    initiatives = models.ManyToManyField(
        "records.Initiative",
        verbose_name=_("sáng kiến, đề tài làm căn cứ"),
        blank=True,
        related_name="candidacies",
    )
    verdict = models.JSONField(_("kết quả xét điều kiện"), null=True, blank=True)
    verdict_status = models.CharField(
        _("điều kiện"), max_length=14, choices=VerdictStatus.choices, blank=True
    )
    verdict_regime = models.CharField(_("chế độ pháp lý"), max_length=20, blank=True)
    verdict_as_of = models.DateField(_("ngày xét điều kiện"), null=True, blank=True)
    council_result = models.CharField(
        _("kết quả tại Hội đồng"),
        max_length=12,
        choices=CouncilResult.choices,
        default=CouncilResult.PENDING,
        blank=True,
    )
    state_result = models.CharField(
        _("kết quả ở cấp Nhà nước"),
        max_length=10,
        choices=StateResult.choices,
        default=StateResult.PENDING,
        blank=True,
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("người, tập thể được đề nghị")
        verbose_name_plural = _("người, tập thể được đề nghị")
        ordering = ["dossier", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=ONE_SUBJECT, name="candidate_one_subject"),
            models.CheckConstraint(
                # Only what the sector's council passed goes to the State.
                condition=Q(state_result="") | Q(council_result=CouncilResult.PASSED),
                name="candidate_state_result_after_council",
            ),
            models.UniqueConstraint(
                fields=["dossier", "person", "award"],
                condition=Q(person__isnull=False),
                name="candidate_person_once_per_dossier",
            ),
            models.UniqueConstraint(
                fields=["dossier", "unit", "award"],
                condition=Q(unit__isnull=False),
                name="candidate_unit_once_per_dossier",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.get_award_display()}"

    @property
    def is_person(self) -> bool:
        return self.person_id is not None

    @property
    def reasons(self) -> list[dict[str, object]]:
        return list((self.verdict or {}).get("reasons", []))

    @property
    def failed_reasons(self) -> list[dict[str, object]]:
        return [r for r in self.reasons if r.get("passed") is False]

    @property
    def open_reasons(self) -> list[dict[str, object]]:
        return [r for r in self.reasons if r.get("passed") is None]


class ComponentKind(models.TextChoices):
    PROPOSAL = "to_trinh", _("Tờ trình đề nghị khen thưởng")
    REPORT = "bao_cao", _("Báo cáo thành tích")
    MINUTES = "bien_ban", _("Biên bản họp xét (kèm kết quả bỏ phiếu)")
    INITIATIVE = "sang_kien", _("Minh chứng sáng kiến, đề tài")
    RATING = "xep_loai", _("Minh chứng xếp loại hoàn thành xuất sắc nhiệm vụ")
    ACHIEVEMENT = "thanh_tich", _("Xác nhận thành tích đột xuất")
    OTHER = "khac", _("Tài liệu khác")


class Component(models.Model):
    """An uploaded file of a dossier (a signed tờ trình, minutes, proof). Append-only: a new
    upload of the same kind replaces the earlier one for reading, and the earlier one stays."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="components")
    candidate = models.ForeignKey(
        Candidate,
        verbose_name=_("của người, tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="components",
    )
    kind = models.CharField(_("thành phần"), max_length=12, choices=ComponentKind.choices)
    file = models.FileField(_("tệp"), upload_to="ho-so/%Y/%m/", max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("kiểu tệp"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["dossier", "kind", "-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="component_not_empty"),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="component_sha256_hex"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"


class CommentPeriod(models.Model):
    """The candidate list of a dossier published for public comment (công khai, lấy ý kiến) from
    `starts_on` to `ends_on` inclusive, at a public address (`token`) that needs no login."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="comment_periods")
    token = models.UUIDField(_("mã trang công khai"), default=uuid.uuid4, unique=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến hết ngày"))
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))
    channels = models.CharField(_("nơi đăng tải"), max_length=300, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đăng"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("đăng lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("đợt lấy ý kiến")
        verbose_name_plural = _("đợt lấy ý kiến")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="commentperiod_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(working_days__gte=1), name="commentperiod_days_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier} ({self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y})"

    def is_open_on(self, day: object) -> bool:
        return self.starts_on <= day <= self.ends_on  # type: ignore[operator]


class Stance(models.TextChoices):
    APPROVE = "approve", _("Tán thành")
    OPINION = "opinion", _("Có ý kiến khác")
    OPPOSE = "oppose", _("Không tán thành")


class PublicComment(models.Model):
    """A comment from the public: shown to the officers and the council, never in public."""

    period = models.ForeignKey(CommentPeriod, on_delete=models.PROTECT, related_name="comments")
    candidate = models.ForeignKey(
        Candidate,
        verbose_name=_("về người, tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="public_comments",
    )
    stance = models.CharField(_("ý kiến"), max_length=10, choices=Stance.choices)
    text = models.TextField(_("nội dung"))
    name = models.CharField(_("họ tên người góp ý"), max_length=150, blank=True)
    contact = models.CharField(_("địa chỉ, điện thoại, thư điện tử"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)
    client_key = models.CharField(max_length=64, editable=False, db_index=True)

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["period", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_stance_display()}: {self.text[:50]}"
