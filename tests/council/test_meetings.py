"""A sitting's moves, its refusals, the dated membership and the minutes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tdkt.council import services
from tdkt.council.documents import minutes_docx
from tdkt.council.models import MeetingStatus
from tdkt.documents.docx import plain_text
from tdkt.errors import Conflict, InvalidData, TransitionNotAllowed
from tdkt.nominations.services import moves, publicity
from tdkt.workflow.clock import at_noon
from tests.conftest import login
from tests.nominations.builders import BALLOT_PASSPHRASE as PHRASE
from tests.nominations.builders import DAY, close, new_dossier, sitting, to_vkstc_council, vote_all

pytestmark = pytest.mark.django_db
NOON = at_noon(DAY)  # the moment the services act, on DAY
M = MeetingStatus
REASON = "Chủ tịch Hội đồng đi công tác đột xuất, lùi phiên họp sang tuần sau."


def test_a_person_sits_once_at_a_time(world):
    with pytest.raises(Conflict, match="đã là thành viên"):
        services.add_member(
            actor=world.secretary,
            council=world.council,
            person=world.members[0].person,
            role="uy_vien",
            valid_from=dt.date(2024, 1, 1),
        )


def test_the_sitting_moves_and_refuses(world):
    dossier = new_dossier(world)
    to_vkstc_council(world, dossier)
    meeting = services.schedule_meeting(
        actor=world.secretary, council=world.council, number="1", held_on=DAY
    )
    with pytest.raises(TransitionNotAllowed) as wrong:
        services.close_meeting(
            actor=world.secretary, meeting=meeting, version=meeting.version, passphrase=PHRASE
        )
    assert wrong.value.code == "invalid_transition"
    with pytest.raises(InvalidData, match="chưa có hồ sơ"):
        services.open_meeting(
            actor=world.secretary, meeting=meeting, version=None, passphrase=PHRASE, now=NOON
        )
    services.add_to_agenda(
        actor=world.secretary, meeting=meeting, dossier=dossier, version=meeting.version
    )
    with pytest.raises(InvalidData, match="điểm danh"):
        services.open_meeting(
            actor=world.secretary, meeting=meeting, version=None, passphrase=PHRASE, now=NOON
        )
    services.record_attendance(
        actor=world.secretary, meeting=meeting, version=None, present={m.pk for m in world.members}
    )
    with pytest.raises(TransitionNotAllowed, match="Chưa đến ngày họp"):
        services.open_meeting(
            actor=world.secretary,
            meeting=meeting,
            version=None,
            passphrase=PHRASE,
            now=at_noon(DAY - dt.timedelta(days=1)),
        )
    services.open_meeting(
        actor=world.secretary, meeting=meeting, version=None, passphrase=PHRASE, now=NOON
    )
    meeting.refresh_from_db()
    assert meeting.status == M.OPEN and meeting.council_size == 10
    with pytest.raises(TransitionNotAllowed):
        services.add_to_agenda(
            actor=world.secretary, meeting=meeting, dossier=dossier, version=None
        )
    vote_all(world, meeting, {"Nguyễn Văn An": 10, "Lê Thị Cúc": 10})
    close(world, meeting)
    services.issue_minutes(
        actor=world.secretary, meeting=meeting, version=meeting.version, number="05"
    )
    assert meeting.status == M.MINUTES_ISSUED
    with pytest.raises(TransitionNotAllowed) as final:
        services.open_meeting(
            actor=world.secretary, meeting=meeting, version=None, passphrase=PHRASE, now=NOON
        )
    assert final.value.code in ("final_state", "invalid_transition")
    steps = list(meeting.transitions.values_list("from_status", "to_status"))
    assert steps == [(M.PLANNED, M.OPEN), (M.OPEN, M.CLOSED), (M.CLOSED, M.MINUTES_ISSUED)]


def test_postponing_needs_a_reason_and_is_final(world):
    meeting = services.schedule_meeting(
        actor=world.secretary, council=world.council, number="3", held_on=DAY
    )
    with pytest.raises(InvalidData):
        services.postpone_meeting(
            actor=world.secretary, meeting=meeting, version=None, reason_code="other", reason="Hoãn"
        )
    services.postpone_meeting(
        actor=world.secretary, meeting=meeting, version=None, reason_code="other", reason=REASON
    )
    with pytest.raises(TransitionNotAllowed) as final:
        services.open_meeting(
            actor=world.secretary, meeting=meeting, version=None, passphrase=PHRASE, now=NOON
        )
    assert final.value.code == "final_state"


def test_a_dossier_under_public_comment_cannot_be_put_before_the_sitting(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=NOON
    )
    moves.receive_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
    moves.forward_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
    moves.receive_dossier(actor=world.vkstc_officer, dossier=dossier, version=dossier.version)
    period = publicity.publish_for_comment(
        actor=world.vkstc_officer,
        dossier=dossier,
        version=dossier.version,
        working_days=5,
        starts_on=DAY,
        now=NOON,
    )
    later = period.ends_on + dt.timedelta(days=1)
    moves.send_to_council(
        actor=world.vkstc_officer, dossier=dossier, version=dossier.version, now=at_noon(later)
    )
    early = services.schedule_meeting(
        actor=world.secretary, council=world.council, number="4", held_on=period.ends_on
    )
    with pytest.raises(TransitionNotAllowed, match="chưa sau thời hạn lấy ý kiến") as refused:
        services.add_to_agenda(actor=world.secretary, meeting=early, dossier=dossier, version=None)
    assert refused.value.code == "comment_period"
    ok = services.schedule_meeting(
        actor=world.secretary, council=world.council, number="5", held_on=later
    )
    assert services.add_to_agenda(actor=world.secretary, meeting=ok, dossier=dossier, version=None)


def test_a_dossier_of_another_level_is_not_on_this_agenda(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=NOON
    )
    moves.receive_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
    moves.send_to_council(
        actor=world.qt_officer, dossier=dossier, version=dossier.version, now=NOON
    )
    meeting = services.schedule_meeting(
        actor=world.secretary, council=world.council, number="6", held_on=DAY
    )
    with pytest.raises(TransitionNotAllowed, match="chưa được đưa ra Hội đồng"):
        services.add_to_agenda(
            actor=world.secretary, meeting=meeting, dossier=dossier, version=None
        )


def test_the_minutes_carry_attendance_opinions_and_the_tally(world):
    dossier = new_dossier(world)
    to_vkstc_council(world, dossier)
    meeting = sitting(world, dossier, absent=1)
    item = meeting.items.get(candidate__name="Nguyễn Văn An")
    services.record_written_opinion(
        actor=world.secretary,
        meeting=meeting,
        membership=world.members[0],
        item=item,
        choice="approve",
    )
    vote_all(world, meeting, {"Nguyễn Văn An": 9, "Lê Thị Cúc": 6}, absent=1)
    close(world, meeting)
    text = plain_text(minutes_docx(meeting))
    assert "BIÊN BẢN" in text and "Tổng số thành viên Hội đồng: 10; có mặt: 9; vắng mặt: 1." in text
    assert "Phạm Văn Thành Viên A (Nguyễn Văn An): Đồng ý" in text
    assert "10/10" in text and "100,0 %" in text and "90,0 %" in text
    assert "6/10" in text and "60,0 %" in text and "50,0 %" in text
    assert "số phiếu thu về của từng người, tập thể bằng số thành viên đã bỏ phiếu" in text
    assert "TM. HỘI ĐỒNG" in text and "Phạm Văn Thành Viên A" in text


def test_the_member_opens_his_ballot_paper_and_nobody_else_does(world, outsider):
    dossier = new_dossier(world)
    to_vkstc_council(world, dossier)
    meeting = sitting(world, dossier)
    url = reverse("council:ballot", args=[meeting.pk])
    client = login(world.voters[3])
    page = client.get(url).content.decode()
    assert "Phiếu bầu kín" in page and "Nguyễn Văn An" in page
    items = list(meeting.items.all())
    # The paper's choices are one-digit codes (1 đồng ý, 2 không đồng ý): a request is as long
    # whatever is chosen.
    assert 'value="1"' in page and 'value="2"' in page and 'value="approve"' not in page
    odd = client.post(url, {f"item_{items[0].pk}": "approve"}, follow=True).content.decode()
    assert "Phiếu bầu không hợp lệ" in odd
    sent = client.post(url, {f"item_{i.pk}": "1" for i in items}, follow=True).content.decode()
    assert "Phiếu của bạn đã được ghi nhận" in sent and "đã ghi nhận" in sent
    again = client.post(url, {f"item_{items[0].pk}": "2"}, follow=True).content.decode()
    assert "không thay đổi được" in again
    for user in (world.vkstc_officer, outsider):
        assert login(user).get(url).status_code == 404
    assert client.get(reverse("council:meeting_detail", args=[meeting.pk])).status_code == 200


def test_the_sitting_page_polls_the_vote_count_while_open(world):
    dossier = new_dossier(world)
    to_vkstc_council(world, dossier)
    meeting = sitting(world, dossier)
    client = login(world.secretary)
    page = client.get(reverse("council:meeting_detail", args=[meeting.pk])).content.decode()
    assert 'hx-trigger="every 5s"' in page
    vote_all(world, meeting, {"Nguyễn Văn An": 3, "Lê Thị Cúc": 3})
    partial = client.get(
        reverse("council:meeting_agenda", args=[meeting.pk]), HTTP_HX_REQUEST="true"
    )
    body = partial.content.decode()
    assert "<html" not in body and "10/10" in body
    assert "Đồng ý" not in body  # counts of who voted, never the choices before the close
