"""The sector's dashboard in Chromium, on the small demo sector: the charts are drawn, and a figure
of a table opens the award ledger with exactly that many lines, its conditions named."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tdkt.demo.build import build_demo
from tdkt.demo.writer import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_dashboard_draws_its_charts_and_opens_the_list_behind_a_figure(
    live_server: Any, page: Page, shot: Callable[[str], Path]
) -> None:
    build_demo(size="small", say=lambda _m: None)
    base = live_server.url
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()

    page.get_by_role("link", name="Báo cáo, thống kê").click()
    page.get_by_label("Từ năm").select_option("2021")
    page.get_by_label("Đến năm").select_option("2025")
    page.get_by_role("button", name="Xem").click()
    expect(
        page.get_by_role("heading", name="Báo cáo, thống kê · Toàn ngành Kiểm sát nhân dân")
    ).to_be_visible()
    levels = page.locator('canvas[data-chart="levels"]')
    expect(levels).to_have_attribute("data-drawn", "4")
    assert page.evaluate(
        "() => Chart.getChart(document.querySelector('canvas[data-chart=levels]')).data.labels"
    ) == [
        "2021",
        "2022",
        "2023",
        "2024",
        "2025",
    ]
    box = levels.bounding_box()
    assert box is not None and box["height"] > 200
    shot("01-toan-nganh")

    figure = page.locator('#bang-tiers tr[data-row="co_so"] td[data-col="2023"] a')
    count = figure.get_attribute("data-figure")
    assert count is not None and int(count) > 0
    figure.click()
    expect(page.get_by_role("heading", name="Sổ khen thưởng")).to_be_visible()
    expect(page.locator("#active-filters [data-count]")).to_have_attribute("data-count", count)
    expect(page.locator(".chip").filter(has_text="Năm 2023")).to_be_visible()
    expect(page.locator(".chip").filter(has_text="Cấp cơ sở")).to_be_visible()
    shot("02-so-khen-thuong-tu-bieu-do")

    page.go_back()
    page.get_by_role("link", name="Viện kiểm sát nhân dân tỉnh Quảng Trị").click()
    expect(
        page.get_by_role(
            "heading", name="Báo cáo, thống kê · Viện kiểm sát nhân dân tỉnh Quảng Trị"
        )
    ).to_be_visible()
    expect(page.locator('canvas[data-chart="shares"]')).to_have_attribute("data-drawn", "3")
    shot("03-tinh-quang-tri")
