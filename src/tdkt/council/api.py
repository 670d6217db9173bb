"""The council over REST: councils and members, a sitting's agenda, places, attendance, written
opinions, opening, the member's secret ballot, the count of each round with the tally, another
round for an award left undecided, the end of the sitting, the verification and the minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema, Status

from tdkt.council import documents, rounds, selectors, services
from tdkt.council.models import Council, Meeting, Membership
from tdkt.nominations.api import Problem, VersionIn
from tdkt.nominations.documents import filename
from tdkt.nominations.models import Dossier
from tdkt.web.actions import file_response
from tdkt.workflow.access import can

router = Router(tags=["Hội đồng Thi đua - Khen thưởng"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BINARY = {"responses": {200: {"description": "Tệp", "content": {"application/octet-stream": {}}}}}


class MemberOut(Schema):
    id: int
    person_id: int
    name: str
    role: str
    title: str
    valid_from: dt.date
    valid_to: dt.date | None


class CouncilOut(Schema):
    id: int
    unit_id: int
    unit: str
    name: str
    established_on: dt.date
    members_today: list[MemberOut]


class ItemOut(Schema):
    id: int
    candidate_id: int
    dossier_id: int
    name: str
    award: str
    round_number: int
    standing: str
    voted: int
    ballots_approve: int | None
    ballots_reject: int | None
    written_approve: int
    written_reject: int
    approvals: int | None
    council_size: int | None
    approve_share: Decimal | None
    required_share: Decimal | None
    passed: bool | None
    citation: str


class RoundOut(Schema):
    number: int
    status: str
    opened_at: dt.datetime | None
    counted_at: dt.datetime | None


class CapOut(Schema):
    award: str
    places: int
    basis: str


class UndecidedOut(Schema):
    """An award with places the last counted round left undecided: `remaining` are the
    candidates (ids) a next round may be about, `suggested` those the page ticks."""

    award: str
    sentence: str
    remaining: list[int]
    suggested: list[int]


class AttendanceOut(Schema):
    membership_id: int
    name: str
    present: bool | None


class MeetingOut(Schema):
    id: int
    council_id: int
    number: str
    held_on: dt.date
    place: str
    status: str
    version: int
    council_size: int | None
    present: int
    quorum_needed: int
    items: list[ItemOut]
    rounds: list[RoundOut]
    caps: list[CapOut]
    undecided: list[UndecidedOut]
    attendance: list[AttendanceOut]
    my_votes: dict[int, bool]


class VerificationOut(Schema):
    item_id: int
    name: str
    participations: int
    ballots: int
    approve: int
    reject: int
    consistent: bool


class MeetingIn(Schema):
    number: str
    held_on: dt.date
    place: str = ""


class AgendaIn(VersionIn):
    dossier_id: int


class AttendanceIn(VersionIn):
    present: list[int]


class WrittenIn(Schema):
    membership_id: int
    item_id: int
    choice: str


class BallotIn(Schema):
    choices: dict[int, str]


class MinutesIn(VersionIn):
    number: str = ""


class OpenIn(VersionIn):
    """`passphrase` (at least 12 characters, never stored) wraps the sitting's ballot key: the
    same passphrase is needed at the count, and nothing recovers a lost one."""

    passphrase: str
    passphrase_again: str | None = None


class CloseIn(VersionIn):
    passphrase: str


class CapIn(VersionIn):
    award: str
    places: int | None = None
    basis: str = ""


class RoundIn(VersionIn):
    """Bỏ phiếu vòng tiếp theo: `candidate_ids` among the `remaining` of `undecided`; the new
    round's own passphrase."""

    candidate_ids: list[int]
    passphrase: str
    passphrase_again: str | None = None


class RestartIn(VersionIn):
    passphrase: str
    passphrase_again: str | None = None
    reason: str


# What an act on a sitting answers: the sitting as it now stands, or the problem.
ACTED = {200: MeetingOut, 400: Problem, 409: Problem}


def _council(c: Council, day: dt.date | None) -> dict[str, Any]:
    return {
        "id": c.pk,
        "unit_id": c.unit_id,
        "unit": c.unit.name,
        "name": c.name,
        "established_on": c.established_on,
        "members_today": _members(c, day or timezone.localdate()),
    }


def _members(council: Council, day: dt.date) -> list[dict[str, Any]]:
    return [
        {
            "id": m.pk,
            "person_id": m.person_id,
            "name": m.person.full_name,
            "role": m.role,
            "title": m.title,
            "valid_from": m.valid_from,
            "valid_to": m.valid_to,
        }
        for m in services.members_on(council, day)
    ]


def _meeting(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    meeting.refresh_from_db()
    q = services.quorum(meeting)
    present = {a.membership_id: a.present for a in meeting.attendance.all()}
    me = services.membership_of(request.user, meeting)
    items = []
    for item in meeting.items.select_related("candidate"):
        items.append(
            {
                "id": item.pk,
                "candidate_id": item.candidate_id,
                "dossier_id": item.candidate.dossier_id,
                "name": item.candidate.name,
                "award": item.candidate.award,
                "round_number": item.round_number,
                "standing": item.standing,
                "voted": item.participations.count(),
                **{
                    f: getattr(item, f)
                    for f in (
                        "ballots_approve",
                        "ballots_reject",
                        "written_approve",
                        "written_reject",
                        "approvals",
                        "council_size",
                        "approve_share",
                        "required_share",
                        "passed",
                        "citation",
                    )
                },
            }
        )
    return {
        "id": meeting.pk,
        "council_id": meeting.council_id,
        "number": meeting.number,
        "held_on": meeting.held_on,
        "place": meeting.place,
        "status": meeting.status,
        "version": meeting.version,
        "council_size": meeting.council_size,
        "present": q.present,
        "quorum_needed": q.needed,
        "items": items,
        "rounds": list(
            meeting.rounds.values("number", "status", "opened_at", "counted_at").order_by("number")
        ),
        "caps": list(meeting.caps.values("award", "places", "basis")),
        "undecided": [
            {
                "award": line.award,
                "sentence": line.sentence(),
                "remaining": [i.candidate_id for i in line.remaining],
                "suggested": sorted(line.suggested),
            }
            for line in (rounds.undecided(meeting) if can_manage(request, meeting) else [])
        ],
        "attendance": [
            {"membership_id": m.pk, "name": m.person.full_name, "present": present.get(m.pk)}
            for m in services.members_on(meeting.council, meeting.held_on)
        ],
        "my_votes": services.voting_status(meeting, me),
    }


def can_manage(request: HttpRequest, meeting: Meeting) -> bool:
    return can(request.user, "council", meeting.council.unit_id)


def _managed(request: HttpRequest, meeting_id: int) -> Meeting:
    meeting = selectors.get_meeting_for_user(request.user, meeting_id)
    if not can_manage(request, meeting):
        raise Http404
    return meeting


def _act(
    request: HttpRequest, meeting_id: int, service: Callable[..., Any], **fields: Any
) -> dict[str, Any]:
    """`service` on the sitting, for whoever runs the council; the body's fields are the
    service's own keywords."""
    meeting = _managed(request, meeting_id)
    service(actor=request.user, meeting=meeting, **fields)
    return _meeting(request, meeting)


@router.get("/councils", response=list[CouncilOut], url_name="council_list")
def council_list(request: HttpRequest, day: dt.date | None = None) -> list[dict[str, Any]]:
    return [_council(c, day) for c in selectors.councils_for(request.user)]


@router.get("/councils/{council_id}", response=CouncilOut, url_name="council_council")
def council_detail(
    request: HttpRequest, council_id: int, day: dt.date | None = None
) -> dict[str, Any]:
    return _council(selectors.get_council_for_user(request.user, council_id), day)


@router.post(
    "/councils/{council_id}/meetings",
    response={201: MeetingOut, 400: Problem, 409: Problem},
    url_name="council_meeting_create",
)
def meeting_create(request: HttpRequest, council_id: int, body: MeetingIn) -> Status[Any]:
    council = selectors.get_council_for_user(request.user, council_id)
    if not can(request.user, "council", council.unit_id):
        raise Http404
    meeting = services.schedule_meeting(
        actor=request.user,
        council=council,
        number=body.number,
        held_on=body.held_on,
        place=body.place,
    )
    return Status(201, _meeting(request, meeting))


@router.get("/meetings/{meeting_id}", response=MeetingOut, url_name="council_meeting")
def meeting_detail(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    """The sitting: agenda with who has voted (counted, never how), attendance, results."""
    return _meeting(request, selectors.get_meeting_for_user(request.user, meeting_id))


@router.post("/meetings/{meeting_id}/agenda", response=ACTED, url_name="council_agenda_add")
def agenda_add(request: HttpRequest, meeting_id: int, body: AgendaIn) -> dict[str, Any]:
    meeting = _managed(request, meeting_id)
    dossier = Dossier.objects.filter(pk=body.dossier_id, receiver=meeting.council.unit).first()
    if dossier is None:
        raise Http404
    services.add_to_agenda(
        actor=request.user, meeting=meeting, dossier=dossier, version=body.version
    )
    return _meeting(request, meeting)


@router.post("/meetings/{meeting_id}/attendance", response=ACTED, url_name="council_attendance")
def attendance(request: HttpRequest, meeting_id: int, body: AttendanceIn) -> dict[str, Any]:
    present = set(body.present)
    return _act(
        request, meeting_id, services.record_attendance, version=body.version, present=present
    )


@router.post(
    "/meetings/{meeting_id}/written-opinions", response=ACTED, url_name="council_written_opinion"
)
def written_opinion(request: HttpRequest, meeting_id: int, body: WrittenIn) -> dict[str, Any]:
    meeting = _managed(request, meeting_id)
    membership = Membership.objects.filter(council=meeting.council, pk=body.membership_id).first()
    item = meeting.items.filter(pk=body.item_id).first()
    if membership is None or item is None:
        raise Http404
    services.record_written_opinion(
        actor=request.user, meeting=meeting, membership=membership, item=item, choice=body.choice
    )
    return _meeting(request, meeting)


@router.post("/meetings/{meeting_id}/open", response=ACTED, url_name="council_open")
def open_(request: HttpRequest, meeting_id: int, body: OpenIn) -> dict[str, Any]:
    return _act(request, meeting_id, services.open_meeting, **body.model_dump())


@router.post("/meetings/{meeting_id}/restart-vote", response=ACTED, url_name="council_restart_vote")
def restart_vote(request: HttpRequest, meeting_id: int, body: RestartIn) -> dict[str, Any]:
    """Mở lại phiên bỏ phiếu (a lost passphrase): every vote cast so far is discarded."""
    return _act(request, meeting_id, services.restart_vote, **body.model_dump())


@router.post("/meetings/{meeting_id}/ballot", response=ACTED, url_name="council_ballot")
def ballot(request: HttpRequest, meeting_id: int, body: BallotIn) -> dict[str, Any]:
    """The caller's secret ballot (agenda item id → "approve" or "reject"), once per item."""
    meeting = selectors.get_meeting_for_user(request.user, meeting_id)
    if services.membership_of(request.user, meeting) is None:
        raise Http404
    services.cast_votes(actor=request.user, meeting=meeting, choices=body.choices)
    return _meeting(request, meeting)


@router.post("/meetings/{meeting_id}/close", response=ACTED, url_name="council_close")
def close(request: HttpRequest, meeting_id: int, body: CloseIn) -> dict[str, Any]:
    """The count of the open round: `passphrase` is the one set when it opened; a wrong one
    changes nothing. The sitting closes unless an award with places is left undecided."""
    return _act(request, meeting_id, services.close_meeting, **body.model_dump())


@router.post("/meetings/{meeting_id}/caps", response=ACTED, url_name="council_cap_set")
def cap_set(request: HttpRequest, meeting_id: int, body: CapIn) -> dict[str, Any]:
    """Số lượng tối đa of one award at the sitting, before it opens (`places` null or 0 removes
    it)."""
    return _act(request, meeting_id, services.set_award_cap, **body.model_dump())


@router.post("/meetings/{meeting_id}/rounds", response=ACTED, url_name="council_round_open")
def round_open(request: HttpRequest, meeting_id: int, body: RoundIn) -> dict[str, Any]:
    """Bỏ phiếu vòng tiếp theo on candidates the last round left undecided."""
    fields = body.model_dump()
    return _act(
        request,
        meeting_id,
        services.open_next_round,
        candidates=fields.pop("candidate_ids"),
        **fields,
    )


@router.post("/meetings/{meeting_id}/end", response=ACTED, url_name="council_end")
def end(request: HttpRequest, meeting_id: int, body: VersionIn) -> dict[str, Any]:
    """Kết thúc phiên họp between rounds, without another round."""
    return _act(request, meeting_id, services.end_meeting, **body.model_dump())


@router.post("/meetings/{meeting_id}/minutes", response=ACTED, url_name="council_minutes_issue")
def minutes_issue(request: HttpRequest, meeting_id: int, body: MinutesIn) -> dict[str, Any]:
    return _act(request, meeting_id, services.issue_minutes, **body.model_dump())


@router.get(
    "/meetings/{meeting_id}/verification",
    response={200: list[VerificationOut], 409: Problem},
    url_name="council_verification",
)
def verification(request: HttpRequest, meeting_id: int) -> list[dict[str, Any]]:
    """Per item: members who took part, ballots counted again, and whether they match the tally.
    Only after the count: before it the answer is 409 (chưa kết thúc bỏ phiếu)."""
    meeting = selectors.get_meeting_for_user(request.user, meeting_id)
    return [
        {
            "item_id": v.item.pk,
            "name": v.item.candidate.name,
            "participations": v.participations,
            "ballots": v.ballots,
            "approve": v.approve,
            "reject": v.reject,
            "consistent": v.consistent,
        }
        for v in services.verify(meeting)
    ]


@router.get(
    "/meetings/{meeting_id}/minutes.docx", url_name="council_minutes_docx", openapi_extra=BINARY
)
def minutes_docx(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, meeting_id)
    name = filename("bien-ban-hop-hoi-dong", f"{meeting.council.unit.code} phien {meeting.number}")
    return file_response(documents.minutes_docx(meeting), name, DOCX)
