from __future__ import annotations

import re

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """The request type of views that answer HTMX partials (django-htmx sets `.htmx`)."""

    htmx: HtmxDetails


# The largest value of a 64-bit signed integer column: no id in the database lies beyond it.
MAX_DB_INT = 2**63 - 1
_INTEGER = re.compile(r"-?[0-9]{1,19}")


def bounded_int(
    value: object, default: int | None = None, lo: int = 0, hi: int = MAX_DB_INT
) -> int | None:
    """A number typed by a visitor (query string, form, API parameter): ASCII digits with an
    optional minus, within [lo, hi]; anything else (huge, negative, "²", "1e9", text) is `default`.
    Never raises, so a hostile value gets the page's default, not a 500."""
    text = str(value).strip() if value is not None else ""
    if not _INTEGER.fullmatch(text):
        return default
    number = int(text)
    return number if lo <= number <= hi else default


def query_int(
    request: HttpRequest,
    name: str,
    default: int | None = None,
    lo: int = 0,
    hi: int = MAX_DB_INT,
) -> int | None:
    """`bounded_int` of one query-string parameter."""
    return bounded_int(request.GET.get(name), default, lo, hi)
