"""Numbers as the movement screens write them: 87,5 · 1.234,25 · 83,3 %."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django import template

register = template.Library()

BADGES = {
    "eligible": "badge-ok",
    "needs_review": "badge-warn",
    "ineligible": "badge-err",
    "approved": "badge-ok",
    "submitted": "badge-warn",
    "returned": "badge-err",
    "planned": "badge-ok",
    "acknowledged": "badge-warn",
    "pending": "badge-err",
    "running": "badge-ok",
    "launched": "badge-ok",
    "reviewed": "badge-ok",
    "open": "badge-warn",
    "locked": "badge-ok",
}


@register.filter
def num(value: Any) -> str:
    """Up to two decimals, comma as decimal mark, dots between thousands; empty for nothing."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return str(value)
    whole, _, frac = f"{abs(number):.2f}".partition(".")
    text = f"{int(whole):,}".replace(",", ".")
    frac = frac.rstrip("0")
    sign = "-" if number < 0 else ""
    return f"{sign}{text},{frac}" if frac else f"{sign}{text}"


@register.filter
def pct(value: Any) -> str:
    """A share (Fraction, Decimal or "4/5") as a percentage with one decimal."""
    if value is None or value == "":
        return ""
    share = Fraction(str(value)) if not isinstance(value, Fraction) else value
    return f"{num(Decimal(share.numerator * 100) / Decimal(share.denominator))} %"


@register.filter
def badge(status: Any) -> str:
    return BADGES.get(str(status), "")


@register.filter
def get(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None
