"""The days a Government decision moves in or out of the working week (nghỉ bù, hoán đổi ngày làm
việc): the public holidays themselves come with the `holidays` package (tdkt.workdays.calendar)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ thêm")
    WORKING_DAY = "working_day", _("Ngày làm việc bù")


class AdjustedDay(models.Model):
    """One day whose status a decision changes: an extra day off (a Friday between a holiday and
    the weekend), or a working day swapped in (the Saturday worked in exchange). A stored day wins
    over the package's calendar."""

    day = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=DayKind.choices)
    decision_number = models.CharField(_("số văn bản"), max_length=100)
    decision_date = models.DateField(_("ngày văn bản"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("nhập lúc"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ngày nghỉ, làm việc bù theo quyết định")
        verbose_name_plural = _("ngày nghỉ, làm việc bù theo quyết định")
        ordering = ["day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=DayKind.values), name="adjustedday_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} ({self.get_kind_display()})"
