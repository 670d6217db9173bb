"""Steps the browser journeys share: signing in as a demo account, pressing a form's button."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tdkt.demo.writer import PASSWORD


def sign_in(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    """A fresh session for `username` (cookies of the one before cleared), signed in."""
    page.context.clear_cookies()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator(".userbox")).to_be_visible()


def post_button(page: Page, name: str) -> None:
    """Press the button and wait for the page the POST leads to."""
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state("networkidle")


def pick_unit(page: Page, label: str, query: str, unit_id: int) -> None:
    """Type `query` in the search-as-you-type picker labelled `label` (a unit's or a person's:
    they share one base, web/picker.py) and choose `unit_id` among the answers."""
    box = page.get_by_label(label, exact=True)
    box.fill(query)
    page.wait_for_load_state("networkidle")
    results = page.locator(f"#{box.get_attribute('id')}-results")
    results.locator(f"input[type=radio][value='{unit_id}']").check()


# The person picker is the same widget: type a name, choose the person's id among the answers.
pick_person = pick_unit
