"""The REST API: one NinjaAPI for the whole project, with its OpenAPI schema at /api/openapi.json.

Authentication: the web session (with its CSRF token for writes) or a bearer token issued by
`tdkt api_token USERNAME` (`Authorization: Bearer <token>`). Either way the request acts with the
user's grants, through the same access helpers as the screens: whatever the user may not see
answers 404, like what does not exist. The interactive docs page (/api/docs) is served only when
"ninja" is in INSTALLED_APPS, so that its assets come from the application, never from a CDN."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from tdkt import api_errors
from tdkt.accounts.tokens import user_for_token
from tdkt.council.api import router as council_router
from tdkt.decisions.api import router as decisions_router
from tdkt.eligibility.api import router as eligibility_router
from tdkt.errors import Conflict, DomainError, NotAllowed
from tdkt.nominations.api import router as nominations_router
from tdkt.nominations.public_api import router as nominations_public_router
from tdkt.reports.api import router as reports_router
from tdkt.rules.errors import ContractError


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="TĐKT — Thi đua, khen thưởng ngành Kiểm sát nhân dân",
    version="1",
    description=(
        "Xét điều kiện thi đua, khen thưởng theo hợp đồng JSON của hệ thống "
        "(shared/domain/eligibility-contract.md); hồ sơ đề nghị, lấy ý kiến, Hội đồng bỏ phiếu "
        "kín, quyết định khen thưởng. Xác thực: phiên đăng nhập hoặc "
        "'Authorization: Bearer <khoá>' (cấp bằng lệnh `tdkt api_token`)."
    ),
    auth=[BearerToken(), SessionAuth()],
    urls_namespace="api",
    docs_url="/docs" if "ninja" in settings.INSTALLED_APPS else None,
)
api.add_router("/eligibility/", eligibility_router)
api.add_router("/nominations/", nominations_router)
api.add_router("/nominations/", nominations_public_router)
api.add_router("/council/", council_router)
api.add_router("/decisions/", decisions_router)
api.add_router("/reports/", reports_router)


@api.exception_handler(ContractError)
def contract_error(request: HttpRequest, exc: ContractError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=400)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, "code": exc.code}, status=400)


@api.exception_handler(Conflict)
def conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
    """A stale version, a duplicate, a vote already cast: nothing was written."""
    return api.create_response(request, {"detail": exc.message, "code": exc.code}, status=409)


@api.exception_handler(NotAllowed)
def not_allowed(request: HttpRequest, exc: NotAllowed) -> HttpResponse:
    """Whatever the caller may not do answers like what does not exist."""
    return api.create_response(request, {"detail": api_errors.NOT_FOUND}, status=404)


# django-ninja's own errors, in Vietnamese (tdkt/api_errors.py).
api.exception_handler(Http404)(api_errors.not_found)
api.exception_handler(HttpError)(api_errors.http_error)
api.exception_handler(ValidationError)(api_errors.validation_error)
api.exception_handler(Exception)(api_errors.server_error)


# `path("api/", include("tdkt.api"))`: the URL patterns, namespaced "api" like `urls_namespace`.
app_name = "api"
urlpatterns = api.urls[0]
