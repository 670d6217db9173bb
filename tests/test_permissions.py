"""Every view, for every persona: an outsider from another unit gets 404, never the data.

The registry below must list every URL pattern of the project (a test checks it), so a new view
cannot be added without its permission test."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.accounts.onboarding_permissions import (
    ONBOARDING_LISTS,
    ONBOARDING_OPEN,
    ONBOARDING_VIEWS,
)
from tests.accounts.permissions import (
    ACCOUNT_LISTS,
    ACCOUNT_OTHER,
    ACCOUNT_POST_ONLY,
    ACCOUNT_VIEWS,
)
from tests.conftest import Sector, login, make_user
from tests.funds.permissions import FUND_LISTS, FUND_MANAGE_ONLY, FUND_VIEWS
from tests.inspections.permissions import (
    INSPECTION_LISTS,
    INSPECTION_POST_ONLY,
    INSPECTION_VIEWS,
)
from tests.movements.permissions import MOVEMENT_LISTS, MOVEMENT_POST_ONLY, MOVEMENT_VIEWS
from tests.nominations.permissions import (
    AWARD_API,
    AWARD_API_WRITE,
    AWARD_LISTS,
    AWARD_OTHER,
    AWARD_OWN_RECORD,
    AWARD_POST_ONLY,
    AWARD_PUBLIC,
    AWARD_VIEWS,
)
from tests.ops.permissions import OPS_PUBLIC
from tests.org.permissions import ORG_ADMIN_ONLY, ORG_LISTS, ORG_POST_ONLY, ORG_VIEWS, qt_cluster
from tests.people.permissions import PEOPLE_ADMIN_ONLY, PEOPLE_LISTS, PEOPLE_VIEWS
from tests.publicity.permissions import (
    PUBLICITY_LISTS,
    PUBLICITY_POST_ONLY,
    PUBLICITY_PUBLIC,
    PUBLICITY_VIEWS,
)
from tests.records.facts_permissions import FACTS_POST_ONLY, FACTS_VIEWS
from tests.records.initiative_permissions import INITIATIVE_LISTS, INITIATIVE_VIEWS
from tests.reports.dashboard.permissions import DASHBOARD_LISTS, DASHBOARD_VIEWS
from tests.reports.documents.permissions import (
    REPORT_LISTS,
    REPORT_OWN_RECORD,
    REPORT_VIEWS,
)
from tests.workdays.permissions import WORKDAY_ADMIN_ONLY, WORKDAY_VIEWS

# url name → kwargs built from the sector (objects of the insiders' unit, Quảng Trị)
VIEWS: dict[str, Callable[[Sector], dict[str, Any]]] = {
    "home": lambda s: {},
    "org:unit_list": lambda s: {},
    "org:unit_detail": lambda s: {"pk": s.kv1.pk},
    "org:cluster_list": lambda s: {},
    "org:cluster_detail": lambda s: {"pk": qt_cluster(s).pk},
    "people:person_list": lambda s: {},
    "people:person_detail": lambda s: {"pk": s.an.pk},
    "reports:award_list": lambda s: {},
    "audit:entry_list": lambda s: {},
    "imports:job_list": lambda s: {},
    "imports:job_create": lambda s: {},
    "imports:template": lambda s: {"kind": "staff"},
    "imports:job_detail": lambda s: {"pk": _import_job(s).pk},
    "imports:job_status": lambda s: {"pk": _import_job(s).pk},
    "imports:job_errors": lambda s: {"pk": _import_job(s).pk},
    "eligibility:unit": lambda s: {"pk": s.kv1.pk},
    "eligibility:unit_list": lambda s: {"pk": s.kv1.pk},
    "eligibility:unit_status": lambda s: {"pk": s.kv1.pk},
    "eligibility:person": lambda s: {"pk": s.an.pk},
    "eligibility:collective": lambda s: {"pk": s.kv1.pk},
    "eligibility:parameter_list": lambda s: {},
    "eligibility:parameter_add": lambda s: {},
    "eligibility:parameter_edit": lambda s: {"pk": _parameter().pk},
    "eligibility:regime_open": lambda s: {},
    "eligibility:regime_close": lambda s: {"code": "2026-10"},
    **MOVEMENT_VIEWS,
    **AWARD_VIEWS,
    **PUBLICITY_VIEWS,
    **INSPECTION_VIEWS,
    **DASHBOARD_VIEWS,
    **REPORT_VIEWS,
    **PEOPLE_VIEWS,
    **ACCOUNT_VIEWS,
    **ONBOARDING_VIEWS,
    **ORG_VIEWS,
    **FACTS_VIEWS,
    **INITIATIVE_VIEWS,
    **WORKDAY_VIEWS,
    **FUND_VIEWS,
}
# Screens for administrators only (an officer of the unit gets 404 too).
ADMIN_ONLY = {
    "audit:entry_list",
    "eligibility:parameter_list",
    "eligibility:parameter_add",
    "eligibility:parameter_edit",
    "eligibility:regime_open",
    "eligibility:regime_close",
    *PEOPLE_ADMIN_ONLY,
    *ORG_ADMIN_ONLY,
    *WORKDAY_ADMIN_ONLY,
    *FUND_MANAGE_ONLY,
}
# What a staff member opens about himself: his record and his own verdicts.
OWN_RECORD = {"people:person_detail", "eligibility:person", *AWARD_OWN_RECORD, *REPORT_OWN_RECORD}
# The REST API (tdkt/api.py), read endpoints: an anonymous caller gets 401, not a redirect.
API: dict[str, Callable[[Sector], dict[str, Any]]] = {
    "api:eligibility_person": lambda s: {"person_id": s.an.pk},
    "api:eligibility_unit": lambda s: {"unit_id": s.kv1.pk},
    "api:eligibility_due": lambda s: {"unit_id": s.kv1.pk},
    **AWARD_API,
}
# The check endpoint answers the JSON it is sent and reads no records (tests/eligibility/test_api);
# the OpenAPI schema (and its page, when served) describes the API and shows no data; ninja's
# api-root only marks the base path and always answers 404.
API_OTHER = {"api:eligibility_check", "api:openapi-json", "api:openapi-view", "api:api-root"}
API_OTHER |= AWARD_API_WRITE  # the award workflow's writes: tests/nominations/test_api_journey.py
API_OTHER |= {"api:award_statistics"}  # scoped by a query parameter: tests/reports/test_api.py
# Views every signed-in user may open, whatever the unit (they show only what is in scope).
OPEN_TO_ALL_SIGNED_IN = {"home", "imports:template", *ONBOARDING_OPEN}  # blank files
# Lists an outsider may open, to see his or her own unit's rows only.
LISTS = {
    "org:unit_list",
    "org:cluster_list",
    "people:person_list",
    "reports:award_list",
    "imports:job_list",
    "imports:job_create",
    *MOVEMENT_LISTS,
    *AWARD_LISTS,
    *PUBLICITY_LISTS,
    *INSPECTION_LISTS,
    *DASHBOARD_LISTS,
    *REPORT_LISTS,
    *PEOPLE_LISTS,
    *ACCOUNT_LISTS,
    *ONBOARDING_LISTS,
    *ORG_LISTS,
    *INITIATIVE_LISTS,
    *FUND_LISTS,
}
# POST-only actions, tested in tests/imports (a GET answers 404 to whoever may not act).
POST_ONLY = {
    "imports:job_resolve",
    "imports:job_cancel",
    "eligibility:unit_recompute",  # tests/eligibility/test_snapshots.py
    *MOVEMENT_POST_ONLY,
    *AWARD_POST_ONLY,
    *PUBLICITY_POST_ONLY,
    *INSPECTION_POST_ONLY,
    *ACCOUNT_POST_ONLY,
    *ORG_POST_ONLY,
    *FACTS_POST_ONLY,
}
# Public pages (no login) and pages only their owner opens, tested in tests/nominations and
# tests/publicity.
NOT_VIEWS = {
    "login",
    "logout",
    *POST_ONLY,
    *API_OTHER,
    *AWARD_PUBLIC,
    *AWARD_OTHER,
    *PUBLICITY_PUBLIC,
    *OPS_PUBLIC,
    *ACCOUNT_OTHER,
}


def _parameter() -> Any:
    from tdkt.eligibility.models import Parameter

    return Parameter.objects.order_by("key", "valid_from").first()


def _import_job(s: Sector) -> Any:
    from tdkt.accounts.models import User
    from tdkt.imports.models import ImportJob

    owner = User.objects.get_or_create(username="nguoi.nhap")[0]
    return ImportJob.objects.get_or_create(
        unit=s.kv1,
        created_by=owner,
        defaults={
            "kind": "staff",
            "status": "rejected",
            "original_name": "ds.xlsx",
            "sha256": "0" * 64,
            "errors": [{"row": 2, "column": "Ngày sinh", "message": "x"}],
        },
    )[0]


def _all_url_names(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLPattern) and entry.name:
            names.add(prefix + entry.name)
        elif isinstance(entry, URLResolver):
            ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= _all_url_names(entry, ns)
    return names


def test_every_view_of_the_project_has_a_permission_test() -> None:
    missing = _all_url_names() - set(VIEWS) - set(API) - NOT_VIEWS
    assert not missing, f"Add these views to VIEWS in tests/test_permissions.py: {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_anonymous_visitor_is_sent_to_login(name: str, sector: Sector, client: Any) -> None:
    response = client.get(reverse(name, kwargs=VIEWS[name](sector)))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(set(VIEWS) - LISTS - OPEN_TO_ALL_SIGNED_IN))
def test_outsider_from_another_unit_gets_404(name: str, sector: Sector, outsider: Any) -> None:
    response = login(outsider).get(reverse(name, kwargs=VIEWS[name](sector)))
    assert response.status_code == 404


@pytest.mark.parametrize("name", sorted(LISTS))
def test_outsider_lists_show_nothing_of_the_other_unit(
    name: str, sector: Sector, outsider: Any
) -> None:
    response = login(outsider).get(reverse(name, kwargs=VIEWS[name](sector)))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nguyễn Văn An" not in body
    assert "Đồng Hới" not in body
    assert "khu vực 1 - Quảng Trị" not in body


@pytest.mark.parametrize("name", sorted(set(VIEWS) - ADMIN_ONLY))
def test_officer_of_the_unit_opens_the_view(name: str, sector: Sector, officer: Any) -> None:
    response = login(officer).get(reverse(name, kwargs=VIEWS[name](sector)))
    assert response.status_code == 200


@pytest.mark.parametrize("name", sorted(set(VIEWS) - {"home"} - OWN_RECORD))
def test_staff_member_reaches_only_his_own_record(
    name: str, sector: Sector, staff_member: Any
) -> None:
    response = login(staff_member).get(reverse(name, kwargs=VIEWS[name](sector)))
    assert response.status_code == 404


def test_staff_member_reads_his_own_timeline_but_not_a_colleagues(
    sector: Sector, staff_member: Any
) -> None:
    client = login(staff_member)
    assert client.get(reverse("home")).url == reverse("people:person_detail", args=[sector.an.pk])
    assert client.get(reverse("people:person_detail", args=[sector.an.pk])).status_code == 200
    colleague = make_user("x", None, None)  # noqa: F841 — a second account changes nothing
    assert client.get(reverse("people:person_detail", args=[sector.binh.pk])).status_code == 404


def test_only_an_administrator_reads_the_audit_trail(
    sector: Sector, admin_user: Any, officer: Any
) -> None:
    assert login(officer).get(reverse("audit:entry_list")).status_code == 404
    response = login(admin_user).get(reverse("audit:entry_list"))
    assert response.status_code == 200
    assert "Thêm cán bộ" in response.content.decode()


@pytest.mark.parametrize("name", sorted(ADMIN_ONLY - {"audit:entry_list"}))
def test_only_an_administrator_opens_the_parameter_screens(
    name: str, sector: Sector, admin_user: Any
) -> None:
    response = login(admin_user).get(reverse(name, kwargs=VIEWS[name](sector)))
    assert response.status_code == 200


@pytest.mark.parametrize("name", sorted(API))
def test_the_api_answers_401_to_an_anonymous_caller(name: str, sector: Sector, client: Any) -> None:
    assert client.get(reverse(name, kwargs=API[name](sector))).status_code == 401


@pytest.mark.parametrize("name", sorted(API))
def test_the_api_answers_404_to_an_outsider(name: str, sector: Sector, outsider: Any) -> None:
    assert login(outsider).get(reverse(name, kwargs=API[name](sector))).status_code == 404


@pytest.mark.parametrize("name", sorted(API))
def test_the_api_answers_the_officer_of_the_unit(name: str, sector: Sector, officer: Any) -> None:
    assert login(officer).get(reverse(name, kwargs=API[name](sector))).status_code == 200


@pytest.mark.parametrize("name", sorted(set(API) - {"api:eligibility_person"}))
def test_the_api_shows_a_staff_member_no_unit(name: str, sector: Sector, staff_member: Any) -> None:
    assert login(staff_member).get(reverse(name, kwargs=API[name](sector))).status_code == 404
