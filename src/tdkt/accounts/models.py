"""Accounts and their roles, each role granted on a unit and, through it, on its subtree."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("hồ sơ cán bộ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account",
    )

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username


class Role(models.TextChoices):
    ADMIN = "quan_tri", _("Quản trị hệ thống")
    OFFICER = "can_bo_tdkt", _("Cán bộ làm công tác thi đua, khen thưởng")
    LEADER = "thu_truong", _("Lãnh đạo đơn vị")
    SECRETARY = "thu_ky_hd", _("Thư ký Hội đồng Thi đua - Khen thưởng")
    COUNCIL_MEMBER = "thanh_vien_hd", _("Thành viên Hội đồng Thi đua - Khen thưởng")
    STAFF = "can_bo", _("Cán bộ (xem hồ sơ của mình)")


class RoleGrant(models.Model):
    """`user` holds `role` on `unit` and everything under it (or, for STAFF, only on the user's
    own record). Revoked grants stay, for the audit trail."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="grants"
    )
    granted_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("quyền")
        verbose_name_plural = _("quyền")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit"],
                condition=Q(revoked_at__isnull=True),
                name="rolegrant_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


class ApiToken(models.Model):
    """A bearer token for the REST API, acting as `user` (with that user's grants). Only a hash
    of the token is stored; the token itself is shown once, when it is issued."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên gợi nhớ"), max_length=100, blank=True)
    prefix = models.CharField(_("tiền tố"), max_length=12, db_index=True)
    key_hash = models.CharField(_("mã băm"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("khoá truy cập API")
        verbose_name_plural = _("khoá truy cập API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
