"""Deployment security and error answers: the TDKT_HTTPS switch (clean `check --deploy`, HSTS,
redirect except /healthz, the proxy's header), the Content-Security-Policy and templates without
inline script, sessions ending after the idle time, the error pages and the API's errors in
Vietnamese, and JSON bodies bounded in depth, numbers and size."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views import defaults

from tdkt.web.http import bounded_int
from tests.conftest import Sector, login

SOURCE = Path(__file__).resolve().parents[2] / "src" / "tdkt"


def _settings_with(tmp_path: Path, **env: str) -> dict[str, Any]:
    """The settings module as a fresh process reads it with `env`."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k, None) for k in ["
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', "
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_PROXY_SSL_HEADER', "
        "'SECURE_REDIRECT_EXEMPT', 'SESSION_COOKIE_AGE']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tdkt.settings",
            "TDKT_DATA_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(result.stdout))


def test_tdkt_https_turns_on_secure_cookies_hsts_and_the_redirect(tmp_path: Path) -> None:
    plain = _settings_with(tmp_path)
    assert not plain["SESSION_COOKIE_SECURE"] and not plain["SECURE_SSL_REDIRECT"]
    secure = _settings_with(tmp_path, TDKT_HTTPS="true")
    assert secure["SESSION_COOKIE_SECURE"] and secure["CSRF_COOKIE_SECURE"]
    assert secure["SECURE_SSL_REDIRECT"] and secure["SECURE_HSTS_SECONDS"] >= 31536000
    assert secure["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_check_deploy_prints_no_warning_behind_https(tmp_path: Path) -> None:
    # The browser journeys set DJANGO_ALLOW_ASYNC_UNSAFE for their own process (e2e/conftest.py);
    # a deployment never has it, and `check --deploy` rightly refuses it.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "TDKT_DATA_DIR": str(tmp_path),
        "TDKT_HTTPS": "true",
        "TDKT_DEBUG": "false",
        "TDKT_SECRET_KEY": secrets.token_urlsafe(50),
    }
    result = subprocess.run(
        [sys.executable, "-m", "tdkt", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout and "WARNING" not in result.stderr


def test_https_redirects_pages_but_not_the_health_check(settings: Any, db: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client = Client()
    assert client.get("/healthz").status_code == 200
    response = client.get(reverse("login"))
    assert response.status_code == 301 and response.url.startswith("https://")
    behind_proxy = client.get(reverse("login"), headers={"X-Forwarded-Proto": "https"})
    assert behind_proxy.status_code == 200


def test_every_page_carries_a_content_security_policy_without_inline_script(
    sector: Sector, officer: Any
) -> None:
    for response in (Client().get(reverse("login")), login(officer).get(reverse("home"))):
        policy = response["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        assert "unsafe-eval" not in policy
        assert 'name="htmx-config"' in response.content.decode()


def test_no_template_has_an_inline_script_or_event_handler() -> None:
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>")
    handler = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
    offenders = []
    for path in SOURCE.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if inline_script.search(text) or handler.search(text) or "javascript:" in text:
            offenders.append(str(path.relative_to(SOURCE)))
    assert not offenders


def test_the_api_docs_page_loads_its_assets_from_the_application(
    sector: Sector, officer: Any
) -> None:
    response = login(officer).get(reverse("api:openapi-view"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "cdn" not in page.lower()
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_a_session_ends_after_the_idle_time_and_lives_while_used(
    settings: Any, sector: Sector, officer: Any
) -> None:
    assert settings.SESSION_COOKIE_AGE == 480 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    client = login(officer)
    start = timezone.now()
    with time_machine.travel(start + timezone.timedelta(hours=7)):
        assert client.get(reverse("home")).status_code == 200  # renews the session
    with time_machine.travel(start + timezone.timedelta(hours=14)):
        assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(start + timezone.timedelta(hours=22, minutes=1)):
        response = client.get(reverse("home"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_404_page_is_vietnamese_in_the_site_layout_with_a_way_back(
    sector: Sector, officer: Any
) -> None:
    response = login(officer).get("/khong-co-trang-nay/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in page and 'href="/"' in page
    assert "Thi đua, khen thưởng ngành Kiểm sát nhân dân" in page  # the top bar
    assert "Đăng xuất" in page, "a signed-in user keeps the site's navigation"


def test_the_403_and_400_pages_are_vietnamese(db: Any) -> None:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    forbidden = defaults.permission_denied(request, PermissionDenied())
    assert forbidden.status_code == 403
    assert "Bạn không có quyền" in forbidden.content.decode()
    bad = defaults.bad_request(request, Exception())
    assert bad.status_code == 400 and "Yêu cầu không hợp lệ" in bad.content.decode()


def test_the_500_page_needs_neither_the_request_nor_the_database() -> None:
    # No `db` fixture: any query would fail the test.
    response = defaults.server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Đã có lỗi trong hệ thống" in page and 'href="/"' in page


def test_a_stale_form_gets_the_vietnamese_csrf_page(sector: Sector, officer: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    assert "tải lại trang" in response.content.decode()


def test_api_errors_are_vietnamese(sector: Sector, officer: Any) -> None:
    anonymous = Client().get(reverse("api:eligibility_person", args=[sector.an.pk]))
    assert anonymous.status_code == 401 and "đăng nhập" in anonymous.json()["detail"]
    client = login(officer)
    missing = client.get(reverse("api:eligibility_person", args=[sector.binh.pk]))
    assert missing.status_code == 404 and missing.json() == {"detail": "Không tìm thấy."}
    invalid = client.get(reverse("api:eligibility_person", args=[sector.an.pk]), {"year": "abc"})
    assert invalid.status_code == 422
    assert invalid.json()["detail"] == "Dữ liệu gửi lên không hợp lệ: 'year' phải là số nguyên."
    too_late = client.get(reverse("api:eligibility_person", args=[sector.an.pk]), {"year": 99999})
    assert too_late.status_code == 422


def test_an_unexpected_api_error_answers_json_in_vietnamese(
    sector: Sector, officer: Any, monkeypatch: Any
) -> None:
    from tdkt.eligibility import api

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(api.selectors, "scan_person", broken)
    client = login(officer)
    client.raise_request_exception = False
    response = client.get(reverse("api:eligibility_person", args=[sector.an.pk]))
    assert response.status_code == 500
    assert "Đã có lỗi trong hệ thống" in response.json()["detail"]


def _check(client: Client, body: str) -> Any:
    return client.post(reverse("api:eligibility_check"), body, content_type="application/json")


def test_a_json_body_nested_5000_deep_gets_a_vietnamese_400(sector: Sector, officer: Any) -> None:
    client = login(officer)
    deep = _check(client, "[" * 5000 + "]" * 5000)
    assert deep.status_code == 400 and "lồng nhau quá sâu" in deep.json()["detail"]
    as_text = client.post(reverse("api:eligibility_check"), "{" * 5000, content_type="text/plain")
    assert as_text.status_code == 400


def test_huge_numbers_and_oversized_bodies_get_a_400(
    settings: Any, sector: Sector, officer: Any
) -> None:
    client = login(officer)
    huge = _check(client, json.dumps({"council_size": 10**30}))
    assert huge.status_code == 400 and "quá lớn" in huge.json()["detail"]
    query = client.get(reverse("api:eligibility_unit", args=[sector.kv1.pk]), {"year": "9" * 30})
    assert query.status_code == 400
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    big = _check(client, json.dumps({"x": "a" * 2000}))
    assert big.status_code == 400 and "quá lớn" in big.json()["detail"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("-1", None),
        ("²", None),
        ("٣", None),
        ("1e3", None),
        ("9" * 30, None),
        ("", None),
        (None, None),
        ("0x1F", None),
    ],
)
def test_bounded_int_reads_only_plain_numbers_in_range(value: Any, expected: Any) -> None:
    assert bounded_int(value) == expected


def test_a_nul_in_the_query_string_is_dropped_before_any_view_reads_it(admin_user: Any) -> None:
    from tests.conftest import login

    response = login(admin_user).get("/nhat-ky/?nguoi=Qu%00an&doi_tuong=%00")
    assert response.status_code == 200
    assert response.context["actor"] == "Quan"
