"""The unit picker: the search view, the template include and the form field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse

from tdkt.org import services as org
from tdkt.org.forms import UnitChoiceField
from tdkt.org.models import UnitLevel
from tdkt.web.picker import PICKER_LIMIT
from tdkt.workflow.access import restrict_units
from tests.conftest import Sector, login

SEARCH = reverse("org:unit_search")


def _names(response: Any) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_picker_finds_a_unit_typed_without_diacritics(sector: Sector, officer: Any) -> None:
    body = _names(login(officer).get(SEARCH, {"q": "khu vuc 1", "field": "don_vi"}))
    assert "Viện kiểm sát nhân dân khu vực 1 - Quảng Trị" in body
    assert f'name="don_vi" value="{sector.kv1.pk}"' in body


def test_the_picker_shows_only_the_units_of_the_users_scope(sector: Sector, outsider: Any) -> None:
    body = _names(login(outsider).get(SEARCH, {"q": "vien kiem sat"}))
    assert "Bến Tre" in body
    assert "Bình Đại" in body
    assert "Quảng Trị" not in body
    assert "Đồng Hới" not in body


def test_the_picker_names_the_parent_so_that_homonyms_are_told_apart(
    sector: Sector, admin_user: Any
) -> None:
    body = _names(login(admin_user).get(SEARCH, {"q": "tinh quang tri", "action": "admin"}))
    # The old and the new VKSND tỉnh Quảng Trị share a name; the old one ended on 30/06/2025.
    assert body.count("Viện kiểm sát nhân dân tỉnh Quảng Trị") == 2
    assert "(Viện kiểm sát nhân dân tối cao)" in body
    assert "30/06/2025" in body


def test_the_picker_offers_only_active_units_when_asked(sector: Sector, admin_user: Any) -> None:
    body = _names(login(admin_user).get(SEARCH, {"q": "quang", "active": "1"}))
    assert "Quảng Bình" not in body
    assert "khu vực 1 - Quảng Trị" in body


def test_the_picker_offers_only_the_units_the_user_may_act_on(sector: Sector, officer: Any) -> None:
    assert "Quảng Trị" not in _names(login(officer).get(SEARCH, {"q": "", "action": "admin"}))
    assert "Quảng Trị" in _names(login(officer).get(SEARCH, {"q": "", "action": "edit"}))


def test_the_picker_answers_at_most_twenty_units(sector: Sector, admin_user: Any) -> None:
    for i in range(PICKER_LIMIT + 5):
        org.create_unit(
            actor=None,
            code=f"P-{i:02}",
            name=f"Phòng nghiệp vụ số {i}",
            level=UnitLevel.PHONG,
            parent=sector.ben_tre,
            rebuild=False,
        )
    org.rebuild_scope()
    body = _names(login(admin_user).get(SEARCH, {"q": "phong nghiep vu"}))
    assert body.count('type="radio"') == PICKER_LIMIT
    assert "hãy gõ thêm để thu hẹp" in body


def test_the_picker_refuses_a_bad_request_with_a_400(sector: Sector, officer: Any) -> None:
    client = login(officer)
    assert client.get(SEARCH, {"action": "delete"}).status_code == 400
    assert client.get(SEARCH, {"field": '"><script>'}).status_code == 400


def test_a_staff_member_without_a_unit_role_cannot_search(
    sector: Sector, staff_member: Any
) -> None:
    assert login(staff_member).get(SEARCH, {"q": "quang"}).status_code == 404


class _Form(forms.Form):
    unit = UnitChoiceField(label="Đơn vị cấp trên", action="edit")


def test_the_field_accepts_a_unit_of_its_queryset(sector: Sector, officer: Any) -> None:
    form = _Form({"unit": str(sector.kv1.pk)})
    form.fields["unit"].queryset = restrict_units(officer, action="edit")  # type: ignore[attr-defined]
    assert form.is_valid()
    assert form.cleaned_data["unit"] == sector.kv1


def test_the_field_refuses_a_unit_outside_its_queryset_naming_the_field(
    sector: Sector, officer: Any
) -> None:
    form = _Form({"unit": str(sector.binh_dai.pk)})
    form.fields["unit"].queryset = restrict_units(officer, action="edit")  # type: ignore[attr-defined]
    assert not form.is_valid()
    assert form.errors["unit"] == [
        "Đơn vị cấp trên: đơn vị đã chọn không có hoặc nằm ngoài phạm vi của bạn."
    ]
    # The refused unit's name is not shown back.
    assert "Bình Đại" not in str(form["unit"])


def test_the_field_renders_the_picker_with_the_current_unit_and_no_select(
    sector: Sector, officer: Any
) -> None:
    form = _Form(initial={"unit": sector.kv1})
    form.fields["unit"].queryset = restrict_units(officer, action="edit")  # type: ignore[attr-defined]
    html = str(form["unit"])
    assert "<select" not in html
    assert f'name="unit" value="{sector.kv1.pk}" checked' in html
    assert SEARCH in html
    assert '"action": "edit"' in html


def test_the_include_renders_an_empty_choice_when_not_required(sector: Sector) -> None:
    html = render_to_string(
        "org/_unit_picker.html", {"name": "don_vi", "unit": None, "action": "view"}
    )
    assert 'name="don_vi" value="" checked' in html
    assert 'form="don_vi-detached"' in html
