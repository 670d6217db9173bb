"""Exemplary models (điển hình tiên tiến) and what the public site shows: an example is drafted by
a unit, approved by the level above, published and perhaps withdrawn; award decisions of the
ledger are published one by one.

No workflow here: statuses change only through the kernel's `move` (`tdkt.workflow.machine`) with
`EXAMPLE_MACHINE` and `PUBLICATION_MACHINE`, called by `publicity.services`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.workflow.machine import Machine
from tdkt.workflow.rows import TransitionRow


class ExampleKind(models.TextChoices):
    PERSON = "person", _("Cá nhân điển hình")
    COLLECTIVE = "collective", _("Tập thể điển hình")
    MODEL = "model", _("Mô hình, cách làm hay")


class ExampleStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    RETURNED = "returned", _("Bị trả lại")
    APPROVED = "approved", _("Đã duyệt, chờ công bố")
    PUBLISHED = "published", _("Đã công bố")
    UNPUBLISHED = "unpublished", _("Đã gỡ khỏi trang công khai")


class PublicityReason(models.TextChoices):
    """Why the level above returns an example, or anyone takes an example or a decision off the
    public site: the grounds of publishing, not of awarding (the kernel's `ReasonCode`); a text of
    at least 20 characters always goes with the code."""

    INCOMPLETE = "incomplete", _("Nội dung chưa đầy đủ")
    INACCURATE = "inaccurate", _("Thông tin chưa chính xác")
    PHOTOS = "photos", _("Hình ảnh chưa phù hợp")
    NOT_EXEMPLARY = "not_exemplary", _("Chưa đủ tiêu biểu để nêu gương")
    PRIVACY = "privacy", _("Lộ thông tin cá nhân, thông tin không được công khai")
    AWARD_REVOKED = "award_revoked", _("Khen thưởng liên quan đã bị thu hồi")
    OTHER = "other", _("Khác")


E = ExampleStatus
# The only moves an example may make. Nothing is final: a withdrawn example may go back to the
# public site, or back to its unit for correction.
EXAMPLE_TRANSITIONS: dict[str, frozenset[str]] = {
    E.DRAFT: frozenset({E.SUBMITTED}),
    E.SUBMITTED: frozenset({E.APPROVED, E.RETURNED}),
    E.RETURNED: frozenset({E.SUBMITTED}),
    E.APPROVED: frozenset({E.PUBLISHED, E.RETURNED}),
    E.PUBLISHED: frozenset({E.UNPUBLISHED}),
    E.UNPUBLISHED: frozenset({E.PUBLISHED, E.RETURNED}),
}
EXAMPLE_NEEDS_REASON = frozenset(
    {
        (E.SUBMITTED, E.RETURNED),
        (E.APPROVED, E.RETURNED),
        (E.UNPUBLISHED, E.RETURNED),
        (E.PUBLISHED, E.UNPUBLISHED),
    }
)
# While the unit may change the example's contents and photos.
EDITABLE = frozenset({E.DRAFT, E.RETURNED})

YEAR_SANE = Q(year__gte=1945, year__lte=2100)


class Example(models.Model):
    """An exemplary person, collective or working model (mô hình, cách làm hay), written up by
    the unit that owns it (`unit`) for the public and for spreading to other units. The level
    above the unit approves and publishes it."""

    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị đề xuất"),
        on_delete=models.PROTECT,
        related_name="examples",
    )
    kind = models.CharField(_("loại điển hình"), max_length=12, choices=ExampleKind.choices)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="examples",
    )
    collective = models.ForeignKey(
        "org.Unit",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    model_name = models.CharField(_("tên mô hình, cách làm hay"), max_length=200, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=200)
    summary = models.CharField(_("tóm tắt"), max_length=500)
    story = models.TextField(_("câu chuyện điển hình"))
    year = models.PositiveSmallIntegerField(_("năm"))
    movements = models.ManyToManyField(
        "movements.Movement",
        verbose_name=_("phong trào thi đua"),
        blank=True,
        related_name="+",
    )
    awards = models.ManyToManyField(
        "records.AwardEntry",
        verbose_name=_("khen thưởng đã nhận"),
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ExampleStatus.choices, default=E.DRAFT
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    # Lower-case ASCII of the title, subject, unit, summary and story: "tam guong" finds
    # "tấm gương" with a plain LIKE on both databases.
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now)
    updated_at = models.DateTimeField(_("cập nhật lúc"), default=timezone.now)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("điển hình tiên tiến")
        verbose_name_plural = _("điển hình tiên tiến")
        ordering = ["-year", "-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["unit", "year"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=ExampleKind.PERSON, person__isnull=False, collective__isnull=True)
                    | Q(kind=ExampleKind.COLLECTIVE, person__isnull=True, collective__isnull=False)
                    | (
                        Q(kind=ExampleKind.MODEL, person__isnull=True, collective__isnull=True)
                        & ~Q(model_name="")
                    )
                ),
                name="example_subject_matches_kind",
            ),
            models.CheckConstraint(condition=YEAR_SANE, name="example_year_sane"),
            models.CheckConstraint(condition=Q(version__gte=1), name="example_version_positive"),
            models.CheckConstraint(
                condition=~Q(status=E.PUBLISHED) | Q(published_at__isnull=False),
                name="example_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def subject_name(self) -> str:
        if self.kind == ExampleKind.PERSON and self.person is not None:
            return self.person.full_name
        if self.kind == ExampleKind.COLLECTIVE and self.collective is not None:
            return self.collective.name
        return self.model_name

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def is_public(self) -> bool:
        return self.status == E.PUBLISHED


class ExampleTransition(TransitionRow):
    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="transitions")
    reason_code = models.CharField(
        _("mã lý do"), max_length=24, choices=PublicityReason.choices, blank=True
    )

    class Meta(TransitionRow.Meta):
        verbose_name = _("chuyển trạng thái điển hình")
        verbose_name_plural = _("chuyển trạng thái điển hình")


class Photo(models.Model):
    """A photo of an example as stored: a resized JPEG and its thumbnail, both re-encoded from
    the upload (no metadata kept), under names made of their SHA-256, so that the same picture is
    stored once and a name never points at another picture. Served only through views that check
    the example (MEDIA_ROOT also holds the private dossier files)."""

    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("ảnh"), max_length=200)
    thumbnail = models.FileField(_("ảnh thu nhỏ"), max_length=200)
    width = models.PositiveIntegerField(_("chiều rộng (điểm ảnh)"))
    height = models.PositiveIntegerField(_("chiều cao (điểm ảnh)"))
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    caption = models.CharField(_("chú thích"), max_length=300, blank=True)
    alt_text = models.CharField(_("mô tả ảnh (cho người khiếm thị)"), max_length=200)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("ảnh điển hình")
        verbose_name_plural = _("ảnh điển hình")
        ordering = ["example", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="photo_has_alt_text"),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="photo_sha256_hex"
            ),
        ]

    def __str__(self) -> str:
        return self.caption or self.alt_text


class SpreadMethod(models.TextChoices):
    CONFERENCE = "hoi_nghi", _("Hội nghị, tọa đàm, giao ban")
    TRAINING = "tap_huan", _("Tập huấn, bồi dưỡng")
    ARTICLE = "bai_viet", _("Bài viết trên báo, tạp chí, trang thông tin điện tử")
    VISIT = "tham_quan", _("Tham quan, học tập kinh nghiệm")
    GUIDANCE = "van_ban", _("Văn bản chỉ đạo, hướng dẫn nhân rộng")
    OTHER = "khac", _("Hình thức khác")


class SpreadRecord(models.Model):
    """How an example was spread (nhân rộng): a unit that took it up, on a day, in some way, and
    what came of it. Append-only: a correction is a new record."""

    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="spreads")
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị áp dụng"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    on = models.DateField(_("ngày"))
    method = models.CharField(_("hình thức nhân rộng"), max_length=10, choices=SpreadMethod.choices)
    note = models.TextField(_("nội dung"), blank=True)
    result = models.TextField(_("kết quả"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ghi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("nhân rộng điển hình")
        verbose_name_plural = _("nhân rộng điển hình")
        ordering = ["example", "on", "id"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.on:%d/%m/%Y}"


class PublicationStatus(models.TextChoices):
    PUBLISHED = "published", _("Đang công bố")
    UNPUBLISHED = "unpublished", _("Đã gỡ khỏi trang công khai")


P = PublicationStatus
PUBLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    P.PUBLISHED: frozenset({P.UNPUBLISHED}),
    P.UNPUBLISHED: frozenset({P.PUBLISHED}),
}
PUBLICATION_NEEDS_REASON = frozenset({(P.PUBLISHED, P.UNPUBLISHED)})


class DecisionPublication(models.Model):
    """An award decision of the ledger shown on the public site: who published it and when, and
    a note written for the public. One row per decision; taking it off keeps the row."""

    decision = models.OneToOneField(
        "records.AwardDecision",
        verbose_name=_("quyết định khen thưởng"),
        on_delete=models.PROTECT,
        related_name="publication",
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=PublicationStatus.choices, default=P.PUBLISHED
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    note = models.CharField(_("ghi chú đăng trên trang công khai"), max_length=500, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người công bố"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("công bố quyết định khen thưởng")
        verbose_name_plural = _("công bố quyết định khen thưởng")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(version__gte=1), name="decisionpublication_version_positive"
            ),
        ]

    def __str__(self) -> str:
        return str(self.decision)

    @property
    def is_public(self) -> bool:
        return self.status == P.PUBLISHED


class PublicationTransition(TransitionRow):
    publication = models.ForeignKey(
        DecisionPublication, on_delete=models.CASCADE, related_name="transitions"
    )
    reason_code = models.CharField(
        _("mã lý do"), max_length=24, choices=PublicityReason.choices, blank=True
    )

    class Meta(TransitionRow.Meta):
        verbose_name = _("chuyển trạng thái công bố quyết định")
        verbose_name_plural = _("chuyển trạng thái công bố quyết định")


EXAMPLE_MACHINE = Machine(
    EXAMPLE_TRANSITIONS,
    ExampleStatus,
    ExampleTransition,
    link="example",
    noun="điển hình",
    needs_reason=EXAMPLE_NEEDS_REASON,
    reason_codes=PublicityReason,
)
PUBLICATION_MACHINE = Machine(
    PUBLICATION_TRANSITIONS,
    PublicationStatus,
    PublicationTransition,
    link="publication",
    noun="việc công bố quyết định",
    needs_reason=PUBLICATION_NEEDS_REASON,
    reason_codes=PublicityReason,
)
