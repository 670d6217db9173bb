"""Error answers in Vietnamese: the CSRF failure page (the 400, 403, 404 and 500 pages are the
templates of the same names, rendered by Django's default handlers)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A stale form or an expired session: say so, and offer the way back."""
    return render(request, "403_csrf.html", status=403)
