"""The engine's dated parameters, as data: every threshold, coefficient, base salary and cap, each
with the days it is valid, its legal citation and a confidence tag (C confirmed, P partial, M from
memory). Seeded from `tdkt/rules/parameters.json`; changed only through `eligibility.services`
(audited). The legal regimes likewise: seeded from the engine's `regimes.json`, closed at a date
and opened anew through `eligibility.services` (audited)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tdkt.records.models import AWARD_CHOICES
from tdkt.workflow.machine import Machine


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


# --- stored verdicts (issue 16) -----------------------------------------------------------------


class FactsStamp(models.Model):
    """One row (pk 1): a counter bumped after every committed change of the facts a scan reads
    (`eligibility.snapshots` connects the signals). A snapshot remembers the counter it was
    computed from; a higher counter now means its verdicts may be out of date."""

    version = models.PositiveBigIntegerField(_("lần thay đổi"), default=0)
    changed_at = models.DateTimeField(_("dữ liệu thay đổi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mốc thay đổi dữ liệu xét điều kiện")
        verbose_name_plural = _("mốc thay đổi dữ liệu xét điều kiện")

    def __str__(self) -> str:
        return f"{self.version}"


class SnapshotStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang tính")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


ACTIVE_SNAPSHOT = (SnapshotStatus.PENDING, SnapshotStatus.RUNNING)

# The only moves a snapshot makes (SNAPSHOT_MACHINE); only `eligibility.snapshots` moves one.
SNAPSHOT_TRANSITIONS: dict[str, frozenset[str]] = {
    SnapshotStatus.PENDING: frozenset({SnapshotStatus.RUNNING, SnapshotStatus.FAILED}),
    SnapshotStatus.RUNNING: frozenset({SnapshotStatus.DONE, SnapshotStatus.FAILED}),
    SnapshotStatus.DONE: frozenset(),
    SnapshotStatus.FAILED: frozenset(),
}
# A snapshot keeps no transition rows: the worker (or the request computing a small one) is the
# only mover, and a recomputation asked for is audited.
SNAPSHOT_MACHINE = Machine(
    SNAPSHOT_TRANSITIONS,
    SnapshotStatus,
    row=None,
    link="",
    noun="kết quả xét điều kiện",
    finished_field="computed_at",
)


class ScanSnapshot(models.Model):
    """The verdicts of one scan of a unit's subtree (`run_scan(unit_id=unit)`) for one year and
    day of evaluation, stored so that the unit screen reads them instead of scanning again: the
    totals, caps and regime here, the names in `StoredVerdict`. `facts_version` is the
    `FactsStamp` counter read before the facts were loaded."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm xét"))
    as_of = models.DateField(_("ngày xét"))
    default_day = models.BooleanField(
        _("ngày xét mặc định"),
        default=True,
        help_text=_("Hôm nay, hoặc 31/12 của năm xét đã qua."),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=8,
        choices=SnapshotStatus.choices,
        default=SnapshotStatus.PENDING,
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    stage = models.CharField(_("đang làm"), max_length=200, blank=True)
    facts_version = models.PositiveBigIntegerField(_("mốc dữ liệu"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    computed_at = models.DateTimeField(_("tính xong lúc"), null=True, blank=True)
    regime = models.JSONField(_("chế độ pháp lý"), default=dict, blank=True)
    totals = models.JSONField(_("tổng hợp"), default=dict, blank=True)
    caps = models.JSONField(_("giới hạn tỷ lệ"), default=list, blank=True)
    rows = models.PositiveIntegerField(_("số dòng lưu"), default=0)
    # The undecided reasons ({rule, message, citation}), each once; `StoredVerdict.reasons` holds
    # places in this list.
    texts = models.JSONField(_("lý do"), default=list, blank=True)
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        verbose_name = _("kết quả xét điều kiện đã lưu")
        verbose_name_plural = _("kết quả xét điều kiện đã lưu")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["unit", "year", "status", "as_of"])]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "as_of"],
                condition=Q(status__in=["pending", "running"]),
                name="scansnapshot_one_active_per_day",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="scansnapshot_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(error=""), name="scansnapshot_failed_has_error"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year} {self.as_of:%d/%m/%Y} {self.status}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_SNAPSHOT


class StoredVerdict(models.Model):
    """One candidate's verdict on one award, as the unit screen lists it. A person's plain "chưa
    đủ điều kiện" without a single missing step is not stored (the screen only counts it, from
    the snapshot's totals); a unit's every verdict is (the collective table shows them all).

    `position` orders the candidates of a kind (people by name, units as the scan lists them) and
    pages the collective table; `reasons` are the undecided reasons a "cần xem xét" shows, as
    places in the snapshot's `texts`. Written in bulk by `eligibility.snapshots` (COPY), never
    through model objects."""

    snapshot = models.ForeignKey(ScanSnapshot, on_delete=models.CASCADE, related_name="verdicts")
    kind = models.CharField(_("loại"), max_length=6)  # "person" | "unit"
    subject_id = models.PositiveIntegerField(_("mã cá nhân, tập thể"))
    name = models.CharField(_("tên"), max_length=300)
    unit_id = models.PositiveIntegerField(_("đơn vị"), null=True, blank=True)
    unit_name = models.CharField(_("tên đơn vị"), max_length=300, blank=True)
    award = models.CharField(_("danh hiệu, hình thức"), max_length=20)
    award_order = models.PositiveSmallIntegerField(default=99)
    status = models.CharField(_("kết quả"), max_length=16)
    reasons = models.JSONField(_("lý do cần xem xét"), default=list, blank=True)  # places in texts
    due = models.TextField(_("còn thiếu một bước"), blank=True)
    sort_key = models.CharField(max_length=600)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("kết quả xét đã lưu")
        verbose_name_plural = _("kết quả xét đã lưu")
        indexes = [
            models.Index(
                fields=["snapshot", "kind", "award", "status", "sort_key"],
                name="storedverdict_list",
            ),
            models.Index(fields=["snapshot", "kind", "position"], name="storedverdict_table"),
            models.Index(
                fields=["snapshot", "kind", "award_order", "sort_key"],
                condition=~Q(due=""),
                name="storedverdict_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.award} {self.status}"

    @property
    def award_name(self) -> str:
        return str(dict(AWARD_CHOICES).get(self.award, self.award))
