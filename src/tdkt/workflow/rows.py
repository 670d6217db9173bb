"""The transition row every moving object keeps: one append-only row per move, written by
`tdkt.workflow.machine.move` and nowhere else."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.workflow.reasons import ReasonCode


class TransitionRow(models.Model):
    """One move of an object's status: from, to, who, when and why."""

    from_status = models.CharField(_("từ trạng thái"), max_length=24)
    to_status = models.CharField(_("sang trạng thái"), max_length=24)
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("tên người thực hiện"), max_length=150, blank=True)
    reason_code = models.CharField(
        _("mã lý do"), max_length=24, choices=ReasonCode.choices, blank=True
    )
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
