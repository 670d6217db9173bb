"""Accounts and their roles, each role granted on a unit and, through it, on its subtree."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.text import search_key


class User(AbstractUser):
    """An account. Created with a one-time password (`must_change_password`), which stops signing
    in after `one_time_password_expires_at`; never deleted, only deactivated."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("hồ sơ cán bộ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account",
    )
    must_change_password = models.BooleanField(_("phải đổi mật khẩu"), default=False)
    one_time_password_expires_at = models.DateTimeField(
        _("mật khẩu dùng một lần hết hạn lúc"), null=True, blank=True
    )
    # Username and full name without diacritics, kept by `save` whoever writes the row.
    search_text = models.CharField(max_length=320, editable=False, db_index=True, default="")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = search_key(self.username, self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"username", "full_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def one_time_password_expired(self) -> bool:
        expires = self.one_time_password_expires_at
        return self.must_change_password and expires is not None and expires <= timezone.now()


class Role(models.TextChoices):
    ADMIN = "quan_tri", _("Quản trị hệ thống")
    OFFICER = "can_bo_tdkt", _("Cán bộ làm công tác thi đua, khen thưởng")
    LEADER = "thu_truong", _("Lãnh đạo đơn vị")
    SECRETARY = "thu_ky_hd", _("Thư ký Hội đồng Thi đua - Khen thưởng")
    COUNCIL_MEMBER = "thanh_vien_hd", _("Thành viên Hội đồng Thi đua - Khen thưởng")
    STAFF = "can_bo", _("Cán bộ (xem hồ sơ của mình)")
    FINANCE = "ke_toan", _("Cán bộ tài chính, kế toán")


class RoleGrant(models.Model):
    """`user` holds `role` on `unit` and everything under it (or, for STAFF, only on the user's
    own record). Revoked grants stay, for the audit trail."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="grants"
    )
    granted_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)
    granted_by = models.ForeignKey(
        User,
        verbose_name=_("người cấp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    grant_reason = models.TextField(_("lý do cấp"), blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        verbose_name=_("người thu hồi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoke_reason = models.TextField(_("lý do thu hồi"), blank=True)

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
