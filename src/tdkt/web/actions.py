"""What every workflow view shares: the version a form carries, POST-only actions, one way to run
a service call (from a form or from a button), and file responses."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
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


def refuse(request: HttpRequest, allowed: bool) -> HttpResponse | None:
    """An action refused: 404 to whoever may not act (as if it did not exist), 405 to a GET;
    None when the action may go on."""
    if not allowed:
        raise Http404
    return post_only(request)


def submit_form(
    request: HttpRequest,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    success: str,
    *,
    error_fields: Mapping[str, str] | None = None,
) -> bool:
    """Validate the posted form and run the service; its refusal goes onto the form, on the
    field `error_fields` names for its code when the form has one."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except DomainError as exc:
        field = (error_fields or {}).get(exc.code)
        form.add_error(field if field in form.fields else None, exc.message)
        return False
    messages.success(request, success)
    return True


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


def run_form(
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[dict[str, Any]], Any],
    success: str,
    target: str,
    *args: Any,
) -> HttpResponse:
    """`run` on a posted form's data (a form on a detail page, not a page of its own): the form's
    errors come back as messages on the page `target` names."""
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect(target, *args)
    data = form.cleaned_data
    return run(request, lambda: action(data), success, target, *args)


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
