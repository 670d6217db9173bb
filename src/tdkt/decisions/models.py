"""Award decisions (quyết định khen thưởng) made from a council's result: the awardees with their
reward money, the signature that writes them into the ledger, revocation, and the per-issuer
layout of the printed certificates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.records.models import AWARD_CHOICES, ONE_SUBJECT, DecisionLevel
from tdkt.workflow.reasons import ReasonCode
from tdkt.workflow.rows import TransitionRow


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PENDING = "pending_signature", _("Chờ ký")
    SIGNED = "signed", _("Đã ký ban hành")
    REVOKED = "revoked", _("Đã hủy bỏ")


D = DecisionStatus
DECISION_TRANSITIONS: dict[str, frozenset[str]] = {
    D.DRAFT: frozenset({D.PENDING}),
    D.PENDING: frozenset({D.DRAFT, D.SIGNED}),
    D.SIGNED: frozenset({D.REVOKED}),
    D.REVOKED: frozenset(),
}
# A revocation (signed → revoked) carries its legal ground instead (`RevocationGround`, Điều 93),
# checked by the revoking service.
DECISION_NEEDS_REASON = frozenset({(D.PENDING, D.DRAFT)})


class RevocationGround(models.TextChoices):
    """Luật Thi đua, khen thưởng 2022, Điều 93 khoản 2."""

    DISHONEST = "a_khai_man", _("a) Gian dối trong việc kê khai thành tích")
    FORGED = "b_gia_mao", _("b) Làm giả hồ sơ, giấy tờ, thông tin sai sự thật")
    UNLAWFUL = "c_trai_luat", _("c) Thẩm định, xét duyệt, đề nghị trái pháp luật")
    VIOLATION = "d_vi_pham", _("d) Có kết luận vi phạm trong thời gian lập thành tích")


class Decision(models.Model):
    issuer = models.ForeignKey(
        "org.Unit",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="award_decisions",
    )
    meeting = models.ForeignKey(
        "council.Meeting",
        verbose_name=_("căn cứ biên bản họp Hội đồng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    level = models.CharField(_("cấp quyết định"), max_length=10, choices=DecisionLevel.choices)
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    title = models.CharField(_("trích yếu"), max_length=300)
    number = models.CharField(_("số"), max_length=30, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=30, default="QĐ-VKS")
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=DecisionStatus.choices, default=D.DRAFT
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    record = models.OneToOneField(
        "records.AwardDecision",
        verbose_name=_("quyết định trong sổ khen thưởng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="workflow_decision",
    )
    revoked_on = models.DateField(_("ngày hủy bỏ"), null=True, blank=True)
    revocation_ground = models.CharField(
        _("căn cứ hủy bỏ"), max_length=14, choices=RevocationGround.choices, blank=True
    )
    revocation_reason = models.TextField(_("lý do hủy bỏ"), blank=True)
    revocation_number = models.CharField(_("quyết định hủy bỏ"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[D.DRAFT, D.PENDING])
                | (~Q(number="") & Q(signed_on__isnull=False) & Q(record__isnull=False)),
                name="decision_signed_has_number_date_record",
            ),
            models.CheckConstraint(
                condition=~Q(status=D.REVOKED)
                | (Q(revoked_on__isnull=False) & ~Q(revocation_reason="")),
                name="decision_revoked_has_date_reason",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="decision_version_positive"),
        ]

    def __str__(self) -> str:
        if self.number:
            day = f" ngày {self.signed_on:%d/%m/%Y}" if self.signed_on else ""
            return f"Quyết định số {self.number}/{self.symbol}{day}"
        return str(_("Dự thảo quyết định: %(t)s") % {"t": self.title})

    @property
    def number_symbol(self) -> str:
        return f"{self.number}/{self.symbol}" if self.number else ""


# A decision's moves are coded with the reasons of every return, and its revocation with the
# legal ground of Điều 93.
DECISION_REASONS = [*ReasonCode.choices, *RevocationGround.choices]


class DecisionTransition(TransitionRow):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="transitions")
    reason_code = models.CharField(
        _("mã lý do"), max_length=24, choices=DECISION_REASONS, blank=True
    )

    class Meta(TransitionRow.Meta):
        verbose_name = _("chuyển trạng thái quyết định")
        verbose_name_plural = _("chuyển trạng thái quyết định")


class MoneyStatus(models.TextChoices):
    UNPAID = "unpaid", _("Chưa chi")
    PAID = "paid", _("Đã chi")
    TO_RECOVER = "to_recover", _("Phải thu hồi")
    RECOVERED = "recovered", _("Đã thu hồi")
    CANCELLED = "cancelled", _("Không chi (khen thưởng bị hủy bỏ)")


class Awardee(models.Model):
    """One line of a decision: who gets which award, and the reward computed when it is signed
    (coefficient × base salary in force on the signing day, rounded as the parameters say)."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="awardees")
    candidate = models.ForeignKey(
        "nominations.Candidate", on_delete=models.PROTECT, related_name="awardees"
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    award = models.CharField(_("danh hiệu, hình thức"), max_length=12, choices=AWARD_CHOICES)
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    name = models.CharField(_("họ tên, tên tập thể"), max_length=200)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    unit_name = models.CharField(_("đơn vị"), max_length=200, blank=True)
    achievement = models.TextField(_("tóm tắt thành tích"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    amount = models.PositiveIntegerField(_("tiền thưởng (đồng)"), null=True, blank=True)
    coefficient = models.DecimalField(
        _("hệ số"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    base_salary = models.PositiveIntegerField(_("mức lương cơ sở"), null=True, blank=True)
    money_citation = models.TextField(_("căn cứ tính tiền thưởng"), blank=True)
    entry = models.OneToOneField(
        "records.AwardEntry",
        verbose_name=_("dòng sổ khen thưởng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awardee",
    )
    money_status = models.CharField(
        _("tiền thưởng"), max_length=12, choices=MoneyStatus.choices, default=MoneyStatus.UNPAID
    )
    paid_on = models.DateField(_("ngày chi"), null=True, blank=True)
    printed_at = models.DateTimeField(_("in lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("người, tập thể được khen thưởng")
        verbose_name_plural = _("danh sách khen thưởng")
        ordering = ["decision", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=ONE_SUBJECT, name="awardee_one_subject"),
            models.UniqueConstraint(
                fields=["decision", "candidate"], name="awardee_once_per_decision"
            ),
            models.CheckConstraint(
                condition=~Q(money_status__in=["paid", "to_recover", "recovered"])
                | Q(paid_on__isnull=False),
                name="awardee_paid_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.get_award_display()}"


class CertificateLayout(models.Model):
    """How one issuer's certificates are placed on the page, to fit its pre-printed blanks:
    margins and the vertical position of each block, in millimetres on an A4 landscape sheet.
    With `preprinted` only the variable text is printed (the blank carries the rest)."""

    issuer = models.OneToOneField(
        "org.Unit", on_delete=models.PROTECT, related_name="certificate_layout"
    )
    preprinted = models.BooleanField(_("in trên phôi in sẵn"), default=False)
    margin_top_mm = models.DecimalField(
        _("lề trên (mm)"), max_digits=5, decimal_places=1, default=18
    )
    margin_left_mm = models.DecimalField(
        _("lề trái (mm)"), max_digits=5, decimal_places=1, default=22
    )
    margin_right_mm = models.DecimalField(
        _("lề phải (mm)"), max_digits=5, decimal_places=1, default=22
    )
    name_top_mm = models.DecimalField(
        _("dòng họ tên cách mép trên (mm)"), max_digits=5, decimal_places=1, default=92
    )
    body_top_mm = models.DecimalField(
        _("dòng thành tích cách mép trên (mm)"), max_digits=5, decimal_places=1, default=118
    )
    signature_top_mm = models.DecimalField(
        _("khối chữ ký cách mép trên (mm)"), max_digits=5, decimal_places=1, default=150
    )
    name_size_pt = models.PositiveSmallIntegerField(_("cỡ chữ họ tên (pt)"), default=26)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("căn chỉnh in Bằng khen, Giấy khen")
        verbose_name_plural = _("căn chỉnh in Bằng khen, Giấy khen")
        constraints = [
            models.CheckConstraint(
                condition=Q(margin_top_mm__gte=0, margin_top_mm__lte=100)
                & Q(margin_left_mm__gte=0, margin_left_mm__lte=100)
                & Q(margin_right_mm__gte=0, margin_right_mm__lte=100),
                name="layout_margins_on_the_page",
            ),
            models.CheckConstraint(
                condition=Q(name_top_mm__lt=models.F("body_top_mm"))
                & Q(body_top_mm__lt=models.F("signature_top_mm"))
                & Q(signature_top_mm__lte=190),
                name="layout_lines_in_order",
            ),
            models.CheckConstraint(
                condition=Q(name_size_pt__gte=10, name_size_pt__lte=48), name="layout_name_size"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issuer}"


class StateSigner(models.TextChoices):
    """Who signs the State's decisions on the forms and titles the sector proposes."""

    PRIME_MINISTER = "thu_tuong", _("Thủ tướng Chính phủ")
    PRESIDENT = "chu_tich_nuoc", _("Chủ tịch nước")


class MoneyPayer(models.TextChoices):
    STATE = "state", _("Ngân sách nhà nước, qua cơ quan ban hành quyết định")
    SECTOR = "sector", _("Ngành Kiểm sát nhân dân chi (quỹ thi đua, khen thưởng)")


class StateDecision(models.Model):
    """A decision of the Prime Minister or the President on candidates of one dossier the sector
    sent up, as VKSND tối cao records it when it arrives: the decision itself (also written in
    the ledger when it awards anyone), who pays the reward, and one line per candidate it
    answers. One external decision covering several dossiers is recorded once per dossier; the
    ledger keeps it once."""

    dossier = models.ForeignKey(
        "nominations.Dossier",
        verbose_name=_("hồ sơ đề nghị"),
        on_delete=models.PROTECT,
        related_name="state_decisions",
    )
    number = models.CharField(_("số quyết định"), max_length=60)
    decided_on = models.DateField(_("ngày quyết định"))
    signer = models.CharField(_("cấp quyết định"), max_length=14, choices=StateSigner.choices)
    signer_name = models.CharField(_("người ký"), max_length=150)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150)
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=200)
    payer = models.CharField(_("nguồn chi tiền thưởng"), max_length=8, choices=MoneyPayer.choices)
    record = models.ForeignKey(
        "records.AwardDecision",
        verbose_name=_("quyết định trong sổ khen thưởng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="state_decisions",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("quyết định khen thưởng của cấp Nhà nước")
        verbose_name_plural = _("quyết định khen thưởng của cấp Nhà nước")
        ordering = ["decided_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "number", "decided_on"], name="state_decision_once_per_dossier"
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Quyết định số %(n)s ngày %(d)s của %(i)s")
            % {"n": self.number, "d": f"{self.decided_on:%d/%m/%Y}", "i": self.issuer_name}
        )


class StateDecisionLine(models.Model):
    """What a State decision said of one candidate sent: awarded (a ledger line, the reward
    computed on the decision day) or not. A candidate gets one answer."""

    decision = models.ForeignKey(StateDecision, on_delete=models.PROTECT, related_name="lines")
    candidate = models.OneToOneField(
        "nominations.Candidate", on_delete=models.PROTECT, related_name="state_line"
    )
    awarded = models.BooleanField(_("được khen thưởng"))
    entry = models.OneToOneField(
        "records.AwardEntry",
        verbose_name=_("dòng sổ khen thưởng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="state_line",
    )
    amount = models.PositiveIntegerField(_("tiền thưởng (đồng)"), null=True, blank=True)
    coefficient = models.DecimalField(
        _("hệ số"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    base_salary = models.PositiveIntegerField(_("mức lương cơ sở"), null=True, blank=True)
    money_citation = models.TextField(_("căn cứ tính tiền thưởng"), blank=True)

    class Meta:
        verbose_name = _("kết quả của người, tập thể ở cấp Nhà nước")
        verbose_name_plural = _("kết quả ở cấp Nhà nước")
        ordering = ["decision", "-awarded", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(awarded=True, entry__isnull=False)
                | Q(awarded=False, entry__isnull=True, amount__isnull=True),
                name="state_line_awarded_has_ledger_entry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id}: {'+' if self.awarded else '-'}"
