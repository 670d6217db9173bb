"""Issue 16: every form that chooses people or units searches as you type (never a <select> of
the whole sector), the picker keeps to the user's scope and to the form's own bound, and every
list's search box finds without diacritics and says so when nothing matched."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
from typing import Any

import pytest
from django import forms
from django.urls import reverse

import tdkt
from tdkt.accounts.models import Role
from tdkt.audit.models import AuditEntry
from tdkt.movements.services import movements as movement_services
from tdkt.org import services as org
from tdkt.org.models import Unit, UnitLevel
from tdkt.people import services as people
from tdkt.people.models import Person
from tdkt.web.picker import PickerChoiceField
from tests.conftest import Sector, login, make_user

SELECT = re.compile(r"<select\b[^>]*>(.*?)</select>", re.S)
NAME = re.compile(r'name="([^"]*)"')
MAX_OPTIONS = 50
EXTRA = 60  # more units and people than any select may offer


def _all_form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(tdkt.__path__, "tdkt."):
        leaf = module.name.rsplit(".", 1)[-1]
        if "forms" in leaf or leaf in {"picker", "views"}:
            importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    todo: list[type[Any]] = [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("tdkt."):
            found.append(cls)
    return found


def test_no_form_of_the_project_chooses_a_person_or_a_unit_from_a_plain_select() -> None:
    plain = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _all_form_classes()
        for name, field in getattr(cls, "base_fields", {}).items()
        if isinstance(field, forms.ModelChoiceField)  # the multiple one is a subclass
        # a queryset left to __init__ (None) is not known to be short: a picker or declared
        and getattr(field.queryset, "model", None) in (Person, Unit, None)
        and not isinstance(field, PickerChoiceField)
    ]
    assert len(_all_form_classes()) > 50  # the walk found the project's forms
    assert plain == []


@pytest.fixture
def big_sector(sector: Sector) -> Sector:
    """The shared sector with EXTRA more provinces and EXTRA more people in Khu vực 1."""
    for i in range(EXTRA):
        org.create_unit(
            actor=None,
            code=f"T-X{i:02}",
            name=f"Viện kiểm sát nhân dân tỉnh Thử Nghiệm {i:02}",
            level=UnitLevel.TINH,
            parent=sector.vkstc,
            rebuild=False,
        )
    org.rebuild_scope()
    for i in range(EXTRA):
        people.create_person(
            actor=None,
            full_name=f"Phạm Thử Nghiệm {i:02}",
            gender="male",
            birth_date=dt.date(1980, 1, 1) + dt.timedelta(days=i),
            unit=sector.kv1,
            post_kind="chuyen_vien",
            position_from=dt.date(2020, 1, 1),
        )
    return sector


# Fixed catalogues, the same length whatever the size of the sector: the audit trail's actions,
# the rule parameters' keys.
CATALOGUES = {("audit:entry_list", "hanh_dong"), ("eligibility:parameter_add", "key")}


def _long_selects(page: str, body: str) -> list[str]:
    names = [
        (NAME.findall(m.group(0)) or ["?"])[0]
        for m in SELECT.finditer(body)
        if m.group(1).count("<option") > MAX_OPTIONS
    ]
    return [n for n in names if (page, n) not in CATALOGUES]


def test_no_page_of_the_registry_offers_a_select_longer_than_fifty_options(
    big_sector: Sector, admin_user: Any
) -> None:
    from tests.test_permissions import VIEWS

    client = login(admin_user)
    long: dict[str, list[str]] = {}
    pages = 0
    for name, kwargs in VIEWS.items():
        try:
            url = reverse(name, kwargs=kwargs(big_sector))
        except Exception:
            continue
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        if found := _long_selects(name, response.content.decode()):
            long[name] = found
    assert pages > 40
    assert long == {}


def test_no_public_page_offers_a_select_longer_than_fifty_options(
    big_sector: Sector, client: Any
) -> None:
    long = {}
    for name in ("public:home", "public:example_list", "public:decision_list"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        if found := _long_selects(name, response.content.decode()):
            long[name] = found
    assert long == {}


def _council(s: Sector) -> Any:
    from tests.nominations.permissions import qt_council

    return qt_council(s)


def test_the_council_page_does_not_list_the_people_who_may_join(
    big_sector: Sector, admin_user: Any
) -> None:
    council = _council(big_sector)
    body = login(admin_user).get(reverse("council:council_detail", args=[council.pk]))
    html = body.content.decode()
    assert body.status_code == 200
    assert "Phạm Thử Nghiệm" not in html
    assert reverse("people:person_search") in html
    assert f'"within": "{big_sector.quang_tri.pk}"' in html


def test_the_council_picker_offers_only_people_of_the_councils_unit_and_below(
    big_sector: Sector, admin_user: Any
) -> None:
    council = _council(big_sector)
    client = login(admin_user)
    url = reverse("people:person_search")
    search = {"action": "council", "within": council.unit_id, "field": "person"}
    assert "Nguyễn Văn An" in client.get(url, {**search, "q": "nguyen van an"}).content.decode()
    body = client.get(url, {**search, "q": "tran thi binh"}).content.decode()
    assert "Trần Thị Bình" not in body  # Bình Đại, Bến Tre
    everyone = {**search, "q": "tran thi binh", "within": ""}
    assert (
        "Trần Thị Bình"
        in login(admin_user).get(reverse("people:person_search"), everyone).content.decode()
    )


def test_the_picker_refuses_a_within_that_is_not_a_number(sector: Sector, admin_user: Any) -> None:
    response = login(admin_user).get(reverse("people:person_search"), {"within": "1; drop"})
    assert response.status_code == 400


def test_a_member_posted_from_outside_the_council_is_refused_with_the_field_named(
    sector: Sector, admin_user: Any
) -> None:
    council = _council(sector)
    data = {"person": sector.binh.pk, "role": "uy_vien", "valid_from": "01/01/2026"}
    response = login(admin_user).post(reverse("council:member_add", args=[council.pk]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Thành viên: cán bộ đã chọn không có hoặc nằm ngoài phạm vi của bạn." in html
    assert "Trần Thị Bình" not in html
    assert not council.memberships.filter(person=sector.binh).exists()


def test_a_movement_issuer_posted_outside_the_users_scope_is_refused(
    sector: Sector, officer: Any
) -> None:
    response = login(officer).post(
        reverse("movements:movement_create"), {"issuer": sector.ben_tre.pk}
    )
    html = response.content.decode()
    assert "Đơn vị phát động: đơn vị đã chọn không có hoặc nằm ngoài phạm vi của bạn." in html
    assert "Bến Tre" not in html


# --- the search boxes of the lists -----------------------------------------------------------


def _movement(s: Sector) -> None:
    from tests.movements.conftest import INDICATORS, NOW, data

    movement_services.create_movement(
        actor=None,
        issuer=s.vkstc,
        data=data(name="Phong trào thi đua Đồng khởi mới"),
        indicators=INDICATORS,
        now=NOW,
    )


def _account(s: Sector) -> None:
    user = make_user("canbo.hoa", Role.STAFF, s.kv1)
    user.full_name = "Lê Thị Hoà"
    user.save()


NOTHING = "zzz khong co"
SEARCHES = [
    # url name, what to build, the box, typed without diacritics, what it must find
    ("movements:movement_list", _movement, "q", "dong khoi", "Đồng khởi mới"),
    ("org:unit_list", None, "q", "quang tri", "tỉnh Quảng Trị"),
    ("people:person_list", None, "q", "nguyen van an", "Nguyễn Văn An"),
    ("accounts:account_list", _account, "q", "le thi hoa", "canbo.hoa"),
    ("publicity:decision_list", None, "q", "12/qd", "12/QĐ-VKS"),
    ("audit:entry_list", None, "doi_tuong", "dong hoi", "thành phố Đồng Hới"),
]


@pytest.mark.parametrize(("url", "build", "box", "typed", "found"), SEARCHES)
def test_each_list_finds_without_diacritics(
    sector: Sector, admin_user: Any, url: str, build: Any, box: str, typed: str, found: str
) -> None:
    if build:
        build(sector)
    response = login(admin_user).get(reverse(url), {box: typed})
    assert response.status_code == 200
    assert found in response.content.decode()


@pytest.mark.parametrize(("url", "build", "box", "typed", "found"), SEARCHES)
def test_each_list_says_nothing_matched_rather_than_an_empty_scope(
    sector: Sector, admin_user: Any, url: str, build: Any, box: str, typed: str, found: str
) -> None:
    if build:
        build(sector)
    body = login(admin_user).get(reverse(url), {box: NOTHING}).content.decode()
    assert f"Không tìm thấy kết quả phù hợp với “{NOTHING}”." in body
    assert found not in body


def test_an_empty_movement_list_without_a_search_speaks_of_the_scope(
    sector: Sector, outsider: Any
) -> None:
    body = login(outsider).get(reverse("movements:movement_list")).content.decode()
    assert "Chưa có phong trào thi đua nào trong phạm vi của bạn." in body
    assert "Không tìm thấy kết quả phù hợp" not in body


def test_audit_entries_keep_search_keys_of_the_actor_and_the_object(sector: Sector) -> None:
    entry = AuditEntry.objects.filter(object_repr__contains="Đồng Hới").first()
    assert entry is not None
    assert "dong hoi" in entry.object_key
