"""Hostile requests stop before the views: a JSON body is read only if it is of a sane size and
depth (anything else answers a Vietnamese 400 instead of a RecursionError's 500), a NUL in the query
string is dropped (PostgreSQL refuses it in any text it compares), and an id in the path beyond any
database integer answers 404 (SQLite cannot even compare it)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from tdkt.rules.jsonread import MAX_DEPTH, nesting_depth
from tdkt.web.http import MAX_DB_INT

FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
# An integer of 19 digits or more lies beyond any database integer column: in a JSON body (outside
# strings) or as a whole query-string value of the API.
_HUGE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|(?<![\d.eE+-])(-?\d{19,})')
_HUGE_VALUE = re.compile(r"\s*[-+]?\d{19,}\s*")


def has_huge_integer(text: str) -> bool:
    return any(match.group(1) for match in _HUGE.finditer(text))


def _problem(message: str) -> JsonResponse:
    return JsonResponse({"detail": message}, status=400, json_dumps_params={"ensure_ascii": False})


class JsonBodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "%00" in request.META.get("QUERY_STRING", ""):
            request.GET = self._without_nul(request)  # type: ignore[misc]
        if request.path_info.startswith("/api/") and self._huge_query_value(request):
            return _problem(_("Tham số có số quá lớn (tối đa 18 chữ số)."))
        if self._carries_json(request):
            try:
                body = request.body
            except RequestDataTooBig:
                return _problem(_("Nội dung gửi lên quá lớn."))
            text = body.decode("utf-8", errors="replace")
            if nesting_depth(text) > MAX_DEPTH:
                return _problem(_("JSON lồng nhau quá sâu (tối đa %(n)s cấp).") % {"n": MAX_DEPTH})
            if has_huge_integer(text):
                return _problem(_("JSON có số nguyên quá lớn (tối đa 18 chữ số)."))
        return self.get_response(request)

    @staticmethod
    def _without_nul(request: HttpRequest) -> Any:
        cleaned = request.GET.copy()
        for key, values in request.GET.lists():
            cleaned.setlist(key, [v.replace("\x00", "") for v in values])
        cleaned._mutable = False
        return cleaned

    @staticmethod
    def _huge_query_value(request: HttpRequest) -> bool:
        return any(_HUGE_VALUE.fullmatch(v) for _key, values in request.GET.lists() for v in values)

    @staticmethod
    def _carries_json(request: HttpRequest) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return False
        if request.content_type == "application/json":
            return True
        return request.path_info.startswith("/api/") and request.content_type not in FORM_TYPES


class BoundedPathIdsMiddleware:
    """`<int:pk>` matches any run of digits; nothing in the database lies beyond MAX_DB_INT."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not -MAX_DB_INT <= value <= MAX_DB_INT:
                raise Http404
        return None
