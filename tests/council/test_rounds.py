"""Voting rounds at one sitting (issue 15): when more candidates for an award with places reach
the threshold than the places (a tie at the boundary) or nobody does, the council votes again on
the candidates the secretary picks among the rest; each round its own ballot, key, count and
line in the minutes; a candidate's outcome is the one of the last round he or she was in. The
hostile administrator's view of round 2 is in test_ballot_secrecy.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tdkt.audit.models import AuditEntry
from tdkt.council import rounds, services
from tdkt.council.documents import minutes_docx
from tdkt.council.models import (
    AgendaItem,
    AwardCap,
    MeetingStatus,
    RoundStatus,
    SealedBallot,
    Standing,
    VotingRound,
)
from tdkt.documents.docx import plain_text
from tdkt.errors import Conflict, InvalidData, NotAllowed, TransitionNotAllowed
from tdkt.nominations.models import DossierStatus
from tests.conftest import login
from tests.council.round_builders import (
    AWARD,
    ROUND_TWO_PHRASE,
    capped_sitting,
    count,
    dung,
    next_round,
)
from tests.nominations.builders import BALLOT_PASSPHRASE as PHRASE
from tests.nominations.builders import new_dossier, sitting, to_vkstc_council, vote_all

pytestmark = pytest.mark.django_db
AN, CUC, DUNG = "Nguyễn Văn An", "Lê Thị Cúc", "Hoàng Văn Dũng"
W, T, B = Standing.WITHIN, Standing.TIED, Standing.BEYOND


@pytest.mark.parametrize(
    ("approvals", "places", "expected"),
    [
        ({"a": 10, "b": 9}, 2, {"a": W, "b": W}),  # not more than the places
        ({"a": 10, "b": 9, "c": 9}, 2, {"a": W, "b": T, "c": T}),  # tie at the boundary
        ({"a": 10, "b": 9, "c": 9}, 1, {"a": W, "b": B, "c": B}),  # the boundary is clear
        ({"a": 9, "b": 9, "c": 9}, 2, {"a": T, "b": T, "c": T}),  # all tied for fewer places
        ({"a": 10, "b": 10, "c": 9}, 2, {"a": W, "b": W, "c": B}),
        ({"a": 10, "b": 9, "c": 9, "d": 8}, 2, {"a": W, "b": T, "c": T, "d": B}),
        ({"a": 10, "b": 9}, 0, {"a": B, "b": B}),  # no place left
    ],
)
def test_round_ranking_at_the_cap_boundary(approvals, places, expected):
    assert rounds.rank(approvals, places) == expected


def _item(meeting, name, number):
    return meeting.items.get(candidate__name=name, round_number=number)


def open_round_number(meeting):
    live = rounds.open_round(meeting)
    return live.number if live else None


def test_a_cap_exceeded_at_a_tie_goes_to_a_second_round_on_the_remaining_and_is_resolved(world):
    meeting = capped_sitting(world, places=2)
    vote_all(world, meeting, {AN: 10, CUC: 9, DUNG: 9})
    count(world, meeting)
    # Three reach 90 % for two places: An passes outright, Cúc and Dũng are tied at the boundary.
    assert meeting.status == MeetingStatus.OPEN
    assert [(i.candidate.name, i.passed, i.standing) for i in rounds.round_items(meeting, 1)] == [
        (AN, True, W),
        (CUC, False, T),
        (DUNG, False, T),
    ]
    [line] = rounds.undecided(meeting)
    assert line.exceeded and not line.nobody_passed and line.left == 2
    assert {i.candidate.name for i in line.remaining} == {CUC, DUNG}
    assert "vượt số lượng" in line.sentence() and "Bằng phiếu tại ranh giới" in line.sentence()
    page = login(world.secretary).get(reverse("council:meeting_detail", args=[meeting.pk]))
    body = page.content.decode()
    assert "Bỏ phiếu vòng tiếp theo" in body and "Vượt số lượng" in body
    assert body.count('name="candidates"') == 2 and body.count("checked>") >= 2
    # Nothing is recorded on the dossier before the sitting ends.
    assert set(meeting.items.values_list("candidate__council_result", flat=True)) == {""}

    voting = next_round(world, meeting, [CUC, DUNG])
    assert voting.number == 2 and voting.status == RoundStatus.OPEN
    assert {i.candidate.name for i in rounds.round_items(meeting, 2)} == {CUC, DUNG}
    vote_all(world, meeting, {CUC: 10, DUNG: 9})
    count(world, meeting, ROUND_TWO_PHRASE)
    # One place was left: Cúc passes, Dũng is beyond it; nothing is left undecided, so the
    # sitting closes and each candidate's result is the one of his or her last round.
    assert meeting.status == MeetingStatus.CLOSED
    assert (_item(meeting, CUC, 2).standing, _item(meeting, DUNG, 2).standing) == (W, B)
    dossier = _item(meeting, AN, 1).candidate.dossier
    results = {c.name: c.council_result for c in dossier.candidates.all()}
    assert results == {AN: "passed", CUC: "passed", DUNG: "not_passed"}
    assert rounds.final_results(meeting) == {
        i.candidate_id: i.candidate.name != DUNG for i in rounds.round_items(meeting, 1)
    }
    assert list(meeting.rounds.values_list("number", "status")) == [
        (1, RoundStatus.COUNTED),
        (2, RoundStatus.COUNTED),
    ]
    steps = [
        (t.round.number, t.from_status, t.to_status)
        for voting in meeting.rounds.all()
        for t in voting.transitions.all()
    ]
    assert steps == [
        (1, "prepared", "open"),
        (1, "open", "counted"),
        (2, "prepared", "open"),
        (2, "open", "counted"),
    ]
    audited = AuditEntry.objects.filter(action__startswith="meeting.round_")
    assert [(e.action, (e.after or {})["round"]) for e in audited.order_by("pk")] == [
        ("meeting.round_opened", 1),
        ("meeting.round_counted", 1),
        ("meeting.round_opened", 2),
        ("meeting.round_counted", 2),
    ]
    assert (AuditEntry.objects.get(action="meeting.closed").after or {})["rounds"] == 2
    assert all(v.consistent for v in services.verify(meeting))
    assert len(services.verify(meeting)) == 5  # three items in round 1, two in round 2


def test_a_second_round_when_nobody_passes(world):
    meeting = capped_sitting(world, places=1)
    vote_all(world, meeting, {AN: 8, CUC: 7, DUNG: 5})
    count(world, meeting)
    [line] = rounds.undecided(meeting)
    assert line.nobody_passed and not line.exceeded
    assert line.suggested == {i.candidate_id for i in rounds.round_items(meeting, 1)}
    assert "không ai đạt" in line.sentence()
    # The secretary puts only the two with most approvals to the vote again.
    next_round(world, meeting, [AN, CUC])
    vote_all(world, meeting, {AN: 9, CUC: 8})
    count(world, meeting, ROUND_TWO_PHRASE)
    assert meeting.status == MeetingStatus.CLOSED
    dossier = _item(meeting, AN, 1).candidate.dossier
    dossier.refresh_from_db()
    results = {c.name: c.council_result for c in dossier.candidates.all()}
    assert results == {AN: "passed", CUC: "not_passed", DUNG: "not_passed"}
    assert dossier.status == DossierStatus.COUNCIL_REVIEW  # An goes on to the decision


def test_rounds_go_on_while_the_tie_holds_numbered_one_two_three(world):
    meeting = capped_sitting(world, places=1, three=False)
    for number, approvals in ((1, {AN: 9, CUC: 9}), (2, {AN: 10, CUC: 10})):
        vote_all(world, meeting, approvals)
        count(world, meeting, PHRASE if number == 1 else ROUND_TWO_PHRASE)
        assert {i.standing for i in rounds.round_items(meeting, number)} == {T}
        next_round(world, meeting, [AN, CUC])
    vote_all(world, meeting, {AN: 9, CUC: 10})
    count(world, meeting, ROUND_TWO_PHRASE)
    assert meeting.status == MeetingStatus.CLOSED
    assert list(meeting.rounds.values_list("number", flat=True)) == [1, 2, 3]
    assert [(i.candidate.name, i.standing) for i in rounds.round_items(meeting, 3)] == [
        (AN, B),
        (CUC, W),
    ]
    results = dict(meeting.items.values_list("candidate__name", "candidate__council_result"))
    assert results == {AN: "not_passed", CUC: "passed"}


def test_a_round_that_leaves_nothing_undecided_closes_the_sitting_as_before(world):
    meeting = capped_sitting(world, places=2)
    vote_all(world, meeting, {AN: 10, CUC: 9, DUNG: 8})
    count(world, meeting)
    assert meeting.status == MeetingStatus.CLOSED and meeting.rounds.count() == 1
    with pytest.raises(TransitionNotAllowed):
        next_round(world, meeting, [DUNG])


def test_a_round_cannot_be_opened_on_a_closed_sitting(world):
    meeting = capped_sitting(world, places=2)
    vote_all(world, meeting, {AN: 10, CUC: 9, DUNG: 9})
    count(world, meeting)
    services.end_meeting(actor=world.secretary, meeting=meeting, version=meeting.version)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED
    # Ended without another round: the tied candidates are not passed.
    results = dict(meeting.items.values_list("candidate__name", "candidate__council_result"))
    assert results == {AN: "passed", CUC: "not_passed", DUNG: "not_passed"}
    with pytest.raises(TransitionNotAllowed, match=r"Đã kiểm phiếu.*không mở thêm vòng"):
        next_round(world, meeting, [CUC, DUNG])
    services.issue_minutes(actor=world.secretary, meeting=meeting, version=None)
    with pytest.raises(TransitionNotAllowed, match=r"Đã ban hành biên bản.*không mở thêm vòng"):
        next_round(world, meeting, [CUC, DUNG])
    assert meeting.rounds.count() == 1 and not meeting.items.filter(round_number=2).exists()


def test_a_round_cannot_be_opened_while_another_is_open_nor_on_anyone_else(world):
    meeting = capped_sitting(world, places=2)
    with pytest.raises(Conflict, match="Vòng 1 đang bỏ phiếu") as open_one:
        next_round(world, meeting, [CUC])
    assert open_one.value.code == "round_open"
    vote_all(world, meeting, {AN: 10, CUC: 9, DUNG: 9})
    count(world, meeting)
    with pytest.raises(InvalidData, match="ít nhất một"):
        next_round(world, meeting, [])
    with pytest.raises(InvalidData, match="chưa được thông qua"):
        next_round(world, meeting, [AN, CUC])  # An already passed within the places
    with pytest.raises(InvalidData, match="12 ký tự"):
        next_round(world, meeting, [CUC, DUNG], phrase="ngắn quá")
    next_round(world, meeting, [CUC, DUNG])
    with pytest.raises(Conflict, match="Vòng 2 đang bỏ phiếu"):
        next_round(world, meeting, [CUC])
    with pytest.raises(TransitionNotAllowed, match="Vòng 2 đang bỏ phiếu"):
        services.end_meeting(actor=world.secretary, meeting=meeting, version=None)
    assert meeting.rounds.count() == 2


def test_an_outsider_may_not_open_a_round(world, outsider):
    meeting = capped_sitting(world, places=2)
    vote_all(world, meeting, {AN: 10, CUC: 9, DUNG: 9})
    count(world, meeting)
    candidates = set(meeting.items.values_list("candidate_id", flat=True))
    before = (AuditEntry.objects.count(), VotingRound.objects.count(), AgendaItem.objects.count())
    for actor in (outsider, world.kv1_officer, world.voters[0]):  # a council member: no right
        with pytest.raises(NotAllowed):
            services.open_next_round(
                actor=actor,
                meeting=meeting,
                version=meeting.version,
                candidates=candidates,
                passphrase=ROUND_TWO_PHRASE,
            )
    after = (AuditEntry.objects.count(), VotingRound.objects.count(), AgendaItem.objects.count())
    assert after == before
    url = reverse("council:meeting_round", args=[meeting.pk])
    assert login(outsider).post(url, {"candidates": list(candidates)}).status_code == 404


def test_a_round_one_ballot_cannot_be_reused_or_seen_in_round_two(world):
    meeting = capped_sitting(world, places=2)
    voter = world.voters[0]
    first = {i.pk: i for i in rounds.round_items(meeting, 1)}
    vote_all(world, meeting, {AN: 10, CUC: 9, DUNG: 9})
    copied = SealedBallot.objects.filter(item__candidate__name=CUC)[0]  # a round-1 box
    stolen_box, stolen_item = bytes(copied.box), copied.item_id
    count(world, meeting)
    next_round(world, meeting, [CUC, DUNG])
    second = {i.candidate.name: i for i in rounds.round_items(meeting, 2)}
    # The member's paper shows round 2 only, nothing marked as voted, no choice of round 1.
    paper = login(voter).get(reverse("council:ballot", args=[meeting.pk])).content.decode()
    assert "Vòng 2" in paper and AN not in paper and "đã ghi nhận" not in paper
    assert services.voting_status(meeting, world.members[0]) == {
        second[CUC].pk: False,
        second[DUNG].pk: False,
    }
    # A paper of round 1 posted again is refused: its items are not on round 2's agenda.
    with pytest.raises(InvalidData, match="không hợp lệ"):
        services.cast_votes(actor=voter, meeting=meeting, choices={stolen_item: "approve"})
    assert set(first) & set(services.voting_status(meeting, world.members[0])) == set()
    # A sealed box of round 1 slipped in for a round-2 candidate does not open with round 2's
    # key: the count stops and nothing changes.
    vote_all(world, meeting, {CUC: 10, DUNG: 9})
    SealedBallot.objects.create(item=second[CUC], box=stolen_box)
    meeting.refresh_from_db()
    version = meeting.version
    with pytest.raises(Conflict, match="can thiệp"):
        count(world, meeting, ROUND_TWO_PHRASE)
    meeting.refresh_from_db()
    assert meeting.version == version and open_round_number(meeting) == 2
    # Round 1's passphrase does not count round 2 (its key is new).
    SealedBallot.objects.filter(box=stolen_box).delete()
    with pytest.raises(InvalidData, match="không đúng"):
        count(world, meeting, PHRASE)
    count(world, meeting, ROUND_TWO_PHRASE)
    assert (second[CUC].ballots.count(), second[DUNG].ballots.count()) == (10, 10)


def test_the_minutes_list_each_round(world):
    meeting = capped_sitting(world, places=2)
    vote_all(world, meeting, {AN: 10, CUC: 9, DUNG: 9})
    count(world, meeting)
    next_round(world, meeting, [CUC, DUNG])
    during = plain_text(minutes_docx(meeting))
    assert "1. Vòng thứ nhất" in during and "2. Vòng thứ hai" in during
    assert "Phiên họp chưa kết thúc bỏ phiếu." in during  # round 2 not yet counted
    vote_all(world, meeting, {CUC: 10, DUNG: 9})
    count(world, meeting, ROUND_TWO_PHRASE)
    text = plain_text(minutes_docx(meeting))
    assert "Số lượng tối đa được thông qua: Chiến sĩ thi đua ngành Kiểm sát nhân dân: 2" in text
    assert "Hội đồng bỏ phiếu vòng 2 đối với: Lê Thị Cúc, Hoàng Văn Dũng." in text
    assert "Bỏ phiếu đối với: Lê Thị Cúc, Hoàng Văn Dũng." in text
    assert "Bằng phiếu tại ranh giới số lượng: Lê Thị Cúc, Hoàng Văn Dũng." in text
    assert "Ngoài số lượng: Hoàng Văn Dũng." in text  # round 2 left one place: Cúc's
    assert "3. Kết quả sau các vòng bỏ phiếu" in text
    assert text.count("Kiểm tra: số phiếu thu về") == 2  # one check per round
    assert "Phiên họp chưa kết thúc bỏ phiếu." not in text


def test_places_are_set_before_the_vote_for_an_award_on_the_agenda(world):
    meeting = capped_sitting(world, places=2)
    assert AwardCap.objects.get(meeting=meeting).places == 2
    with pytest.raises(TransitionNotAllowed):
        services.set_award_cap(
            actor=world.secretary, meeting=meeting, version=None, award=AWARD, places=3
        )
    entry = AuditEntry.objects.get(action="meeting.cap_set")
    assert entry.after == {"award": AWARD, "places": 2, "basis": ""}


def test_written_opinions_of_a_round_go_to_that_round_only(world):
    person = dung(world)
    dossier = new_dossier(world, awards={world.s.an: AWARD, world.cuc: AWARD, person: AWARD})
    to_vkstc_council(world, dossier)
    meeting = sitting(world, dossier, absent=1, places={AWARD: 2})
    vote_all(world, meeting, {AN: 9, CUC: 9, DUNG: 9}, absent=1)
    count(world, meeting)  # 9/10 each, three for two places: all tied
    assert {i.standing for i in rounds.round_items(meeting, 1)} == {T}
    with pytest.raises(InvalidData, match="vòng bỏ phiếu đang mở"):
        services.record_written_opinion(
            actor=world.secretary,
            meeting=meeting,
            membership=world.members[0],
            item=_item(meeting, CUC, 1),
            choice="approve",
        )
    next_round(world, meeting, [AN, CUC, DUNG])
    services.record_written_opinion(
        actor=world.secretary,
        meeting=meeting,
        membership=world.members[0],
        item=_item(meeting, CUC, 2),
        choice="approve",
    )
    vote_all(world, meeting, {AN: 9, CUC: 9, DUNG: 8}, absent=1)
    count(world, meeting, ROUND_TWO_PHRASE)
    cuc = _item(meeting, CUC, 2)
    assert (cuc.ballots_approve, cuc.written_approve, cuc.approvals, cuc.passed) == (9, 1, 10, True)
    assert (_item(meeting, AN, 2).standing, _item(meeting, DUNG, 2).passed) == (W, False)
    assert meeting.status == MeetingStatus.CLOSED


def test_the_sitting_page_and_the_api_show_the_rounds(world):
    meeting = capped_sitting(world, places=2)
    vote_all(world, meeting, {AN: 10, CUC: 9, DUNG: 9})
    count(world, meeting)
    client = login(world.secretary)
    api = client.get(reverse("api:council_meeting", args=[meeting.pk])).json()
    assert [r["number"] for r in api["rounds"]] == [1]
    [undecided] = api["undecided"]
    assert undecided["award"] == AWARD and len(undecided["suggested"]) == 2
    url = reverse("council:meeting_round", args=[meeting.pk])
    page = client.post(
        url,
        {
            "version": meeting.version,
            "candidates": undecided["suggested"],
            "passphrase": ROUND_TWO_PHRASE,
            "passphrase_again": ROUND_TWO_PHRASE,
        },
        follow=True,
    ).content.decode()
    assert "Đã mở bỏ phiếu kín vòng tiếp theo" in page
    assert (
        'id="round-1"' in page
        and 'id="round-2"' in page
        and "Kết thúc bỏ phiếu, kiểm phiếu" in page
    )
    api = client.get(reverse("api:council_meeting", args=[meeting.pk])).json()
    assert [(r["number"], r["status"]) for r in api["rounds"]] == [(1, "counted"), (2, "open")]
    assert {(i["name"], i["round_number"]) for i in api["items"] if i["round_number"] == 2} == {
        (CUC, 2),
        (DUNG, 2),
    }
