"""The year's facts screen of a unit: the grid, its rows saved one by one, the totals and the HTXS
cap, the unit's own rating, and who may open and post to it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.audit.models import AuditEntry
from tdkt.people import services as people
from tdkt.people.models import Person
from tdkt.records import services as records
from tdkt.records.models import Discipline, Leave, Rating, UnitViolation
from tdkt.records.year_facts import facts_token
from tests.conftest import Sector, login, make_user

YEAR = 2026
HTMX = {"HTTP_HX_REQUEST": "true"}
# A year not completed, with a reprimand decided in April: the row as two tests fill it.
REPRIMANDED = {
    "rating": "KHT",
    "discipline_level": "khien_trach",
    "discipline_on": "15/04/2026",
    "discipline_number": "07/QĐ-VKS",
}


def grid_url(s: Sector, year: int | None = YEAR) -> str:
    url = reverse("records:facts_grid", args=[s.kv1.pk])
    return url if year is None else f"{url}?nam={year}"


def row_url(s: Sector, person: Person, year: int = YEAR, unit: Any = None) -> str:
    return reverse("records:facts_row", args=[(unit or s.kv1).pk, year, person.pk])


def unit_url(s: Sector, year: int = YEAR) -> str:
    return reverse("records:facts_unit_rating", args=[s.kv1.pk, year])


def row_data(person: Person, year: int = YEAR, **values: str) -> dict[str, str]:
    rating = Rating.objects.filter(person=person, year=year).first()
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    disciplines = Discipline.objects.filter(
        person=person, decided_on__gte=start, decided_on__lte=end
    )
    leaves = Leave.objects.filter(person=person, starts_on__lte=end).exclude(ends_on__lt=start)
    data = {
        "token": facts_token(rating, disciplines, leaves),
        "rating": "",
        "discipline_level": "",
        "discipline_on": "",
        "discipline_number": "",
        "leave_kind": "",
        "leave_from": "",
        "leave_to": "",
    }
    return data | values


def colleague(s: Sector, name: str, unit: Any = None, since: dt.date | None = None) -> Person:
    return people.create_person(
        actor=None,
        full_name=name,
        gender="female",
        birth_date=dt.date(1992, 5, 5),
        unit=unit or s.kv1,
        post_kind="kiem_tra_vien",
        position_from=since or dt.date(2025, 7, 1),
    )


# --- The screen ------------------------------------------------------------------------------


def test_the_grid_lists_the_units_staff_with_the_facts_of_the_year(
    sector: Sector, officer: Any
) -> None:
    records.record_rating(actor=None, person=sector.an, year=YEAR, rating="HTT")
    records.record_leave(
        actor=None,
        person=sector.an,
        kind="om",
        starts_on=dt.date(2026, 3, 2),
        ends_on=dt.date(2026, 3, 20),
    )
    response = login(officer).get(grid_url(sector))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Văn An" in body
    assert 'value="HTT" selected' in body
    assert 'value="02/03/2026"' in body and 'value="20/03/2026"' in body
    assert "Trần Thị Bình" not in body  # Bến Tre's


@pytest.mark.parametrize(("today", "year"), [((2026, 12, 10), 2026), ((2027, 2, 15), 2026)])
def test_the_grid_opens_on_the_year_under_review(
    sector: Sector, officer: Any, time_machine: Any, today: tuple[int, int, int], year: int
) -> None:
    time_machine.move_to(dt.datetime(*today, 9, tzinfo=dt.UTC), tick=False)
    response = login(officer).get(grid_url(sector, year=None))
    assert response.context["year"] == year


def test_a_past_year_lists_those_who_worked_in_the_unit_that_year(
    sector: Sector, officer: Any
) -> None:
    """Đồng Hới was dissolved into Khu vực 1 on 01/07/2025: its 2024 grid still lists An."""
    url = reverse("records:facts_grid", args=[sector.dong_hoi.pk]) + "?nam=2024"
    body = login(officer).get(url).content.decode()
    assert "Nguyễn Văn An" in body
    assert "Nguyễn Văn An" not in login(officer).get(grid_url(sector, 2024)).content.decode()


def test_someone_who_moved_during_the_year_is_on_the_grid_of_his_last_unit(
    sector: Sector, officer: Any
) -> None:
    """In 2025 An worked in Đồng Hới, then from 01/07 in Khu vực 1: one grid only."""
    client = login(officer)
    assert "Nguyễn Văn An" in client.get(grid_url(sector, 2025)).content.decode()
    dong_hoi = reverse("records:facts_grid", args=[sector.dong_hoi.pk]) + "?nam=2025"
    assert "Nguyễn Văn An" not in client.get(dong_hoi).content.decode()


@pytest.mark.parametrize("year", ["abc", "20266", "1800", "２０２６", "2026\x01"])
def test_a_bad_year_is_refused_in_vietnamese(sector: Sector, officer: Any, year: str) -> None:
    response = login(officer).get(grid_url(sector, None), {"nam": year})
    assert response.status_code == 400
    assert "Năm không hợp lệ" in response.content.decode()


def test_the_unit_page_links_to_the_grid_for_whoever_may_edit(
    sector: Sector, officer: Any, admin_user: Any
) -> None:
    link = reverse("records:facts_grid", args=[sector.kv1.pk])
    for user in (officer, admin_user):
        page = login(user).get(reverse("org:unit_detail", args=[sector.kv1.pk]))
        assert link in page.content.decode()
    leader = make_user("lanhdao", "leader", sector.quang_tri)
    page = login(leader).get(reverse("org:unit_detail", args=[sector.kv1.pk]))
    assert link not in page.content.decode()


# --- Saving a row ----------------------------------------------------------------------------


def test_a_row_is_saved_on_its_own_and_comes_back_marked_saved(
    sector: Sector, officer: Any
) -> None:
    data = row_data(
        sector.an,
        rating="HTXS",
        leave_kind="thai_san",
        leave_from="01/02/2026",
        leave_to="31/07/2026",
    )
    response = login(officer).post(row_url(sector, sector.an), data, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<tr id="facts-row-{sector.an.pk}"')
    assert "Đã lưu" in body
    assert Rating.objects.get(person=sector.an, year=YEAR).rating == "HTXS"
    leave = Leave.objects.get(person=sector.an)
    assert (leave.kind, leave.starts_on, leave.ends_on) == (
        "thai_san",
        dt.date(2026, 2, 1),
        dt.date(2026, 7, 31),
    )
    assert 'hx-swap-oob="true"' in body  # the totals follow
    entry = AuditEntry.objects.get(
        action="rating.recorded", object_id=str(Rating.objects.get(person=sector.an, year=YEAR).pk)
    )
    assert entry.actor == officer


def test_changing_a_rating_is_audited_as_a_correction(sector: Sector, officer: Any) -> None:
    records.record_rating(actor=None, person=sector.an, year=YEAR, rating="HT")
    login(officer).post(row_url(sector, sector.an), row_data(sector.an, rating="HTT"), **HTMX)
    entry = AuditEntry.objects.get(action="rating.corrected")
    assert (entry.before, entry.after) == (
        {"year": YEAR, "rating": "HT"},
        {"year": YEAR, "rating": "HTT"},
    )


def test_without_htmx_the_row_saves_and_returns_to_the_grid(sector: Sector, officer: Any) -> None:
    response = login(officer).post(row_url(sector, sector.an), row_data(sector.an, rating="HT"))
    assert response.status_code == 302
    assert response["Location"] == grid_url(sector)
    assert Rating.objects.get(person=sector.an, year=YEAR).rating == "HT"


def test_a_discipline_is_recorded_and_then_corrected_from_the_row(
    sector: Sector, officer: Any
) -> None:
    client = login(officer)
    data = row_data(sector.an, **REPRIMANDED)
    assert client.post(row_url(sector, sector.an), data, **HTMX).status_code == 200
    discipline = Discipline.objects.get(person=sector.an)
    assert (discipline.level, discipline.decision_number) == ("khien_trach", "07/QĐ-VKS")
    data = row_data(
        sector.an,
        rating="KHT",
        discipline_level="canh_cao",
        discipline_on="15/04/2026",
        discipline_number="07/QĐ-VKS",
    )
    assert client.post(row_url(sector, sector.an), data, **HTMX).status_code == 200
    discipline.refresh_from_db()
    assert discipline.level == "canh_cao"
    entry = AuditEntry.objects.get(action="discipline.corrected")
    assert entry.before["level"] == "khien_trach" and entry.after["level"] == "canh_cao"


def test_a_stale_row_is_refused_with_the_standard_message_and_nothing_is_written(
    sector: Sector, officer: Any
) -> None:
    client = login(officer)
    seen = row_data(sector.an, rating="HTT")  # the page as it was opened
    records.record_leave(actor=None, person=sector.an, kind="om", starts_on=dt.date(2026, 5, 4))
    response = client.post(row_url(sector, sector.an), seen, **HTMX)
    body = response.content.decode()
    assert response.status_code == 409
    assert "Dữ liệu đã được người khác thay đổi" in body
    assert 'value="HTT" selected' in body  # what the user chose is kept
    assert not Rating.objects.filter(person=sector.an, year=YEAR).exists()


def test_a_rating_recorded_meanwhile_makes_the_row_stale(sector: Sector, officer: Any) -> None:
    seen = row_data(sector.an, rating="HTXS")
    records.record_rating(actor=None, person=sector.an, year=YEAR, rating="HT")
    response = login(officer).post(row_url(sector, sector.an), seen, **HTMX)
    assert response.status_code == 409
    assert Rating.objects.get(person=sector.an, year=YEAR).rating == "HT"


def test_nothing_is_half_saved_when_one_fact_of_the_row_is_refused(
    sector: Sector, officer: Any
) -> None:
    """The rating is valid, the discipline's form was abolished: neither is written."""
    data = row_data(
        sector.an, rating="KHT", discipline_level="giang_chuc", discipline_on="10/03/2026"
    )
    response = login(officer).post(row_url(sector, sector.an), data, **HTMX)
    assert response.status_code == 422
    assert "không còn áp dụng từ ngày 01/07/2025" in response.content.decode()
    assert not Rating.objects.filter(person=sector.an).filter(year=YEAR).exists()
    assert not Discipline.objects.filter(person=sector.an).exists()


def test_the_abolished_forms_of_discipline_are_not_offered_after_2025(
    sector: Sector, officer: Any
) -> None:
    client = login(officer)
    assert 'value="giang_chuc"' not in client.get(grid_url(sector, 2026)).content.decode()
    assert 'value="giang_chuc"' in client.get(grid_url(sector, 2025)).content.decode()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"rating": "XS"}, "Xếp loại không hợp lệ."),
        ({"rating": "HTT\x00"}, "Xếp loại không hợp lệ."),
        ({"leave_kind": "om", "leave_from": "31/02/2026"}, "Nghỉ từ ngày: hãy nhập ngày"),
        ({"leave_kind": "om", "leave_from": "01/03/2026\x07"}, "Nghỉ từ ngày: hãy nhập ngày"),
        ({"leave_kind": "om"}, "Hãy nhập ngày bắt đầu nghỉ."),
        ({"discipline_on": "01/03/2026"}, "Hãy chọn hình thức kỷ luật."),
        (
            {"discipline_level": "canh_cao", "discipline_on": "01/03/2025"},
            "phải trong năm 2026",
        ),
        ({"leave_kind": "om", "leave_from": "01/03/2027"}, "ít nhất một ngày trong năm 2026"),
        ({"token": "x" * 500}, "Trang đã cũ hoặc không hợp lệ"),
        ({"token": ""}, "Trang đã cũ hoặc không hợp lệ"),
    ],
)
def test_bad_input_gets_the_row_back_with_its_vietnamese_error(
    sector: Sector, officer: Any, values: dict[str, str], message: str
) -> None:
    response = login(officer).post(
        row_url(sector, sector.an), row_data(sector.an, **values), **HTMX
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Rating.objects.filter(person=sector.an, year=YEAR).exists()
    assert not Leave.objects.filter(person=sector.an).exists()


def test_control_characters_are_dropped_from_the_decision_number(
    sector: Sector, officer: Any
) -> None:
    data = row_data(
        sector.an,
        discipline_level="khien_trach",
        discipline_on="02/02/2026",
        discipline_number="12\x00/QĐ\u200b-VKS\x1b",
    )
    assert login(officer).post(row_url(sector, sector.an), data, **HTMX).status_code == 200
    assert Discipline.objects.get(person=sector.an).decision_number == "12/QĐ-VKS"


@pytest.mark.parametrize(
    "args",
    [
        lambda s: [s.kv1.pk, YEAR, 99999999999999999999999],
        lambda s: [99999999999999999999999, YEAR, s.an.pk],
        lambda s: [s.kv1.pk, 99999999999999999999, s.an.pk],
        lambda s: [s.kv1.pk, 1800, s.an.pk],
    ],
)
def test_huge_or_absurd_numbers_in_the_address_answer_404(
    sector: Sector, officer: Any, args: Any
) -> None:
    url = reverse("records:facts_row", args=args(sector))
    assert login(officer).post(url, row_data(sector.an), **HTMX).status_code == 404


# --- Scope -----------------------------------------------------------------------------------


def test_an_officer_of_another_province_gets_404_on_the_screen_and_on_each_post(
    sector: Sector, outsider: Any
) -> None:
    client = login(outsider)
    assert client.get(grid_url(sector)).status_code == 404
    data = row_data(sector.an, rating="KHT")
    assert client.post(row_url(sector, sector.an), data, **HTMX).status_code == 404
    assert (
        client.post(unit_url(sector), {"token": facts_token(None), "rating": "HT"}).status_code
        == 404
    )
    assert not Rating.objects.filter(year=YEAR).exists()


def test_an_officer_cannot_save_the_row_of_someone_outside_the_grids_unit(
    sector: Sector, officer: Any, outsider: Any
) -> None:
    """Bình (Bến Tre) posted through Khu vực 1's grid, or through Bến Tre's by Quảng Trị: 404."""
    client = login(officer)
    assert (
        client.post(row_url(sector, sector.binh), row_data(sector.binh), **HTMX).status_code == 404
    )
    url = row_url(sector, sector.binh, unit=sector.binh_dai)
    assert client.post(url, row_data(sector.binh, rating="HT"), **HTMX).status_code == 404
    assert not Rating.objects.filter(person=sector.binh).exists()


def test_a_staff_member_gets_404_everywhere(sector: Sector, staff_member: Any) -> None:
    client = login(staff_member)
    assert client.get(grid_url(sector)).status_code == 404
    assert (
        client.post(row_url(sector, sector.an), row_data(sector.an, rating="HTXS")).status_code
        == 404
    )
    assert (
        client.post(unit_url(sector), {"token": facts_token(None), "rating": "HTXS"}).status_code
        == 404
    )


def test_a_get_to_a_row_answers_405_to_the_officer_and_404_to_others(
    sector: Sector, officer: Any, outsider: Any
) -> None:
    assert login(officer).get(row_url(sector, sector.an)).status_code == 405
    assert login(outsider).get(row_url(sector, sector.an)).status_code == 404
    assert login(officer).get(unit_url(sector)).status_code == 405
    assert login(outsider).get(unit_url(sector)).status_code == 404


def test_the_administrator_saves_a_row_anywhere(sector: Sector, admin_user: Any) -> None:
    url = row_url(sector, sector.binh, unit=sector.binh_dai)
    response = login(admin_user).post(url, row_data(sector.binh, rating="HTT"), **HTMX)
    assert response.status_code == 200
    assert Rating.objects.get(person=sector.binh, year=YEAR).rating == "HTT"


# --- Totals and the HTXS cap -----------------------------------------------------------------


def test_the_totals_count_each_rating_and_warn_when_htxs_exceed_the_cap(
    sector: Sector, officer: Any
) -> None:
    staff = [colleague(sector, f"Lê Thị Cán Bộ {i}") for i in range(4)]
    for person, rating in zip(staff, ["HTXS", "HTT", "HTT", "HT"], strict=True):
        records.record_rating(actor=None, person=person, year=YEAR, rating=rating)
    response = login(officer).get(grid_url(sector))
    totals = response.context["totals"]
    assert totals.counts == {"HTXS": 1, "HTT": 2, "HT": 1, "KHT": 0}
    assert (totals.unrated, totals.total) == (1, 5)  # An is not rated yet
    # 1 HTXS of 3 rated HTT or better: 33.3% > 20%: a warning, not a refusal.
    body = response.content.decode()
    assert totals.over_cap and "vượt tỷ lệ tối đa 20%" in body
    assert "Nghị định 90/2020/NĐ-CP" in body


def test_no_warning_within_the_cap(sector: Sector, officer: Any) -> None:
    staff = [colleague(sector, f"Phạm Văn Số {i}") for i in range(5)]
    for i, person in enumerate(staff):
        records.record_rating(
            actor=None, person=person, year=YEAR, rating="HTXS" if i == 0 else "HTT"
        )
    response = login(officer).get(grid_url(sector))
    assert not response.context["totals"].over_cap  # 1 of 5: exactly 20%
    assert "vượt tỷ lệ tối đa" not in response.content.decode()


def test_the_cap_is_read_from_the_dated_parameter_in_force(
    sector: Sector, officer: Any, admin_user: Any
) -> None:
    from tdkt.eligibility import services as eligibility

    eligibility.add_parameter_value(
        actor=admin_user,
        key="htxs_max_share",
        value=0.5,
        valid_from=dt.date(2026, 1, 1),
        citation="Quy định thử nghiệm",
        confidence="C",
    )
    response = login(officer).get(grid_url(sector))
    assert response.context["totals"].cap_text == "50%"
    assert login(officer).get(grid_url(sector, 2025)).context["totals"].cap_text == "20%"


def test_a_saved_row_updates_the_totals_at_the_foot(sector: Sector, officer: Any) -> None:
    response = login(officer).post(
        row_url(sector, sector.an), row_data(sector.an, rating="HTXS"), **HTMX
    )
    assert response.context["totals"].counts["HTXS"] == 1


# --- The unit's own rating and violations -----------------------------------------------------


def test_the_units_rating_is_set_in_place_and_a_stale_one_refused(
    sector: Sector, officer: Any
) -> None:
    client = login(officer)
    response = client.post(unit_url(sector), {"token": facts_token(None), "rating": "HTXS"}, **HTMX)
    assert response.status_code == 200 and "Đã lưu" in response.content.decode()
    rating = Rating.objects.get(unit=sector.kv1, year=YEAR)
    assert rating.rating == "HTXS"
    response = client.post(unit_url(sector), {"token": facts_token(None), "rating": "HT"}, **HTMX)
    assert response.status_code == 409
    assert Rating.objects.get(unit=sector.kv1, year=YEAR).rating == "HTXS"
    response = client.post(unit_url(sector), {"token": facts_token(rating), "rating": ""}, **HTMX)
    assert response.status_code == 200
    assert not Rating.objects.filter(unit=sector.kv1, year=YEAR).exists()
    assert AuditEntry.objects.filter(action="rating.cleared").count() == 1


def test_the_units_violations_of_the_year_are_listed(sector: Sector, officer: Any) -> None:
    UnitViolation.objects.create(
        unit=sector.kv1, year=YEAR, kind="corruption", note="Vụ việc ở bộ phận A"
    )
    body = login(officer).get(grid_url(sector)).content.decode()
    assert "Có vụ việc tham nhũng" in body and "Vụ việc ở bộ phận A" in body


# --- Performance ------------------------------------------------------------------------------


def test_the_grid_needs_the_same_number_of_queries_for_any_number_of_people(
    sector: Sector, officer: Any
) -> None:
    client = login(officer)
    client.get(grid_url(sector))  # warm the session and the parameters' cache

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(grid_url(sector)).status_code == 200
        return len(queries)

    few = count()
    for i in range(12):
        person = colleague(sector, f"Đỗ Văn Số {i}")
        records.record_rating(actor=None, person=person, year=YEAR, rating="HTT")
        records.record_leave(actor=None, person=person, kind="om", starts_on=dt.date(2026, 2, 2))
        records.record_discipline(
            actor=None, person=person, level="khien_trach", decided_on=dt.date(2026, 3, 3)
        )
    assert count() == few
    # The session and the user (2), his grants (1), the unit (1), the grid (6), the unit's
    # rating (1), the parameters (1), the notification bell (1), the violations (1), the
    # session's save (3).
    assert few <= 17


# --- The person's page shows the same facts ---------------------------------------------------


def test_the_person_page_shows_the_facts_the_grid_saved(sector: Sector, officer: Any) -> None:
    from tdkt.records.models import Initiative

    records.record_leave(
        actor=None,
        person=sector.an,
        kind="thai_san",
        starts_on=dt.date(2025, 11, 3),
        ends_on=dt.date(2026, 4, 30),
    )
    initiative = Initiative.objects.create(
        code="SK-2026-01",
        kind="sang_kien",
        title="Số hóa hồ sơ kiểm sát",
        scope="co_so",
        year=YEAR,
        recognized_on=dt.date(2026, 11, 2),
    )
    initiative.authors.add(sector.an)
    data = row_data(
        sector.an,
        **REPRIMANDED,
        leave_kind="thai_san",
        leave_from="03/11/2025",
        leave_to="30/04/2026",
    )
    client = login(officer)
    grid = client.get(grid_url(sector)).content.decode()
    assert 'title="Số hóa hồ sơ kiểm sát">1</a>' in grid
    assert client.post(row_url(sector, sector.an), data, **HTMX).status_code == 200
    response = client.get(reverse("people:person_detail", args=[sector.an.pk]))
    years = {y.year: [e.text for e in y.events] for y in response.context["timeline"]}
    assert "Không hoàn thành nhiệm vụ" in years[YEAR]
    assert "Kỷ luật: Khiển trách" in years[YEAR]
    assert "Nghỉ thai sản (tiếp từ năm 2025)" in years[YEAR]
    assert any("Số hóa hồ sơ kiểm sát" in text for text in years[YEAR])
    assert "QĐ 07/QĐ-VKS" in response.content.decode()


def test_the_grid_of_a_province_may_list_the_staff_of_every_unit_below(
    sector: Sector, officer: Any
) -> None:
    url = reverse("records:facts_grid", args=[sector.quang_tri.pk])
    client = login(officer)
    assert "Nguyễn Văn An" not in client.get(url, {"nam": YEAR}).content.decode()
    body = client.get(url, {"nam": YEAR, "ca_cap_duoi": "1"}).content.decode()
    assert "Nguyễn Văn An" in body
    row = reverse("records:facts_row", args=[sector.quang_tri.pk, YEAR, sector.an.pk])
    assert f'hx-post="{row}?ca_cap_duoi=1"' in body
    response = client.post(f"{row}?ca_cap_duoi=1", row_data(sector.an, rating="HTT"), **HTMX)
    assert response.status_code == 200
    assert response.context["totals"].counts["HTT"] == 1
