"""The loader builds the engine's facts from database rows, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.eligibility.loader import load_facts
from tdkt.people import services as people
from tdkt.records import services as records
from tdkt.records.models import Initiative
from tdkt.rules.codes import Award, Discipline, InitiativeScope, LeaveKind, Rating
from tdkt.rules.facts import AwardRecord, DisciplineRecord, Leave, Members, Period, TitleRecord
from tests.conftest import Sector
from tests.eligibility.conftest import YEAR, award, decision, head_of, rate, staff, violation

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def load(**kw):  # type: ignore[no-untyped-def]
    return load_facts(year=YEAR, start=START, end=END, **kw)


def test_a_persons_ratings_titles_forms_and_records_come_from_the_ledger(sector: Sector) -> None:
    p = staff(sector.binh_dai, recruited_on=dt.date(2012, 3, 1), gender="male")
    rate(p, (2024, "HTXS"), (2025, "HTT"))
    award("LDTT", 2024, person=p)
    bk = records.record_decision(
        actor=None, number="9/QĐ-VKSTC", signed_on=dt.date(2024, 2, 3), level="nganh"
    )
    award("BK_NGANH", 2023, person=p, decision=bk)
    records.record_discipline(
        actor=None,
        person=p,
        level="khien_trach",
        decided_on=dt.date(2025, 3, 10),
        ends_on=dt.date(2026, 3, 9),
    )
    records.record_leave(
        actor=None, person=p, kind="om", starts_on=dt.date(2025, 2, 1), ends_on=dt.date(2025, 3, 1)
    )
    people.record_service_period(
        actor=None, person=p, kind="procuracy", valid_from=dt.date(2012, 3, 1)
    )
    people.record_service_period(
        actor=None,
        person=p,
        kind="other_legal",
        valid_from=dt.date(2008, 1, 1),
        valid_to=dt.date(2012, 2, 28),
    )
    records.record_initiative(
        actor=None,
        code="SK-2025-1",
        kind="sang_kien",
        title="Số hóa hồ sơ",
        scope="co_so",
        year=2025,
        recognized_on=dt.date(2025, 10, 1),
        authors=[p],
    )

    facts = load(person_ids=[p.pk]).people[p.pk]

    assert facts.ratings == {2024: Rating.HTXS, 2025: Rating.HTT}
    assert facts.titles == (TitleRecord(Award.LDTT, 2024),)
    assert facts.awards == (AwardRecord(Award.BK_NGANH, 2023, dt.date(2024, 2, 3)),)
    assert facts.disciplines == (
        DisciplineRecord(Discipline.KHIEN_TRACH, dt.date(2025, 3, 10), dt.date(2026, 3, 9)),
    )
    assert facts.leaves == (Leave(LeaveKind.OM, dt.date(2025, 2, 1), dt.date(2025, 3, 1)),)
    assert facts.procuracy_service == (Period(dt.date(2012, 3, 1), None),)
    assert facts.other_legal_service == (Period(dt.date(2008, 1, 1), dt.date(2012, 2, 28)),)
    assert [(i.id, i.scope, i.used_for) for i in facts.initiatives or ()] == [
        ("SK-2025-1", InitiativeScope.CO_SO, None)
    ]
    assert facts.gender == "male"
    assert facts.birth_date == dt.date(1985, 1, 1)
    assert facts.recruited_on == dt.date(2012, 3, 1)
    assert facts.is_unit_head is False
    assert facts.head_unit_ratings == {}
    assert facts.unit_violation_years == frozenset()


def test_a_revoked_award_is_not_a_fact(sector: Sector) -> None:
    p = staff(sector.binh_dai)
    kept = award("LDTT", 2023, person=p)
    revoked = award("CSTDCS", 2023, person=p)
    records.revoke_award(
        actor=None,
        entry=revoked,
        revoked_on=dt.date(2024, 6, 1),
        reason="Phát hiện sai phạm trong hồ sơ đề nghị khen thưởng",
    )
    facts = load(person_ids=[p.pk]).people[p.pk]
    assert facts.titles == (TitleRecord(Award.LDTT, 2023),)
    assert kept.year == 2023


def test_an_initiative_spent_on_an_award_is_marked_used_until_that_award_is_revoked(
    sector: Sector,
) -> None:
    p = staff(sector.binh_dai)
    entry = award("CSTDCS", 2024, person=p)
    records.record_initiative(
        actor=None,
        code="SK-2024-7",
        kind="sang_kien",
        title="Mẫu biên bản điện tử",
        scope="co_so",
        year=2024,
        recognized_on=dt.date(2024, 9, 1),
        authors=[p],
    )
    Initiative.objects.filter(code="SK-2024-7").update(used_for=entry)
    (initiative,) = load(person_ids=[p.pk]).people[p.pk].initiatives or ()
    assert initiative.used_for == "CSTDCS-2024"

    records.revoke_award(
        actor=None,
        entry=entry,
        revoked_on=dt.date(2025, 2, 1),
        reason="Quyết định khen thưởng bị hủy do sai sót hồ sơ",
    )
    (initiative,) = load(person_ids=[p.pk]).people[p.pk].initiatives or ()
    assert initiative.used_for is None  # the award it served was revoked: usable again


def test_an_initiative_spent_on_a_co_authors_award_is_named_as_someone_elses(
    sector: Sector,
) -> None:
    author, co_author = staff(sector.binh_dai), staff(sector.binh_dai)
    entry = award("BK_NGANH", 2025, person=author)
    records.record_initiative(
        actor=None,
        code="SK-2025-9",
        kind="sang_kien",
        title="Sổ tay kiểm sát viên",
        scope="co_so",
        year=2025,
        recognized_on=dt.date(2025, 4, 1),
        authors=[author, co_author],
    )
    Initiative.objects.filter(code="SK-2025-9").update(used_for=entry)
    loaded = load(person_ids=[author.pk, co_author.pk]).people
    # The author's re-check of Bằng khen 2025 may count it again; for the co-author it is spent.
    assert [i.used_for for i in loaded[author.pk].initiatives or ()] == ["BK_NGANH-2025"]
    assert [i.used_for for i in loaded[co_author.pk].initiatives or ()] == [
        "Bằng khen của Viện trưởng Viện kiểm sát nhân dân tối cao năm 2025 của đồng tác giả"
    ]


def test_a_unit_head_carries_the_result_and_the_violations_of_the_unit_he_heads(
    sector: Sector,
) -> None:
    head = head_of(sector.binh_dai)
    rate(sector.binh_dai, (2025, "HTXS"))
    violation(
        sector.binh_dai,
        note="Vụ việc X",
        basis_kind="inspection",
        basis_number="12/KL-VKS",
        basis_date=dt.date(2025, 11, 3),
    )
    facts = load(person_ids=[head.pk]).people[head.pk]
    assert facts.is_unit_head is True
    assert facts.head_unit_ratings == {2025: "HTXS"}
    assert facts.unit_violation_years == frozenset({2025})

    award("TTLDXS", 2025, unit=sector.binh_dai)
    facts = load(person_ids=[head.pk]).people[head.pk]
    assert facts.head_unit_ratings == {2025: "TTLDXS"}


def test_a_head_who_moved_to_another_post_during_the_year_is_not_its_head(
    sector: Sector,
) -> None:
    p = head_of(sector.binh_dai)
    people.assign_position(
        actor=None,
        person=p,
        unit=sector.ben_tre,
        post_kind="kiem_sat_vien",
        valid_from=dt.date(2025, 4, 1),
    )
    facts = load(person_ids=[p.pk]).people[p.pk]
    assert facts.is_unit_head is False
    assert facts.head_unit_ratings == {}


def test_the_members_block_counts_who_worked_in_the_unit_during_the_year(sector: Sector) -> None:
    crew = [staff(sector.binh_dai) for _ in range(3)]
    for p in [sector.binh, *crew]:
        rate(p, (2025, "HTT"))
    rate(crew[2], (2025, "KHT"))
    award("LDTT", 2025, person=crew[0])
    award("LDTT", 2025, person=crew[1])
    award("CSTDCS", 2025, person=crew[1])
    records.record_discipline(
        actor=None, person=crew[2], level="canh_cao", decided_on=dt.date(2025, 8, 1)
    )
    records.record_discipline(  # the year before: not counted
        actor=None, person=crew[1], level="khien_trach", decided_on=dt.date(2024, 8, 1)
    )
    moved_out = staff(sector.binh_dai, since=dt.date(2015, 1, 1))
    rate(moved_out, (2025, "HTXS"))
    people.assign_position(
        actor=None,
        person=moved_out,
        unit=sector.ben_tre,
        post_kind="kiem_sat_vien",
        valid_from=dt.date(2025, 5, 1),
    )
    left_before = staff(sector.binh_dai, since=dt.date(2015, 1, 1))
    left_before.positions.update(valid_to=dt.date(2024, 12, 31))

    facts = load(unit_id=sector.ben_tre.pk)
    bd = facts.units[sector.binh_dai.pk]
    assert bd.members == Members(
        total=5,  # Bình, the crew, and the one who moved out in May
        completed_tasks=4,
        ldtt=2,
        cstdcs=1,
        disciplined=(Discipline.CANH_CAO,),
    )
    # a person is a candidate of the unit he or she is in at the end of the year
    assert facts.person_info[moved_out.pk].unit_id == sector.ben_tre.pk
    assert left_before.pk not in facts.people


def test_completed_tasks_is_unknown_while_a_member_has_no_rating(sector: Sector) -> None:
    staff(sector.binh_dai)  # not rated for 2025
    rate(sector.binh, (2025, "HTT"))
    members = load(unit_id=sector.ben_tre.pk).units[sector.binh_dai.pk].members
    assert members is not None
    assert members.total == 2
    assert members.completed_tasks is None


def test_a_merged_unit_keeps_what_all_its_predecessors_earned_before_the_merger(
    sector: Sector,
) -> None:
    rate(sector.dong_hoi, (2024, "HTXS"), (2023, "HTXS"))
    rate(sector.vinh_linh, (2024, "HTT"))
    award("TTLDTT", 2024, unit=sector.dong_hoi)
    award("TTLDTT", 2024, unit=sector.vinh_linh)
    award("TTLDXS", 2024, unit=sector.dong_hoi)
    award("GIAY_KHEN", 2023, unit=sector.vinh_linh)
    rate(sector.kv1, (2025, "HTXS"))

    kv1 = load(unit_id=sector.quang_tri.pk).units[sector.kv1.pk]

    assert kv1.ratings == {2025: Rating.HTXS, 2024: Rating.HTT, 2023: Rating.HTXS}
    assert kv1.titles == (TitleRecord(Award.TTLDTT, 2024),)  # TTLĐXS was only Đồng Hới's
    assert kv1.awards is not None and [(a.code, a.year) for a in kv1.awards] == [
        (Award.GIAY_KHEN, 2023)
    ]


def test_a_subtree_has_the_people_of_the_year_and_the_units_existing_at_its_end(
    sector: Sector,
) -> None:
    facts = load(unit_id=sector.quang_tri.pk)
    assert sector.an.pk in facts.people  # Đồng Hới until June, Khu vực 1 since July
    assert facts.person_info[sector.an.pk].unit_id == sector.kv1.pk
    assert sector.binh.pk not in facts.people
    assert set(facts.units) == {sector.quang_tri.pk, sector.kv1.pk}  # the old units ended


def test_loading_ten_times_more_people_takes_no_more_queries(
    sector: Sector, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    def fill(n: int) -> None:
        for _ in range(n):
            p = staff(sector.binh_dai)
            rate(p, (2024, "HTT"), (2025, "HTXS"))
            award("LDTT", 2024, person=p, decision=decision("2/QĐ", dt.date(2025, 1, 5)))
            records.record_leave(actor=None, person=p, kind="om", starts_on=dt.date(2025, 1, 2))
            people.record_service_period(
                actor=None, person=p, kind="procuracy", valid_from=dt.date(2010, 9, 1)
            )

    fill(2)
    with CaptureQueriesContext(connection) as few:
        small = load()
    fill(20)
    with django_assert_max_num_queries(len(few)), CaptureQueriesContext(connection) as many:
        big = load()
    assert len(big.people) == len(small.people) + 20
    assert len(many) == len(few) <= 15


def test_cluster_rank_and_flag_votes_come_from_the_registered_provider(
    sector: Sector, monkeypatch: Any
) -> None:
    from tdkt.eligibility import providers
    from tdkt.movements.selectors.clusters import cluster_facts
    from tdkt.rules.facts import Cluster

    assert cluster_facts in providers._cluster_providers  # registered by the movements app
    scored = Cluster(rank=1, size=6, approval_votes=5)
    monkeypatch.setattr(
        providers, "_cluster_providers", [lambda y, ids: {sector.binh_dai.pk: scored}]
    )
    facts = load(unit_id=sector.ben_tre.pk)
    assert facts.units[sector.binh_dai.pk].cluster == scored
    assert facts.units[sector.ben_tre.pk].cluster is None
