"""A movement (phong trào thi đua): launched by a unit, answered by each receiving unit with its
implementing plan, measured by indicators, reviewed (sơ kết) and closed (tổng kết)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.records.models import AWARD_CHOICES
from tdkt.workflow.rows import TransitionRow


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên, hằng năm")
    WAVE = "wave", _("Theo đợt")
    THEMATIC = "thematic", _("Chuyên đề")
    SPECIAL = "special", _("Đặc biệt")


class MovementStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    LAUNCHED = "launched", _("Đã phát động")
    RUNNING = "running", _("Đang triển khai")
    REVIEWED = "reviewed", _("Đã sơ kết")
    CLOSED = "closed", _("Đã tổng kết")
    CANCELLED = "cancelled", _("Đã hủy")


# The only moves a movement may make. A sơ kết may follow another (reviewed → reviewed).
MOVEMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    MovementStatus.DRAFT: frozenset({MovementStatus.LAUNCHED, MovementStatus.CANCELLED}),
    MovementStatus.LAUNCHED: frozenset({MovementStatus.RUNNING}),
    MovementStatus.RUNNING: frozenset({MovementStatus.REVIEWED, MovementStatus.CLOSED}),
    MovementStatus.REVIEWED: frozenset({MovementStatus.REVIEWED, MovementStatus.CLOSED}),
    MovementStatus.CLOSED: frozenset(),
    MovementStatus.CANCELLED: frozenset(),
}


# Answering and registering stay possible until the movement is closed (tổng kết).
OPEN_STATUSES = (MovementStatus.LAUNCHED, MovementStatus.RUNNING, MovementStatus.REVIEWED)


class DocumentFields(models.Model):
    """The particulars of an issued document: number and symbol, place and date, signer and
    recipients."""

    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, blank=True)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    place = models.CharField(_("địa danh"), max_length=80, blank=True)
    signer_authority = models.CharField(
        _("thẩm quyền ký"),
        max_length=80,
        blank=True,
        help_text=_("Ví dụ: KT. VIỆN TRƯỞNG; để trống khi người đứng đầu ký."),
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))

    class Meta:
        abstract = True

    @property
    def number_symbol(self) -> str:
        if not self.symbol:
            return self.number
        return f"{self.number}/{self.symbol}" if self.number else f"…/{self.symbol}"


class Movement(DocumentFields):
    """A movement and the plan (kế hoạch) that launches it. `parent` is the movement this one
    implements, when a receiving unit launches its own for its subtree; `basis` names parent
    documents from outside the sector (a provincial People's Committee plan)."""

    issuer = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị phát động"), on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thực hiện phong trào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(_("loại phong trào"), max_length=10, choices=MovementKind.choices)
    name = models.CharField(_("tên phong trào"), max_length=300)
    theme = models.CharField(_("chủ đề"), max_length=300, blank=True)
    slogan = models.CharField(_("khẩu hiệu, phương châm"), max_length=300, blank=True)
    basis = models.TextField(_("căn cứ"), blank=True)
    purpose = models.TextField(_("mục đích"), blank=True)
    requirements = models.TextField(_("yêu cầu"), blank=True)
    subjects = models.TextField(_("đối tượng thi đua"), blank=True)
    contents = models.TextField(_("nội dung thi đua"), blank=True)
    solutions = models.TextField(_("giải pháp thực hiện"), blank=True)
    criteria = models.TextField(_("tiêu chí thi đua"), blank=True)
    award_forms = models.TextField(
        _("hình thức khen thưởng"), blank=True, help_text=_("Mỗi dòng một hình thức.")
    )
    organisation = models.TextField(_("tổ chức thực hiện"), blank=True)
    titles = models.JSONField(
        _("danh hiệu được đăng ký"),
        default=list,
        blank=True,
        help_text=_("Mã các danh hiệu thi đua mà đơn vị, cá nhân đăng ký theo phong trào này."),
    )
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    horizon_year = models.PositiveSmallIntegerField(_("tầm nhìn đến năm"), null=True, blank=True)
    starts_on = models.DateField(_("ngày bắt đầu"))
    ends_on = models.DateField(_("ngày kết thúc"))
    registration_deadline = models.DateField(_("hạn đăng ký thi đua"), null=True, blank=True)
    answer_deadline = models.DateField(_("hạn gửi kế hoạch triển khai"), null=True, blank=True)
    target_levels = models.JSONField(_("cấp đơn vị nhận"), default=list, blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=MovementStatus.choices,
        default=MovementStatus.DRAFT,
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    updated_at = models.DateTimeField(_("cập nhật lúc"), default=timezone.now)
    launched_at = models.DateTimeField(_("phát động lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("tổng kết lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-start_year", "-starts_on", "id"]
        indexes = [models.Index(fields=["issuer", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="movement_years_ordered"
            ),
            models.CheckConstraint(
                condition=Q(horizon_year__isnull=True) | Q(horizon_year__gte=F("end_year")),
                name="movement_horizon_after_end",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="movement_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__isnull=True)
                | Q(registration_deadline__lte=F("ends_on")),
                name="movement_registration_before_end",
            ),
            models.CheckConstraint(
                condition=Q(answer_deadline__isnull=True) | Q(answer_deadline__lte=F("ends_on")),
                name="movement_answer_before_end",
            ),
            models.CheckConstraint(
                condition=Q(start_year__gte=1945, end_year__lte=2100), name="movement_years_sane"
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="movement_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def period_label(self) -> str:
        years = (
            str(self.start_year)
            if self.start_year == self.end_year
            else f"{self.start_year}–{self.end_year}"
        )
        if self.horizon_year:
            return str(
                _("%(years)s, tầm nhìn đến năm %(h)s") % {"years": years, "h": self.horizon_year}
            )
        return years

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    @property
    def is_final(self) -> bool:
        return not MOVEMENT_TRANSITIONS[self.status]


class MovementTransition(TransitionRow):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRow.Meta):
        verbose_name = _("chuyển trạng thái phong trào")
        verbose_name_plural = _("chuyển trạng thái phong trào")


class IndicatorDirection(models.TextChoices):
    AT_LEAST = "at_least", _("Đạt khi không thấp hơn chỉ tiêu")
    AT_MOST = "at_most", _("Đạt khi không vượt quá chỉ tiêu")


class Indicator(models.Model):
    """A target indicator (chỉ tiêu) of the movement, with its unit of measure."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("chỉ tiêu"), max_length=300)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=50)
    target = models.DecimalField(_("mức chỉ tiêu"), max_digits=14, decimal_places=2)
    direction = models.CharField(
        _("cách đánh giá"),
        max_length=10,
        choices=IndicatorDirection.choices,
        default=IndicatorDirection.AT_LEAST,
    )
    summable = models.BooleanField(
        _("cộng dồn được"),
        default=False,
        help_text=_("Số lượng (vụ, sáng kiến…) cộng được giữa các đơn vị; tỷ lệ thì không."),
    )

    class Meta:
        verbose_name = _("chỉ tiêu thi đua")
        verbose_name_plural = _("chỉ tiêu thi đua")
        ordering = ["movement", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "name"], name="indicator_unique_name"),
            models.CheckConstraint(condition=Q(target__gte=0), name="indicator_target_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    def met(self, value: object, target: object | None = None) -> bool | None:
        if value is None:
            return None
        goal = self.target if target is None else target
        if self.direction == IndicatorDirection.AT_MOST:
            return value <= goal  # type: ignore[operator]
        return value >= goal  # type: ignore[operator]


class AnswerStatus(models.TextChoices):
    PENDING = "pending", _("Chưa triển khai")
    ACKNOWLEDGED = "acknowledged", _("Đã tiếp nhận")
    PLANNED = "planned", _("Đã có kế hoạch")


ANSWER_TRANSITIONS: dict[str, frozenset[str]] = {
    AnswerStatus.PENDING: frozenset({AnswerStatus.ACKNOWLEDGED, AnswerStatus.PLANNED}),
    AnswerStatus.ACKNOWLEDGED: frozenset({AnswerStatus.PLANNED}),
    AnswerStatus.PLANNED: frozenset(),
}


class Answer(DocumentFields):
    """A receiving unit's answer to a launched movement: its implementing plan (kế hoạch triển
    khai), issued as its own document, and its own targets for the indicators."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="answers")
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=AnswerStatus.choices, default=AnswerStatus.PENDING
    )
    title = models.CharField(_("trích yếu kế hoạch"), max_length=300, blank=True)
    purpose = models.TextField(_("mục đích, yêu cầu"), blank=True)
    contents = models.TextField(_("nội dung thi đua"), blank=True)
    solutions = models.TextField(_("giải pháp thực hiện"), blank=True)
    organisation = models.TextField(_("tổ chức thực hiện"), blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    created_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    planned_at = models.DateTimeField(_("ban hành kế hoạch lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("triển khai của đơn vị")
        verbose_name_plural = _("triển khai của đơn vị")
        ordering = ["movement", "id"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit"], name="answer_one_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.movement} – {self.unit}"


class AnswerTransition(TransitionRow):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRow.Meta):
        verbose_name = _("chuyển trạng thái triển khai")
        verbose_name_plural = _("chuyển trạng thái triển khai")


class IndicatorValue(models.Model):
    """A unit's own target (empty: the movement's) and reported result for one indicator."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    target = models.DecimalField(
        _("chỉ tiêu của đơn vị"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    actual = models.DecimalField(
        _("kết quả thực hiện"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    reported_at = models.DateTimeField(_("báo cáo lúc"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("kết quả chỉ tiêu")
        verbose_name_plural = _("kết quả chỉ tiêu")
        constraints = [
            models.UniqueConstraint(fields=["answer", "indicator"], name="indicatorvalue_unique"),
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(target__gte=0), name="indicatorvalue_target"
            ),
            models.CheckConstraint(
                condition=Q(actual__isnull=True) | Q(actual__gte=0), name="indicatorvalue_actual"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.actual}"

    @property
    def goal(self) -> object:
        return self.indicator.target if self.target is None else self.target

    @property
    def met(self) -> bool | None:
        return self.indicator.met(self.actual, self.target)


class ReviewKind(models.TextChoices):
    INTERIM = "interim", _("Sơ kết")
    FINAL = "final", _("Tổng kết")


class Review(DocumentFields):
    """A sơ kết (several allowed) or the tổng kết (one, which closes the movement). The indicator
    results and the registration totals are gathered into it when it is recorded."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("loại"), max_length=8, choices=ReviewKind.choices)
    seq = models.PositiveSmallIntegerField(_("lần"))
    period_label = models.CharField(_("giai đoạn"), max_length=150, blank=True)
    held_on = models.DateField(_("ngày sơ kết, tổng kết"))
    summary = models.TextField(_("đánh giá chung"), blank=True)
    achievements = models.TextField(_("kết quả nổi bật"), blank=True)
    shortcomings = models.TextField(_("tồn tại, hạn chế"), blank=True)
    lessons = models.TextField(_("bài học kinh nghiệm"), blank=True)
    directions = models.TextField(_("phương hướng, nhiệm vụ"), blank=True)
    indicator_results = models.JSONField(_("kết quả chỉ tiêu"), default=list, blank=True)
    registration_totals = models.JSONField(_("kết quả đăng ký"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("ghi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("sơ kết, tổng kết")
        verbose_name_plural = _("sơ kết, tổng kết")
        ordering = ["movement", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "seq"], name="review_unique_seq"),
            models.UniqueConstraint(
                fields=["movement"], condition=Q(kind="final"), name="review_one_final"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_label or self.seq}"


class ReviewExample(models.Model):
    """An example found by the review (điển hình tiên tiến), with the form proposed for it."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="examples")
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    achievement = models.TextField(_("thành tích"))
    proposed_award = models.CharField(
        _("hình thức đề nghị"), max_length=12, choices=AWARD_CHOICES, blank=True
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("điển hình tiên tiến")
        verbose_name_plural = _("điển hình tiên tiến")
        ordering = ["review", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="reviewexample_one_subject",
            )
        ]

    def __str__(self) -> str:
        return str(self.person or self.unit)


class DocumentNumber(models.Model):
    """The register of issued numbers (sổ văn bản đi) of the documents this app issues: a number
    and symbol are used once per issuer and year, whichever object (plan, answer, report) took
    it."""

    issuer = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.CharField(_("số"), max_length=20)
    symbol = models.CharField(_("ký hiệu"), max_length=40)
    object_type = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("số văn bản đã cấp")
        verbose_name_plural = _("sổ văn bản đi")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "number", "symbol"], name="documentnumber_unique"
            ),
            models.UniqueConstraint(
                fields=["object_type", "object_id"], name="documentnumber_one_per_object"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}/{self.symbol} ({self.year})"
