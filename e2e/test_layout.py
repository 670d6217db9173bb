"""Wide pages in Chromium on the small demo sector: at 1280 px no page scrolls sideways, every data
table sits in a card that scrolls it, its first column sticky; on a narrower screen the roll-up
scrolls inside its card while the units' names stay in view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from e2e.steps import sign_in
from tdkt.demo.build import build_demo
from tdkt.movements.models import Movement
from tdkt.org.models import Unit

pytestmark = pytest.mark.django_db(transaction=True)

PAGE_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# Every data table, whether it is in a .table-wrap, and the position of its first body cell.
TABLES = """() => [...document.querySelectorAll('table.table')].map(t => {
  const cell = t.querySelector('tbody tr > :first-child:not([colspan])');
  return {wrapped: t.parentElement.classList.contains('table-wrap'),
          position: cell ? getComputedStyle(cell).position : 'sticky'};
})"""


def wide_pages() -> list[tuple[str, str]]:
    quang_tri = Unit.objects.get(code="t25-quang-tri")
    movement = Movement.objects.filter(answers__isnull=False).distinct().order_by("pk").first()
    assert movement is not None
    rollup = reverse("movements:registration_rollup")
    return [
        ("tong-hop-dang-ky", f"{rollup}?nam=2025"),
        ("tong-hop-dang-ky-quang-tri", f"{rollup}?nam=2025&don_vi={quang_tri.pk}"),
        ("don-vi-quang-tri", reverse("org:unit_detail", args=[quang_tri.pk])),
        ("thong-ke-quang-tri", reverse("reports:unit_dashboard", args=[quang_tri.pk])),
        ("so-lieu-nam", reverse("records:facts_grid", args=[quang_tri.pk]) + "?ca_cap_duoi=1"),
        ("phong-trao", reverse("movements:movement_detail", args=[movement.pk])),
    ]


def test_wide_tables_scroll_inside_their_card_with_the_first_column_sticky(
    live_server: Any, page: Page, shot: Callable[[str], Path]
) -> None:
    build_demo(size="small", say=lambda _m: None)
    pages = wide_pages()
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, "quantri")

    for name, url in pages:
        page.goto(base + url)
        page.wait_for_load_state("networkidle")
        shot(name)
        assert page.evaluate(PAGE_OVERFLOW) <= 0, f"{url} scrolls sideways at 1280 px"
        tables = page.evaluate(TABLES)
        assert tables, url
        assert all(t["wrapped"] for t in tables), f"{url}: a table outside a .table-wrap"
        assert {t["position"] for t in tables} == {"sticky"}, url

    # On a narrower screen the roll-up is wider than its card: the card scrolls, not the page,
    # and the units' names stay where they are while the figures slide under them.
    page.set_viewport_size({"width": 760, "height": 900})
    page.goto(base + pages[0][1])
    page.wait_for_load_state("networkidle")
    assert page.evaluate(PAGE_OVERFLOW) <= 0
    wrap = page.locator(".table-wrap:has(#rollup)")
    assert wrap.evaluate("w => w.scrollWidth - w.clientWidth") > 100
    name = page.locator("#rollup tbody tr").nth(1).locator("td").first
    figure = page.locator("#rollup tbody tr").nth(1).locator("td").nth(1)
    name_x, figure_x = name.bounding_box()["x"], figure.bounding_box()["x"]  # type: ignore[index]
    wrap.evaluate("w => { w.scrollLeft = 200; }")
    assert name.bounding_box()["x"] == pytest.approx(name_x, abs=1)  # type: ignore[index]
    assert figure.bounding_box()["x"] < figure_x - 150  # type: ignore[index]
    # the unit's name is short, the full name on hover
    assert name.locator(".unit-name").get_attribute("title", timeout=2000)
    shot("tong-hop-dang-ky-760px-cuon-ngang")
