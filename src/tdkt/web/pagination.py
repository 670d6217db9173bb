from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 50


def paginate(request: HttpRequest, items: Any, per_page: int = PAGE_SIZE) -> Page:
    """The requested page (`trang`), clamped to the existing ones."""
    return Paginator(items, per_page).get_page(request.GET.get("trang"))
