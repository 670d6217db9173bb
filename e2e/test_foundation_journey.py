"""A TĐKT officer of the new VKSND tỉnh Quảng Trị browses the demo sector in Chromium; a staff
member reads only his own record; an officer of another province is refused."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tdkt.accounts.models import User
from tdkt.demo.build import build_demo
from tdkt.demo.writer import PASSWORD
from tdkt.workflow.access import restrict_people

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_officer_browses_people_units_and_a_timeline_in_vietnamese(
    live_server: Any, page: Page, shot: Callable[[str], Path]
) -> None:
    build_demo(size="small", say=lambda _m: None)
    base = live_server.url

    sign_in(page, base, "tdkt.quangtri")
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()
    shot("01-tong-quan")

    # Search without diacritics: the table updates in place (HTMX) and the URL follows.
    page.get_by_role("link", name="Cán bộ").first.click()
    officer = User.objects.get(username="tdkt.quangtri")
    target = (
        restrict_people(officer)
        .filter(left_on__isnull=True, awards__award="LDTT")
        .order_by("sort_key")
        .first()
    )
    assert target is not None
    ascii_query = " ".join(target.search_text.split()[:3])
    page.get_by_label(re.compile("Họ tên hoặc số CCCD")).fill(ascii_query)
    expect(page.locator("#person-table")).to_contain_text(target.full_name)
    expect(page).to_have_url(re.compile(r"q="))
    shot("02-tim-khong-dau")

    page.get_by_role("link", name=target.full_name).first.click()
    expect(page.get_by_role("heading", name="Hồ sơ thành tích")).to_be_visible()
    expect(page.locator(".timeline")).to_contain_text("Lao động tiên tiến")
    shot("03-ho-so-thanh-tich")

    # The new province carries the history of the provinces merged into it.
    page.get_by_role("link", name="Đơn vị").first.click()
    page.get_by_label("Tìm theo tên hoặc mã").fill("tinh quang tri")
    page.locator("#unit-table").get_by_role("link", name=re.compile("tỉnh Quảng Trị")).first.click()
    expect(page.get_by_text("Hình thành từ")).to_be_visible()
    expect(page.locator("body")).to_contain_text("Quảng Bình")
    shot("04-don-vi-ke-thua")


def test_staff_member_lands_on_his_own_record_and_nothing_else(
    live_server: Any, page: Page, shot: Callable[[str], Path]
) -> None:
    build_demo(size="small", say=lambda _m: None)
    base = live_server.url
    sign_in(page, base, "canbo.kv1quangtri")
    expect(page.get_by_role("heading", name="Hồ sơ thành tích")).to_be_visible()
    shot("01-ho-so-cua-toi")
    response = page.goto(f"{base}/can-bo/")
    assert response is not None and response.status == 404
