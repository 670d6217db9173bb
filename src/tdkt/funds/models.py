"""The emulation and commendation fund (quỹ thi đua, khen thưởng) of a unit, year by year, and its
ledger of movements.

A `Fund` is one unit's fund for one budget year. Its `FundEntry` rows are append-only: nothing is
edited or deleted, a mistake is corrected by a reversal (an entry of the same kind whose
`reversal_of` names the one it cancels). Every amount is positive; the kind says which way it
moves money:

- sources (cash in): the balance carried over from the year before, the budget allocation (the
  salary fund by grade × the dated allocation rate), contributions, recovered rewards;
- spending (cash out): rewards paid (`PAYMENT`), other spending (`SPENDING`: certificates and
  frames, movements, reviews, publicity, inspections, council meetings);
- commitments (no cash): a signed decision's reward line (`COMMITMENT`), released by its payment
  or cancelled (`CANCELLATION`) when the line is revoked unpaid.

`reserved_amount` is the part of an entry that belongs to the reserved share (ND 98/2023 Điều 52
khoản 1, TT 28/2025/TT-BTC: 20 % of each level's fund for organising movements, reviews,
publicity, checks and council meetings): a share of each source, and the whole of a spending of the
organising kind (`reserved` True)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The largest amount one entry may carry: a thousand billion đồng (no unit's fund comes near).
MAX_AMOUNT = 10**15


class Fund(models.Model):
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="funds"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    # Opened by a decision's signature before finance entered any source (no refusal of the
    # signature): the page shows "chưa nhập nguồn" until a source is posted.
    auto_opened = models.BooleanField(_("tự mở khi ký quyết định"), default=False)
    opened_at = models.DateTimeField(_("mở sổ lúc"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("quỹ thi đua, khen thưởng")
        verbose_name_plural = _("quỹ thi đua, khen thưởng")
        ordering = ["-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="fund_once_per_unit_year"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="fund_year_plausible"
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Quỹ thi đua, khen thưởng năm %(y)s – %(u)s") % {"y": self.year, "u": self.unit}
        )


class EntryKind(models.TextChoices):
    OPENING = "so_du_dau_nam", _("Số dư năm trước chuyển sang")
    ALLOCATION = "trich_lap", _("Trích lập từ ngân sách")
    CONTRIBUTION = "dong_gop", _("Đóng góp, nguồn hợp pháp khác")
    COMMITMENT = "cam_ket", _("Tiền thưởng theo quyết định đã ký (chờ chi)")
    PAYMENT = "chi_thuong", _("Chi tiền thưởng")
    CANCELLATION = "huy_cam_ket", _("Không chi: khen thưởng bị hủy bỏ")
    RECOVERY = "thu_hoi", _("Thu hồi tiền thưởng đã chi")
    SPENDING = "chi_khac", _("Chi khác")


# Which way each kind moves the fund's cash (+1 in, -1 out, 0 none) and its commitments.
CASH_SIGN: dict[str, int] = {
    EntryKind.OPENING: 1,
    EntryKind.ALLOCATION: 1,
    EntryKind.CONTRIBUTION: 1,
    EntryKind.RECOVERY: 1,
    EntryKind.PAYMENT: -1,
    EntryKind.SPENDING: -1,
    EntryKind.COMMITMENT: 0,
    EntryKind.CANCELLATION: 0,
}
COMMITMENT_SIGN: dict[str, int] = {
    EntryKind.COMMITMENT: 1,
    EntryKind.PAYMENT: -1,
    EntryKind.CANCELLATION: -1,
}
SOURCE_KINDS = frozenset({EntryKind.OPENING, EntryKind.ALLOCATION, EntryKind.CONTRIBUTION})
# Posted by the decisions' events, one per reward line and kind: never entered or reversed by hand.
DECISION_KINDS = frozenset(
    {EntryKind.COMMITMENT, EntryKind.PAYMENT, EntryKind.CANCELLATION, EntryKind.RECOVERY}
)
# Finance may reverse what finance entered.
REVERSIBLE_KINDS = frozenset({EntryKind.ALLOCATION, EntryKind.CONTRIBUTION, EntryKind.SPENDING})


class SpendingCategory(models.TextChoices):
    """What the other spending paid for (ND 98/2023 Điều 52; TT 28/2025/TT-BTC). The organising
    kinds come out of the reserved share."""

    CERTIFICATES = "in_an", _("In, làm bằng, giấy khen, khung, hiện vật khen thưởng")
    MOVEMENTS = "phong_trao", _("Phát động, sơ kết, tổng kết phong trào thi đua")
    PUBLICITY = "tuyen_truyen", _("Tuyên truyền, nhân rộng điển hình tiên tiến")
    INSPECTIONS = "kiem_tra", _("Kiểm tra, giám sát công tác thi đua, khen thưởng")
    COUNCIL = "hoi_dong", _("Họp Hội đồng Thi đua - Khen thưởng")
    OTHER = "khac", _("Chi khác theo quy định")


RESERVED_CATEGORIES = frozenset(
    {
        SpendingCategory.MOVEMENTS,
        SpendingCategory.PUBLICITY,
        SpendingCategory.INSPECTIONS,
        SpendingCategory.COUNCIL,
    }
)


class AppendOnly(Exception):
    """A ledger entry is never changed or deleted: post a reversal."""


class FundEntry(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(_("loại"), max_length=16, choices=EntryKind.choices)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    reserved_amount = models.BigIntegerField(
        _("phần dành cho tổ chức phong trào (đồng)"), default=0
    )
    reserved = models.BooleanField(_("chi từ phần 20 % dành riêng"), default=False)
    entry_date = models.DateField(_("ngày"))
    voucher = models.CharField(_("số chứng từ"), max_length=60, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    category = models.CharField(
        _("nội dung chi"), max_length=16, choices=SpendingCategory.choices, blank=True
    )
    # An allocation keeps what it was computed from: the salary fund and the rate, with its basis.
    salary_fund = models.BigIntegerField(_("quỹ tiền lương theo ngạch, bậc (đồng)"), null=True)
    rate = models.DecimalField(_("tỷ lệ trích"), max_digits=6, decimal_places=4, null=True)
    citation = models.TextField(_("căn cứ"), blank=True)
    decision = models.ForeignKey(
        "decisions.Decision",
        verbose_name=_("quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fund_entries",
    )
    awardee = models.ForeignKey(
        "decisions.Awardee",
        verbose_name=_("người, tập thể được khen thưởng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fund_entries",
    )
    # A line of the award ledger recorded without the decisions' workflow (an imported decision,
    # the demo's), whose reward the ledger backfill posted (`services.backfill_ledger`).
    award_entry = models.ForeignKey(
        "records.AwardEntry",
        verbose_name=_("dòng sổ khen thưởng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fund_entries",
    )
    reversal_of = models.OneToOneField(
        "self",
        verbose_name=_("đảo bút toán"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
    )
    reason = models.TextField(_("lý do"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by_name = models.CharField(_("người ghi"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("ghi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("bút toán quỹ thi đua, khen thưởng")
        verbose_name_plural = _("bút toán quỹ thi đua, khen thưởng")
        ordering = ["entry_date", "id"]
        indexes = [models.Index(fields=["fund", "entry_date", "id"], name="fund_entry_by_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0, amount__lte=MAX_AMOUNT), name="fund_entry_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(reserved_amount__gte=0, reserved_amount__lte=F("amount")),
                name="fund_entry_reserved_within_amount",
            ),
            models.CheckConstraint(
                condition=Q(reserved=False) | Q(reserved_amount=F("amount")),
                name="fund_entry_reserved_spending_whole",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=sorted(DECISION_KINDS))
                | Q(awardee__isnull=False, decision__isnull=False)
                | Q(award_entry__isnull=False, awardee__isnull=True),
                name="fund_entry_decision_kinds_name_line",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EntryKind.SPENDING) | ~Q(category=""),
                name="fund_entry_spending_has_category",
            ),
            models.CheckConstraint(
                condition=Q(reversal_of__isnull=True) | ~Q(reason=""),
                name="fund_entry_reversal_has_reason",
            ),
            # A reward line posts each kind once (a decision cannot post twice); its reversals
            # aside.
            models.UniqueConstraint(
                fields=["awardee", "kind"],
                condition=Q(awardee__isnull=False, reversal_of__isnull=True),
                name="fund_entry_once_per_line_and_kind",
            ),
            models.UniqueConstraint(
                fields=["award_entry", "kind"],
                condition=Q(award_entry__isnull=False, reversal_of__isnull=True),
                name="fund_entry_once_per_ledger_line_and_kind",
            ),
            # One opening line per fund.
            models.UniqueConstraint(
                fields=["fund"],
                condition=Q(kind="so_du_dau_nam", reversal_of__isnull=True),
                name="fund_entry_one_opening",
            ),
        ]

    def __str__(self) -> str:
        sign = "-" if self.reversal_of_id else ""
        return f"{self.get_kind_display()} {sign}{self.amount:,}".replace(",", ".") + " đ"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnly("Bút toán quỹ không sửa được: hãy đảo bút toán.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnly("Bút toán quỹ không xóa được: hãy đảo bút toán.")

    @property
    def is_reversal(self) -> bool:
        return self.reversal_of_id is not None

    def effect(self) -> int:
        """+1 for an entry, -1 for a reversal."""
        return -1 if self.reversal_of_id else 1

    def cash(self) -> int:
        return CASH_SIGN[self.kind] * self.amount * self.effect()
