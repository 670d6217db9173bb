"""The council's business events: its dated membership, a sitting's agenda and attendance, the
opening, the close with the tally on the whole membership, and the minutes. The secret ballot
itself is in `council.ballot`; reads (members on a day, quorum) in `council.selectors`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from tdkt.accounts import services as account_services
from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.accounts.onboarding import propose_username
from tdkt.audit.services import record
from tdkt.council.ballot import (  # noqa: F401
    PASSPHRASE_MIN_LENGTH,
    Verification,
    cast_votes,
    checked_passphrase,
    count_ballots,
    discard_ballots,
    new_key,
    verify,
    voting_status,
)
from tdkt.council.models import (
    MEETING_NEEDS_REASON,
    MEETING_TRANSITIONS,
    AgendaItem,
    Attendance,
    Choice,
    Council,
    Meeting,
    MeetingStatus,
    MeetingTransition,
    MemberRole,
    Membership,
    WrittenOpinion,
)
from tdkt.council.selectors import QUORUM, Quorum, members_on, membership_of, quorum  # noqa: F401

# The ballot and the reads above are re-exported: callers of the council's services use them.
from tdkt.eligibility.parameters import current_parameters
from tdkt.errors import Conflict, InvalidData, TransitionNotAllowed
from tdkt.nominations.models import CouncilResult, Dossier, DossierStatus, ReasonCode
from tdkt.nominations.services import moves
from tdkt.nominations.services.common import authors, ensure, tell, today
from tdkt.nominations.services.common import link as dossier_link
from tdkt.nominations.services.publicity import comment_state
from tdkt.nominations.workflow import Machine, bump_version, check_move, move
from tdkt.notifications.services import users_who_can
from tdkt.org.models import Unit, UnitScope
from tdkt.people.models import Person
from tdkt.rules.council import tally
from tdkt.text import clean

MEETING_MACHINE = Machine(
    MEETING_TRANSITIONS,
    MeetingStatus,
    MeetingTransition,
    "meeting",
    "phiên họp",
    MEETING_NEEDS_REASON,
    ReasonCode,
)
QUORUM_CITATION = _("Quy chế mẫu của Hội đồng (tối thiểu 2/3 tổng số thành viên có mặt)")


def link(meeting: Meeting) -> str:
    return reverse("council:meeting_detail", args=[meeting.pk])


# --- councils and membership ---------------------------------------------------------------------


@transaction.atomic
def create_council(
    *, actor: Any, unit: Unit, name: str, established_on: dt.date, decision_ref: str = ""
) -> Council:
    ensure(actor, "council", unit.pk)
    name = clean(name)
    if not name:
        raise InvalidData(_("Hãy nhập tên Hội đồng."))
    if Council.objects.filter(unit=unit, name=name).exists():
        raise Conflict(_("Đơn vị đã có Hội đồng «%(n)s».") % {"n": name})
    council = Council.objects.create(
        unit=unit, name=name, established_on=established_on, decision_ref=clean(decision_ref)
    )
    record(
        actor=actor, action="council.created", obj=council, after={"name": name}, unit_id=unit.pk
    )
    return council


@dataclass(frozen=True)
class MemberAdded:
    """A membership and the member's account: `password` is the one-time password of an account
    opened in this step (shown once to the secretary, never stored in clear), else ""."""

    membership: Membership
    account: User | None
    password: str = ""


@transaction.atomic
def add_member(
    *,
    actor: Any,
    council: Council,
    person: Person,
    role: str,
    valid_from: dt.date,
    title: str = "",
    valid_to: dt.date | None = None,
) -> Membership:
    """The membership; a member who already has an account is given the council member's role
    on the council's unit in the same step (see `add_member_with_account`)."""
    return add_member_with_account(
        actor=actor,
        council=council,
        person=person,
        role=role,
        valid_from=valid_from,
        title=title,
        valid_to=valid_to,
    ).membership


@transaction.atomic
def add_member_with_account(
    *,
    actor: Any,
    council: Council,
    person: Person,
    role: str,
    valid_from: dt.date,
    title: str = "",
    valid_to: dt.date | None = None,
    create_account: bool = False,
    username: str = "",
) -> MemberAdded:
    """Add a member and make sure he or she can vote: an existing account gets Role.COUNCIL_MEMBER
    on the council's unit (unless a council role there is already held); without one, with
    `create_account`, an account is opened (username from the name unless given) with that role.

    The account services are called as the system: whoever may run the council (the "council"
    right, checked here) gives its members at most the view of the council's unit that he holds
    himself, and this entry names him, the account and whether it was opened or granted now."""
    ensure(actor, "council", council.unit_id)
    if role not in MemberRole.values:
        raise InvalidData(_("Vai trò không hợp lệ."))
    if valid_to is not None and valid_to < valid_from:
        raise InvalidData(_("Ngày kết thúc phải sau ngày bắt đầu."))
    overlap = council.memberships.filter(person=person, valid_from__lte=valid_to or dt.date.max)
    overlap = overlap.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    if overlap.exists():
        raise Conflict(
            _("%(n)s đã là thành viên Hội đồng trong thời gian này.") % {"n": person.full_name}
        )
    membership = Membership.objects.create(
        council=council,
        person=person,
        role=role,
        title=clean(title) or person.post,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    account = User.objects.filter(person=person).first()
    password, granted = "", False
    if account is not None:
        granted = _grant_member_role(council, account)
    elif create_account:
        account, password = _open_member_account(council, person, username)
    record(
        actor=actor,
        action="council.member_added",
        obj=council,
        after={
            "person": person.full_name,
            "role": role,
            "from": valid_from,
            "to": valid_to,
            "account": account.username if account else None,
            "account_created": bool(password),
            "role_granted": granted,
        },
        unit_id=council.unit_id,
    )
    return MemberAdded(membership, account, password)


def _member_reason(council: Council) -> str:
    return _("Thành viên %(c)s") % {"c": council.name}


def _grant_member_role(council: Council, account: User) -> bool:
    """Role.COUNCIL_MEMBER on the council's unit, unless a council role covering it is held; an
    account that is locked stays as it is (the council page flags it)."""
    if not account.is_active:
        return False
    above = UnitScope.objects.filter(descendant_id=council.unit_id).values("ancestor_id")
    held = RoleGrant.objects.filter(
        user=account,
        role__in=(Role.COUNCIL_MEMBER, Role.SECRETARY),
        unit_id__in=above,
        revoked_at__isnull=True,
    )
    if held.exists():
        return False
    account_services.grant_role(
        actor=None,
        user=account,
        role=Role.COUNCIL_MEMBER,
        unit=council.unit,
        reason=_member_reason(council),
    )
    return True


def _open_member_account(council: Council, person: Person, username: str) -> tuple[User, str]:
    inside = UnitScope.objects.filter(ancestor_id=council.unit_id, descendant_id=person.unit_id)
    if person.unit_id is None or not inside.exists():
        raise InvalidData(
            _("Chỉ mở được tài khoản cho cán bộ thuộc đơn vị của Hội đồng."), code="username"
        )
    return account_services.create_account(
        actor=None,
        username=clean(username).lower() or propose_username(person.full_name),
        person=person,
        role=Role.COUNCIL_MEMBER,
        unit=council.unit,
        reason=_member_reason(council),
    )


def accounts_of(memberships: Any) -> dict[int, User]:
    """person id → account, for the members' "no account" flags."""
    ids = [m.person_id for m in memberships]
    return {u.person_id: u for u in User.objects.filter(person_id__in=ids) if u.person_id}


@transaction.atomic
def end_membership(*, actor: Any, membership: Membership, valid_to: dt.date) -> Membership:
    ensure(actor, "council", membership.council.unit_id)
    if membership.valid_to is not None:
        raise Conflict(_("Nhiệm kỳ của thành viên này đã kết thúc."))
    if valid_to < membership.valid_from:
        raise InvalidData(_("Ngày kết thúc phải sau ngày bắt đầu."))
    membership.valid_to = valid_to
    membership.save(update_fields=["valid_to"])
    record(
        actor=actor,
        action="council.member_ended",
        obj=membership.council,
        after={"person": membership.person.full_name, "to": valid_to},
        unit_id=membership.council.unit_id,
    )
    return membership


# --- a sitting -----------------------------------------------------------------------------------


@transaction.atomic
def schedule_meeting(
    *, actor: Any, council: Council, number: str, held_on: dt.date, place: str = "", notes: str = ""
) -> Meeting:
    ensure(actor, "council", council.unit_id)
    number = clean(number)
    if not number:
        raise InvalidData(_("Hãy nhập số phiên họp."))
    if council.meetings.filter(number=number).exists():
        raise Conflict(_("Hội đồng đã có phiên họp số %(n)s.") % {"n": number})
    if held_on < council.established_on or (
        council.dissolved_on is not None and held_on > council.dissolved_on
    ):
        raise InvalidData(_("Ngày họp ngoài thời gian hoạt động của Hội đồng."))
    meeting = Meeting.objects.create(
        council=council,
        number=number,
        held_on=held_on,
        place=clean(place),
        notes=notes.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record(
        actor=actor,
        action="meeting.scheduled",
        obj=meeting,
        after={"number": number, "held_on": held_on},
        unit_id=council.unit_id,
    )
    members = members_on(council, held_on).select_related("person__account")
    tell(
        [m.person.account for m in members if hasattr(m.person, "account")],
        actor,
        "meeting.scheduled",
        _("Triệu tập phiên họp %(m)s, tại %(p)s.") % {"m": str(meeting), "p": meeting.place or "—"},
        reverse("council:meeting_detail", args=[meeting.pk]),
    )
    return meeting


def _require_status(meeting: Meeting, *statuses: str) -> None:
    if meeting.status not in statuses:
        raise TransitionNotAllowed(
            _("Phiên họp đang ở trạng thái «%(s)s».") % {"s": meeting.get_status_display()},
            code="invalid_transition",
        )


@transaction.atomic
def add_to_agenda(
    *, actor: Any, meeting: Meeting, dossier: Dossier, version: int | None
) -> list[AgendaItem]:
    """Every candidate of the dossier still awaiting this level's council goes on the agenda.
    The dossier must be at the council's level, in council review, with any public comment
    period ended before the day of the sitting."""
    ensure(actor, "council", meeting.council.unit_id)
    _require_status(meeting, MeetingStatus.PLANNED)
    if (
        dossier.status != DossierStatus.COUNCIL_REVIEW
        or dossier.receiver_id != meeting.council.unit_id
    ):
        raise TransitionNotAllowed(
            _("Hồ sơ chưa được đưa ra Hội đồng của %(u)s.") % {"u": meeting.council.unit.name},
            code="invalid_transition",
        )
    state = comment_state(dossier, meeting.held_on)
    if state.blocks_council:
        raise TransitionNotAllowed(
            _("Ngày họp %(d)s chưa sau thời hạn lấy ý kiến: %(m)s")
            % {"d": meeting.held_on.strftime("%d/%m/%Y"), "m": state.message},
            code="comment_period",
        )
    bump_version(meeting, version)
    waiting = dossier.candidates.filter(council_result=CouncilResult.PENDING).exclude(
        agenda_items__meeting__status__in=[MeetingStatus.PLANNED, MeetingStatus.OPEN]
    )
    start = meeting.items.count()
    items = [
        AgendaItem.objects.create(meeting=meeting, candidate=c, order=start + i)
        for i, c in enumerate(waiting, start=1)
    ]
    if not items:
        raise InvalidData(_("Hồ sơ không còn ai chờ Hội đồng xét."))
    record(
        actor=actor,
        action="meeting.agenda_set",
        obj=meeting,
        after={"dossier": dossier.code, "candidates": [i.candidate.name for i in items]},
        unit_id=meeting.council.unit_id,
    )
    return items


@transaction.atomic
def record_attendance(
    *, actor: Any, meeting: Meeting, version: int | None, present: set[int]
) -> Meeting:
    """`present`: the membership ids of the members in the room; every other member is absent."""
    ensure(actor, "council", meeting.council.unit_id)
    _require_status(meeting, MeetingStatus.PLANNED)
    members = list(members_on(meeting.council, meeting.held_on))
    unknown = set(present) - {m.pk for m in members}
    if unknown:
        raise InvalidData(_("Có người không phải thành viên Hội đồng vào ngày họp."))
    bump_version(meeting, version)
    for m in members:
        Attendance.objects.update_or_create(
            meeting=meeting, membership=m, defaults={"present": m.pk in present}
        )
    record(
        actor=actor,
        action="meeting.attendance_recorded",
        obj=meeting,
        after={"present": len(present), "members": len(members)},
        unit_id=meeting.council.unit_id,
    )
    return meeting


@transaction.atomic
def record_written_opinion(
    *, actor: Any, meeting: Meeting, membership: Membership, item: AgendaItem, choice: str
) -> WrittenOpinion:
    ensure(actor, "council", meeting.council.unit_id)
    _require_status(meeting, MeetingStatus.PLANNED, MeetingStatus.OPEN)
    if item.meeting_id != meeting.pk or choice not in Choice.values:
        raise InvalidData(_("Ý kiến không hợp lệ."))
    absent = Attendance.objects.filter(meeting=meeting, membership=membership, present=False)
    if not absent.exists():
        raise InvalidData(_("Chỉ thành viên vắng mặt (đã điểm danh) mới gửi ý kiến bằng văn bản."))
    try:
        with transaction.atomic():
            opinion = WrittenOpinion.objects.create(item=item, membership=membership, choice=choice)
    except IntegrityError as exc:
        raise Conflict(_("Đã ghi nhận ý kiến của thành viên này.")) from exc
    record(
        actor=actor,
        action="meeting.written_opinion",
        obj=meeting,
        after={
            "member": membership.person.full_name,
            "candidate": item.candidate.name,
            "choice": choice,
        },
        unit_id=meeting.council.unit_id,
    )
    return opinion


@sensitive_variables("passphrase", "passphrase_again")
@transaction.atomic
def open_meeting(
    *,
    actor: Any,
    meeting: Meeting,
    version: int | None,
    passphrase: str,
    passphrase_again: str | None = None,
    today_: dt.date | None = None,
) -> Meeting:
    """Open the sitting and its secret ballot: on or after its day, attendance taken, quorum
    reached, every agenda item still in council review with its comment period over. The
    passphrase (never stored) wraps the sitting's ballot key and is needed again at the count."""
    ensure(actor, "council", meeting.council.unit_id)
    check_move(MEETING_MACHINE, meeting, MeetingStatus.OPEN, version=version)
    day = today(today_)
    if day < meeting.held_on:
        raise TransitionNotAllowed(
            _("Chưa đến ngày họp %(d)s.") % {"d": meeting.held_on.strftime("%d/%m/%Y")},
            code="too_early",
        )
    items = list(meeting.items.select_related("candidate__dossier"))
    if not items:
        raise InvalidData(_("Phiên họp chưa có hồ sơ nào trong chương trình."))
    size = members_on(meeting.council, meeting.held_on).count()
    if not meeting.attendance.exists():
        raise InvalidData(_("Hãy điểm danh thành viên trước khi khai mạc."))
    meeting.council_size = size
    q = quorum(meeting)
    if not q.reached:
        raise InvalidData(
            _("Chưa đủ số thành viên có mặt: %(p)s/%(m)s, cần ít nhất %(n)s.")
            % {"p": q.present, "m": q.members, "n": q.needed},
            code="quorum",
        )
    for item in items:
        dossier = item.candidate.dossier
        if dossier.status != DossierStatus.COUNCIL_REVIEW:
            raise TransitionNotAllowed(
                _("Hồ sơ %(c)s không còn ở Hội đồng.") % {"c": dossier.code},
                code="invalid_transition",
            )
        if comment_state(dossier, meeting.held_on).blocks_council:
            raise TransitionNotAllowed(
                _("Hồ sơ %(c)s còn trong thời hạn lấy ý kiến.") % {"c": dossier.code},
                code="comment_period",
            )
    text = checked_passphrase(passphrase, passphrase_again)
    before = move(
        MEETING_MACHINE,
        meeting,
        MeetingStatus.OPEN,
        actor=actor,
        version=version,
        fields={"council_size": size, "opened_at": timezone.now()},
    )
    AgendaItem.objects.filter(meeting=meeting).update(council_size=size)
    new_key(meeting, text)
    _audit(actor, meeting, "meeting.opened", before)
    _tell_voters(
        meeting, actor, "meeting.opened", _("Phiên họp %(m)s đã mở bỏ phiếu kín.") % {"m": meeting}
    )
    return meeting


def _tell_voters(meeting: Meeting, actor: Any, action: str, text: str) -> None:
    voters = [
        getattr(a.membership.person, "account", None)
        for a in meeting.attendance.filter(present=True).select_related("membership__person")
    ]
    tell(
        [u for u in voters if u is not None],
        actor,
        action,
        text,
        reverse("council:ballot", args=[meeting.pk]),
    )


RESTART_REASON_MIN_LENGTH = 10


@sensitive_variables("passphrase", "passphrase_again")
@transaction.atomic
def restart_vote(
    *,
    actor: Any,
    meeting: Meeting,
    version: int | None,
    passphrase: str,
    passphrase_again: str | None = None,
    reason: str,
) -> Meeting:
    """Mở lại phiên bỏ phiếu: when the passphrase is lost (or the ballots cannot be opened) the
    open vote is run again. Every vote cast so far, sealed, and who cast it are discarded; a new
    key is wrapped under the new passphrase; the present members are told to vote again."""
    ensure(actor, "council", meeting.council.unit_id)
    reason = clean(reason)
    if len(reason) < RESTART_REASON_MIN_LENGTH:
        raise InvalidData(
            _("Hãy nêu lý do mở lại phiên bỏ phiếu (ít nhất %(n)s ký tự).")
            % {"n": RESTART_REASON_MIN_LENGTH},
            code="reason",
        )
    text = checked_passphrase(passphrase, passphrase_again)
    bump_version(meeting, version)
    meeting.refresh_from_db(fields=["status"])
    _require_status(meeting, MeetingStatus.OPEN)
    discarded = discard_ballots(meeting)
    new_key(meeting, text)
    record(
        actor=actor,
        action="meeting.vote_restarted",
        obj=meeting,
        after={"discarded_votes": discarded},
        reason=reason,
        unit_id=meeting.council.unit_id,
    )
    _tell_voters(
        meeting,
        actor,
        "meeting.vote_restarted",
        _("Phiên họp %(m)s đã mở lại bỏ phiếu kín: các phiếu đã bỏ bị hủy, xin bỏ phiếu lại.")
        % {"m": meeting},
    )
    return meeting


@transaction.atomic
def postpone_meeting(
    *, actor: Any, meeting: Meeting, version: int | None, reason_code: str, reason: str
) -> Meeting:
    ensure(actor, "council", meeting.council.unit_id)
    before = move(
        MEETING_MACHINE,
        meeting,
        MeetingStatus.POSTPONED,
        actor=actor,
        version=version,
        reason_code=reason_code,
        reason=reason,
    )
    _audit(actor, meeting, "meeting.postponed", before, reason)
    return meeting


@sensitive_variables("passphrase")
@transaction.atomic
def close_meeting(*, actor: Any, meeting: Meeting, version: int | None, passphrase: str) -> Meeting:
    """End the vote: open the sealed ballots with the passphrase set at the opening (a wrong one
    changes nothing), count them with the written opinions against the whole membership with the
    award's threshold on the day of the sitting, and record each result."""
    ensure(actor, "council", meeting.council.unit_id)
    check_move(MEETING_MACHINE, meeting, MeetingStatus.CLOSED, version=version)
    counts = count_ballots(meeting=meeting, passphrase=passphrase)
    before = move(
        MEETING_MACHINE,
        meeting,
        MeetingStatus.CLOSED,
        actor=actor,
        version=version,
        fields={"closed_at": timezone.now()},
    )
    params = current_parameters()
    size = meeting.council_size or 0
    results: dict[int, bool] = {}
    for item in meeting.items.select_related("candidate"):
        yes, no = counts.get(item.pk, (0, 0))
        if yes + no != item.participations.count():
            raise Conflict(_("Số phiếu không khớp số thành viên đã bỏ phiếu."), code="tally")
        written = list(item.written.values_list("choice", flat=True))
        result = tally(
            item.candidate.award,
            meeting.held_on,
            size,
            approve=yes,
            reject=no,
            absent_written=written,
            params=params,
        )
        item.ballots_approve, item.ballots_reject = yes, no
        item.written_approve = written.count(Choice.APPROVE)
        item.written_reject = written.count(Choice.REJECT)
        item.council_size, item.approvals = size, result.approvals
        item.required_share = Decimal(str(result.required_share)).quantize(Decimal("0.001"))
        item.approve_share = Decimal(str(result.approve_share)).quantize(Decimal("0.001"))
        item.passed, item.citation = result.passed, result.citation[:300]
        item.save()
        results[item.candidate_id] = result.passed
    dossiers = moves.record_council_results(actor=actor, results=results)
    record(
        actor=actor,
        action="meeting.closed",
        obj=meeting,
        before={"status": before},
        after={"results": {str(k): v for k, v in results.items()}, "council_size": size},
        unit_id=meeting.council.unit_id,
    )
    for dossier in dossiers:
        tell(
            users_who_can("decide", meeting.council.unit_id) + authors(dossier),
            actor,
            "meeting.closed",
            _("Hội đồng đã bỏ phiếu về hồ sơ «%(t)s».") % {"t": dossier.title},
            dossier_link(dossier),
        )
    return meeting


@transaction.atomic
def issue_minutes(
    *, actor: Any, meeting: Meeting, version: int | None, number: str = ""
) -> Meeting:
    ensure(actor, "council", meeting.council.unit_id)
    before = move(
        MEETING_MACHINE,
        meeting,
        MeetingStatus.MINUTES_ISSUED,
        actor=actor,
        version=version,
        fields={"minutes_number": clean(number)},
    )
    _audit(actor, meeting, "meeting.minutes_issued", before)
    return meeting


def _audit(actor: Any, meeting: Meeting, action: str, before: str, reason: str = "") -> None:
    record(
        actor=actor,
        action=action,
        obj=meeting,
        before={"status": before},
        after={"status": meeting.status},
        reason=reason,
        unit_id=meeting.council.unit_id,
    )
