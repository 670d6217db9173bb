"""The engine's dated parameters, as data: every threshold, coefficient, base salary and cap, each
with the days it is valid, its legal citation and a confidence tag (C confirmed, P partial, M from
memory). Seeded from `tdkt/rules/parameters.json`; changed only through `eligibility.services`
(audited). The legal regimes likewise: seeded from the engine's `regimes.json`, closed at a date
and opened anew through `eligibility.services` (audited)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    CONFIRMED = "C", _("C — đã đối chiếu văn bản")
    PARTIAL = "P", _("P — đối chiếu một phần")
    MEMORY = "M", _("M — theo trí nhớ, suy luận")


class Parameter(models.Model):
    """One dated value of one parameter key; `valid_to` inclusive, open-ended if null."""

    key = models.CharField(_("khoá"), max_length=80, db_index=True)
    value = models.JSONField(_("giá trị"), null=True, blank=True)
    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    citation = models.TextField(_("căn cứ pháp lý"))
    confidence = models.CharField(_("độ tin cậy"), max_length=1, choices=Confidence.choices)
    note = models.TextField(_("ghi chú"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("tham số xét điều kiện")
        verbose_name_plural = _("tham số xét điều kiện")
        ordering = ["key", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="parameter_key_from_unique"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="parameter_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(confidence__in=["C", "P", "M"]), name="parameter_confidence_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} từ {self.valid_from:%d/%m/%Y}"

    def to_record(self) -> dict[str, Any]:
        """The record shape of `tdkt.rules.params.Parameter.from_record`."""
        return {
            "key": self.key,
            "value": self.value,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "citation": self.citation,
            "confidence": self.confidence,
            "note": self.note,
        }


class Regime(models.Model):
    """One legal regime: the set of texts in force from `starts_on` until the next regime starts,
    or until `valid_to` (inclusive) when an administrator closed it; `ceased` names the texts
    whose end closed it (the verdicts of the days after name them)."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    starts_on = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    label = models.TextField(_("tên gọi"))
    instruments = models.JSONField(_("các văn bản"), default=list)
    confidence = models.CharField(_("độ tin cậy"), max_length=1, choices=Confidence.choices)
    note = models.TextField(_("ghi chú"), blank=True)
    dossier_rule = models.BooleanField(
        _("chọn theo ngày nhận đủ hồ sơ (quy định chuyển tiếp)"), default=False
    )
    ceased = models.JSONField(_("văn bản hết hiệu lực"), default=list, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("chế độ pháp lý")
        verbose_name_plural = _("chế độ pháp lý")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("starts_on")),
                name="regime_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(confidence__in=["C", "P", "M"]), name="regime_confidence_known"
            ),
        ]

    def __str__(self) -> str:
        return str(self.label)

    def to_record(self) -> dict[str, Any]:
        """The record shape of `tdkt.rules.regimes.Regime.from_record`."""
        return {
            "id": self.code,
            "starts_on": self.starts_on,
            "label": self.label,
            "instruments": list(self.instruments or ()),
            "confidence": self.confidence,
            "note": self.note,
            "dossier_rule": self.dossier_rule,
            "valid_to": self.valid_to,
            "ceased": list(self.ceased or ()),
        }
