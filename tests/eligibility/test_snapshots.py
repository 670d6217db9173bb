"""The unit screen reads stored verdicts (issue 16): computed once per unit, year and day, marked
stale when the facts change, computed again on demand, paged list by list."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from tdkt.eligibility import selectors, snapshots
from tdkt.eligibility.models import FactsStamp, ScanSnapshot, SnapshotStatus, StoredVerdict
from tdkt.eligibility.scan import run_scan, undecided
from tdkt.rules.catalogue import INDIVIDUAL_AWARDS
from tdkt.rules.due import single_gap
from tdkt.rules.verdict import Status
from tests.conftest import Sector, login, make_user
from tests.eligibility.conftest import AS_OF, YEAR, award, rate, recruit, staff

WHEN = {"nam": "2025", "ngay": "15/12/2025"}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _populate(sector: Sector) -> None:
    """People in Bến Tre and in Quảng Trị with every kind of verdict: eligible, needing review
    (no rating), not eligible, and one step short."""
    recruit(sector.binh)
    rate(sector.binh, (2023, "HTXS"), (2024, "HTXS"), (2025, "HTXS"))
    award("LDTT", 2024, person=sector.binh)
    award("CSTDCS", 2024, person=sector.binh)
    for i, rating in enumerate(("HTT", "HTT", "HTXS", "KHT")):
        p = staff(sector.binh_dai, f"Đỗ Văn Bến {i}")
        rate(p, (2024, "HTT"), (2025, rating))
    staff(sector.binh_dai, "Phan Thị Chưa")  # no rating for 2025: needs review
    for i, rating in enumerate(("HTT", "HTXS", "HT")):
        p = staff(sector.kv1, f"Lê Thị Trị {i}")
        rate(p, (2024, "HTXS"), (2025, rating))
    rate(sector.an, (2024, "HTXS"), (2025, "HTXS"))
    rate(sector.binh_dai, (2024, "HTXS"), (2025, "HTXS"))
    rate(sector.kv1, (2025, "HTT"))
    award("TTLDTT", 2024, unit=sector.binh_dai)


def _snapshot(unit: Any, as_of: dt.date = AS_OF) -> ScanSnapshot:
    return ScanSnapshot.objects.get(unit=unit, year=YEAR, as_of=as_of, status=SnapshotStatus.DONE)


def _stored(snap: ScanSnapshot, award_code: str, status: Status) -> list[int]:
    return list(
        StoredVerdict.objects.filter(
            snapshot=snap, kind="person", award=award_code, status=str(status)
        ).values_list("subject_id", flat=True)
    )


def _names(html: str, list_id: str) -> list[str]:
    part = html[html.index(f'id="{list_id}"') :]
    part = part[: part.index("</table>")]
    return re.findall(r'hx-target="#verdict-panel">([^<]+)</a>', part)


# --- the stored screen is the live scan ----------------------------------------------------------


def test_the_stored_sector_screen_shows_what_a_live_scan_finds(
    sector: Sector, admin_user: Any
) -> None:
    _populate(sector)
    response = login(admin_user).get(reverse("eligibility:unit", args=[sector.vkstc.pk]), WHEN)
    assert response.status_code == 200
    snap = _snapshot(sector.vkstc)
    live = run_scan(year=YEAR, as_of=AS_OF, unit_id=sector.vkstc.pk)
    assert snap.totals["by_award"] == live.totals()["by_award"]
    assert (snap.totals["people"], snap.totals["units"]) == (len(live.people), len(live.units))
    for a in INDIVIDUAL_AWARDS:
        for status in (Status.ELIGIBLE, Status.NEEDS_REVIEW):
            expected = sorted(
                o.id for o in live.people for v in o.verdicts if v.award is a and v.status is status
            )
            assert sorted(_stored(snap, str(a), status)) == expected, (a, status)
    units = {
        (v.subject_id, v.award): v.status
        for v in StoredVerdict.objects.filter(snapshot=snap, kind="unit")
    }
    assert units == {(o.id, str(v.award)): str(v.status) for o in live.units for v in o.verdicts}
    due = set(
        StoredVerdict.objects.filter(snapshot=snap)
        .exclude(due="")
        .values_list("subject_id", "award", "due")
    )
    assert due == {(i.outcome.id, str(i.award), i.gap.text) for i in live.due()}
    # What the screen printed: every count of the summary, and the names of the LĐTT list.
    html = response.content.decode()
    ldtt = live.totals()["by_award"]["LDTT"]
    assert (
        f"{ldtt['eligible']} đủ điều kiện" in html and f"{ldtt['needs_review']} cần xem xét" in html
    )
    eligible = sorted(o.name for o in live.people if _status(o, "LDTT") is Status.ELIGIBLE)
    assert sorted(_names(html, "ds-du-ldtt")) == eligible
    assert "Trần Thị Bình" in eligible and "Nguyễn Văn An" in eligible  # both provinces


def _status(outcome: Any, code: str) -> Status:
    return next(v.status for v in outcome.verdicts if str(v.award) == code)


def test_a_review_lists_its_undecided_reasons_as_the_live_scan_words_them(
    sector: Sector, outsider: Any
) -> None:
    _populate(sector)
    login(outsider).get(reverse("eligibility:unit", args=[sector.ben_tre.pk]), WHEN)
    snap = _snapshot(sector.ben_tre)
    live = run_scan(year=YEAR, as_of=AS_OF, unit_id=sector.ben_tre.pk)
    chua = next(o for o in live.people if o.name == "Phan Thị Chưa")
    verdict = next(v for v in chua.verdicts if str(v.award) == "LDTT")
    page = selectors.person_list(snap, "LDTT", selectors.REVIEW).page
    (row,) = [v for v in page if v.subject_id == chua.id]
    assert [r["message"] for r in row.reasons] == [r.message for r in undecided(verdict)]
    assert single_gap(verdict) is None or row.due


# --- staleness and "Tính lại" --------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_small_unit_screen_is_computed_again_once_its_facts_have_changed(
    sector: Sector, officer: Any
) -> None:
    _populate(sector)
    client = login(officer)
    url = reverse("eligibility:unit", args=[sector.quang_tri.pk])
    first = client.get(url, WHEN).content.decode()
    assert "Tính lúc" in first and "Hồ Văn Mới" not in first
    newcomer = staff(sector.kv1, "Hồ Văn Mới")  # committed: the facts stamp moves
    rate(newcomer, (2024, "HTT"), (2025, "HTT"))
    fresh = client.get(url, WHEN).content.decode()
    assert "Kết quả có thể đã cũ" not in fresh
    assert "Hồ Văn Mới" in fresh
    assert ScanSnapshot.objects.filter(unit=sector.quang_tri).count() == 1  # the old one dropped


@pytest.mark.django_db(transaction=True)
def test_a_big_unit_screen_shows_stale_verdicts_with_a_warning_while_the_worker_recomputes(
    sector: Sector, officer: Any, settings: Any
) -> None:
    _populate(sector)
    client = login(officer)
    url = reverse("eligibility:unit", args=[sector.quang_tri.pk])
    client.get(url, WHEN)  # small: computed inline
    settings.TDKT_ELIGIBILITY_INLINE_PEOPLE = 0
    settings.TASKS = DUMMY  # the worker has not run yet
    newcomer = staff(sector.kv1, "Hồ Văn Mới")
    rate(newcomer, (2024, "HTT"), (2025, "HTT"))
    stale = client.get(url, WHEN).content.decode()
    assert "Kết quả có thể đã cũ — dữ liệu thay đổi lúc" in stale
    assert "Hồ Văn Mới" not in stale  # the stored verdicts are shown as they were
    assert 'hx-trigger="every 2s"' in stale  # and the recomputation's progress
    queued = ScanSnapshot.objects.get(unit=sector.quang_tri, status=SnapshotStatus.PENDING)
    client.get(url, WHEN)
    assert ScanSnapshot.objects.filter(unit=sector.quang_tri).count() == 2  # queued once
    assert snapshots.compute(queued.pk) == SnapshotStatus.DONE  # what the worker runs
    fresh = client.get(url, WHEN).content.decode()
    assert "Kết quả có thể đã cũ" not in fresh and "Hồ Văn Mới" in fresh


@pytest.mark.django_db(transaction=True)
def test_recompute_replaces_the_stored_verdicts_at_once(sector: Sector, officer: Any) -> None:
    _populate(sector)
    client = login(officer)
    url = reverse("eligibility:unit", args=[sector.quang_tri.pk])
    client.get(url, WHEN)
    before = ScanSnapshot.objects.get(unit=sector.quang_tri)
    response = client.post(
        reverse("eligibility:unit_recompute", args=[sector.quang_tri.pk])
        + "?nam=2025&ngay=15/12/2025"
    )
    assert response.status_code == 302
    after = ScanSnapshot.objects.get(unit=sector.quang_tri)  # the old one dropped
    assert after.pk != before.pk and after.status == SnapshotStatus.DONE


@pytest.mark.django_db(transaction=True)
def test_a_change_rolled_back_or_outside_the_facts_leaves_the_stamp_alone(
    sector: Sector, officer: Any
) -> None:
    from django.db import transaction

    before = FactsStamp.objects.get(pk=1).version
    with pytest.raises(RuntimeError), transaction.atomic():
        staff(sector.kv1, "Người Bị Hủy")
        raise RuntimeError
    make_user("mot.nguoi.khac", None, None)  # an account is no fact of a scan
    assert FactsStamp.objects.get(pk=1).version == before
    with transaction.atomic():  # many rows in one transaction: one bump
        for i in range(3):
            staff(sector.kv1, f"Người Thứ {i}")
    assert FactsStamp.objects.get(pk=1).version == before + 1


@pytest.mark.django_db(transaction=True)
def test_an_import_reaching_done_marks_the_facts_changed(sector: Sector) -> None:
    """Imports write their rows in bulk, without signals: the job's "done" stands for them."""
    from tdkt.imports.models import ImportJob

    job = ImportJob.objects.create(
        unit=sector.kv1,
        created_by=make_user("nguoi.nhap", None, None),
        kind="ratings",
        status="applying",
        original_name="xl.xlsx",
        sha256="0" * 64,
    )
    before = snapshots.facts_stamp()[0]
    job.save()
    assert snapshots.facts_stamp()[0] == before  # still applying
    job.status = "done"
    job.save()
    assert snapshots.facts_stamp()[0] == before + 1


def test_recompute_is_refused_to_an_outsider_and_to_a_reader_and_writes_nothing(
    sector: Sector, outsider: Any
) -> None:
    _populate(sector)
    url = reverse("eligibility:unit_recompute", args=[sector.quang_tri.pk]) + "?nam=2025"
    assert login(outsider).post(url).status_code == 404
    assert login(outsider).get(url).status_code == 404  # 404 before 405: nothing to probe
    reader = make_user("uyvien.qt", "thanh_vien_hd", sector.quang_tri)
    client = login(reader)
    page = client.get(reverse("eligibility:unit", args=[sector.quang_tri.pk]), WHEN)
    assert "Tính lại" not in page.content.decode()  # the button is not offered
    count = ScanSnapshot.objects.count()
    response = client.post(url + "&ngay=15/12/2025", follow=True)
    assert "Bạn không có quyền tính lại kết quả xét điều kiện" in response.content.decode()
    assert ScanSnapshot.objects.count() == count
    assert client.get(url).status_code == 405  # an action is POST only


def test_recompute_by_the_units_officer_is_audited(sector: Sector, officer: Any) -> None:
    from tdkt.audit.models import AuditEntry

    url = reverse("eligibility:unit_recompute", args=[sector.quang_tri.pk])
    response = login(officer).post(url + "?nam=2025&ngay=15/12/2025", follow=True)
    assert "Đã tính lại kết quả xét điều kiện." in response.content.decode()
    snap = _snapshot(sector.quang_tri)
    entry = AuditEntry.objects.get(action="eligibility.recompute")
    assert (entry.object_id, entry.unit_id) == (str(snap.pk), sector.quang_tri.pk)


# --- a big subtree is computed in the background --------------------------------------------------


def test_a_big_subtree_is_queued_its_progress_polled_and_shown_when_done(
    sector: Sector, admin_user: Any, settings: Any
) -> None:
    settings.TDKT_ELIGIBILITY_INLINE_PEOPLE = 0
    settings.TASKS = DUMMY
    _populate(sector)
    client = login(admin_user)
    url = reverse("eligibility:unit", args=[sector.vkstc.pk])
    waiting = client.get(url, WHEN).content.decode()
    assert 'hx-trigger="every 2s"' in waiting and "Đang chờ đến lượt" in waiting
    assert "tập thể được xét" not in waiting and "Tổng hợp" not in waiting  # no verdicts yet
    snap = ScanSnapshot.objects.get(unit=sector.vkstc)
    assert snap.status == SnapshotStatus.PENDING
    client.get(url, WHEN)
    assert ScanSnapshot.objects.filter(unit=sector.vkstc).count() == 1  # queued once

    status_url = reverse("eligibility:unit_status", args=[sector.vkstc.pk])
    assert "progressbar" in client.get(status_url, WHEN, HTTP_HX_REQUEST="true").content.decode()
    assert snapshots.compute(snap.pk) == SnapshotStatus.DONE  # what the worker runs
    done = client.get(status_url, WHEN, HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"
    shown = client.get(url, WHEN).content.decode()
    assert "Tổng hợp" in shown and "every 2s" not in shown


def test_recompute_of_a_big_subtree_runs_as_a_task(
    sector: Sector, admin_user: Any, settings: Any
) -> None:
    settings.TDKT_ELIGIBILITY_INLINE_PEOPLE = 0
    settings.TASKS = IMMEDIATE  # the task runs as it is queued
    _populate(sector)
    url = reverse("eligibility:unit_recompute", args=[sector.vkstc.pk])
    login(admin_user).post(url + "?nam=2025&ngay=15/12/2025")
    assert _snapshot(sector.vkstc).totals["people"] == len(
        run_scan(year=YEAR, as_of=AS_OF, unit_id=sector.vkstc.pk).people
    )


# --- paging -------------------------------------------------------------------------------------


@pytest.fixture
def page_of_two(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)


def test_a_long_list_is_fetched_page_by_page(
    sector: Sector, outsider: Any, page_of_two: None
) -> None:
    _populate(sector)
    client = login(outsider)
    screen = client.get(reverse("eligibility:unit", args=[sector.ben_tre.pk]), WHEN)
    html = screen.content.decode()
    assert 'id="ds-du-ldtt"' in html and 'hx-trigger="intersect once"' in html
    snap = _snapshot(sector.ben_tre)
    names = list(
        StoredVerdict.objects.filter(snapshot=snap, kind="person", award="LDTT", status="eligible")
        .order_by("sort_key", "subject_id")
        .values_list("name", flat=True)
    )
    assert len(names) >= 3
    url = reverse("eligibility:unit_list", args=[sector.ben_tre.pk])
    asked = {**WHEN, "loai": "du", "giai": "LDTT"}
    first = client.get(url, asked, HTTP_HX_REQUEST="true").content.decode()
    second = client.get(url, {**asked, "trang": "2"}, HTTP_HX_REQUEST="true").content.decode()
    assert _names(first, "ds-du-ldtt") == names[:2]
    assert _names(second, "ds-du-ldtt") == names[2:4]
    assert "<html" not in second and "Trang 2 /" in second
    full = client.get(url, {**asked, "trang": "2"}).content.decode()  # without HTMX: a page
    assert "<html" in full and _names(full, "ds-du-ldtt") == names[2:4]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999999999999999999", "1.5", ""])
def test_a_bad_page_number_gives_a_page_never_an_error(
    sector: Sector, outsider: Any, page_of_two: None, page: str
) -> None:
    _populate(sector)
    client = login(outsider)
    client.get(reverse("eligibility:unit", args=[sector.ben_tre.pk]), WHEN)
    url = reverse("eligibility:unit_list", args=[sector.ben_tre.pk])
    response = client.get(url, {**WHEN, "loai": "du", "giai": "LDTT", "trang": page})
    assert response.status_code == 200
    assert re.search(r"Trang \d+ /", response.content.decode())


@pytest.mark.parametrize(
    "asked", [{"loai": "du", "giai": "KHONG_CO"}, {"loai": "gi"}, {"loai": "du"}]
)
def test_a_list_that_does_not_exist_answers_404(
    sector: Sector, outsider: Any, asked: dict[str, str]
) -> None:
    client = login(outsider)
    client.get(reverse("eligibility:unit", args=[sector.ben_tre.pk]), WHEN)
    url = reverse("eligibility:unit_list", args=[sector.ben_tre.pk])
    assert client.get(url, {**WHEN, **asked}).status_code == 404


def test_the_collective_table_and_the_due_list_are_paged_too(
    sector: Sector, admin_user: Any, page_of_two: None
) -> None:
    _populate(sector)
    client = login(admin_user)
    client.get(reverse("eligibility:unit", args=[sector.vkstc.pk]), WHEN)
    snap = _snapshot(sector.vkstc)
    url = reverse("eligibility:unit_list", args=[sector.vkstc.pk])
    units = snap.totals["units"]
    assert units > 2
    second = client.get(url, {**WHEN, "loai": "tap-the", "trang": "2"}).content.decode()
    by_place = dict(
        StoredVerdict.objects.filter(snapshot=snap, kind="unit").values_list("position", "name")
    )
    assert by_place[2] in second and by_place[0] not in second
    due = client.get(url, {**WHEN, "loai": "sap-du"}).content.decode()
    assert f"· {snap.totals['due']} dòng" in due


# --- scope and days -----------------------------------------------------------------------------


def test_a_subtree_screen_never_shows_people_outside_the_subtree(
    sector: Sector, admin_user: Any
) -> None:
    _populate(sector)
    client = login(admin_user)
    client.get(reverse("eligibility:unit", args=[sector.vkstc.pk]), WHEN)  # the sector's first
    province = client.get(reverse("eligibility:unit", args=[sector.ben_tre.pk]), WHEN)
    html = province.content.decode()
    assert "Trần Thị Bình" in html
    for outside in ("Nguyễn Văn An", "Lê Thị Trị", "Quảng Trị"):
        assert outside not in html
    snap = _snapshot(sector.ben_tre)
    assert snap.totals["people"] < _snapshot(sector.vkstc).totals["people"]
    names = set(StoredVerdict.objects.filter(snapshot=snap).values_list("name", flat=True))
    assert not {n for n in names if "Trị" in n or n == "Nguyễn Văn An"}
    url = reverse("eligibility:unit_list", args=[sector.ben_tre.pk])
    for kind in ("du", "xem"):
        listed = client.get(url, {**WHEN, "loai": kind, "giai": "LDTT"}).content.decode()
        assert "Nguyễn Văn An" not in listed and "Lê Thị Trị" not in listed


def test_a_province_officer_reaches_neither_the_sector_screen_nor_its_lists(
    sector: Sector, admin_user: Any, officer: Any
) -> None:
    _populate(sector)
    login(admin_user).get(reverse("eligibility:unit", args=[sector.vkstc.pk]), WHEN)
    client = login(officer)
    for name, extra in (
        ("eligibility:unit", {}),
        ("eligibility:unit_list", {"loai": "du", "giai": "LDTT"}),
        ("eligibility:unit_status", {}),
    ):
        url = reverse(name, args=[sector.vkstc.pk])
        assert client.get(url, {**WHEN, **extra}).status_code == 404


def test_a_custom_day_gets_its_own_snapshot(sector: Sector, outsider: Any) -> None:
    _populate(sector)
    client = login(outsider)
    url = reverse("eligibility:unit", args=[sector.ben_tre.pk])
    client.get(url, WHEN)
    client.get(url, {"nam": "2025", "ngay": "01/08/2025"})
    days = set(ScanSnapshot.objects.filter(unit=sector.ben_tre).values_list("as_of", flat=True))
    assert days == {AS_OF, dt.date(2025, 8, 1)}
    early = _snapshot(sector.ben_tre, dt.date(2025, 8, 1))
    live = run_scan(year=YEAR, as_of=dt.date(2025, 8, 1), unit_id=sector.ben_tre.pk)
    assert early.totals["by_award"] == live.totals()["by_award"]
    assert early.regime["label"] == live.regime.label


def test_the_default_day_shows_the_last_earlier_day_while_todays_is_computed(
    sector: Sector, admin_user: Any, settings: Any
) -> None:
    settings.TDKT_ELIGIBILITY_INLINE_PEOPLE = 0
    settings.TASKS = DUMMY
    _populate(sector)
    yesterday = dt.date(2025, 12, 30)
    earlier, _created = snapshots.start(sector.vkstc, YEAR, yesterday, default_day=True)
    snapshots.compute(earlier.pk)
    html = (
        login(admin_user)
        .get(reverse("eligibility:unit", args=[sector.vkstc.pk]), {"nam": "2025"})
        .content.decode()
    )
    # The year 2025 is over: its default day is 31/12/2025, not computed yet.
    assert "Đang hiện kết quả xét theo ngày 30/12/2025" in html
    assert "Tổng hợp" in html and 'hx-trigger="every 2s"' in html
    assert ScanSnapshot.objects.get(unit=sector.vkstc, as_of=dt.date(2025, 12, 31)).is_active


def test_only_the_last_few_custom_days_are_kept(sector: Sector, outsider: Any) -> None:
    client = login(outsider)
    url = reverse("eligibility:unit", args=[sector.ben_tre.pk])
    days = [dt.date(2025, 12, d) for d in range(1, 9)]
    for day in days:
        client.get(url, {"nam": "2025", "ngay": day.strftime("%d/%m/%Y")})
    kept = set(ScanSnapshot.objects.filter(unit=sector.ben_tre).values_list("as_of", flat=True))
    assert kept == set(days[-(snapshots.KEEP_DAYS + 1) :])
    orphans = StoredVerdict.objects.exclude(snapshot__in=ScanSnapshot.objects.all())
    assert not orphans.exists()


def test_a_snapshot_stuck_for_an_hour_is_failed_and_computed_again_on_the_next_view(
    sector: Sector, outsider: Any
) -> None:
    stuck, _created = snapshots.start(sector.ben_tre, YEAR, AS_OF, default_day=False)
    ScanSnapshot.objects.filter(pk=stuck.pk).update(
        status=SnapshotStatus.RUNNING, requested_at=stuck.requested_at - dt.timedelta(hours=2)
    )
    url = reverse("eligibility:unit", args=[sector.ben_tre.pk])
    html = login(outsider).get(url, WHEN).content.decode()
    assert "Tổng hợp" in html  # the screen was not left waiting for the dead computation
    (now,) = ScanSnapshot.objects.filter(unit=sector.ben_tre)  # the failed one replaced
    assert now.pk != stuck.pk and now.status == SnapshotStatus.DONE


def test_a_stuck_snapshot_is_reported_failed(sector: Sector) -> None:
    stuck, _created = snapshots.start(sector.ben_tre, YEAR, AS_OF, default_day=False)
    ScanSnapshot.objects.filter(pk=stuck.pk).update(
        requested_at=stuck.requested_at - dt.timedelta(hours=2)
    )
    shown = snapshots.lookup(sector.ben_tre, YEAR, AS_OF, default_day=False)
    assert shown.active is None and shown.failed is not None and not shown.attempted
    assert "Quá thời gian tính" in shown.failed.error


def test_hostile_query_values_never_fail_the_stored_screens(sector: Sector, officer: Any) -> None:
    from tests.test_hostile_input import HOSTILE, NAMES

    _populate(sector)
    client = login(officer)
    for name in ("eligibility:unit", "eligibility:unit_list", "eligibility:unit_status"):
        url = reverse(name, args=[sector.quang_tri.pk])
        for value in HOSTILE:
            for htmx in ("", "true"):
                query = dict.fromkeys(NAMES, value)
                assert client.get(url, query, HTTP_HX_REQUEST=htmx).status_code < 500
                asked = {**WHEN, "loai": "du", "giai": "LDTT", "trang": value}
                assert client.get(url, asked, HTTP_HX_REQUEST=htmx).status_code < 500
        post = reverse("eligibility:unit_recompute", args=[sector.quang_tri.pk])
        assert client.post(post + "?nam=%C2%B2&ngay=31/02/2025").status_code == 302
