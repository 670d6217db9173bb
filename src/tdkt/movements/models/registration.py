"""Emulation registration (đăng ký thi đua): a unit's register for a movement and a year, with a
line per person or per collective title, approved or returned by the level above."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.rules import codes
from tdkt.workflow.rows import TransitionRow


def _titles(subject: codes.Subject) -> list[str]:
    return [
        str(code)
        for code, (kind, given_to, _name) in codes.AWARDS.items()
        if kind is codes.AwardKind.TITLE and given_to is subject
    ]


INDIVIDUAL_TITLES = _titles(codes.Subject.INDIVIDUAL)  # LDTT, CSTDCS, CSTD_NGANH, CSTD_TQ
COLLECTIVE_TITLES = _titles(codes.Subject.COLLECTIVE)  # TTLDTT, TTLDXS, CO_NGANH, CO_CP
TITLE_CHOICES = [(c, _(codes.award_name(c))) for c in INDIVIDUAL_TITLES + COLLECTIVE_TITLES]


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Đang lập")
    SUBMITTED = "submitted", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Bị trả lại")


REGISTRATION_TRANSITIONS: dict[str, frozenset[str]] = {
    RegistrationStatus.DRAFT: frozenset({RegistrationStatus.SUBMITTED}),
    RegistrationStatus.SUBMITTED: frozenset(
        {RegistrationStatus.APPROVED, RegistrationStatus.RETURNED}
    ),
    RegistrationStatus.RETURNED: frozenset({RegistrationStatus.SUBMITTED}),
    RegistrationStatus.APPROVED: frozenset(),
}


class Registration(models.Model):
    """One unit's register (bản đăng ký) for a movement and a year: the unit's own titles and its
    people's. Sent to the level above, which approves it or returns it with a reason."""

    movement = models.ForeignKey(
        "movements.Movement", on_delete=models.PROTECT, related_name="registrations"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị đăng ký"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.DRAFT,
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    decided_at = models.DateTimeField(_("duyệt, trả lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("bản đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["-year", "unit__sort_key", "id"]
        indexes = [models.Index(fields=["year", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "unit", "year"], name="registration_one_per_unit_year"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1945, year__lte=2100), name="registration_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.year}"

    @property
    def is_editable(self) -> bool:
        return self.status in (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED)


class RegistrationTransition(TransitionRow):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="transitions"
    )

    class Meta(TransitionRow.Meta):
        verbose_name = _("chuyển trạng thái đăng ký")
        verbose_name_plural = _("chuyển trạng thái đăng ký")


class CheckStatus(models.TextChoices):
    ELIGIBLE = "eligible", _("Có thể đạt")
    NEEDS_REVIEW = "needs_review", _("Chưa đủ dữ liệu để kết luận")
    INELIGIBLE = "ineligible", _("Đã thấy không thể đạt")
    UNCHECKED = "unchecked", _("Chưa kiểm tra được")


class RegistrationLine(models.Model):
    """A person's target title, or one of the unit's own titles, with what the eligibility engine
    saw at the moment of registering (status, regime, reasons): a snapshot, not recomputed."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="lines")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    award = models.CharField(_("danh hiệu đăng ký"), max_length=12, choices=TITLE_CHOICES)
    # Repeated from the registration for the uniqueness constraints below.
    movement = models.ForeignKey("movements.Movement", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    commitment = models.TextField(_("cam kết, chỉ tiêu"), blank=True)
    check_status = models.CharField(
        _("kết quả kiểm tra điều kiện"),
        max_length=12,
        choices=CheckStatus.choices,
        default=CheckStatus.UNCHECKED,
    )
    check_regime = models.CharField(_("chế độ áp dụng"), max_length=40, blank=True)
    check_as_of = models.DateField(_("ngày xét"), null=True, blank=True)
    check_reasons = models.JSONField(_("lý do"), default=list, blank=True)
    created_at = models.DateTimeField(_("đăng ký lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("dòng đăng ký thi đua")
        verbose_name_plural = _("dòng đăng ký thi đua")
        ordering = ["registration", "id"]
        indexes = [models.Index(fields=["year", "award"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="registrationline_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False, award__in=INDIVIDUAL_TITLES)
                | Q(unit__isnull=False, award__in=COLLECTIVE_TITLES),
                name="registrationline_title_fits_subject",
            ),
            models.UniqueConstraint(
                fields=["person", "year", "movement"],
                condition=Q(person__isnull=False),
                name="registrationline_person_once_per_movement",
            ),
            models.UniqueConstraint(
                fields=["person", "award", "year"],
                condition=Q(person__isnull=False),
                name="registrationline_person_title_year",
            ),
            models.UniqueConstraint(
                fields=["unit", "award", "year"],
                condition=Q(unit__isnull=False),
                name="registrationline_unit_title_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit}: {self.award}"

    @property
    def flagged(self) -> bool:
        return self.check_status == CheckStatus.INELIGIBLE

    @property
    def failed_reasons(self) -> list[dict[str, object]]:
        return [r for r in self.check_reasons if r.get("passed") is False]

    @property
    def subject_name(self) -> str:
        subject = self.person or self.unit
        return str(subject) if subject else ""
