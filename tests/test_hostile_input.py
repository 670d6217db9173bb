"""No 500 from hostile input: every screen and read API of the permission registry, opened with
every query parameter the project reads set to huge, negative, non-numeric, control-character and
10,000-character values, and with ids in the path far beyond any row, answers below 500.

The parameter names are gathered from the source (`request.GET.get("…")`, `GET.getlist("…")`)
and from the templates' form fields, so a new filter is fuzzed without being listed here."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import reverse

from tests.conftest import Sector, login
from tests.test_permissions import ADMIN_ONLY, API, POST_ONLY, VIEWS

SOURCE = Path(__file__).resolve().parent.parent / "src" / "tdkt"
HOSTILE = [
    "99999999999999999999999999",
    "-99999999999999999999",
    "-1",
    "²",
    "abc\x00\x1b[31m",
    "1e309",
    "31/02/2025",
    "x" * 10_000,
]
HUGE_IDS = [2**63, 10**30]


def _parameter_names() -> list[str]:
    names: set[str] = set()
    code = re.compile(r"""GET\.get(?:list)?\(\s*["'](\w+)["']""")
    field = re.compile(r"""\bname=["'](\w+)["']""")
    form_field = re.compile(r"^    (\w+) = (?:forms\.)?\w*Field\(", re.MULTILINE)
    for path in SOURCE.rglob("*.py"):
        names.update(code.findall(path.read_text(encoding="utf-8")))
    for path in SOURCE.rglob("forms*.py"):
        names.update(form_field.findall(path.read_text(encoding="utf-8")))
    for path in SOURCE.rglob("*.html"):
        names.update(field.findall(path.read_text(encoding="utf-8")))
    names.discard("csrfmiddlewaretoken")
    return sorted(names)


NAMES = _parameter_names()


def _client(name: str, sector: Sector, officer: Any, admin_user: Any) -> Any:
    return login(admin_user if name in ADMIN_ONLY else officer)


def test_the_fuzzer_knows_the_usual_filters() -> None:
    assert {"trang", "q", "nam", "don_vi"} <= set(NAMES)


# Pages outside the registry that read the query string: the public site (anonymous) and lists.
PUBLIC = ["public:home", "public:example_list", "public:decision_list", "nominations:public_list"]
PUBLIC += ["api:nominations_public_list", "healthz", "login"]
LISTS = ["api:award_statistics", "api:council_list", "api:decisions_list"]
LISTS += ["api:nominations_dossier_list", "council:council_create", "password_change"]


def test_hostile_query_values_never_cause_a_server_error(
    sector: Sector, officer: Any, admin_user: Any
) -> None:
    """One sector for every screen (building it per screen would take minutes); every failure is
    listed at the end."""
    failures = []
    pages = [
        (name, reverse(name, kwargs=kwargs(sector))) for name, kwargs in {**VIEWS, **API}.items()
    ]
    pages += [(name, reverse(name)) for name in PUBLIC + LISTS]
    for name, url in pages:
        client = Client() if name in PUBLIC else _client(name, sector, officer, admin_user)
        for n, value in enumerate(HOSTILE):
            query = dict.fromkeys(NAMES, value)
            status = client.get(url, query).status_code
            if n < 2:  # the partial a filter asks for reads the same parameters
                htmx = client.get(url, query, headers={"HX-Request": "true"}).status_code
                status = max(status, htmx)
            if status >= 500:
                failures.append((name, value[:20], status))
    assert not failures


def test_ids_beyond_any_row_answer_404(sector: Sector, officer: Any, admin_user: Any) -> None:
    failures = []
    for name, kwargs in {**VIEWS, **API}.items():
        built = kwargs(sector)
        client = _client(name, sector, officer, admin_user)
        for key in [key for key, value in built.items() if isinstance(value, int)]:
            for huge in HUGE_IDS:
                status = client.get(reverse(name, kwargs={**built, key: huge})).status_code
                if status != 404:
                    failures.append((name, key, huge, status))
    assert not failures


# The forms of the year-end work (issue 14: inspection, fund; issue 16: "Tính lại"), posted with
# every field the project reads set to each hostile value, as the administrator who may act.
NEW_FORMS = ("funds:", "inspections:", "eligibility:unit_recompute")
# The object each POST-only action's path names, by the path's first segment.
POSTED_ON = {
    "don-vi": "Target",
    "thanh-vien": "TeamMember",
    "noi-dung": "ChecklistItem",
    "minh-chung": "Evidence",
    "kien-nghi": "Recommendation",
    "ket-qua": "Finding",
}


def _post_only_pages(sector: Sector) -> list[tuple[str, str]]:
    from django.apps import apps

    pages = []
    for name in sorted(POST_ONLY):
        if not name.startswith(NEW_FORMS):
            continue
        if name.startswith("eligibility:"):
            pages.append((name, reverse(name, kwargs={"pk": sector.quang_tri.pk})))
            continue
        segment = reverse(name, kwargs={"pk": 1}).split("/")[2]
        model = apps.get_model("inspections", POSTED_ON.get(segment, "Inspection"))
        row = model.objects.order_by("pk").first()
        if row is not None:
            pages.append((name, reverse(name, kwargs={"pk": row.pk})))
    return pages


def test_hostile_posts_to_the_inspection_and_fund_forms_never_cause_a_server_error(
    sector: Sector, admin_user: Any
) -> None:
    failures = []
    client = login(admin_user)
    pages = [
        (name, reverse(name, kwargs=kwargs(sector)))
        for name, kwargs in VIEWS.items()
        if name.startswith(NEW_FORMS)
    ]
    pages += _post_only_pages(sector)
    assert len(pages) > 30
    for name, url in pages:
        for value in [*HOSTILE, '=HYPERLINK("http://x")', str(2**63)]:
            status = client.post(url, dict.fromkeys(NAMES, value)).status_code
            if status >= 500:
                failures.append((name, value[:20], status))
    assert not failures
