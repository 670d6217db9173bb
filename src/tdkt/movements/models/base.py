"""What every object kind of the app shares: the reason codes of a return and the transition row."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReturnReason(models.TextChoices):
    """The reason codes of every return or refusal (workflows §0.3); a text of ≥ 20 characters
    always goes with the code."""

    MISSING_DOCUMENTS = "missing_documents", _("Thiếu hồ sơ")
    WRONG_TEMPLATE = "wrong_template", _("Sai mẫu")
    NOT_QUALIFIED = "not_qualified", _("Không đủ tiêu chuẩn")
    LATE = "late", _("Quá hạn")
    OVER_QUOTA = "over_quota", _("Vượt tỷ lệ")
    OTHER = "other", _("Khác")


REASON_MIN_LENGTH = 20


class TransitionRow(models.Model):
    """One move of an object's status: from, to, who, when and why. Append-only; written by the
    transition service of the object's kind and nowhere else."""

    from_status = models.CharField(_("từ trạng thái"), max_length=20)
    to_status = models.CharField(_("sang trạng thái"), max_length=20)
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
        _("mã lý do"), max_length=20, choices=ReturnReason.choices, blank=True
    )
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
