"""The services behind the year's facts grid: `set_rating` and `save_person_year`, each checking
the actor's right, the row's token and the rules of the year."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tdkt.audit.models import AuditEntry
from tdkt.errors import Conflict, DomainError, InvalidData
from tdkt.people import services as people
from tdkt.records import services as records
from tdkt.records.models import Discipline, Leave, Rating
from tdkt.records.year_facts import DisciplineEntry, LeaveEntry, NotAllowed, facts_token
from tests.conftest import Sector

YEAR = 2026


def save(
    person: Any, actor: Any = None, token: str | None = None, year: int = YEAR, **kw: Any
) -> Any:
    values: dict[str, Any] = {"rating": "", "discipline": None, "leave": None} | kw
    return records.save_person_year(actor=actor, person=person, year=year, token=token, **values)


def test_set_rating_creates_corrects_and_clears_with_an_audit_entry_each(
    sector: Sector, officer: Any
) -> None:
    rating = records.set_rating(actor=officer, person=sector.an, year=YEAR, rating="HT")
    assert rating is not None and rating.rating == "HT"
    records.set_rating(
        actor=officer, person=sector.an, year=YEAR, rating="HTT", token=facts_token(rating)
    )
    corrected = AuditEntry.objects.get(action="rating.corrected")
    assert corrected.before == {"year": YEAR, "rating": "HT"}
    assert corrected.after == {"year": YEAR, "rating": "HTT"}
    assert records.set_rating(actor=officer, person=sector.an, year=YEAR, rating="") is None
    assert not Rating.objects.filter(person=sector.an, year=YEAR).exists()
    cleared = AuditEntry.objects.get(action="rating.cleared")
    assert cleared.before == {"year": YEAR, "rating": "HTT"} and cleared.actor == officer


def test_set_rating_refuses_a_stale_token_and_writes_nothing(sector: Sector) -> None:
    seen = facts_token(None)
    records.set_rating(actor=None, person=sector.an, year=YEAR, rating="HT")
    with pytest.raises(Conflict) as refused:
        records.set_rating(actor=None, person=sector.an, year=YEAR, rating="HTXS", token=seen)
    assert refused.value.code == "stale_version"
    assert "người khác thay đổi" in refused.value.message
    assert Rating.objects.get(person=sector.an, year=YEAR).rating == "HT"


@pytest.mark.parametrize("rating", ["XS", "htt", "HTT ", "0"])
def test_an_unknown_rating_is_refused(sector: Sector, rating: str) -> None:
    with pytest.raises(InvalidData, match="Xếp loại không hợp lệ"):
        records.set_rating(actor=None, person=sector.an, year=YEAR, rating=rating)


def test_set_rating_checks_the_actors_right_itself(
    sector: Sector, outsider: Any, staff_member: Any
) -> None:
    for actor in (outsider, staff_member):
        with pytest.raises(NotAllowed):
            records.set_rating(actor=actor, person=sector.an, year=YEAR, rating="HTXS")
        with pytest.raises(NotAllowed):
            records.set_rating(actor=actor, unit=sector.kv1, year=YEAR, rating="HTXS")
    assert not Rating.objects.filter(year=YEAR).exists()


def test_the_units_rating_is_kept_by_whoever_may_edit_the_unit(
    sector: Sector, officer: Any
) -> None:
    rating = records.set_rating(actor=officer, unit=sector.kv1, year=YEAR, rating="HTT")
    assert rating is not None and rating.unit == sector.kv1
    entry = AuditEntry.objects.get(action="rating.recorded", object_id=str(rating.pk))
    assert (entry.unit_id, entry.actor) == (sector.kv1.pk, officer)


def test_a_past_year_is_kept_by_the_unit_the_person_worked_in_that_year(
    sector: Sector, outsider: Any
) -> None:
    """Bình moved from Bình Đại (Bến Tre) to Khu vực 1 in 2026: Bến Tre's officer still keeps
    her 2025 facts, no longer her 2026 ones."""
    people.assign_position(
        actor=None,
        person=sector.binh,
        unit=sector.kv1,
        post_kind="chuyen_vien",
        valid_from=dt.date(2026, 3, 1),
    )
    sector.binh.refresh_from_db()
    records.save_person_year(
        actor=outsider,
        person=sector.binh,
        year=2025,
        token=None,
        rating="HTT",
        discipline=None,
        leave=None,
    )
    assert Rating.objects.get(person=sector.binh, year=2025).rating == "HTT"
    with pytest.raises(NotAllowed):
        save(sector.binh, actor=outsider, rating="HT")


def test_a_row_saves_its_three_facts_together(sector: Sector, officer: Any) -> None:
    saved = save(
        sector.an,
        actor=officer,
        token=facts_token(None),
        rating="KHT",
        discipline=DisciplineEntry("canh_cao", dt.date(2026, 6, 1), " 3/QĐ "),
        leave=LeaveEntry("om", dt.date(2026, 8, 3), dt.date(2026, 8, 14)),
    )
    assert saved.changed
    assert Discipline.objects.get(person=sector.an).decision_number == "3/QĐ"
    assert Leave.objects.get(person=sector.an).ends_on == dt.date(2026, 8, 14)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"rating.recorded", "discipline.recorded", "leave.recorded"} <= actions


def test_saving_the_same_facts_again_changes_nothing(sector: Sector) -> None:
    leave = LeaveEntry("om", dt.date(2026, 8, 3), None)
    save(sector.an, rating="HT", leave=leave)
    before = AuditEntry.objects.count()
    assert not save(sector.an, rating="HT", leave=leave).changed
    assert AuditEntry.objects.count() == before


def test_an_emptied_discipline_or_leave_is_removed_and_audited(sector: Sector) -> None:
    save(
        sector.an,
        discipline=DisciplineEntry("khien_trach", dt.date(2026, 2, 2)),
        leave=LeaveEntry("om", dt.date(2026, 8, 3), None),
    )
    save(sector.an)
    assert not Discipline.objects.filter(person=sector.an).exists()
    assert not Leave.objects.filter(person=sector.an).exists()
    removed = AuditEntry.objects.get(action="discipline.removed")
    assert removed.before["level"] == "khien_trach"
    assert AuditEntry.objects.filter(action="leave.removed").count() == 1


def test_only_the_years_first_discipline_is_the_rows_and_the_others_stay(sector: Sector) -> None:
    older = records.record_discipline(
        actor=None, person=sector.an, level="khien_trach", decided_on=dt.date(2026, 1, 5)
    )
    newer = records.record_discipline(
        actor=None, person=sector.an, level="canh_cao", decided_on=dt.date(2026, 5, 5)
    )
    save(sector.an, token=facts_token(None, [older, newer]))  # the row empties the newest
    assert list(Discipline.objects.filter(person=sector.an)) == [older]


@pytest.mark.parametrize(
    ("entry", "year", "message"),
    [
        (DisciplineEntry("giang_chuc", dt.date(2026, 3, 1)), 2026, "không còn áp dụng"),
        (DisciplineEntry("ha_bac_luong", dt.date(2025, 7, 1)), 2025, "không còn áp dụng"),
        (DisciplineEntry("sa_thai", dt.date(2026, 3, 1)), 2026, "không hợp lệ"),
        (DisciplineEntry("canh_cao", dt.date(2025, 12, 31)), 2026, "phải trong năm 2026"),
        (DisciplineEntry("canh_cao", dt.date(2026, 12, 31)), 2026, "không được sau hôm nay"),
    ],
)
def test_a_discipline_the_rules_refuse_is_not_written(
    sector: Sector, entry: DisciplineEntry, year: int, message: str, time_machine: Any
) -> None:
    time_machine.move_to(dt.datetime(2026, 12, 7, 9, 0))
    with pytest.raises(InvalidData, match=message):
        save(sector.an, rating="KHT", discipline=entry, year=year)
    assert not Rating.objects.filter(person=sector.an, year=year).exists()
    assert not Discipline.objects.exists()


def test_an_abolished_form_decided_before_july_2025_is_still_recorded(sector: Sector) -> None:
    records.save_person_year(
        actor=None,
        person=sector.an,
        year=2025,
        token=None,
        rating="",
        discipline=DisciplineEntry("giang_chuc", dt.date(2025, 6, 30)),
        leave=None,
    )
    assert Discipline.objects.get(person=sector.an).level == "giang_chuc"


def test_a_leave_outside_the_year_or_ending_before_it_starts_is_refused(sector: Sector) -> None:
    for entry in (
        LeaveEntry("om", dt.date(2027, 1, 1), None),
        LeaveEntry("om", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        LeaveEntry("om", dt.date(2026, 5, 1), dt.date(2026, 4, 1)),
        LeaveEntry("nghi_mat", dt.date(2026, 5, 1), None),
    ):
        with pytest.raises(DomainError):
            save(sector.an, leave=entry)
    assert not Leave.objects.exists()


def test_a_leave_that_began_last_year_is_the_rows_leave_this_year(sector: Sector) -> None:
    leave = records.record_leave(
        actor=None, person=sector.an, kind="thai_san", starts_on=dt.date(2025, 11, 1)
    )
    save(
        sector.an,
        token=facts_token(None, [], [leave]),
        leave=LeaveEntry("thai_san", dt.date(2025, 11, 1), dt.date(2026, 4, 30)),
    )
    leave.refresh_from_db()
    assert leave.ends_on == dt.date(2026, 4, 30)
    assert AuditEntry.objects.get(action="leave.corrected").before["ends_on"] is None
