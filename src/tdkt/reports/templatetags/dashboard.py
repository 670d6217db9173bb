"""Figures the way the dashboards write them: 66,3 %, +1.234 (+4,5 %)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from tdkt.rules import codes
from tdkt.web.templatetags.tdkt import vn_number

register = template.Library()

NBSP = "\u00a0"
MINUS = "\u2212"


def _decimal(value: float | Decimal, places: int = 1) -> str:
    return f"{value:.{places}f}".replace(".", ",")


@register.filter
def percent(value: Any) -> str:
    """66,3 % (a dash when there is nothing to divide by)."""
    if value is None or value == "":
        return "—"
    return f"{_decimal(value)}{NBSP}%"


@register.filter
def yoy(change: Any) -> str:
    """A year against the one before: +1.234 (+4,5 %), −12 (−0,8 %), 0."""
    if change is None:
        return "—"
    if change.diff == 0:
        return "0"
    sign = "+" if change.diff > 0 else MINUS
    text = f"{sign}{vn_number(abs(change.diff))}"
    if change.percent is not None:
        text += f" ({sign}{_decimal(abs(change.percent))}{NBSP}%)"
    return text


@register.filter
def yoy_class(change: Any) -> str:
    if change is None or change.diff == 0:
        return "yoy"
    return "yoy yoy-up" if change.diff > 0 else "yoy yoy-down"


@register.filter
def measure(value: Any) -> str:
    """A target or result: 1.234 or 85,5 (no trailing zeros)."""
    if value is None or value == "":
        return "—"
    number = Decimal(value)
    if number == number.to_integral():
        return vn_number(int(number))
    whole, _dot, fraction = f"{number.normalize():f}".partition(".")
    return f"{vn_number(int(whole))},{fraction}"


@register.filter
def award_label(code: str) -> str:
    return codes.award_name(code)


@register.filter
def met_rate(totals: Any) -> float | None:
    """Of the units that reported on an indicator, the share that met it."""
    return round(100 * totals.met / totals.reported, 1) if totals.reported else None


@register.filter
def with_keys(cells: list[Any], keys: list[str]) -> list[tuple[str, Any]]:
    """A table row's cells with the key of their column."""
    return list(zip(keys, cells, strict=True))
