"""The council over REST: councils and members, a sitting's agenda, attendance, written opinions,
opening, the member's secret ballot, the close with the tally, its verification and the minutes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Schema, Status

from tdkt.council import documents, selectors, services
from tdkt.council.models import Council, Meeting, Membership
from tdkt.nominations.api import Problem, VersionIn
from tdkt.nominations.documents import filename
from tdkt.nominations.models import Dossier
from tdkt.nominations.services.common import can
from tdkt.web.actions import file_response

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


class RestartIn(VersionIn):
    passphrase: str
    passphrase_again: str | None = None
    reason: str


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
        "attendance": [
            {"membership_id": m.pk, "name": m.person.full_name, "present": present.get(m.pk)}
            for m in services.members_on(meeting.council, meeting.held_on)
        ],
        "my_votes": services.voting_status(meeting, me),
    }


def _managed(request: HttpRequest, meeting_id: int) -> Meeting:
    meeting = selectors.get_meeting_for_user(request.user, meeting_id)
    if not can(request.user, "council", meeting.council.unit_id):
        raise Http404
    return meeting


@router.get("/councils", response=list[CouncilOut], url_name="council_list")
def council_list(request: HttpRequest, day: dt.date | None = None) -> list[dict[str, Any]]:
    when = day or dt.date.today()
    return [
        {
            "id": c.pk,
            "unit_id": c.unit_id,
            "unit": c.unit.name,
            "name": c.name,
            "established_on": c.established_on,
            "members_today": _members(c, when),
        }
        for c in selectors.councils_for(request.user)
    ]


@router.get("/councils/{council_id}", response=CouncilOut, url_name="council_council")
def council_detail(
    request: HttpRequest, council_id: int, day: dt.date | None = None
) -> dict[str, Any]:
    c = selectors.get_council_for_user(request.user, council_id)
    return {
        "id": c.pk,
        "unit_id": c.unit_id,
        "unit": c.unit.name,
        "name": c.name,
        "established_on": c.established_on,
        "members_today": _members(c, day or dt.date.today()),
    }


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


@router.post(
    "/meetings/{meeting_id}/agenda",
    response={200: MeetingOut, 400: Problem, 409: Problem},
    url_name="council_agenda_add",
)
def agenda_add(request: HttpRequest, meeting_id: int, body: AgendaIn) -> dict[str, Any]:
    meeting = _managed(request, meeting_id)
    dossier = Dossier.objects.filter(pk=body.dossier_id, receiver=meeting.council.unit).first()
    if dossier is None:
        raise Http404
    services.add_to_agenda(
        actor=request.user, meeting=meeting, dossier=dossier, version=body.version
    )
    return _meeting(request, meeting)


@router.post(
    "/meetings/{meeting_id}/attendance",
    response={200: MeetingOut, 400: Problem, 409: Problem},
    url_name="council_attendance",
)
def attendance(request: HttpRequest, meeting_id: int, body: AttendanceIn) -> dict[str, Any]:
    meeting = _managed(request, meeting_id)
    services.record_attendance(
        actor=request.user, meeting=meeting, version=body.version, present=set(body.present)
    )
    return _meeting(request, meeting)


@router.post(
    "/meetings/{meeting_id}/written-opinions",
    response={200: MeetingOut, 400: Problem, 409: Problem},
    url_name="council_written_opinion",
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


@router.post(
    "/meetings/{meeting_id}/open",
    response={200: MeetingOut, 400: Problem, 409: Problem},
    url_name="council_open",
)
def open_(request: HttpRequest, meeting_id: int, body: OpenIn) -> dict[str, Any]:
    meeting = _managed(request, meeting_id)
    services.open_meeting(
        actor=request.user,
        meeting=meeting,
        version=body.version,
        passphrase=body.passphrase,
        passphrase_again=body.passphrase_again,
    )
    return _meeting(request, meeting)


@router.post(
    "/meetings/{meeting_id}/restart-vote",
    response={200: MeetingOut, 400: Problem, 409: Problem},
    url_name="council_restart_vote",
)
def restart_vote(request: HttpRequest, meeting_id: int, body: RestartIn) -> dict[str, Any]:
    """Mở lại phiên bỏ phiếu (a lost passphrase): every vote cast so far is discarded."""
    meeting = _managed(request, meeting_id)
    services.restart_vote(
        actor=request.user,
        meeting=meeting,
        version=body.version,
        passphrase=body.passphrase,
        passphrase_again=body.passphrase_again,
        reason=body.reason,
    )
    return _meeting(request, meeting)


@router.post(
    "/meetings/{meeting_id}/ballot",
    response={200: MeetingOut, 400: Problem, 409: Problem},
    url_name="council_ballot",
)
def ballot(request: HttpRequest, meeting_id: int, body: BallotIn) -> dict[str, Any]:
    """The caller's secret ballot (agenda item id → "approve" or "reject"), once per item."""
    meeting = selectors.get_meeting_for_user(request.user, meeting_id)
    if services.membership_of(request.user, meeting) is None:
        raise Http404
    services.cast_votes(actor=request.user, meeting=meeting, choices=body.choices)
    return _meeting(request, meeting)


@router.post(
    "/meetings/{meeting_id}/close",
    response={200: MeetingOut, 400: Problem, 409: Problem},
    url_name="council_close",
)
def close(request: HttpRequest, meeting_id: int, body: CloseIn) -> dict[str, Any]:
    """The count: `passphrase` is the one set at the opening; a wrong one changes nothing."""
    meeting = _managed(request, meeting_id)
    services.close_meeting(
        actor=request.user, meeting=meeting, version=body.version, passphrase=body.passphrase
    )
    return _meeting(request, meeting)


@router.post(
    "/meetings/{meeting_id}/minutes",
    response={200: MeetingOut, 400: Problem, 409: Problem},
    url_name="council_minutes_issue",
)
def minutes_issue(request: HttpRequest, meeting_id: int, body: MinutesIn) -> dict[str, Any]:
    meeting = _managed(request, meeting_id)
    services.issue_minutes(
        actor=request.user, meeting=meeting, version=body.version, number=body.number
    )
    return _meeting(request, meeting)


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
