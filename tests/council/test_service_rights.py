"""The council's services refuse, by themselves, an actor without the council right on the
council's unit (the shell, a task and the API call them too): NotAllowed, and nothing written."""

from __future__ import annotations

import inspect

import pytest

from tdkt.audit.models import AuditEntry
from tdkt.council import services
from tdkt.council.models import (
    AgendaItem,
    Attendance,
    AwardCap,
    Council,
    Meeting,
    Membership,
    Participation,
    VotingRound,
    WrittenOpinion,
)
from tdkt.errors import NotAllowed
from tests.nominations.builders import BALLOT_PASSPHRASE as PHRASE
from tests.nominations.builders import DAY

pytestmark = pytest.mark.django_db

CALLS = {
    "create_council": lambda w, m, a: services.create_council(
        actor=a, unit=w.s.vkstc, name="Hội đồng khác", established_on=DAY
    ),
    "add_member": lambda w, m, a: services.add_member(
        actor=a, council=w.council, person=w.cuc, role="uy_vien", valid_from=DAY
    ),
    "add_member_with_account": lambda w, m, a: services.add_member_with_account(
        actor=a,
        council=w.council,
        person=w.cuc,
        role="uy_vien",
        valid_from=DAY,
        create_account=True,
    ),
    "end_membership": lambda w, m, a: services.end_membership(
        actor=a, membership=w.members[1], valid_to=DAY
    ),
    "schedule_meeting": lambda w, m, a: services.schedule_meeting(
        actor=a, council=w.council, number="99", held_on=DAY
    ),
    "add_to_agenda": lambda w, m, a: services.add_to_agenda(
        actor=a, meeting=m, dossier=m.items.first().candidate.dossier, version=m.version
    ),
    "record_attendance": lambda w, m, a: services.record_attendance(
        actor=a, meeting=m, version=m.version, present=set()
    ),
    "record_written_opinion": lambda w, m, a: services.record_written_opinion(
        actor=a, meeting=m, membership=w.members[0], item=m.items.first(), choice="approve"
    ),
    "open_meeting": lambda w, m, a: services.open_meeting(
        actor=a, meeting=m, version=m.version, passphrase=PHRASE
    ),
    "restart_vote": lambda w, m, a: services.restart_vote(
        actor=a,
        meeting=m,
        version=m.version,
        passphrase=PHRASE,
        reason="Thư ký làm mất cụm mật khẩu kiểm phiếu.",
    ),
    "postpone_meeting": lambda w, m, a: services.postpone_meeting(
        actor=a,
        meeting=m,
        version=m.version,
        reason_code="other",
        reason="Chủ tịch Hội đồng đi công tác đột xuất.",
    ),
    "close_meeting": lambda w, m, a: services.close_meeting(
        actor=a, meeting=m, version=m.version, passphrase=PHRASE
    ),
    "issue_minutes": lambda w, m, a: services.issue_minutes(
        actor=a, meeting=m, version=m.version, number="05"
    ),
    "set_award_cap": lambda w, m, a: services.set_award_cap(
        actor=a, meeting=m, version=m.version, award="BK_NGANH", places=1
    ),
    "open_next_round": lambda w, m, a: services.open_next_round(
        actor=a,
        meeting=m,
        version=m.version,
        candidates=set(m.items.values_list("candidate_id", flat=True)),
        passphrase=PHRASE,
        passphrase_again=PHRASE,
    ),
    "end_meeting": lambda w, m, a: services.end_meeting(actor=a, meeting=m, version=m.version),
}
WRITTEN = (
    AuditEntry,
    Council,
    Membership,
    Meeting,
    AgendaItem,
    Attendance,
    WrittenOpinion,
    VotingRound,
    AwardCap,
)


def _state(meeting: Meeting) -> tuple:
    meeting.refresh_from_db()
    counts = tuple(model.objects.count() for model in WRITTEN)
    ends = tuple(Membership.objects.order_by("pk").values_list("valid_to", flat=True))
    return counts, ends, meeting.status, meeting.version, Participation.objects.count()


@pytest.mark.parametrize("name", sorted(CALLS))
def test_an_actor_without_the_council_right_is_refused_and_nothing_is_written(
    world, meeting, outsider, name
):
    services.cast_votes(
        actor=world.voters[0], meeting=meeting, choices={meeting.items.first().pk: "approve"}
    )
    before = _state(meeting)
    for actor in (outsider, world.kv1_officer):  # another province; a unit under the council
        with pytest.raises(NotAllowed):
            CALLS[name](world, meeting, actor)
    assert _state(meeting) == before


def test_every_council_service_that_takes_an_actor_is_in_this_test():
    acting = {
        name
        for name, value in vars(services).items()
        if inspect.isfunction(value)
        and not name.startswith("_")
        and value.__module__ == services.__name__
        and "actor" in inspect.signature(value).parameters
    }
    assert acting == set(CALLS)
