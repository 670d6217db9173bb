"""Yearly records of people and units and the award ledger (sổ khen thưởng).

Codes come from `tdkt.rules.codes` so that the database, the engine and the contract agree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tdkt.rules import codes

if TYPE_CHECKING:
    from tdkt.people.models import Person


def _choices(names: dict[Any, str]) -> list[tuple[str, Any]]:
    return [(str(code), _(label)) for code, label in names.items()]


RATING_CHOICES = _choices(codes.RATING_NAMES)
DISCIPLINE_CHOICES = _choices(codes.DISCIPLINE_NAMES)
LEAVE_CHOICES = _choices(codes.LEAVE_NAMES)
SCOPE_CHOICES = _choices(codes.INITIATIVE_SCOPE_NAMES)
AWARD_CHOICES = [(str(code), _(name)) for code, (_k, _s, name) in codes.AWARDS.items()]
AWARD_KIND_CHOICES = [
    (str(codes.AwardKind.TITLE), _("Danh hiệu thi đua")),
    (str(codes.AwardKind.FORM), _("Hình thức khen thưởng")),
]


def _codes_of(kind: codes.AwardKind) -> list[str]:
    return sorted(str(c) for c, (k, _s, _n) in codes.AWARDS.items() if k == kind)


def _subject_codes(subject: codes.Subject) -> list[str]:
    return sorted(str(c) for c in codes.awards_for(subject))


# Exactly one of person and unit: a record is either an individual's or a collective's.
ONE_SUBJECT = Q(person__isnull=False, unit__isnull=True) | Q(
    person__isnull=True, unit__isnull=False
)


class Rating(models.Model):
    """The year's performance rating (xếp loại chất lượng) of a person or a unit."""

    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="ratings"
    )
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="ratings"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại"), max_length=4, choices=RATING_CHOICES)

    class Meta:
        verbose_name = _("xếp loại hằng năm")
        verbose_name_plural = _("xếp loại hằng năm")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=ONE_SUBJECT, name="rating_one_subject"),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(person__isnull=False),
                name="rating_person_year_unique",
            ),
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(unit__isnull=False),
                name="rating_unit_year_unique",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1945, year__lte=2100), name="rating_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.rating}"


class Discipline(models.Model):
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="disciplines"
    )
    level = models.CharField(_("hình thức kỷ luật"), max_length=16, choices=DISCIPLINE_CHOICES)
    decided_on = models.DateField(_("ngày quyết định"))
    ends_on = models.DateField(_("ngày hết thời hạn"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-decided_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("decided_on")),
                name="discipline_dates_ordered",
            ),
            # Lowering the salary grade and demotion were abolished from 2025-07-01.
            models.CheckConstraint(
                condition=~Q(level__in=["ha_bac_luong", "giang_chuc"])
                | Q(decided_on__lt="2025-07-01"),
                name="discipline_abolished_forms_before_2025_07",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.decided_on:%d/%m/%Y}"


class Leave(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="leaves")
    kind = models.CharField(_("loại nghỉ"), max_length=16, choices=LEAVE_CHOICES)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("thời gian nghỉ")
        verbose_name_plural = _("thời gian nghỉ")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="leave_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on:%d/%m/%Y}"


class DecisionLevel(models.TextChoices):
    CO_SO = "co_so", _("Thủ trưởng đơn vị cơ sở")
    TINH = "tinh", _("Viện trưởng VKSND cấp tỉnh, cấp cao")
    NGANH = "nganh", _("Viện trưởng VKSND tối cao")
    NHA_NUOC = "nha_nuoc", _("Thủ tướng Chính phủ, Chủ tịch nước")


class AwardDecision(models.Model):
    """A signed decision (quyết định) that confers titles or forms of commendation."""

    number = models.CharField(_("số quyết định"), max_length=60)
    signed_on = models.DateField(_("ngày ký"))
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    issuer = models.ForeignKey(
        "org.Unit",
        verbose_name=_("cơ quan ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_decisions",
    )
    issuer_name = models.CharField(_("tên cơ quan ban hành"), max_length=200, blank=True)
    level = models.CharField(_("cấp quyết định"), max_length=10, choices=DecisionLevel.choices)
    summary = models.CharField(_("trích yếu"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-signed_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "signed_on", "issuer_name"], name="decision_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} ngày {self.signed_on:%d/%m/%Y}"


class AwardEntry(models.Model):
    """One line of the award ledger: a title or form held by a person or a unit for a year."""

    award = models.CharField(_("danh hiệu, hình thức"), max_length=12, choices=AWARD_CHOICES)
    kind = models.CharField(_("loại"), max_length=5, choices=AWARD_KIND_CHOICES)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    decision = models.ForeignKey(
        AwardDecision,
        verbose_name=_("quyết định"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    revoked_on = models.DateField(_("ngày thu hồi"), null=True, blank=True)
    revocation_reason = models.TextField(_("lý do thu hồi"), blank=True)
    revocation_decision = models.CharField(_("quyết định thu hồi"), max_length=100, blank=True)
    # Where the holder stood when the decision was signed, as the decision itself lists them
    # ("Kiểm sát viên, VKSND huyện …"). Reports count an award for the unit and post of that day,
    # not for wherever the person works now; `records.holders.stamp` fills both on every write.
    holder_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị khi khen thưởng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    holder_leader = models.BooleanField(_("là lãnh đạo, quản lý khi khen thưởng"), default=False)
    # A commendation for one outstanding act (khen thưởng đột xuất): no basis for a later merit
    # proposal (ND 152/2025 Art. 4(3)), so the engine's chains leave it out.
    sudden = models.BooleanField(_("khen thưởng đột xuất"), default=False)

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("sổ khen thưởng")
        ordering = ["-year", "award"]
        indexes = [
            models.Index(fields=["year", "award"]),
            models.Index(fields=["holder_unit", "year"]),
            # The ledger list's order, so that a page (keyset, see reports.views.ledger) is read
            # off the index instead of sorting the whole ledger.
            models.Index(fields=["-year", "award", "id"], name="award_ledger_order_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=ONE_SUBJECT, name="award_one_subject"),
            models.CheckConstraint(
                condition=Q(kind="title", award__in=_codes_of(codes.AwardKind.TITLE))
                | Q(kind="form", award__in=_codes_of(codes.AwardKind.FORM)),
                name="award_kind_matches_code",
            ),
            models.CheckConstraint(
                condition=Q(
                    person__isnull=False, award__in=_subject_codes(codes.Subject.INDIVIDUAL)
                )
                | Q(unit__isnull=False, award__in=_subject_codes(codes.Subject.COLLECTIVE)),
                name="award_subject_matches_code",
            ),
            models.CheckConstraint(
                condition=Q(sudden=False) | Q(kind="form"), name="award_sudden_is_a_form"
            ),
            models.UniqueConstraint(
                fields=["award", "person", "year"],
                condition=Q(person__isnull=False, revoked_on__isnull=True),
                name="award_person_once_per_year",
            ),
            models.UniqueConstraint(
                fields=["award", "unit", "year"],
                condition=Q(unit__isnull=False, revoked_on__isnull=True),
                name="award_unit_once_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_award_display()} {self.year}"

    @property
    def is_active(self) -> bool:
        return self.revoked_on is None

    @property
    def subject_name(self) -> str:
        if self.person is not None:
            return self.person.full_name
        return self.unit.name if self.unit is not None else ""

    @property
    def holder_unit_name(self) -> str:
        """The person's unit, or the unit itself for a collective award."""
        unit = self.person.unit if self.person is not None else self.unit
        return unit.name if unit is not None else ""


class InitiativeKind(models.TextChoices):
    SANG_KIEN = "sang_kien", _("Sáng kiến")
    DE_TAI = "de_tai", _("Đề tài khoa học")


class Initiative(models.Model):
    """A recognised initiative or research work; once it has been the basis of an award
    (`used_for`), it may not be used again (Công văn 5007/BNV-TĐKT).

    `unit` is the unit that keeps its record (None for rows recorded before it existed: they
    belong to their authors' units); the recognition is the decision `recognizing_decision` of
    `recognized_on`, taken by `recognizer` (a unit of the sector) or `recognizer_name` (any other
    body, or the unit's name as the decision writes it)."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=InitiativeKind.choices)
    title = models.CharField(_("tên"), max_length=300)
    scope = models.CharField(_("phạm vi ảnh hưởng"), max_length=10, choices=SCOPE_CHOICES)
    year = models.PositiveSmallIntegerField(_("năm"))
    recognized_on = models.DateField(_("ngày công nhận"))
    recognizing_decision = models.CharField(
        _("số quyết định công nhận"), max_length=100, blank=True
    )
    recognizer = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị công nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recognizer_name = models.CharField(_("cơ quan công nhận"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị quản lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    authors: models.ManyToManyField[Person, InitiativeAuthor] = models.ManyToManyField(
        "people.Person",
        verbose_name=_("tác giả"),
        related_name="initiatives",
        through="InitiativeAuthor",
    )
    used_for = models.ForeignKey(
        AwardEntry,
        verbose_name=_("đã dùng làm căn cứ cho"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives_used",
    )
    search_text = models.CharField(max_length=400, editable=False, blank=True, db_index=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    class Meta:
        verbose_name = _("sáng kiến, đề tài")
        verbose_name_plural = _("sáng kiến, đề tài")
        ordering = ["-recognized_on"]
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return self.title

    @property
    def recognized_by(self) -> str:
        """Who recognised it, as a list or a message names it."""
        if self.recognizer_name:
            return self.recognizer_name
        return self.recognizer.name if self.recognizer is not None else ""


class InitiativeAuthor(models.Model):
    """An author of an initiative with his or her share of it, in per cent. The shares of an
    initiative are all given and sum to 100, or all left empty (equal shares)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="authorships")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="authorships"
    )
    share = models.DecimalField(
        _("tỷ lệ đóng góp (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        # The table Django made for the plain many-to-many field this model replaced.
        db_table = "records_initiative_authors"
        verbose_name = _("tác giả sáng kiến")
        verbose_name_plural = _("tác giả sáng kiến")
        ordering = ["order", "id"]
        unique_together = [("initiative", "person")]
        constraints = [
            models.CheckConstraint(
                condition=Q(share__isnull=True) | Q(share__gt=0, share__lte=100),
                name="initiative_author_share_range",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.person_id} ({self.share}%)" if self.share is not None else str(self.person_id)
        )


class ViolationKind(models.TextChoices):
    WRONGFUL_CONVICTION = "wrongful_conviction", _("Để xảy ra án oan")
    MISSED_CRIME = "missed_crime", _("Để lọt tội phạm")
    CORRUPTION = "corruption", _("Có vụ việc tham nhũng")
    MEMBER_VIOLATION = "member_violation", _("Vi phạm của thành viên bị tính cho đơn vị")


class ViolationBasis(models.TextChoices):
    """The document that establishes the violation."""

    JUDGMENT = "judgment", _("Bản án")
    INSPECTION = "inspection", _("Kết luận thanh tra, kiểm tra")
    DECISION = "decision", _("Quyết định")


class UnitViolation(models.Model):
    """A violation counted against a unit for a year (the contract's `unit_violation_years`): the
    unit gets no TTLĐXS or emulation flag that year, and its head no title above LĐTT. The basis
    (a judgment, an inspection's conclusion or a decision) is what the verdicts cite."""

    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="violations",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại vi phạm"), max_length=20, choices=ViolationKind.choices)
    note = models.TextField(_("ghi chú"), blank=True)
    basis_kind = models.CharField(
        _("loại văn bản căn cứ"), max_length=12, choices=ViolationBasis.choices, blank=True
    )
    basis_number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    basis_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    basis_issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    class Meta:
        verbose_name = _("vi phạm của đơn vị")
        verbose_name_plural = _("vi phạm của đơn vị")
        ordering = ["-year", "unit"]
        indexes = [models.Index(fields=["unit", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1945, year__lte=2100), name="unitviolation_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"

    @property
    def description(self) -> str:
        """What a verdict names: "để lọt tội phạm — Kết luận thanh tra, kiểm tra số …"."""
        return describe_violation(
            self.kind, self.basis_kind, self.basis_number, self.basis_date, self.basis_issuer
        )

    @property
    def basis_text(self) -> str:
        return basis_text(self.basis_kind, self.basis_number, self.basis_date, self.basis_issuer)


def basis_text(kind: str, number: str, day: Any, issuer: str) -> str:
    """ "Kết luận thanh tra, kiểm tra số 12/KL-VKS ngày 03/11/2025 của …", or "" without a kind."""
    if not kind:
        return ""
    text = str(dict(ViolationBasis.choices).get(kind, kind))
    if number:
        text += f" số {number}"
    if day:
        text += f" ngày {day:%d/%m/%Y}"
    if issuer:
        text += f" của {issuer}"
    return text


def describe_violation(kind: str, basis_kind: str, number: str, day: Any, issuer: str) -> str:
    """A violation as the eligibility reasons name it: its kind, then its basis."""
    name = str(dict(ViolationKind.choices).get(kind, kind))
    text = name[:1].lower() + name[1:]
    basis = basis_text(basis_kind, number, day, issuer)
    return f"{text} — {basis}" if basis else text
