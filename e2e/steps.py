"""Steps the browser journeys share: signing in as a demo account, pressing a form's button."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tdkt.demo.writer import PASSWORD


def sign_in(page: Page, base: str, username: str) -> None:
    """A fresh session for `username` (cookies of the one before cleared), signed in."""
    page.context.clear_cookies()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator(".userbox")).to_be_visible()


def post_button(page: Page, name: str) -> None:
    """Press the button and wait for the page the POST leads to."""
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state("networkidle")
