"""The fund's dated rates, read from the rule parameters (shipped in rules/parameters.json,
corrected by administrators on the parameter screen): `fund.allocation_rate` (the share of the
salary fund by grade the budget allocates, a ceiling: ND 98/2023 Điều 50 khoản 1) and
`fund.reserved_share` (the share of each level's fund kept for organising the work: ND 98/2023
Điều 52 khoản 1, TT 28/2025/TT-BTC)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from tdkt.errors import InvalidData
from tdkt.rules.errors import MissingParameter
from tdkt.workflow.parameters import current_parameters

ALLOCATION = "fund.allocation_rate"
RESERVED = "fund.reserved_share"


@dataclass(frozen=True)
class Rate:
    value: Fraction
    citation: str
    on: dt.date

    @property
    def percent(self) -> str:
        """ "20 %", "17,5 %" """
        text = f"{float(self.value * 100):.2f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"{text} %"

    def decimal(self) -> Decimal:
        return Decimal(self.value.numerator) / Decimal(self.value.denominator)

    def of(self, amount: int) -> int:
        """`amount` × the rate, rounded to the đồng (half up)."""
        exact = Decimal(amount) * Decimal(self.value.numerator) / Decimal(self.value.denominator)
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def rate(key: str, on: dt.date) -> Rate:
    try:
        record = current_parameters().record(key, on)
    except MissingParameter as exc:
        raise InvalidData(
            _("Chưa có tỷ lệ %(k)s có hiệu lực ngày %(d)s trong tham số.")
            % {"k": key, "d": on.strftime("%d/%m/%Y")}
        ) from exc
    value = Fraction(str(record.value))
    if not 0 <= value <= 1:
        raise InvalidData(_("Tỷ lệ %(k)s phải từ 0 đến 1.") % {"k": key})
    return Rate(value, record.citation, on)


def allocation_rate(on: dt.date) -> Rate:
    return rate(ALLOCATION, on)


def reserved_share(on: dt.date) -> Rate:
    return rate(RESERVED, on)
