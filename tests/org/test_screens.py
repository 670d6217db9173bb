"""The administrators' screens of the organisation: one form, one service call."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from tdkt.audit.models import AuditEntry
from tdkt.org.models import Cluster, ClusterRole, Succession, Unit, UnitName
from tests.conftest import Sector, login

BASIS = "Nghị quyết 1/NQ-UBTVQH ngày 10/06/2025"


def _body(response: Any) -> str:
    return response.content.decode()


@pytest.mark.parametrize(
    "name", ["unit_rename", "unit_move", "unit_dissolve", "unit_merge", "unit_split"]
)
def test_the_officer_of_the_unit_and_an_outsider_get_404_even_on_post(
    name: str, sector: Sector, officer: Any, outsider: Any
) -> None:
    url = reverse(f"org:{name}", args=[sector.kv1.pk])
    for user in (officer, outsider):
        assert login(user).post(url, {"version": "1"}).status_code == 404
    sector.kv1.refresh_from_db()
    assert sector.kv1.version == 1


def test_the_unit_page_offers_the_actions_to_administrators_only(
    sector: Sector, admin_user: Any, officer: Any
) -> None:
    url = reverse("org:unit_detail", args=[sector.kv1.pk])
    assert reverse("org:unit_split", args=[sector.kv1.pk]) in _body(login(admin_user).get(url))
    assert reverse("org:unit_split", args=[sector.kv1.pk]) not in _body(login(officer).get(url))


def test_the_unit_page_shows_each_succession_with_its_date_and_legal_basis(
    sector: Sector, admin_user: Any
) -> None:
    Succession.objects.filter(successor=sector.kv1).update(legal_basis=BASIS)
    body = _body(login(admin_user).get(reverse("org:unit_detail", args=[sector.kv1.pk])))
    assert "Hợp nhất, sáp nhập từ 01/07/2025 · căn cứ " + BASIS in body
    assert "Viện kiểm sát nhân dân thành phố Đồng Hới" in body


def test_an_administrator_creates_a_unit_with_the_picker(sector: Sector, admin_user: Any) -> None:
    response = login(admin_user).post(
        reverse("org:unit_create"),
        {
            "code": "KV-BT-01",
            "name": "Viện kiểm sát nhân dân khu vực 1 - Bến Tre",
            "short_name": "VKSKV1 BT",
            "level": "khu_vuc",
            "parent": str(sector.ben_tre.pk),
            "established_on": "01/07/2025",
        },
    )
    unit = Unit.objects.get(code="KV-BT-01")
    assert response.status_code == 302
    assert response["Location"] == reverse("org:unit_detail", args=[unit.pk])
    assert (unit.parent, unit.established_on) == (sector.ben_tre, dt.date(2025, 7, 1))


def test_a_bad_creation_keeps_what_was_typed_and_names_the_field(
    sector: Sector, admin_user: Any
) -> None:
    response = login(admin_user).post(
        reverse("org:unit_create"),
        {
            "code": "t-bt",
            "name": "Khu vực mới",
            "level": "khu_vuc",
            "parent": str(sector.ben_tre.pk),
            "established_on": "31/02/2025",
        },
    )
    body = _body(response)
    assert response.status_code == 200
    assert "Mã đơn vị: mã t-bt đã được dùng cho đơn vị khác." in body
    assert "Ngày thành lập: hãy nhập ngày theo dạng dd/mm/yyyy." in body
    assert 'value="Khu vực mới"' in body
    assert f'value="{sector.ben_tre.pk}" checked' in body
    assert not Unit.objects.filter(name="Khu vực mới").exists()


@pytest.mark.parametrize("day", ["01/01/0001", "31/12/9999"])
def test_a_date_out_of_bounds_is_refused_naming_the_field(
    day: str, sector: Sector, admin_user: Any
) -> None:
    response = login(admin_user).post(
        reverse("org:unit_dissolve", args=[sector.binh_dai.pk]),
        {"version": "1", "last_day": day, "legal_basis": BASIS},
    )
    assert "Ngày cuối cùng hoạt động: phải trong khoảng" in _body(response)
    sector.binh_dai.refresh_from_db()
    assert sector.binh_dai.dissolved_on is None


def test_a_parent_outside_the_administrators_reach_is_refused(
    sector: Sector, admin_user: Any
) -> None:
    response = login(admin_user).post(
        reverse("org:unit_move", args=[sector.binh_dai.pk]),
        {"version": "1", "parent": str(sector.dong_hoi.pk), "effective_on": "01/08/2025"},
    )
    # Đồng Hới ended on 30/06/2025: the picker's queryset holds active units only.
    assert "Đơn vị cấp trên mới: đơn vị đã chọn không có" in _body(response)


def test_an_administrator_renames_a_unit(sector: Sector, admin_user: Any) -> None:
    response = login(admin_user).post(
        reverse("org:unit_rename", args=[sector.binh_dai.pk]),
        {
            "version": "1",
            "name": "VKSND huyện Bình Đại mới",
            "effective_on": "01/01/2025",
            "legal_basis": BASIS,
        },
    )
    assert response.status_code == 302
    assert UnitName.objects.filter(unit=sector.binh_dai).count() == 2


def test_a_stale_rename_is_refused_with_a_message_and_nothing_written(
    sector: Sector, admin_user: Any
) -> None:
    Unit.objects.filter(pk=sector.binh_dai.pk).update(version=2)
    response = login(admin_user).post(
        reverse("org:unit_rename", args=[sector.binh_dai.pk]),
        {"version": "1", "name": "Tên mới", "effective_on": "01/01/2025"},
    )
    body = _body(response)
    assert response.status_code == 200
    assert "Dữ liệu đã được người khác thay đổi" in body
    assert 'value="Tên mới"' in body
    assert UnitName.objects.filter(unit=sector.binh_dai).count() == 1


def test_moving_under_its_own_subtree_is_refused_in_vietnamese(
    sector: Sector, admin_user: Any
) -> None:
    response = login(admin_user).post(
        reverse("org:unit_move", args=[sector.ben_tre.pk]),
        {"version": "1", "parent": str(sector.binh_dai.pk), "effective_on": "01/08/2025"},
    )
    assert "Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới" in _body(response)


def test_an_administrator_merges_into_a_new_unit(sector: Sector, admin_user: Any) -> None:
    response = login(admin_user).post(
        reverse("org:unit_merge", args=[sector.binh_dai.pk]),
        {
            "version": "1",
            "new_code": "KV-BT-01",
            "new_name": "Viện kiểm sát nhân dân khu vực 1 - Bến Tre",
            "new_level": "khu_vuc",
            "new_parent": str(sector.ben_tre.pk),
            "effective_on": "01/07/2025",
            "legal_basis": BASIS,
        },
    )
    successor = Unit.objects.get(code="KV-BT-01")
    assert response["Location"] == reverse("org:unit_detail", args=[successor.pk])
    assert Succession.objects.get(predecessor=sector.binh_dai).successor == successor


def test_a_merger_without_a_successor_names_the_field(sector: Sector, admin_user: Any) -> None:
    response = login(admin_user).post(
        reverse("org:unit_merge", args=[sector.binh_dai.pk]),
        {"version": "1", "effective_on": "01/07/2025", "legal_basis": BASIS},
    )
    assert "Đơn vị kế thừa: hãy chọn đơn vị có sẵn hoặc nhập đơn vị mới." in _body(response)


def test_an_administrator_splits_a_unit(sector: Sector, admin_user: Any) -> None:
    client = login(admin_user)
    for code in ("KV-BT-01", "KV-BT-02"):
        client.post(
            reverse("org:unit_create"),
            {
                "code": code,
                "name": f"Khu vực {code}",
                "level": "khu_vuc",
                "parent": str(sector.ben_tre.pk),
                "established_on": "01/07/2025",
            },
        )
    one, two = Unit.objects.filter(code__startswith="KV-BT").order_by("code")
    response = client.post(
        reverse("org:unit_split", args=[sector.binh_dai.pk]),
        {
            "version": "1",
            "successor_1": str(one.pk),
            "successor_2": str(two.pk),
            "effective_on": "01/07/2025",
            "legal_basis": BASIS,
        },
    )
    assert response.status_code == 302
    assert Succession.objects.filter(predecessor=sector.binh_dai, kind="split").count() == 2


def test_a_split_without_a_legal_basis_names_the_field(sector: Sector, admin_user: Any) -> None:
    response = login(admin_user).post(
        reverse("org:unit_split", args=[sector.binh_dai.pk]),
        {"version": "1", "effective_on": "01/07/2025"},
    )
    body = _body(response)
    assert "Căn cứ pháp lý (số, ngày, cơ quan ban hành văn bản): không được để trống." in body
    assert "Đơn vị kế thừa (1): hãy chọn một đơn vị." in body
    assert 'value="01/07/2025"' in body


# --- clusters ---------------------------------------------------------------------------------


def _cluster(sector: Sector) -> Cluster:
    from tdkt.org.services import create_cluster

    return create_cluster(
        actor=None,
        year=2024,
        kind="cum",
        name="Cụm thi đua số 3",
        organizer=sector.vkstc,
        members=[sector.quang_binh, sector.quang_tri_old],
    )


def test_an_administrator_lays_out_a_cluster(sector: Sector, admin_user: Any) -> None:
    client = login(admin_user)
    response = client.post(
        reverse("org:cluster_create"),
        {"year": "2024", "kind": "khoi", "name": "Khối 1", "organizer": str(sector.vkstc.pk)},
    )
    cluster = Cluster.objects.get(name="Khối 1")
    assert response["Location"] == reverse("org:cluster_detail", args=[cluster.pk])
    client.post(
        reverse("org:cluster_member_add", args=[cluster.pk]), {"unit": str(sector.ben_tre.pk)}
    )
    assert list(cluster.members.all()) == [sector.ben_tre]
    client.post(reverse("org:cluster_member_remove", args=[cluster.pk, sector.ben_tre.pk]))
    assert not cluster.members.exists()
    assert AuditEntry.objects.filter(action__startswith="cluster.member_").count() == 2


def test_a_cluster_with_a_bad_year_names_the_field(sector: Sector, admin_user: Any) -> None:
    response = login(admin_user).post(
        reverse("org:cluster_create"),
        {"year": "9999", "kind": "cum", "name": "Cụm X", "organizer": str(sector.vkstc.pk)},
    )
    body = _body(response)
    assert "Năm: phải từ 1945 đến 2100." in body
    assert 'value="Cụm X"' in body


def test_a_unit_inactive_that_year_is_refused_with_a_message(
    sector: Sector, admin_user: Any
) -> None:
    cluster = _cluster(sector)
    response = login(admin_user).post(
        reverse("org:cluster_member_add", args=[cluster.pk]),
        {"unit": str(sector.kv1.pk)},
        follow=True,
    )
    assert "không hoạt động trong năm 2024" in _body(response)
    assert not cluster.members.filter(pk=sector.kv1.pk).exists()


def test_the_cluster_actions_answer_404_to_an_officer_and_405_to_a_get(
    sector: Sector, admin_user: Any, officer: Any
) -> None:
    cluster = _cluster(sector)
    add = reverse("org:cluster_member_add", args=[cluster.pk])
    remove = reverse("org:cluster_member_remove", args=[cluster.pk, sector.quang_binh.pk])
    for url in (add, remove):
        assert login(officer).post(url, {"unit": str(sector.van_phong.pk)}).status_code == 404
        assert login(admin_user).get(url).status_code == 405
    assert cluster.members.count() == 2


def test_an_administrator_names_the_head_from_the_cluster_work_page_the_cluster_page_links(
    sector: Sector, admin_user: Any
) -> None:
    """Leaders are appointed where the cluster's year is run (movements), under its rotation
    rule: the organisation's cluster page only links there."""
    cluster = _cluster(sector)  # Quảng Bình holds a 2023 title (tests/conftest.py)
    client = login(admin_user)
    page = _body(client.get(reverse("org:cluster_detail", args=[cluster.pk])))
    assert reverse("movements:cluster_work", args=[cluster.pk]) in page
    response = client.post(
        reverse("movements:cluster_leaders", args=[cluster.pk]),
        {"head": str(sector.quang_binh.pk), "deputy": ""},
    )
    assert response.status_code == 302
    assert cluster.memberships.get(role=ClusterRole.HEAD).unit == sector.quang_binh


def test_copying_last_year_from_the_screen(sector: Sector, admin_user: Any) -> None:
    from tdkt.org.services import create_cluster

    create_cluster(
        actor=None,
        year=2024,
        kind="cum",
        name="Cụm 1 năm 2024",
        organizer=sector.vkstc,
        members=[sector.ben_tre],
    )
    client = login(admin_user)
    response = client.post(reverse("org:cluster_copy"), {"year": "2025"})
    assert response.status_code == 302
    assert Cluster.objects.filter(year=2025, name="Cụm 1 năm 2025").exists()
    again = client.post(reverse("org:cluster_copy"), {"year": "2025"})
    assert "Năm 2025 đã có cụm, khối: Cụm 1 năm 2025." in _body(again)
