"""A signed-in user who must change his password (a one-time password) reaches nothing else
first: pages redirect to "Đổi mật khẩu", the API answers 403 in Vietnamese."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class MustChangePasswordMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not self._exempt(request.path_info)
        ):
            if request.path_info.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Bạn cần đổi mật khẩu dùng một lần trước khi dùng hệ thống.")},
                    status=403,
                )
            return redirect("password_change")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        static = "/" + settings.STATIC_URL.lstrip("/")
        allowed = (reverse("password_change"), reverse("logout"), static)
        return any(path.startswith(prefix) for prefix in allowed)
