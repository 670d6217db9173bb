"""Formatting the way Vietnamese administrative documents write things."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()


@register.filter
def vn_date(value: Any) -> str:
    """dd/mm/yyyy, empty for nothing."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


@register.filter
def vn_number(value: Any) -> str:
    if value is None or value == "":
        return ""
    return f"{int(value):,}".replace(",", ".")


@register.filter
def money(value: Any) -> str:
    """1.800.000 đ"""
    if value is None or value == "":
        return ""
    return f"{vn_number(value)} đ"


@register.simple_tag(takes_context=True)
def query_with(context: Any, **changes: Any) -> str:
    """The current query string with some parameters replaced (pagination, sorting)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def nothing_matched(query: Any, otherwise: Any = "") -> str:
    """What a list shows in place of rows: after a search that found nothing, "Không tìm thấy
    kết quả phù hợp với “…”."; with nothing searched, `otherwise` (the list's own message for an
    empty scope), e.g. {% nothing_matched query _("Chưa có phong trào thi đua nào.") %}."""
    typed = str(query or "").strip()[:100]
    if not typed:
        return format_html("{}", otherwise)
    return format_html(gettext("Không tìm thấy kết quả phù hợp với “{}”."), typed)
