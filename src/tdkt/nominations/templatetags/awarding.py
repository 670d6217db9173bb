"""Small filters of the award workflow screens: status badges, lookups, shares as percentages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()

BADGES = {
    "eligible": "badge-ok",
    "needs_review": "badge-warn",
    "ineligible": "badge-err",
    "draft": "",
    "submitted": "badge-warn",
    "received": "badge-warn",
    "returned": "badge-err",
    "council_review": "badge-warn",
    "at_state": "badge-warn",
    "decided": "badge-ok",
    "awarded": "badge-ok",
    "refused": "badge-err",
    "withdrawn": "badge-revoked",
    "passed": "badge-ok",
    "not_passed": "badge-err",
    "planned": "",
    "open": "badge-warn",
    "closed": "badge-ok",
    "minutes_issued": "badge-ok",
    "postponed": "badge-err",
    "pending_signature": "badge-warn",
    "signed": "badge-ok",
    "revoked": "badge-revoked",
    "unpaid": "badge-warn",
    "paid": "badge-ok",
    "to_recover": "badge-err",
    "recovered": "badge-ok",
    "cancelled": "badge-revoked",
}


@register.filter
def badge(status: Any) -> str:
    return BADGES.get(str(status), "")


@register.filter
def get(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.filter
def share(value: Any) -> str:
    """0.909 → "90,9 %"."""
    if value is None or value == "":
        return ""
    pct = (Decimal(str(value)) * 100).quantize(Decimal("0.1"))
    return f"{pct} %".replace(".", ",")
