"""The search box of every list view: each word typed must be found, diacritics ignored ("dong
khoi" finds "Đồng khởi", "quang tri" finds "Quảng Trị", đ is d), on SQLite and PostgreSQL alike.

A model whose list is big keeps its `search_key` in a stored, indexed `search_text` column and is
searched with `filter_terms`; a small one (movements, decisions: hundreds of rows a year) is
matched in Python over the few columns the box searches, with `matching`. When a search found
nothing, the list says so with `{% nothing_matched query %}` (web's template tags), never with
the message of an empty scope."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from tdkt.text import search_key, search_terms

M = TypeVar("M", bound=Model)

QUERY_LENGTH = 100
MAX_TERMS = 8


def terms_of(query: str | None) -> list[str]:
    """The words of what was typed (at most MAX_TERMS, from at most QUERY_LENGTH characters),
    lower-case ASCII."""
    return search_terms((query or "")[:QUERY_LENGTH])[:MAX_TERMS]


def filter_terms(qs: QuerySet[M], query: str | None, field: str = "search_text") -> QuerySet[M]:
    """Rows whose stored search key (`field`) contains every word of `query`."""
    for term in terms_of(query):
        qs = qs.filter(**{f"{field}__contains": term})
    return qs


def matching(qs: QuerySet[M], query: str | None, *fields: str) -> QuerySet[M]:
    """Rows of `qs` whose `fields` (joined) contain every word of `query`, diacritics ignored;
    matched in Python, for tables of a few thousand rows at most."""
    terms = terms_of(query)
    if not terms:
        return qs
    rows: Any = qs.order_by().values_list("pk", *fields)
    ids = [
        row[0]
        for row in rows.iterator(chunk_size=2000)
        if all(term in search_key(*(str(v) for v in row[1:] if v)) for term in terms)
    ]
    return qs.filter(pk__in=ids)
