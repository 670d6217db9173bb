"""The work of a cluster or block of one year (`org.Cluster`): the emulation pledge its members
sign, the scoring sheet it adopts, every member's scores of itself and of the others (with every
change kept), and the members' vote on the unit proposed for the sector's flag."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.workflow.rows import TransitionRow


class Pledge(models.Model):
    """The giao ước thi đua the members sign at the start of the year."""

    cluster = models.OneToOneField("org.Cluster", on_delete=models.CASCADE, related_name="pledge")
    title = models.CharField(_("tiêu đề"), max_length=300)
    content = models.TextField(_("nội dung giao ước"))
    signed_on = models.DateField(_("ngày ký kết"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=150, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")

    def __str__(self) -> str:
        return self.title


class PledgeSignature(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="signatures")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(_("ký lúc"), default=timezone.now)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("chữ ký giao ước")
        verbose_name_plural = _("chữ ký giao ước")
        ordering = ["pledge", "signed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "unit"], name="pledgesignature_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} ký {self.pledge_id}"


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Đang xây dựng")
    OPEN = "open", _("Đang chấm điểm")
    LOCKED = "locked", _("Đã khóa")


SHEET_TRANSITIONS: dict[str, frozenset[str]] = {
    SheetStatus.DRAFT: frozenset({SheetStatus.OPEN}),
    SheetStatus.OPEN: frozenset({SheetStatus.LOCKED}),
    SheetStatus.LOCKED: frozenset(),
}


class ScoreSheet(models.Model):
    """The cluster's scoring sheet of the year (bảng chấm điểm): criteria with their maximum points
    and weights, fixed once scoring opens; scores are taken until the deadline or the lock."""

    cluster = models.OneToOneField(
        "org.Cluster", on_delete=models.CASCADE, related_name="score_sheet"
    )
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    deadline = models.DateField(_("hạn chấm điểm"), null=True, blank=True)
    note = models.TextField(_("hướng dẫn chấm"), blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("bảng chấm điểm thi đua")
        verbose_name_plural = _("bảng chấm điểm thi đua")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(deadline__isnull=False),
                name="scoresheet_open_has_deadline",
            )
        ]

    def __str__(self) -> str:
        return str(_("Bảng chấm điểm %(cluster)s") % {"cluster": self.cluster_id})


class SheetTransition(TransitionRow):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRow.Meta):
        verbose_name = _("chuyển trạng thái bảng chấm điểm")
        verbose_name_plural = _("chuyển trạng thái bảng chấm điểm")


class Criterion(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    group = models.CharField(_("nhóm tiêu chí"), max_length=200, blank=True)
    name = models.CharField(_("tiêu chí"), max_length=300)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    weight = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2, default=1)

    class Meta:
        verbose_name = _("tiêu chí chấm điểm")
        verbose_name_plural = _("tiêu chí chấm điểm")
        ordering = ["sheet", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "name"], name="criterion_unique_name"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="criterion_max_positive"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Score(models.Model):
    """`scorer` gives `scored` this many points on one criterion (a member scores itself too)."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    scorer = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    scored = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2)
    explanation = models.CharField(_("diễn giải"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("chấm lúc"), default=timezone.now)
    # Set when the scoring unit itself gave (or later confirmed) the score. A score an officer of
    # the organiser entered for the member waits for the member's confirmation and does not count.
    confirmed_at = models.DateTimeField(_("đơn vị chấm xác nhận lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("điểm thi đua")
        verbose_name_plural = _("điểm thi đua")
        indexes = [models.Index(fields=["scored", "scorer"])]
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "scorer", "scored"], name="score_once_per_pair"
            ),
            models.CheckConstraint(condition=Q(points__gte=0), name="score_points_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.scorer_id}→{self.scored_id}: {self.points}"


class ScoreChange(models.Model):
    """Every value a score has taken, the first included: nothing is overwritten silently."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="changes")
    old_points = models.DecimalField(
        _("điểm cũ"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    new_points = models.DecimalField(_("điểm mới"), max_digits=6, decimal_places=2)
    reason = models.TextField(_("lý do thay đổi"), blank=True)
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("người chấm"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("lịch sử điểm")
        verbose_name_plural = _("lịch sử điểm")
        ordering = ["score", "at", "id"]

    def __str__(self) -> str:
        return f"{self.old_points} → {self.new_points}"


class BallotStatus(models.TextChoices):
    OPEN = "open", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc")


BALLOT_TRANSITIONS: dict[str, frozenset[str]] = {
    BallotStatus.OPEN: frozenset({BallotStatus.CLOSED}),
    BallotStatus.CLOSED: frozenset(),
}


class FlagBallot(models.Model):
    """The members' vote on the unit the cluster proposes for Cờ thi đua ngành Kiểm sát nhân dân.
    The result (approvals over members, against the dated threshold) is computed by the service
    and kept when the ballot closes."""

    cluster = models.ForeignKey("org.Cluster", on_delete=models.CASCADE, related_name="ballots")
    candidate = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị được đề nghị"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=BallotStatus.choices, default=BallotStatus.OPEN
    )
    opened_at = models.DateTimeField(_("mở lúc"), default=timezone.now)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    result = models.JSONField(_("kết quả"), default=dict, blank=True)

    class Meta:
        verbose_name = _("bỏ phiếu suy tôn Cờ thi đua")
        verbose_name_plural = _("bỏ phiếu suy tôn Cờ thi đua")
        ordering = ["cluster", "opened_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster"], condition=Q(status="open"), name="flagballot_one_open"
            ),
            models.UniqueConstraint(
                fields=["cluster", "candidate"], name="flagballot_once_per_candidate"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cluster_id}: {self.candidate_id}"


class BallotTransition(TransitionRow):
    ballot = models.ForeignKey(FlagBallot, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRow.Meta):
        verbose_name = _("chuyển trạng thái bỏ phiếu")
        verbose_name_plural = _("chuyển trạng thái bỏ phiếu")


class FlagVote(models.Model):
    ballot = models.ForeignKey(FlagBallot, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    approve = models.BooleanField(_("tán thành"))
    voted_at = models.DateTimeField(_("bỏ phiếu lúc"), default=timezone.now)
    voted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("phiếu bầu")
        verbose_name_plural = _("phiếu bầu")
        constraints = [models.UniqueConstraint(fields=["ballot", "voter"], name="flagvote_once")]

    def __str__(self) -> str:
        return f"{self.voter_id}: {self.approve}"
