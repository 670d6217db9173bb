"""People of the sector: identity, dated positions and periods of service."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class LeavingKind(models.TextChoices):
    RETIREMENT = "retirement", _("Nghỉ hưu")
    TRANSFER_OUT = "transfer_out", _("Chuyển công tác ra ngoài ngành")
    RESIGNATION = "resignation", _("Thôi việc")


class Person(models.Model):
    """A member of staff. `unit`, `post` and `is_leader` repeat the current position so that lists
    and access checks need no date arithmetic; `people.services` keeps them in step."""

    full_name = models.CharField(_("họ và tên"), max_length=150)
    family_name = models.CharField(_("họ"), max_length=40, blank=True)
    middle_name = models.CharField(_("tên đệm"), max_length=80, blank=True)
    given_name = models.CharField(_("tên"), max_length=40)
    gender = models.CharField(_("giới tính"), max_length=6, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"))
    citizen_id = models.CharField(_("số CCCD"), max_length=12, null=True, blank=True, unique=True)
    recruited_on = models.DateField(_("ngày tuyển dụng"), null=True, blank=True)
    left_on = models.DateField(
        _("ngày thôi công tác"),
        null=True,
        blank=True,
        help_text=_("Nghỉ hưu, chuyển ngành hoặc thôi việc."),
    )
    leaving_kind = models.CharField(
        _("hình thức thôi công tác"), max_length=12, choices=LeavingKind.choices, blank=True
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị hiện tại"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    post = models.CharField(_("chức vụ hiện tại"), max_length=120, blank=True)
    is_leader = models.BooleanField(_("là lãnh đạo, quản lý"), default=False)
    search_text = models.CharField(max_length=300, editable=False, db_index=True)
    sort_key = models.CharField(max_length=600, editable=False, db_index=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["sort_key", "id"]
        indexes = [models.Index(fields=["unit", "sort_key"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(citizen_id__isnull=True) | Q(citizen_id__regex=r"^[0-9]{12}$"),
                name="person_citizen_id_12_digits",
            ),
            models.CheckConstraint(
                condition=Q(recruited_on__isnull=True) | Q(recruited_on__gt=F("birth_date")),
                name="person_recruited_after_birth",
            ),
            models.CheckConstraint(
                condition=Q(leaving_kind="") | Q(left_on__isnull=False),
                name="person_leaving_kind_with_date",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class PostKind(models.TextChoices):
    VIEN_TRUONG = "vien_truong", _("Viện trưởng")
    PHO_VIEN_TRUONG = "pho_vien_truong", _("Phó Viện trưởng")
    VU_TRUONG = "vu_truong", _("Vụ trưởng, Cục trưởng, Chánh Văn phòng")
    PHO_VU_TRUONG = "pho_vu_truong", _("Phó Vụ trưởng, Phó Cục trưởng")
    TRUONG_PHONG = "truong_phong", _("Trưởng phòng")
    PHO_TRUONG_PHONG = "pho_truong_phong", _("Phó Trưởng phòng")
    KIEM_SAT_VIEN = "kiem_sat_vien", _("Kiểm sát viên")
    KIEM_TRA_VIEN = "kiem_tra_vien", _("Kiểm tra viên")
    CHUYEN_VIEN = "chuyen_vien", _("Chuyên viên")
    NHAN_VIEN = "nhan_vien", _("Nhân viên, người lao động")


LEADER_POSTS = frozenset(
    {
        PostKind.VIEN_TRUONG,
        PostKind.PHO_VIEN_TRUONG,
        PostKind.VU_TRUONG,
        PostKind.PHO_VU_TRUONG,
        PostKind.TRUONG_PHONG,
        PostKind.PHO_TRUONG_PHONG,
    }
)
HEAD_POSTS = frozenset({PostKind.VIEN_TRUONG, PostKind.VU_TRUONG})


class Position(models.Model):
    """A post held in a unit over a period (quá trình công tác)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="positions")
    post_kind = models.CharField(_("chức vụ"), max_length=20, choices=PostKind.choices)
    post = models.CharField(_("chức danh"), max_length=120, blank=True)
    is_leader = models.BooleanField(_("lãnh đạo, quản lý"), default=False)
    is_unit_head = models.BooleanField(_("người đứng đầu đơn vị"), default=False)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("chức vụ, quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["person", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="position_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(is_unit_head=False) | Q(is_leader=True),
                name="position_head_is_leader",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.post or self.get_post_kind_display()} – {self.unit}"


class ServiceKind(models.TextChoices):
    PROCURACY = "procuracy", _("Trong ngành Kiểm sát")
    OTHER_LEGAL = "other_legal", _("Cơ quan tư pháp, pháp luật khác")


class ServicePeriod(models.Model):
    """A period of service, counted for seniority (e.g. the commemorative medal)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="service_periods")
    kind = models.CharField(_("loại"), max_length=12, choices=ServiceKind.choices)
    organisation = models.CharField(_("cơ quan"), max_length=200, blank=True)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("thời gian công tác")
        verbose_name_plural = _("thời gian công tác")
        ordering = ["person", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="service_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.valid_from:%d/%m/%Y}"
