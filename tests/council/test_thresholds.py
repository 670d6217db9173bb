"""The council's result counts on the WHOLE membership on the day of the sitting (ND 98/2023
Art. 30(7)): 90 % for the sector's emulation fighter, 80 % for the grassroots one and the flags,
absentees without a written opinion and rejections counting against."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.council import services
from tdkt.errors import InvalidData
from tdkt.workflow.clock import at_noon
from tests.nominations.builders import BALLOT_PASSPHRASE as PHRASE
from tests.nominations.builders import DAY, close, new_dossier, sitting, to_vkstc_council, vote_all

pytestmark = pytest.mark.django_db
NOON = at_noon(DAY)  # the moment the services act, on DAY


def run(world, awards, approvals, *, absent=0, written=None):
    dossier = new_dossier(world, awards=awards)
    to_vkstc_council(world, dossier)
    meeting = sitting(world, dossier, absent=absent)
    for member_index, choice in (written or {}).items():
        item = meeting.items.get()
        services.record_written_opinion(
            actor=world.secretary,
            meeting=meeting,
            membership=world.members[member_index],
            item=item,
            choice=choice,
        )
    vote_all(world, meeting, approvals, absent=absent)
    close(world, meeting)
    return meeting.items.get()


@pytest.mark.parametrize(("approve", "passed"), [(10, True), (9, True), (8, False)])
def test_ninety_percent_for_the_sector_emulation_fighter(world, approve, passed):
    item = run(world, {world.s.an: "CSTD_NGANH"}, {"Nguyễn Văn An": approve})
    assert item.passed is passed
    assert (item.approvals, item.council_size) == (approve, 10)
    assert str(item.required_share) == "0.900"
    assert "Điều 30 khoản 7" in item.citation
    assert item.candidate.council_result == ("passed" if passed else "not_passed")


@pytest.mark.parametrize(("approve", "passed"), [(8, True), (7, False)])
def test_eighty_percent_for_the_grassroots_emulation_fighter(world, approve, passed):
    item = run(world, {world.cuc: "CSTDCS"}, {"Lê Thị Cúc": approve})
    assert item.passed is passed
    assert str(item.required_share) == "0.800"


def test_absent_members_count_against_unless_they_write(world):
    """Eight present, all approve: 8/10 = 80 % < 90 %. One absent member's written approval
    makes it 9/10 = 90 %."""
    item = run(world, {world.s.an: "CSTD_NGANH"}, {"Nguyễn Văn An": 8}, absent=2)
    assert (item.ballots_approve, item.approvals, item.council_size) == (8, 8, 10)
    assert item.passed is False


def test_a_written_approval_of_an_absent_member_counts(world):
    item = run(
        world, {world.s.an: "CSTD_NGANH"}, {"Nguyễn Văn An": 8}, absent=2, written={0: "approve"}
    )
    assert (item.ballots_approve, item.written_approve, item.approvals) == (8, 1, 9)
    assert item.passed is True


def test_other_forms_need_a_majority_of_all_members(world):
    item = run(world, {world.cuc: "BK_NGANH"}, {"Lê Thị Cúc": 5})
    assert item.passed is True and str(item.required_share) == "0.500"
    item2 = run(world, {world.s.an: "GIAY_KHEN"}, {"Nguyễn Văn An": 4})
    assert item2.passed is False


def test_the_membership_is_counted_on_the_day_of_the_sitting(world):
    """A member whose term ended the day before no longer counts: 9 members, 8 approvals = 88,9 %
    (< 90 %); a member who joins the day after is not counted either."""
    services.end_membership(
        actor=world.secretary, membership=world.members[1], valid_to=DAY - dt.timedelta(days=1)
    )
    from tdkt.people.models import Person

    newcomer = Person.objects.create(
        full_name="Người Mới",
        given_name="Mới",
        gender="male",
        birth_date=dt.date(1980, 1, 1),
        unit=world.s.van_phong,
    )
    services.add_member(
        actor=world.secretary,
        council=world.council,
        person=newcomer,
        role="uy_vien",
        valid_from=DAY + dt.timedelta(days=1),
    )
    assert services.members_on(world.council, DAY).count() == 9
    dossier = new_dossier(world, awards={world.s.an: "CSTD_NGANH"})
    to_vkstc_council(world, dossier)
    meeting = services.schedule_meeting(
        actor=world.secretary, council=world.council, number="9", held_on=DAY
    )
    services.add_to_agenda(actor=world.secretary, meeting=meeting, dossier=dossier, version=None)
    present = {m.pk for m in services.members_on(world.council, DAY)}
    services.record_attendance(
        actor=world.secretary, meeting=meeting, version=None, present=present
    )
    services.open_meeting(
        actor=world.secretary, meeting=meeting, version=None, passphrase=PHRASE, now=NOON
    )
    voters = [v for i, v in enumerate(world.voters) if i != 1]
    item = meeting.items.get()
    for i, voter in enumerate(voters):
        services.cast_votes(
            actor=voter, meeting=meeting, choices={item.pk: "approve" if i < 8 else "reject"}
        )
    close(world, meeting)
    item.refresh_from_db()
    assert (item.approvals, item.council_size, item.passed) == (8, 9, False)
    assert str(item.approve_share) == "0.889"


def test_quorum_of_two_thirds_present(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    to_vkstc_council(world, dossier)
    meeting = services.schedule_meeting(
        actor=world.secretary, council=world.council, number="2", held_on=DAY
    )
    services.add_to_agenda(actor=world.secretary, meeting=meeting, dossier=dossier, version=None)
    services.record_attendance(
        actor=world.secretary,
        meeting=meeting,
        version=None,
        present={m.pk for m in world.members[:6]},
    )
    with pytest.raises(InvalidData, match="Chưa đủ số thành viên có mặt: 6/10") as refused:
        services.open_meeting(
            actor=world.secretary, meeting=meeting, version=None, passphrase=PHRASE, now=NOON
        )
    assert refused.value.code == "quorum"
    services.record_attendance(
        actor=world.secretary,
        meeting=meeting,
        version=None,
        present={m.pk for m in world.members[:7]},
    )
    services.open_meeting(
        actor=world.secretary, meeting=meeting, version=None, passphrase=PHRASE, now=NOON
    )
