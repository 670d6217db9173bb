"""What every workflow view shares: the version a form carries, POST-only actions, one way to run
a service call, and file responses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect

from tdkt.documents.docx import DOCX_CONTENT_TYPE, AdminDocument, render
from tdkt.documents.xlsx import content_disposition
from tdkt.errors import DomainError
from tdkt.web.http import bounded_int


def posted_version(request: HttpRequest) -> int | None:
    return bounded_int(request.POST.get("version", ""), None, 0, 2**31 - 1)


def post_only(request: HttpRequest) -> HttpResponse | None:
    """Called after the access helper: a GET to an action answers 404 to whoever may not act,
    405 to whoever may."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def run(
    request: HttpRequest, action: Callable[[], Any], success: str, target: str, *args: Any
) -> HttpResponse:
    """Run one service call; its domain error becomes the page's error message."""
    try:
        action()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect(target, *args)


def file_response(
    content: bytes, filename: str, content_type: str, inline: bool = False
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = content_disposition(filename)
    response["Content-Disposition"] = (
        disposition.replace("attachment", "inline") if inline else disposition
    )
    return response


def docx_response(document: AdminDocument, filename: str) -> HttpResponse:
    return file_response(render(document), filename, DOCX_CONTENT_TYPE)
