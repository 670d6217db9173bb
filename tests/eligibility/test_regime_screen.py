"""The parameter screen's legal regimes: an administrator closes the regime in force at a date
(after a confirmation listing the parameters that end with it) and opens the next one."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.template import Context, Template
from django.urls import reverse

import tdkt
from tdkt.audit.models import AuditEntry
from tdkt.eligibility.models import Parameter, Regime
from tdkt.eligibility.scan import run_scan
from tdkt.rules.verdict import Status
from tests.conftest import Sector, login

CLOSE = reverse("eligibility:regime_close", args=["2026-10"])
OPEN = reverse("eligibility:regime_open")
CLOSING = {
    "ceases_on": "01/03/2027",
    "ceased": "Nghị định 152/2025/NĐ-CP",
    "reason": "Nghị định 152/2025/NĐ-CP hết hiệu lực",
}
OPENING = {
    "code": "2027-03",
    "starts_on": "01/03/2027",
    "label": "Luật TĐKT 2022 sửa đổi 2026, Nghị định thay thế (giả định)",
    "instruments": "Luật Thi đua, khen thưởng 2022\nNghị định 99/2027/NĐ-CP (giả định)",
    "confidence": "M",
    "note": "Văn bản giả định trong kiểm thử.",
    "reason": "Có văn bản thay thế",
}
LAST_DAY = dt.date(2027, 2, 28)


def _open_ended_nd152() -> set[str]:
    return set(
        Parameter.objects.filter(citation__contains="152/2025", valid_to__isnull=True).values_list(
            "key", flat=True
        )
    )


def test_the_parameter_screen_lists_each_regime_with_its_texts_and_a_close_link(
    sector: Sector, admin_user: Any
) -> None:
    text = login(admin_user).get(reverse("eligibility:parameter_list")).content.decode()
    assert "Nghị định 152/2025/NĐ-CP" in text
    assert text.count("Kết thúc hiệu lực</a>") == 1  # only the regime still open-ended
    assert CLOSE in text and OPEN in text


def test_the_regime_close_form_names_the_regime_and_asks_for_a_preview_first(
    sector: Sector, admin_user: Any
) -> None:
    text = login(admin_user).get(CLOSE).content.decode()
    assert "Luật TĐKT 2022 sửa đổi bởi Luật 06/2026/QH16" in text
    assert "Xem trước</button>" in text and "Lưu</button>" not in text


def test_the_regime_confirmation_lists_the_parameters_that_end_and_changes_nothing(
    sector: Sector, admin_user: Any
) -> None:
    seeded = _open_ended_nd152()
    response = login(admin_user).post(CLOSE, CLOSING)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Xác nhận kết thúc hiệu lực" in text
    assert seeded and all(key in text for key in seeded)
    assert "28/02/2027" in text
    assert '<input type="hidden" name="ceases_on" value="01/03/2027"' in text
    assert 'name="ceased" value="Nghị định 152/2025/NĐ-CP"' in text
    assert Regime.objects.get(code="2026-10").valid_to is None
    assert _open_ended_nd152() == seeded
    assert not AuditEntry.objects.filter(action="regime.closed").exists()


def test_closing_a_regime_from_the_screen_makes_later_verdicts_need_review(
    sector: Sector, admin_user: Any
) -> None:
    response = login(admin_user).post(CLOSE, {**CLOSING, "xac_nhan": "1"})
    assert response.status_code == 302
    assert response["Location"] == OPEN + "?tu=01%2F03%2F2027"
    assert Regime.objects.get(code="2026-10").valid_to == LAST_DAY
    assert _open_ended_nd152() == set()
    assert AuditEntry.objects.filter(action="regime.closed").count() == 1
    result = run_scan(year=2027, as_of=dt.date(2027, 3, 2), person_ids=[sector.binh.pk])
    verdicts = result.people[0].verdicts
    assert verdicts and all(v.status is Status.NEEDS_REVIEW for v in verdicts)
    before = run_scan(year=2026, as_of=LAST_DAY, person_ids=[sector.binh.pk])
    assert not before.regime.is_gap


def test_the_regime_open_form_after_a_closing_starts_where_the_closed_regime_ended(
    sector: Sector, admin_user: Any
) -> None:
    client = login(admin_user)
    client.post(CLOSE, {**CLOSING, "xac_nhan": "1"})
    form = client.get(OPEN, {"tu": "01/03/2027"}).context["form"]
    assert form.initial["starts_on"] == dt.date(2027, 3, 1)
    assert form.initial["code"] == "2027-03"


def test_opening_a_regime_from_the_screen_covers_the_days_after_again(
    sector: Sector, admin_user: Any
) -> None:
    client = login(admin_user)
    client.post(CLOSE, {**CLOSING, "xac_nhan": "1"})
    response = client.post(OPEN, OPENING)
    assert response.status_code == 302
    regime = Regime.objects.get(code="2027-03")
    assert regime.instruments == [
        "Luật Thi đua, khen thưởng 2022",
        "Nghị định 99/2027/NĐ-CP (giả định)",
    ]
    assert AuditEntry.objects.filter(action="regime.opened").count() == 1
    result = run_scan(year=2027, as_of=dt.date(2027, 3, 2), person_ids=[sector.binh.pk])
    assert result.regime.id == "2027-03"


@pytest.mark.parametrize("day", ["31/02/2027", "2027-03-01", "01/01/0001", "01/03/99999", "x"])
def test_a_bad_date_on_the_regime_close_form_is_a_form_error(
    sector: Sector, admin_user: Any, day: str
) -> None:
    response = login(admin_user).post(CLOSE, {**CLOSING, "ceases_on": day, "xac_nhan": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors["ceases_on"]
    assert Regime.objects.get(code="2026-10").valid_to is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ceased": "văn bản thay thế"}, "Mỗi dòng phải nêu số hiệu văn bản"),
        ({"ceases_on": "01/10/2026"}, "Ngày hết hiệu lực phải sau ngày chế độ pháp lý bắt đầu"),
    ],
)
def test_a_refused_regime_closing_says_why_in_vietnamese(
    sector: Sector, admin_user: Any, change: dict[str, str], message: str
) -> None:
    response = login(admin_user).post(CLOSE, {**CLOSING, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Regime.objects.get(code="2026-10").valid_to is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"code": "2027/03"}, "code"),
        ({"starts_on": "32/03/2027"}, "starts_on"),
        ({"confidence": "X"}, "confidence"),
    ],
)
def test_a_bad_new_regime_is_a_form_error(
    sector: Sector, admin_user: Any, change: dict[str, str], field: str
) -> None:
    response = login(admin_user).post(OPEN, {**OPENING, **change})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Regime.objects.filter(code__startswith="2027").exists()


def test_an_overlapping_new_regime_is_refused_with_the_engines_reason(
    sector: Sector, admin_user: Any
) -> None:
    response = login(admin_user).post(OPEN, {**OPENING, "starts_on": "01/10/2026"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Regime.objects.filter(code="2027-03").exists()


@pytest.mark.parametrize("url", [CLOSE, OPEN])
def test_an_outsider_or_an_officer_gets_404_on_the_regime_screens(
    sector: Sector, outsider: Any, officer: Any, url: str
) -> None:
    for user in (outsider, officer):
        client = login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {**CLOSING, **OPENING, "xac_nhan": "1"}).status_code == 404
    assert Regime.objects.get(code="2026-10").valid_to is None
    assert not Regime.objects.filter(code="2027-03").exists()


@pytest.mark.parametrize("code", ["khong-co", "x" * 300])
def test_an_unknown_regime_code_gets_404(sector: Sector, admin_user: Any, code: str) -> None:
    url = reverse("eligibility:regime_close", args=[code])
    assert login(admin_user).get(url).status_code == 404


def _shown(code: str) -> str:
    return Template("{% load regimes %}{{ code|regime_label }}").render(Context({"code": code}))


def test_a_stored_regime_code_is_shown_by_its_label_even_for_a_regime_opened_later(
    sector: Sector, admin_user: Any
) -> None:
    assert _shown("2025-07").startswith("Luật TĐKT 2022, Nghị định 152/2025/NĐ-CP")
    assert _shown("2027-03") == "2027-03"  # no such regime (yet): the code, never an error
    client = login(admin_user)
    client.post(CLOSE, {**CLOSING, "xac_nhan": "1"})
    client.post(OPEN, OPENING)
    assert _shown("2027-03") == OPENING["label"]
    assert _shown("") == ""


# Where stored verdicts keep a regime's code (a dossier's candidates, a registration's lines).
STORED_CODES = re.compile(r"(verdict_regime|check_regime|\.regime)\s*}}")


def test_no_template_prints_a_regime_code_without_its_label() -> None:
    root = Path(tdkt.__file__).parent
    printed = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in root.glob("*/templates/**/*.html")
        for match in STORED_CODES.finditer(path.read_text(encoding="utf-8"))
    ]
    assert printed == []
