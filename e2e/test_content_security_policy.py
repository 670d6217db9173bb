"""The Content-Security-Policy in Chromium: pages that run scripts (htmx filters, the dashboard's
charts, the API's docs page) work under it and the browser reports no refused script or style."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from e2e.steps import sign_in
from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.org import services as org
from tdkt.org.models import UnitLevel

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "mat-khau-thu-nghiem-9"


def test_scripts_run_under_the_policy_and_nothing_is_refused(live_server: Any, page: Page) -> None:
    sector = org.create_unit(
        actor=None, code="VKSTC", name="Viện kiểm sát nhân dân tối cao", level=UnitLevel.TOI_CAO
    )
    user = User.objects.create_user(username="quantri", password=PASSWORD, full_name="Quản trị")
    RoleGrant.objects.create(user=user, role=Role.ADMIN, unit=sector)
    refused: list[str] = []

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            refused.append(f"{page.url}: {message.text}")

    page.on("console", watch)
    base = live_server.url
    sign_in(page, base, "quantri", PASSWORD)

    page.goto(f"{base}/don-vi/")
    with page.expect_response(lambda r: "/don-vi/?" in r.url):
        page.get_by_role("searchbox").first.fill("tối cao")
    expect(page.locator("#unit-table")).to_contain_text("Viện kiểm sát nhân dân tối cao")

    page.goto(f"{base}/bao-cao/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => typeof Chart") == "function"

    page.goto(f"{base}/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("TĐKT")

    assert not refused
