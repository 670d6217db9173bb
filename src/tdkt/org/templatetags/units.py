"""Units' names in long lists: `{{ row.unit|unit_short:unit }}` inside the page of `unit`.

The name is shortened to what tells it apart in that page ("Khu vực 1" in Quảng Trị's page,
`tdkt.org.short_names`), starting from the stored abbreviation when there is one, and the full
name is always in the `title` (shown on hover). Without a context unit the stored abbreviation
is shown, the full name again in the `title`."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from tdkt.org.models import Unit
from tdkt.org.short_names import shorten, shorten_all

register = template.Library()

# Up to this length a shortened name is kept on one line (app.css: .unit-name.short); a longer
# one wraps, in a cell wide enough that it never goes one word per line.
ONE_LINE = 32
_CACHE = "_tdkt_children_short_names"


def _reading(unit: Any) -> str:
    return unit.short_name or unit.name


def _contexts(context: Any) -> list[str]:
    return [context.name, context.short_name]


def _children_short_names(context: Unit) -> dict[int, str]:
    """The shortened names of all of `context`'s units, kept on the instance (one query a page),
    so that two of them never read alike."""
    cached = context.__dict__.get(_CACHE)
    if cached is None:
        rows = list(
            Unit.objects.filter(parent_id=context.pk).values_list("pk", "name", "short_name")
        )
        readings = [short or name for _pk, name, short in rows]
        shortened = shorten_all(readings, _contexts(context))
        cached = {pk: short for (pk, _n, _s), short in zip(rows, shortened, strict=True)}
        context.__dict__[_CACHE] = cached
    return cached


def _span(full: str, short: str) -> SafeString:
    css = "unit-name short" if len(short) <= ONE_LINE else "unit-name"
    return format_html('<span class="{}" title="{}">{}</span>', css, full, short)


def short_name_in(unit: Any, context: Any = None) -> str:
    """What `unit_short` shows, as plain text."""
    if not isinstance(context, Unit) or context.pk is None:
        return _reading(unit)
    if unit.parent_id == context.pk and unit.pk in (known := _children_short_names(context)):
        return known[unit.pk]
    return shorten(_reading(unit), _contexts(context))


@register.filter
def unit_short(unit: Any, context: Any = None) -> SafeString | str:
    """`<span title="full name">short name</span>`; nothing for no unit."""
    if not isinstance(unit, Unit):
        return "" if unit in (None, "") else str(unit)
    return _span(unit.name, short_name_in(unit, context))


@register.filter
def name_short(name: Any, context: Any = None) -> SafeString | str:
    """A unit's name known only as text (a row of figures), shortened inside the page of the
    unit `context` like `unit_short`, the full name in the `title`."""
    if name in (None, ""):
        return ""
    full = str(name)
    return _span(full, shorten(full, _contexts(context)) if isinstance(context, Unit) else full)
