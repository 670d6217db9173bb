"""Status badges of the example and publication screens."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()

BADGES = {
    "draft": "",
    "submitted": "badge-warn",
    "returned": "badge-err",
    "approved": "badge-warn",
    "published": "badge-ok",
    "unpublished": "badge-revoked",
}


@register.filter
def example_badge(status: Any) -> str:
    return BADGES.get(str(status), "")
