"""The self-report is prefilled from the system: movements answered, titles registered, awards of
the ledger by level, examples published and money paid — for the inspected unit, the units under
it and the units it succeeded, within the inspection's period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tdkt.inspections.models import Inspection
from tdkt.inspections.selectors import self_report_figures
from tdkt.inspections.services import reports
from tdkt.movements.models import Answer, AnswerStatus, Registration, RegistrationLine
from tdkt.movements.services import movements as movement_services
from tdkt.records import services as records
from tests.conftest import Sector
from tests.inspections.conftest import NOW, target_of
from tests.movements.conftest import add_person, data

EARLY = timezone.make_aware(dt.datetime(2025, 1, 5, 9, 0))


def _movement(sector: Sector) -> Any:
    movement = movement_services.create_movement(
        actor=None,
        issuer=sector.vkstc,
        data=data(
            name="Phong trào thi đua năm 2025",
            start_year=2025,
            end_year=2025,
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2025, 11, 30),
            registration_deadline=dt.date(2025, 2, 28),
            answer_deadline=dt.date(2025, 1, 31),
        ),
        now=EARLY,
    )
    return movement_services.launch_movement(
        actor=None,
        movement=movement,
        target_levels=["tinh", "khu_vuc"],
        number="3",
        symbol="KH-VKSTC",
        signed_on=dt.date(2025, 1, 5),
        now=EARLY,
    )


def _register(sector: Sector, movement: Any) -> None:
    """The new province registers itself for TTLĐXS and two people for LĐTT, one for CSTĐCS;
    Bến Tre registers too (it must not be counted); a draft register is not counted."""
    reg = Registration.objects.create(
        movement=movement, unit=sector.quang_tri, year=2025, status="approved"
    )
    people = [add_person(f"Cán bộ Quảng Trị {i}", sector.quang_tri) for i in range(3)]
    lines = [
        RegistrationLine(registration=reg, unit=sector.quang_tri, award="TTLDXS"),
        RegistrationLine(registration=reg, person=people[0], award="LDTT"),
        RegistrationLine(registration=reg, person=people[1], award="LDTT"),
        RegistrationLine(registration=reg, person=people[2], award="CSTDCS"),
    ]
    for line in lines:
        line.movement, line.year = movement, 2025
    RegistrationLine.objects.bulk_create(lines)
    draft = Registration.objects.create(
        movement=movement, unit=sector.kv1, year=2025, status="draft"
    )
    RegistrationLine.objects.create(
        registration=draft, person=sector.an, award="LDTT", movement=movement, year=2025
    )
    outside = Registration.objects.create(
        movement=movement, unit=sector.ben_tre, year=2025, status="submitted"
    )
    RegistrationLine.objects.create(
        registration=outside, person=sector.binh, award="LDTT", movement=movement, year=2025
    )


def _ledger(sector: Sector) -> None:
    province = records.record_decision(
        actor=None,
        number="5/QĐ-VKS",
        signed_on=dt.date(2025, 12, 20),
        level="tinh",
        issuer=sector.quang_tri,
    )
    supreme = records.record_decision(
        actor=None,
        number="99/QĐ-VKSTC",
        signed_on=dt.date(2025, 12, 28),
        level="nganh",
        issuer=sector.vkstc,
    )
    records.record_award(actor=None, award="LDTT", year=2025, decision=province, person=sector.an)
    records.record_award(actor=None, award="TTLDXS", year=2025, decision=supreme, unit=sector.kv1)
    records.record_award(
        actor=None, award="LDTT", year=2025, decision=province, person=sector.binh
    )  # Bến Tre's person in a Quảng Trị decision: counted where the holder stood, not here
    records.record_award(  # outside the period
        actor=None, award="TTLDTT", year=2024, decision=supreme, unit=sector.kv1
    )


def test_inspection_self_report_figures_match_the_ledger_and_registrations(
    sector: Sector, approved: Inspection, officer: Any
) -> None:
    movement = _movement(sector)
    answer = Answer.objects.filter(movement=movement, unit__in=[sector.quang_tri_old]).first()
    assert answer is not None  # the old province received it (the new one succeeded it)
    Answer.objects.filter(pk=answer.pk).update(status=AnswerStatus.PLANNED)
    _register(sector, movement)
    _ledger(sector)

    figures = self_report_figures(sector.quang_tri.pk, dt.date(2025, 1, 1), dt.date(2025, 12, 31))

    received = Answer.objects.filter(
        movement=movement,
        unit__in=[sector.quang_tri_old, sector.quang_binh, sector.quang_tri, sector.kv1],
    ).count()
    assert figures["movements_received"] == received
    assert figures["movements_answered"] == 1
    assert figures["movement_names"] == ["Phong trào thi đua năm 2025"]
    assert figures["registrations"] == {
        "Lao động tiên tiến": 2,
        "Chiến sĩ thi đua cơ sở": 1,
        "Tập thể lao động xuất sắc": 1,
    }
    assert figures["registrations_total"] == 4
    assert figures["awards"] == {
        "Viện trưởng VKSND cấp tỉnh, cấp cao": {"Lao động tiên tiến": 1},
        "Viện trưởng VKSND tối cao": {"Tập thể lao động xuất sắc": 1},
    }
    assert figures["awards_total"] == 2
    assert figures["examples_published"] == 0
    assert figures["money_paid_total"] == 0

    target = target_of(approved)
    reports.save_self_report(
        actor=officer,
        target=target,
        texts={"dang_ky": "Đăng ký đầy đủ, đúng hạn."},
        version=target.version,
        submit=True,
        now=NOW,
    )
    target.refresh_from_db()
    assert target.self_report_figures == figures  # frozen as it was sent
