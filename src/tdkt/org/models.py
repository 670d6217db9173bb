"""The procuracy's units as a dated tree, with their names, links and successions, and the
emulation clusters and blocks (cụm, khối thi đua) of each year."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.TextChoices):
    TOI_CAO = "toi_cao", _("Viện kiểm sát nhân dân tối cao")
    DON_VI_TRUC_THUOC = "don_vi_tc", _("Đơn vị thuộc VKSND tối cao")
    CAP_CAO = "cap_cao", _("Viện kiểm sát nhân dân cấp cao")
    TINH = "tinh", _("Viện kiểm sát nhân dân cấp tỉnh")
    HUYEN = "huyen", _("Viện kiểm sát nhân dân cấp huyện")
    KHU_VUC = "khu_vuc", _("Viện kiểm sát nhân dân khu vực")
    PHONG = "phong", _("Phòng, bộ phận")
    QUAN_SU = "quan_su", _("Viện kiểm sát quân sự")


class Unit(models.Model):
    """A unit that exists from `established_on` to `dissolved_on` (inclusive, open if null).

    Its names and its place in the tree are dated rows (UnitName, UnitLink); `name` and `parent`
    here repeat the latest of them so that lists need no date arithmetic. Services keep both
    in step."""

    code = models.SlugField(_("mã đơn vị"), max_length=40, unique=True)
    level = models.CharField(_("cấp"), max_length=12, choices=UnitLevel.choices)
    name = models.CharField(_("tên đơn vị"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    established_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    dissolved_on = models.DateField(
        _("ngày kết thúc hoạt động"),
        null=True,
        blank=True,
        help_text=_("Ngày cuối cùng đơn vị tồn tại (trước khi sáp nhập, giải thể)."),
    )
    search_text = models.CharField(max_length=300, editable=False, db_index=True)
    sort_key = models.CharField(max_length=600, editable=False, db_index=True)
    # Bumped by every service that changes the unit: an edit made on a stale page is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["sort_key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(established_on__isnull=True)
                | Q(dissolved_on__gte=F("established_on")),
                name="unit_dates_ordered",
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="unit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def is_active_on(self, day: dt.date) -> bool:
        started = self.established_on is None or self.established_on <= day
        return started and (self.dissolved_on is None or day <= self.dissolved_on)

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None

    def reports_to(self) -> Unit | None:
        """Where the unit's dossiers and registers go: the nearest unit above that is not one of
        its departments (VKSND khu vực → VKSND tỉnh → VKSND tối cao; a VKSTC department →
        VKSND tối cao)."""
        parent = self.parent
        while parent is not None and parent.level == UnitLevel.PHONG:
            parent = parent.parent
        return parent


class UnitName(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("tên đơn vị theo thời gian")
        verbose_name_plural = _("tên đơn vị theo thời gian")
        ordering = ["unit", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="unitname_dates_ordered",
            ),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(valid_to__isnull=True), name="unitname_one_current"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class UnitLink(models.Model):
    """`unit` sat directly under `parent` from `valid_from` to `valid_to`."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="parent_links")
    parent = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="child_links")
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("quan hệ trực thuộc")
        verbose_name_plural = _("quan hệ trực thuộc")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="unitlink_dates_ordered",
            ),
            models.CheckConstraint(condition=~Q(unit=F("parent")), name="unitlink_not_self"),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(valid_to__isnull=True), name="unitlink_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} → {self.parent_id}"


class SuccessionKind(models.TextChoices):
    MERGER = "merger", _("Hợp nhất, sáp nhập")
    SPLIT = "split", _("Chia tách")
    TRANSFER = "transfer", _("Chuyển giao chức năng")


class Succession(models.Model):
    """`successor` took over `predecessor` on `effective_on`: the predecessor's history (titles,
    awards, ratings, staff) is found from the successor."""

    predecessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="successions")
    successor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="predecessions")
    effective_on = models.DateField(_("ngày hiệu lực"))
    kind = models.CharField(_("hình thức"), max_length=10, choices=SuccessionKind.choices)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="succession_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")), name="succession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class UnitScope(models.Model):
    """Closure of the unit graph over all time: `ancestor` may see `descendant`.

    Built from every parent link ever recorded and from successions (a successor sees its
    predecessors and what stood under them). Rebuilt by `org.services.rebuild_scope` after each
    structural change; reads for access control are then one indexed join."""

    ancestor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    descendant = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ancestor", "descendant"], name="unitscope_unique")
        ]
        indexes = [models.Index(fields=["descendant", "ancestor"])]

    def __str__(self) -> str:
        return f"{self.ancestor_id} ⊇ {self.descendant_id}"


class ClusterKind(models.TextChoices):
    CUM = "cum", _("Cụm thi đua")
    KHOI = "khoi", _("Khối thi đua")


class Cluster(models.Model):
    """A cụm or khối thi đua of one year, organised by a unit (usually VKSND tối cao)."""

    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại"), max_length=4, choices=ClusterKind.choices)
    name = models.CharField(_("tên"), max_length=200)
    organizer = models.ForeignKey(
        Unit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="+"
    )
    members: models.ManyToManyField[Unit, ClusterMember] = models.ManyToManyField(
        Unit, through="ClusterMember", related_name="clusters"
    )

    class Meta:
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = _("cụm, khối thi đua")
        ordering = ["-year", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="cluster_unique_name_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class ClusterRole(models.TextChoices):
    HEAD = "head", _("Cụm trưởng, khối trưởng")
    DEPUTY = "deputy", _("Cụm phó, khối phó")
    MEMBER = "member", _("Thành viên")


class ClusterMember(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cluster_memberships")
    role = models.CharField(
        _("vai trò"), max_length=8, choices=ClusterRole.choices, default=ClusterRole.MEMBER
    )

    class Meta:
        verbose_name = _("thành viên cụm, khối")
        verbose_name_plural = _("thành viên cụm, khối")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "unit"], name="clustermember_unique"),
            models.UniqueConstraint(
                fields=["cluster"], condition=Q(role="head"), name="cluster_one_head"
            ),
            models.UniqueConstraint(
                fields=["cluster"], condition=Q(role="deputy"), name="cluster_one_deputy"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.get_role_display()}"
