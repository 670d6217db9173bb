"""`tdkt demo --size small`: determinism, structure, records, accounts, refusal."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict

import pytest
from django.core.management.base import CommandError
from django.db.models import Count

from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.audit.models import AuditEntry
from tdkt.council.models import Membership
from tdkt.demo import geo
from tdkt.demo.writer import PASSWORD, data_digest
from tdkt.org.models import Cluster, ClusterMember, Succession, Unit, UnitLink, UnitName, UnitScope
from tdkt.org.services import lineage
from tdkt.people.models import Person, Position
from tdkt.records.models import AwardEntry, Discipline, Initiative, Rating

REORG = geo.REORG_DAY
LAST_DAY = REORG - dt.timedelta(days=1)

pytestmark = pytest.mark.django_db


def test_same_seed_gives_identical_data(run_demo):
    first_output = run_demo()
    first = data_digest()
    run_demo("--reset")
    assert data_digest() == first
    run_demo("--reset", "--seed", "7")
    assert data_digest() != first
    assert "Đã dựng dữ liệu mẫu trong" in first_output
    assert "giây" in first_output


def test_refuses_without_reset(small, run_demo):
    units = Unit.objects.count()
    with pytest.raises(CommandError, match="--reset"):
        run_demo()
    assert Unit.objects.count() == units
    assert AuditEntry.objects.filter(action="demo.built").count() == 1


def test_keep_existing_builds_once_then_keeps(run_demo):
    output = run_demo("--keep-existing")
    assert "Đã dựng dữ liệu mẫu trong" in output
    digest = data_digest()
    output = run_demo("--keep-existing")
    assert "giữ nguyên" in output and "canbo.kv1quangtri" in output and PASSWORD in output
    assert data_digest() == digest
    with pytest.raises(CommandError):
        run_demo("--keep-existing", "--reset")


def test_units_and_successions(small):
    root = Unit.objects.get(code="vkstc")
    assert root.parent is None and root.level == "toi_cao"
    # Every unit has its dated name and link, consistent with Unit.name and Unit.parent.
    for unit in Unit.objects.all():
        current = UnitName.objects.filter(unit=unit).order_by("-id").first()
        assert current is not None and current.name == unit.name
        assert current.valid_to == unit.dissolved_on
        link = UnitLink.objects.filter(unit=unit).order_by("-id").first()
        assert (link.parent_id if link else None) == unit.parent_id
    # Every dissolved district has a regional successor in the same new province.
    districts = Unit.objects.filter(level="huyen")
    assert districts.filter(dissolved_on__isnull=True).count() == 0
    for district in districts:
        successors = Succession.objects.filter(predecessor=district)
        assert successors.exists(), district.name
        if district.dissolved_on == LAST_DAY:
            [s] = successors
            assert s.successor.level == "khu_vuc"
            assert s.kind == "merger" and s.legal_basis == geo.REORG_BASIS
    # The new Quảng Trị carries Quảng Bình's history; its region 1 is formed from Quảng Bình.
    new_qt = Unit.objects.get(code="t25-quang-tri")
    assert new_qt.established_on == REORG
    names = {u.code for u in lineage(new_qt)}
    assert {"t-quang-binh", "t-quang-tri"} <= names
    kv1 = Unit.objects.get(code="kv-quang-tri-01")
    assert kv1.name == "Viện kiểm sát nhân dân khu vực 1 - Quảng Trị"
    preds = Succession.objects.filter(successor=kv1).values_list("predecessor__code", flat=True)
    assert preds and all(code.startswith("quang-binh-") for code in preds)
    assert UnitScope.objects.filter(ancestor=new_qt, descendant__code="quang-binh-tp-dong-hoi")
    # Bình Đại (Bến Tre) is now under a regional procuracy of Vĩnh Long.
    binh_dai = Unit.objects.get(code="ben-tre-h-binh-dai")
    regional = Succession.objects.get(predecessor=binh_dai).successor
    assert regional.name.endswith(" - Vĩnh Long") and regional.parent.code == "t25-vinh-long"
    # Hà Tĩnh is unchanged: the same unit goes on.
    assert Unit.objects.get(code="t-ha-tinh").dissolved_on is None
    # Cấp cao → Viện Công tố và KSXX phúc thẩm; Vụ TĐKT folded into Văn phòng.
    high = Unit.objects.get(code="vkscc-da-nang")
    assert high.dissolved_on == LAST_DAY
    assert Succession.objects.get(predecessor=high).successor.code == "vctpt-da-nang"
    assert Succession.objects.get(predecessor__code="vkstc-tdkt").successor.code == "vkstc-vp"
    # Numbering of regional units follows the whole country even in the small build.
    assert (
        Unit.objects.filter(level="khu_vuc", code__startswith="kv-quang-tri-").count()
        == (geo.apportion().per_new["quang-tri"])
    )


def test_people_and_positions(small):
    people = Person.objects.all()
    assert 200 <= people.count() <= 600
    assert not people.filter(unit__isnull=True).exists()
    assert people.filter(citizen_id__isnull=True).exists()
    for p in people.exclude(citizen_id__isnull=True)[:200]:
        century = 0 if p.birth_date.year < 2000 else 2
        assert p.citizen_id[3] == str(century + (p.gender == "female"))
        assert p.citizen_id[4:6] == f"{p.birth_date.year % 100:02d}"
    # Active people are in active units, and positions agree with the denormalised fields.
    for p in people.filter(left_on__isnull=True):
        assert p.unit.dissolved_on is None, p
        last = p.positions.order_by("-valid_from").first()
        assert last.unit_id == p.unit_id and last.post == p.post and last.valid_to is None
    # Everyone of a unit dissolved on 2025-06-30 moved: one position ends that day, the next one
    # starts on 2025-07-01 in a successor.
    moved = Position.objects.filter(valid_to=LAST_DAY, unit__dissolved_on=LAST_DAY)
    assert moved.count() > 100
    for pos in moved:
        nxt = Position.objects.get(person=pos.person, valid_from=REORG)
        assert Succession.objects.filter(predecessor=pos.unit, successor=nxt.unit).exists()
    # At most one head per unit at any time; every active unit with staff has one now.
    heads = defaultdict(list)
    for unit, start, stop in Position.objects.filter(is_unit_head=True).values_list(
        "unit", "valid_from", "valid_to"
    ):
        heads[unit].append((start, stop or dt.date.max))
    for spans in heads.values():
        spans.sort()
        assert all(a[1] < b[0] for a, b in itertools.pairwise(spans))
    staffed = Unit.objects.filter(dissolved_on__isnull=True, people__left_on__isnull=True)
    for unit in staffed.distinct():
        assert Position.objects.filter(unit=unit, is_unit_head=True, valid_to__isnull=True).exists()


def test_records_follow_the_rules(small):
    assert not Discipline.objects.filter(
        level__in=["ha_bac_luong", "giang_chuc"], decided_on__gte=REORG
    ).exists()
    # Disciplined in a year ⇒ rated KHT that year; no (unrevoked) LĐTT in a KHT year.
    for d in Discipline.objects.all():
        rating = Rating.objects.filter(person=d.person, year=d.decided_on.year).first()
        assert rating is None or rating.rating == "KHT"
    kht = set(
        Rating.objects.filter(rating="KHT", person__isnull=False).values_list("person", "year")
    )
    active = AwardEntry.objects.filter(revoked_on__isnull=True)
    assert not [x for x in active.filter(award="LDTT").values_list("person", "year") if x in kht]
    # CSTĐCS only with LĐTT and HTXS; before 2024 with an initiative used for it.
    ldtt = set(AwardEntry.objects.filter(award="LDTT").values_list("person", "year"))
    for entry in AwardEntry.objects.filter(award="CSTDCS"):
        assert (entry.person_id, entry.year) in ldtt
        assert Rating.objects.get(person=entry.person, year=entry.year).rating == "HTXS"
        if entry.year <= 2023:
            assert Initiative.objects.filter(used_for=entry).exists()
    # TTLĐXS ≤ 20 % of TTLĐTT, every year.
    per_year = Counter(active.values_list("award", "year"))
    for year in range(2016, 2026):
        assert per_year[("TTLDTT", year)] > 0
        assert per_year[("TTLDXS", year)] <= 0.2 * per_year[("TTLDTT", year)]
    # No collective title for a unit dissolved in 2025; the 2025 ones go to the new units.
    assert not active.filter(unit__dissolved_on=LAST_DAY, year=2025).exists()
    # The commemorative medal is given once.
    knc = Counter(AwardEntry.objects.filter(award="KNC_VSNKS").values_list("person", flat=True))
    assert knc and max(knc.values()) == 1
    revoked = AwardEntry.objects.filter(revoked_on__isnull=False)
    assert revoked.exists()
    assert all(len(e.revocation_reason) >= 20 and e.revocation_decision for e in revoked)
    # Decisions: signed early the following year, numbered, with their issuer.
    entry = AwardEntry.objects.filter(award="LDTT", year=2024).select_related("decision").first()
    assert entry.decision.signed_on.year == 2025 and "/QĐ-VKS" in entry.decision.number
    entry = AwardEntry.objects.filter(
        award="LDTT", year=2025, person__unit__code="kv-quang-tri-01"
    ).first()
    assert entry.decision.issuer.code == "t25-quang-tri"
    assert (
        entry.decision.signer_name
        == Person.objects.get(
            unit__code="t25-quang-tri",
            positions__is_unit_head=True,
            positions__valid_to__isnull=True,
        ).full_name
    )


def test_clusters(small):
    for year in range(2016, 2026):
        clusters = Cluster.objects.filter(year=year)
        assert clusters.exists()
        for cluster in clusters:
            roles = Counter(cluster.memberships.values_list("role", flat=True))
            assert roles["head"] == 1 and roles["deputy"] <= 1
            assert cluster.organizer.code == "vkstc"
    members_2025 = ClusterMember.objects.filter(cluster__year=2025, cluster__kind="cum")
    assert members_2025.exists()
    assert not members_2025.filter(unit__dissolved_on__isnull=False).exists()
    assert {m.unit.code for m in members_2025} >= {"t25-quang-tri", "t25-vinh-long"}
    members_2024 = set(
        ClusterMember.objects.filter(cluster__year=2024, cluster__kind="cum").values_list(
            "unit__code", flat=True
        )
    )
    assert "t-quang-binh" in members_2024 and "t25-quang-tri" not in members_2024


def test_accounts(small):
    expected = {
        "quantri": (Role.ADMIN, "vkstc"),
        "tdkt.vkstc": (Role.OFFICER, "vkstc"),
        "tdkt.quangtri": (Role.OFFICER, "t25-quang-tri"),
        "tdkt.kv1quangtri": (Role.OFFICER, "kv-quang-tri-01"),
        "lanhdao.quangtri": (Role.LEADER, "t25-quang-tri"),
        "thuky.hd": (Role.SECRETARY, "vkstc"),
        "uyvien.hd": (Role.COUNCIL_MEMBER, "vkstc"),
        "canbo.kv1quangtri": (Role.STAFF, "kv-quang-tri-01"),
    }
    for username, (role, code) in expected.items():
        user = User.objects.get(username=username)
        assert user.check_password(PASSWORD) and not user.must_change_password
        grant = RoleGrant.objects.filter(user=user, revoked_at__isnull=True).order_by("pk").first()
        assert grant.role == role and grant.unit.code == code
    staff = User.objects.get(username="canbo.kv1quangtri")
    assert staff.person is not None and staff.person.unit.code == "kv-quang-tri-01"
    leader = User.objects.get(username="lanhdao.quangtri").person
    assert leader.positions.filter(is_unit_head=True, unit__code="t25-quang-tri").exists()
    demo = User.objects.filter(username__in=expected).exclude(person__isnull=True)
    assert demo.count() == 7
    persons = [u.person_id for u in User.objects.exclude(person__isnull=True)]
    assert len(persons) == len(set(persons))


def test_every_council_member_has_an_account_that_can_vote(small):
    members = Membership.objects.filter(valid_to__isnull=True).select_related("council")
    assert members.count() > 11
    for membership in members:
        user = User.objects.get(person_id=membership.person_id)
        assert user.is_active and not user.must_change_password
        held = RoleGrant.objects.filter(
            user=user,
            role__in=(Role.COUNCIL_MEMBER, Role.SECRETARY),
            unit_id=membership.council.unit_id,
            revoked_at__isnull=True,
        )
        assert held.exists(), user.username
    member = User.objects.get(
        person_id=members.exclude(person__account__username__in=("thuky.hd", "uyvien.hd"))
        .first()
        .person_id
    )
    assert member.check_password(PASSWORD)
    assert "." in member.username and member.username == member.username.lower()
    # The leader of Quảng Trị chairs the province's council: his account was linked, not doubled.
    leader = User.objects.get(username="lanhdao.quangtri")
    if Membership.objects.filter(person_id=leader.person_id).exists():
        assert leader.grants.filter(role=Role.COUNCIL_MEMBER, revoked_at__isnull=True).exists()


def test_audit_entry(small):
    entry = AuditEntry.objects.get(action="demo.built")
    assert entry.after["size"] == "small"
    assert entry.after["counts"]["people"] == Person.objects.count()
    assert entry.after["awards"]["LDTT"] == AwardEntry.objects.filter(award="LDTT").count()


def test_unit_count_by_level(small):
    levels = dict(Unit.objects.values_list("level").annotate(n=Count("id")))
    assert levels["toi_cao"] == 1 and levels["cap_cao"] == 3
    assert levels["tinh"] == len(geo.SMALL_PROVINCES) + 2  # + new Quảng Trị and Vĩnh Long


def test_award_holders_follow_the_ledger_rule(small):
    """The demo writer stamps each line's holder itself (fast); it must equal the SQL rule."""
    from django.db import connection

    from tdkt.records.holders import restamp_all

    written = sorted(AwardEntry.objects.values_list("pk", "holder_unit_id", "holder_leader"))
    assert all(unit is not None for _pk, unit, _leader in written)
    assert any(leader for _pk, _unit, leader in written)
    with connection.cursor() as cursor:
        restamp_all(cursor)
    assert sorted(AwardEntry.objects.values_list("pk", "holder_unit_id", "holder_leader")) == (
        written
    )


@pytest.mark.django_db
def test_ids_restart_after_the_rows_present_whatever_was_deleted_before():
    """A build after rows were deleted (a flushed test database) gives the same ids as on a new
    database: on SQLite too, where AUTOINCREMENT otherwise remembers the deleted ids."""
    from tdkt.demo.writer import reset_sequences

    kept = Unit.objects.create(code="thu", level="tinh", name="Viện kiểm sát nhân dân tỉnh Thử")
    Unit.objects.create(code="xoa", level="tinh", name="Viện kiểm sát nhân dân tỉnh Xóa").delete()
    reset_sequences([Unit])
    assert Unit.objects.create(
        code="moi", level="tinh", name="Viện kiểm sát nhân dân tỉnh Mới"
    ).pk == (kept.pk + 1)
