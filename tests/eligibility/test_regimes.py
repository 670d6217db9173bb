"""Legal regimes live in the database: an administrator closes one at a date (with the parameters
that cite the texts that ceased) and opens the next, through audited services. A closed regime stays
closed through the next migrate, and the days no regime covers are answered "cần xem xét"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.urls import reverse

from tdkt.audit.models import AuditEntry
from tdkt.eligibility import services
from tdkt.eligibility.models import Parameter, Regime
from tdkt.eligibility.parameters import current_engine, seed_missing_regimes
from tdkt.eligibility.scan import run_scan
from tdkt.errors import Conflict, InvalidData
from tdkt.rules.regimes import default_regimes
from tdkt.rules.verdict import Status
from tests.conftest import Sector, login

ND152 = "Nghị định 152/2025/NĐ-CP"
CEASES = dt.date(2027, 3, 1)
LAST_DAY = dt.date(2027, 2, 28)
AFTER = dt.date(2027, 3, 2)
MESSAGE = (
    "Chưa có quy định áp dụng cho ngày 02/03/2027: Nghị định 152/2025/NĐ-CP đã hết hiệu lực từ "
    "01/03/2027 và chưa có văn bản thay thế được nhập vào hệ thống"
)


def close_152(actor: Any) -> tuple[Regime, list[Parameter]]:
    return services.close_regime(
        actor=actor,
        code="2026-10",
        ceases_on=CEASES,
        ceased=[ND152],
        reason="Nghị định 152/2025/NĐ-CP hết hiệu lực (theo Nghị quyết 190/2025/QH15)",
    )


def open_next(actor: Any, starts_on: dt.date = CEASES) -> Regime:
    return services.open_regime(
        actor=actor,
        code="2027-03",
        starts_on=starts_on,
        label="Luật TĐKT 2022 sửa đổi 2026, Nghị định thay thế (giả định), Thông tư 02/2024",
        instruments=["Nghị định 99/2027/NĐ-CP (giả định kiểm thử)"],
        confidence="M",
        note="Văn bản giả định trong kiểm thử.",
        reason="Có văn bản thay thế",
    )


def test_the_shipped_regimes_are_seeded_once(db: Any) -> None:
    assert Regime.objects.count() == len(default_regimes().regimes)
    assert seed_missing_regimes() == 0


def test_closing_a_regime_ends_it_and_every_parameter_citing_the_expired_text(
    db: Any, admin_user: Any
) -> None:
    regime, closed = close_152(admin_user)
    assert (regime.valid_to, regime.ceased) == (LAST_DAY, [ND152])
    keys = {p.key for p in closed}
    assert {"money.coef.individual.LDTT", "discipline.bars_while_in_force"} <= keys
    assert "ldtt.min_months_since_recruitment" not in keys  # Thông tư 02/2024 goes on
    assert "money.base_salary" not in keys  # Nghị định 161/2026 goes on
    assert all(p.valid_to == LAST_DAY and "152/2025" in p.citation for p in closed)
    assert AuditEntry.objects.filter(action="regime.closed").count() == 1
    assert AuditEntry.objects.filter(action="parameter.corrected").count() == len(closed)
    assert current_engine().choose(AFTER)[0].is_gap


def test_an_expired_regime_gives_needs_review_in_a_scan_naming_the_missing_text(
    sector: Sector, admin_user: Any
) -> None:
    close_152(admin_user)
    result = run_scan(year=2027, as_of=AFTER, person_ids=[sector.binh.pk])
    assert result.regime.is_gap and result.caps == []
    verdicts = result.people[0].verdicts
    assert verdicts and all(v.status is Status.NEEDS_REVIEW for v in verdicts)
    assert {r.message for v in verdicts for r in v.reasons} == {MESSAGE}


def test_an_expired_regime_is_said_on_the_person_screen(
    sector: Sector, admin_user: Any, outsider: Any
) -> None:
    close_152(admin_user)
    url = reverse("eligibility:person", args=[sector.binh.pk])
    text = login(outsider).get(url, {"nam": "2027", "ngay": "02/03/2027"}).content.decode()
    assert MESSAGE in text
    assert "Chưa đủ dữ liệu để kết luận: chưa có quy định áp dụng cho ngày 02/03/2027" in text


def test_an_expired_regime_stays_closed_after_the_next_migrate(db: Any, admin_user: Any) -> None:
    _, closed = close_152(admin_user)
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert Regime.objects.get(code="2026-10").valid_to == LAST_DAY
    assert Regime.objects.count() == len(default_regimes().regimes)
    for p in closed:
        p.refresh_from_db()
        assert p.valid_to == LAST_DAY
    assert current_engine().choose(AFTER)[0].is_gap


def test_opening_the_next_regime_covers_the_days_after_again(db: Any, admin_user: Any) -> None:
    close_152(admin_user)
    open_next(admin_user)
    regime, _ = current_engine().choose(AFTER)
    assert regime.id == "2027-03" and not regime.is_gap
    assert AuditEntry.objects.filter(action="regime.opened").count() == 1


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"starts_on": dt.date(2027, 2, 1)}, InvalidData),  # overlaps the regime closed 28/02
        ({"code": "2026-10"}, Conflict),
        ({"confidence": "M", "note": ""}, InvalidData),
        ({"instruments": []}, InvalidData),
    ],
)
def test_an_inconsistent_new_regime_is_refused(
    db: Any, admin_user: Any, change: dict[str, Any], error: type[Exception]
) -> None:
    close_152(admin_user)
    fields: dict[str, Any] = {
        "code": "2027-03",
        "starts_on": CEASES,
        "label": "Chế độ mới (giả định)",
        "instruments": ["Nghị định 99/2027/NĐ-CP"],
        "confidence": "M",
        "note": "Giả định.",
    }
    with pytest.raises(error):
        services.open_regime(actor=admin_user, **{**fields, **change})
    assert not Regime.objects.filter(code="2027-03").exists()


@pytest.mark.parametrize(
    ("ceases_on", "ceased", "reason", "error"),
    [
        (CEASES, ["văn bản thay thế"], "Hết hiệu lực", InvalidData),  # no number named
        (CEASES, [ND152], "", InvalidData),  # no reason
        (dt.date(2026, 10, 1), [ND152], "Hết hiệu lực", InvalidData),  # before it started
    ],
)
def test_an_unclear_closing_is_refused(
    db: Any, admin_user: Any, ceases_on: dt.date, ceased: list[str], reason: str, error: type
) -> None:
    with pytest.raises(error):
        services.close_regime(
            actor=admin_user, code="2026-10", ceases_on=ceases_on, ceased=ceased, reason=reason
        )
    assert Regime.objects.get(code="2026-10").valid_to is None


def test_a_regime_closed_once_cannot_be_closed_again_later(db: Any, admin_user: Any) -> None:
    close_152(admin_user)
    with pytest.raises(Conflict):
        services.close_regime(
            actor=admin_user,
            code="2026-10",
            ceases_on=dt.date(2027, 6, 1),
            ceased=[ND152],
            reason="Nhập lại",
        )
