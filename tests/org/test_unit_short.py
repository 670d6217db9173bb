"""The `unit_short` filter and the long unit lists that use it: inside Quảng Trị's pages its
regional units read "Khu vực 1", "Khu vực 2", the full name always in the `title`."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.template import Context, Template
from django.urls import reverse

from tdkt.org import services as org
from tdkt.org.models import Unit, UnitLevel
from tdkt.people import services as people
from tests.conftest import Sector, login

KV1 = "Viện kiểm sát nhân dân khu vực 1 - Quảng Trị"
KV2 = "Viện kiểm sát nhân dân khu vực 2 - Quảng Trị"


def render(source: str, **context: Any) -> str:
    return Template("{% load units %}" + source).render(Context(context))


def shown(page: str, full_name: str) -> list[str]:
    """What the page shows for the unit named `full_name` in a `unit_short` span."""
    spans = re.findall(r'<span class="unit-name[^"]*" title="([^"]*)">([^<]*)</span>', page)
    return [html.unescape(text) for title, text in spans if html.unescape(title) == full_name]


@pytest.fixture
def kv2(sector: Sector) -> Unit:
    unit = org.create_unit(
        actor=None,
        code="KV-QT-02",
        name=KV2,
        short_name="VKSND khu vực 2 - Quảng Trị",
        level=UnitLevel.KHU_VUC,
        parent=sector.quang_tri,
        established_on=dt.date(2025, 7, 1),
    )
    people.create_person(
        actor=None,
        full_name="Lê Thị Cúc",
        gender="female",
        birth_date=dt.date(1991, 5, 5),
        unit=unit,
        post_kind="chuyen_vien",
        position_from=dt.date(2025, 7, 1),
    )
    return unit


def test_inside_the_parents_page_the_name_is_shortened_and_the_full_name_is_the_title(
    sector: Sector, kv2: Unit
) -> None:
    out = render("{{ u|unit_short:ctx }}", u=sector.kv1, ctx=sector.quang_tri)
    assert out == f'<span class="unit-name short" title="{KV1}">Khu vực 1</span>'
    # the stored abbreviation is where the shortening starts
    assert shown(render("{{ u|unit_short:ctx }}", u=kv2, ctx=sector.quang_tri), KV2) == [
        "Khu vực 2"
    ]


def test_without_a_context_the_stored_abbreviation_shows_with_the_full_name_as_title(
    kv2: Unit,
) -> None:
    assert shown(render("{{ u|unit_short }}", u=kv2), KV2) == ["VKSND khu vực 2 - Quảng Trị"]


def test_a_unit_without_an_abbreviation_shows_its_full_name(sector: Sector) -> None:
    assert shown(render("{{ u|unit_short }}", u=sector.kv1), KV1) == [KV1]


def test_the_names_are_escaped(sector: Sector) -> None:
    unit = org.create_unit(
        actor=None,
        code="X",
        name='Phòng <b>"Thử"</b> - Quảng Trị',
        level=UnitLevel.PHONG,
        parent=sector.quang_tri,
    )
    out = render("{{ u|unit_short:ctx }}", u=unit, ctx=sector.quang_tri)
    assert "<b>" not in out
    assert 'title="Phòng &lt;b&gt;&quot;Thử&quot;&lt;/b&gt; - Quảng Trị"' in out


def test_nothing_for_no_unit_and_plain_text_for_something_else() -> None:
    assert render("{{ u|unit_short }}", u=None) == ""
    assert render("{{ u|unit_short }}", u="Đơn vị khác") == "Đơn vị khác"


def test_a_name_known_as_text_is_shortened_the_same_way(sector: Sector) -> None:
    out = render("{{ n|name_short:ctx }}", n=KV1, ctx=sector.quang_tri)
    assert shown(out, KV1) == ["Khu vực 1"]
    assert render("{{ n|name_short:ctx }}", n="", ctx=sector.quang_tri) == ""


def test_children_that_would_read_alike_keep_their_names(sector: Sector) -> None:
    """Two children shortened to the same words keep more, so a reader can tell them apart."""
    twin = org.create_unit(
        actor=None,
        code="KV-QT-01B",
        name="VKSND khu vực 1 (Quảng Trị)",
        level=UnitLevel.KHU_VUC,
        parent=sector.quang_tri,
    )
    qt = Unit.objects.get(pk=sector.quang_tri.pk)
    out = render("{{ a|unit_short:qt }} {{ b|unit_short:qt }}", a=sector.kv1, b=twin, qt=qt)
    assert shown(out, KV1) == ["Viện kiểm sát nhân dân khu vực 1"]
    assert shown(out, "VKSND khu vực 1 (Quảng Trị)") == ["VKSND khu vực 1"]


def test_a_long_list_reads_its_children_names_in_one_query(
    sector: Sector, kv2: Unit, django_assert_max_num_queries: Any
) -> None:
    qt = Unit.objects.get(pk=sector.quang_tri.pk)
    units = [sector.kv1, kv2] * 20
    with django_assert_max_num_queries(1):
        out = render("{% for u in units %}{{ u|unit_short:qt }}{% endfor %}", units=units, qt=qt)
    assert shown(out, KV2) == ["Khu vực 2"] * 20


# Pages with long unit lists, opened inside Quảng Trị: each shows Khu vực 2 shortened.
PAGES = [
    ("org:unit_detail", lambda s: {"pk": s.quang_tri.pk}, ""),
    ("records:facts_grid", lambda s: {"pk": s.quang_tri.pk}, "?nam=2026&ca_cap_duoi=1"),
    ("reports:unit_dashboard", lambda s: {"pk": s.quang_tri.pk}, ""),
]


@pytest.mark.parametrize(("name", "kwargs", "query"), PAGES, ids=[p[0] for p in PAGES])
def test_pages_inside_a_province_show_its_units_short_with_the_full_name_on_hover(
    sector: Sector, kv2: Unit, admin_user: Any, name: str, kwargs: Any, query: str
) -> None:
    url = reverse(name, kwargs=kwargs(sector)) + query
    response = login(admin_user).get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Khu vực 2" in shown(page, KV2)
    assert f">{KV2}</a>" not in page and f"<td>{KV2}" not in page  # no row reads it long


def test_a_clusters_members_are_shortened_inside_the_organisers_name(
    sector: Sector, kv2: Unit, admin_user: Any
) -> None:
    cluster = org.create_cluster(
        actor=None,
        year=2026,
        kind="cum",
        name="Cụm thi đua các VKSND khu vực",
        organizer=sector.quang_tri,
        members=[sector.kv1, kv2],
        head=sector.kv1,
    )
    page = login(admin_user).get(reverse("org:cluster_detail", args=[cluster.pk]))
    assert shown(page.content.decode(), KV1) == ["Khu vực 1"]
    assert shown(page.content.decode(), KV2) == ["Khu vực 2"]
