"""A fund's figures, summed from its entries (a reversal counts against the entry it cancels):
the sources, the reserved share apart, rewards committed, paid and cancelled, other spending and
the balances. One query per fund; `figures_for` sums many funds in one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, Sum

from tdkt.funds.models import EntryKind, Fund, FundEntry

K = EntryKind


@dataclass
class Figures:
    net: dict[str, int] = field(default_factory=dict)  # kind → amount, reversals deducted
    reserved_net: dict[str, int] = field(default_factory=dict)  # kind → reserved part

    def amount(self, kind: str) -> int:
        return self.net.get(kind, 0)

    def reserved_part(self, kind: str) -> int:
        return self.reserved_net.get(kind, 0)

    @property
    def opening(self) -> int:
        return self.amount(K.OPENING)

    @property
    def allocation(self) -> int:
        return self.amount(K.ALLOCATION)

    @property
    def contribution(self) -> int:
        return self.amount(K.CONTRIBUTION)

    @property
    def recovery(self) -> int:
        return self.amount(K.RECOVERY)

    @property
    def sources(self) -> int:
        return self.opening + self.allocation + self.contribution + self.recovery

    @property
    def sources_reserved(self) -> int:
        """The reserved share of the sources (a recovered reward goes back to the general part)."""
        return sum(self.reserved_part(k) for k in (K.OPENING, K.ALLOCATION, K.CONTRIBUTION))

    @property
    def sources_general(self) -> int:
        return self.sources - self.sources_reserved

    @property
    def committed(self) -> int:
        return self.amount(K.COMMITMENT)

    @property
    def payments(self) -> int:
        return self.amount(K.PAYMENT)

    @property
    def cancelled(self) -> int:
        return self.amount(K.CANCELLATION)

    @property
    def outstanding(self) -> int:
        """Rewards of signed decisions not paid yet (nor cancelled)."""
        return self.committed - self.payments - self.cancelled

    @property
    def spending(self) -> int:
        return self.amount(K.SPENDING)

    @property
    def spending_reserved(self) -> int:
        return self.reserved_part(K.SPENDING)

    @property
    def spending_general(self) -> int:
        return self.spending - self.spending_reserved

    @property
    def balance_general(self) -> int:
        """What rewards and other spending may still use."""
        return self.sources_general - self.payments - self.spending_general

    @property
    def balance_reserved(self) -> int:
        """What the reserved share (organising movements, reviews, publicity, checks, council
        meetings) may still use."""
        return self.sources_reserved - self.spending_reserved

    @property
    def balance(self) -> int:
        return self.balance_general + self.balance_reserved

    @property
    def free_after_commitments(self) -> int:
        """The general balance once every reward already decided is paid (negative: the fund
        cannot pay them all)."""
        return self.balance_general - self.outstanding

    @property
    def no_sources(self) -> bool:
        """Nothing entered by finance yet (chưa nhập nguồn)."""
        return not (self.opening or self.allocation or self.contribution)


def _rows(funds: Iterable[int]) -> dict[int, Figures]:
    out: dict[int, Figures] = defaultdict(Figures)
    rows = (
        FundEntry.objects.filter(fund_id__in=list(funds))
        .values("fund_id", "kind")
        .annotate(
            plus=Sum("amount", filter=Q(reversal_of__isnull=True), default=0),
            minus=Sum("amount", filter=Q(reversal_of__isnull=False), default=0),
            rplus=Sum("reserved_amount", filter=Q(reversal_of__isnull=True), default=0),
            rminus=Sum("reserved_amount", filter=Q(reversal_of__isnull=False), default=0),
        )
        .order_by()
    )
    for row in rows:
        f = out[row["fund_id"]]
        f.net[row["kind"]] = row["plus"] - row["minus"]
        f.reserved_net[row["kind"]] = row["rplus"] - row["rminus"]
    return out


def figures(fund: Fund) -> Figures:
    return _rows([fund.pk]).get(fund.pk) or Figures()


def figures_for(funds: Iterable[Fund]) -> dict[int, Figures]:
    ids = [f.pk for f in funds]
    found = _rows(ids)
    return {pk: found.get(pk) or Figures() for pk in ids}


def carried_over(previous: Fund | None) -> tuple[int, int]:
    """(amount, reserved part) the previous year's fund carries into the next: its balance, the
    reserved share's own balance kept reserved; nothing when the balance is not positive."""
    if previous is None:
        return 0, 0
    f = figures(previous)
    total = f.balance
    if total <= 0:
        return 0, 0
    return total, max(0, min(f.balance_reserved, total))
