"""The REST API's errors in Vietnamese: what django-ninja answers in English by default (not found,
unauthenticated, forbidden, unreadable or invalid input, throttled) and the unexpected error, which
answers JSON like every other API answer and is logged and signalled like Django's own 500."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.core.signals import got_request_exception
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.errors import HttpError, ValidationError

logger = logging.getLogger("tdkt.api")

NOT_FOUND = "Không tìm thấy."
BY_STATUS = {
    400: "Yêu cầu không hợp lệ.",
    401: "Cần đăng nhập, hoặc gửi khoá API hợp lệ ('Authorization: Bearer <khoá>').",
    403: "Bạn không có quyền thực hiện thao tác này.",
    404: NOT_FOUND,
    405: "Phương thức không được hỗ trợ.",
    429: "Quá nhiều yêu cầu; hãy thử lại sau.",
}
# django-ninja's English messages; any other message of an HttpError is the project's own.
NINJA_MESSAGES = {"Not Found", "Unauthorized", "Forbidden", "Too many requests."}
# Pydantic's error types, in words a caller reads; anything else is "invalid value".
BY_TYPE = {
    "missing": "thiếu giá trị bắt buộc",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "float_parsing": "phải là số",
    "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false",
    "string_type": "phải là chuỗi",
    "string_too_long": "quá dài",
    "string_too_short": "quá ngắn",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "uuid_parsing": "phải là mã UUID",
    "list_type": "phải là danh sách",
    "dict_type": "phải là đối tượng JSON",
    "model_attributes_type": "phải là đối tượng JSON",
    "greater_than_equal": "nhỏ hơn giá trị cho phép",
    "less_than_equal": "lớn hơn giá trị cho phép",
    "greater_than": "nhỏ hơn giá trị cho phép",
    "less_than": "lớn hơn giá trị cho phép",
    "extra_forbidden": "không được hỗ trợ",
    "json_invalid": "không phải JSON hợp lệ",
    "enum": "không thuộc các giá trị cho phép",
    "literal_error": "không thuộc các giá trị cho phép",
}


def _json(data: dict[str, Any], status: int) -> HttpResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _json({"detail": NOT_FOUND}, 404)


def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    if message in NINJA_MESSAGES or not message or message.isascii():
        message = BY_STATUS.get(exc.status_code, BY_STATUS[400])
    return _json({"detail": message}, exc.status_code)


def _where(loc: Any) -> str:
    parts = [str(part) for part in loc or () if part not in ("body", "query", "path", "payload")]
    return ".".join(parts) or "?"


def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """422 with one sentence for people and, per error, where (`loc`) and what (`msg`)."""
    errors = [
        {
            "loc": list(error.get("loc") or ()),
            "type": error.get("type", ""),
            "msg": BY_TYPE.get(str(error.get("type")), "giá trị không hợp lệ"),
        }
        for error in exc.errors
    ]
    sentence = "; ".join(f"'{_where(e['loc'])}' {e['msg']}" for e in errors[:5])
    return _json({"detail": f"Dữ liệu gửi lên không hợp lệ: {sentence}.", "errors": errors}, 422)


def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Logged with its traceback and signalled (the test client re-raises it), answered in JSON.
    Django's own refusals keep their status: 403, 400 (a body too large, a bad request)."""
    if isinstance(exc, PermissionDenied):
        return _json({"detail": BY_STATUS[403]}, 403)
    if isinstance(exc, (SuspiciousOperation, BadRequest)):
        return _json({"detail": BY_STATUS[400]}, 400)
    logger.error("API error on %s", request.path, exc_info=exc)
    got_request_exception.send(sender=None, request=request)
    return _json(
        {"detail": "Đã có lỗi trong hệ thống; lỗi đã được ghi lại. Hãy thử lại sau ít phút."}, 500
    )
