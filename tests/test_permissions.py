"""Every view, for every persona: an outsider from another unit gets 404, never the data.

The registry below must list every URL pattern of the project (a test checks it), so a new view
cannot be added without its permission test."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import Sector, login, make_user

# url name → kwargs built from the sector (objects of the insiders' unit, Quảng Trị)
VIEWS: dict[str, Callable[[Sector], dict[str, Any]]] = {
    "home": lambda s: {},
    "org:unit_list": lambda s: {},
    "org:unit_detail": lambda s: {"pk": s.kv1.pk},
    "org:cluster_list": lambda s: {},
    "org:cluster_detail": lambda s: {"pk": _cluster(s).pk},
    "people:person_list": lambda s: {},
    "people:person_detail": lambda s: {"pk": s.an.pk},
    "records:award_list": lambda s: {},
    "audit:entry_list": lambda s: {},
    "imports:job_list": lambda s: {},
    "imports:job_create": lambda s: {},
    "imports:template": lambda s: {"kind": "staff"},
    "imports:job_detail": lambda s: {"pk": _import_job(s).pk},
    "imports:job_status": lambda s: {"pk": _import_job(s).pk},
    "imports:job_errors": lambda s: {"pk": _import_job(s).pk},
}
# Views every signed-in user may open, whatever the unit (they show only what is in scope).
OPEN_TO_ALL_SIGNED_IN = {"home", "imports:template"}  # the template is a blank file
# Lists an outsider may open, to see his or her own unit's rows only.
LISTS = {
    "org:unit_list",
    "org:cluster_list",
    "people:person_list",
    "records:award_list",
    "imports:job_list",
    "imports:job_create",
}
# POST-only actions, tested in tests/imports (a GET answers 404 to whoever may not act).
POST_ONLY = {"imports:job_resolve", "imports:job_cancel"}
NOT_VIEWS = {"login", "logout", *POST_ONLY}


def _cluster(s: Sector) -> Any:
    from tdkt.org.models import Cluster

    existing = Cluster.objects.filter(name="Cụm thi đua số 3").first()
    if existing:
        return existing
    from tdkt.org.services import create_cluster

    return create_cluster(
        actor=None,
        year=2024,
        kind="cum",
        name="Cụm thi đua số 3",
        organizer=s.vkstc,
        members=[s.quang_binh, s.quang_tri_old],
        head=s.quang_binh,
        deputy=s.quang_tri_old,
    )


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
    missing = _all_url_names() - set(VIEWS) - NOT_VIEWS
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


@pytest.mark.parametrize("name", sorted(set(VIEWS) - {"audit:entry_list"}))
def test_officer_of_the_unit_opens_the_view(name: str, sector: Sector, officer: Any) -> None:
    response = login(officer).get(reverse(name, kwargs=VIEWS[name](sector)))
    assert response.status_code == 200


@pytest.mark.parametrize("name", sorted(set(VIEWS) - {"home", "people:person_detail"}))
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
