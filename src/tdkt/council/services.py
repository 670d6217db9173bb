"""The council's business events: its dated membership, a sitting's agenda, places and
attendance, the opening, the count of each voting round with the tally on the whole membership,
another round when an award with places is left undecided, the close and the minutes. The secret
ballot itself is in `council.ballot`, the rounds' tally and ranking in `council.rounds`; reads
(members on a day, quorum) in `council.selectors`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from tdkt.accounts import services as account_services
from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.accounts.onboarding import propose_username
from tdkt.audit.services import record
from tdkt.council import rounds
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
    AwardCap,
    Choice,
    Council,
    Meeting,
    MeetingStatus,
    MeetingTransition,
    MemberRole,
    Membership,
    RoundStatus,
    VotingRound,
    WrittenOpinion,
)
from tdkt.council.selectors import QUORUM, Quorum, members_on, membership_of, quorum  # noqa: F401

# The ballot and the reads above are re-exported: callers of the council's services use them.
from tdkt.eligibility.parameters import current_parameters
from tdkt.errors import Conflict, InvalidData, TransitionNotAllowed
from tdkt.nominations.followers import authors
from tdkt.nominations.followers import link as dossier_link
from tdkt.nominations.models import CouncilResult, Dossier, DossierStatus
from tdkt.nominations.services import moves
from tdkt.nominations.services.publicity import comment_state
from tdkt.notifications.services import users_who_can
from tdkt.org.models import Unit, UnitScope
from tdkt.people.models import Person
from tdkt.records.models import AWARD_CHOICES
from tdkt.text import clean
from tdkt.workflow import clock
from tdkt.workflow.access import ensure_can
from tdkt.workflow.locking import bump_version
from tdkt.workflow.machine import Machine, check_move, move, user_or_none
from tdkt.workflow.notices import Notice, send
from tdkt.workflow.reasons import clean_text

MEETING_MACHINE = Machine(
    MEETING_TRANSITIONS,
    MeetingStatus,
    MeetingTransition,
    "meeting",
    "phiên họp",
    MEETING_NEEDS_REASON,
)
QUORUM_CITATION = _("Quy chế mẫu của Hội đồng (tối thiểu 2/3 tổng số thành viên có mặt)")


def link(meeting: Meeting) -> str:
    return reverse("council:meeting_detail", args=[meeting.pk])


# --- councils and membership ---------------------------------------------------------------------


@transaction.atomic
def create_council(
    *, actor: Any, unit: Unit, name: str, established_on: dt.date, decision_ref: str = ""
) -> Council:
    ensure_can(actor, "council", unit.pk)
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


def add_member(*, actor: Any, council: Council, person: Person, **terms: Any) -> Membership:
    """`add_member_with_account` (the same terms: role, valid_from, title, valid_to), for whoever
    needs only the membership: a member who already has an account is given the council
    member's role on the council's unit in the same step."""
    return add_member_with_account(actor=actor, council=council, person=person, **terms).membership


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
    ensure_can(actor, "council", council.unit_id)
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
    ensure_can(actor, "council", membership.council.unit_id)
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
    ensure_can(actor, "council", council.unit_id)
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
        created_by=user_or_none(actor),
    )
    _audit(actor, meeting, "meeting.scheduled", after={"number": number, "held_on": held_on})
    members = members_on(council, held_on).select_related("person__account")
    invitation = _("Triệu tập phiên họp %(m)s, tại %(p)s.") % {
        "m": str(meeting),
        "p": meeting.place or "—",
    }
    accounts = [getattr(m.person, "account", None) for m in members]
    send(Notice(accounts, "meeting.scheduled", invitation, link(meeting)), actor=actor)
    return meeting


def _manage(actor: Any, meeting: Meeting, *statuses: str) -> None:
    """The council right on the sitting's unit, and the sitting in one of `statuses` if given."""
    ensure_can(actor, "council", meeting.council.unit_id)
    if statuses:
        _require_status(meeting, *statuses)


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
    _manage(actor, meeting, MeetingStatus.PLANNED)
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
    added = {"dossier": dossier.code, "candidates": [i.candidate.name for i in items]}
    _audit(actor, meeting, "meeting.agenda_set", after=added)
    return items


@transaction.atomic
def record_attendance(
    *, actor: Any, meeting: Meeting, version: int | None, present: set[int]
) -> Meeting:
    """`present`: the membership ids of the members in the room; every other member is absent."""
    _manage(actor, meeting, MeetingStatus.PLANNED)
    members = list(members_on(meeting.council, meeting.held_on))
    unknown = set(present) - {m.pk for m in members}
    if unknown:
        raise InvalidData(_("Có người không phải thành viên Hội đồng vào ngày họp."))
    bump_version(meeting, version)
    for m in members:
        Attendance.objects.update_or_create(
            meeting=meeting, membership=m, defaults={"present": m.pk in present}
        )
    counted = {"present": len(present), "members": len(members)}
    _audit(actor, meeting, "meeting.attendance_recorded", after=counted)
    return meeting


@transaction.atomic
def record_written_opinion(
    *, actor: Any, meeting: Meeting, membership: Membership, item: AgendaItem, choice: str
) -> WrittenOpinion:
    _manage(actor, meeting, MeetingStatus.PLANNED, MeetingStatus.OPEN)
    if item.meeting_id != meeting.pk or choice not in Choice.values:
        raise InvalidData(_("Ý kiến không hợp lệ."))
    live = rounds.open_round(meeting)
    if meeting.status == MeetingStatus.OPEN and (live is None or live.number != item.round_number):
        raise InvalidData(
            _("Chỉ ghi nhận ý kiến bằng văn bản về vòng bỏ phiếu đang mở."), code="round_counted"
        )
    absent = Attendance.objects.filter(meeting=meeting, membership=membership, present=False)
    if not absent.exists():
        raise InvalidData(_("Chỉ thành viên vắng mặt (đã điểm danh) mới gửi ý kiến bằng văn bản."))
    try:
        with transaction.atomic():
            opinion = WrittenOpinion.objects.create(item=item, membership=membership, choice=choice)
    except IntegrityError as exc:
        raise Conflict(_("Đã ghi nhận ý kiến của thành viên này.")) from exc
    _audit(
        actor,
        meeting,
        "meeting.written_opinion",
        after={
            "member": membership.person.full_name,
            "candidate": item.candidate.name,
            "choice": choice,
        },
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
    now: dt.datetime | None = None,
) -> Meeting:
    """Open the sitting and round 1 of its secret ballot on the whole agenda: on or after its day,
    attendance taken, quorum reached, every agenda item still in council review with its comment
    period over. The passphrase (never stored) wraps the round's ballot key and is needed again at
    the count."""
    _manage(actor, meeting)
    check_move(MEETING_MACHINE, meeting, MeetingStatus.OPEN, version=version)
    moment = clock.now(now)
    if clock.today(moment) < meeting.held_on:
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
    opening = {"council_size": size, "opened_at": moment}
    _move(actor, meeting, MeetingStatus.OPEN, version=version, now=moment, fields=opening)
    AgendaItem.objects.filter(meeting=meeting).update(council_size=size)
    _start_round(actor, meeting, 1, moment, text)
    _tell_voters(
        meeting, actor, "meeting.opened", _("Phiên họp %(m)s đã mở bỏ phiếu kín.") % {"m": meeting}
    )
    return meeting


@sensitive_variables("passphrase")
def _start_round(
    actor: Any, meeting: Meeting, number: int, moment: dt.datetime, passphrase: str
) -> VotingRound:
    """Round `number` on its agenda items (already written): opened through the kernel, with a
    new ballot key under `passphrase`, audited."""
    voting = VotingRound.objects.create(meeting=meeting, number=number)
    opened = {"opened_at": moment}
    move(rounds.ROUND_MACHINE, voting, RoundStatus.OPEN, actor=actor, now=moment, fields=opened)
    new_key(meeting, passphrase)
    names = list(rounds.round_items(meeting, number).values_list("candidate__name", flat=True))
    _audit(actor, meeting, "meeting.round_opened", after={"round": number, "candidates": names})
    return voting


def _live_round(meeting: Meeting) -> VotingRound:
    live = rounds.open_round(meeting)
    if live is None:
        raise TransitionNotAllowed(_("Không có vòng bỏ phiếu nào đang mở."), code="no_open_round")
    return live


def _tell_voters(meeting: Meeting, actor: Any, action: str, text: str) -> None:
    voters = [
        getattr(a.membership.person, "account", None)
        for a in meeting.attendance.filter(present=True).select_related("membership__person")
    ]
    send(Notice(voters, action, text, reverse("council:ballot", args=[meeting.pk])), actor=actor)


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
    open round is run again. Every vote cast in it, sealed, and who cast it are discarded (the
    rounds already counted keep theirs); a new key is wrapped under the new passphrase; the
    present members are told to vote again."""
    _manage(actor, meeting)
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
    live = _live_round(meeting)
    discarded = discard_ballots(meeting, live.number)
    new_key(meeting, text)
    discarded_votes = {"round": live.number, "discarded_votes": discarded}
    _audit(actor, meeting, "meeting.vote_restarted", after=discarded_votes, reason=reason)
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
    _manage(actor, meeting)
    why: dict[str, Any] = {"reason_code": reason_code, "reason": reason}
    return _move(actor, meeting, MeetingStatus.POSTPONED, version=version, **why)


@sensitive_variables("passphrase")
@transaction.atomic
def close_meeting(*, actor: Any, meeting: Meeting, version: int | None, passphrase: str) -> Meeting:
    """End the vote of the open round: open its sealed ballots with the passphrase set when it
    opened (a wrong one changes nothing), count them with the written opinions against the whole
    membership with the award's threshold on the day of the sitting, and rank the candidates of
    an award with places. The sitting then closes and each candidate's result goes to the
    dossier, unless the round left such an award undecided (tied at the boundary of its places,
    or nobody passed): the sitting then stays open for another round (`open_next_round`) or its
    end (`end_meeting`)."""
    _manage(actor, meeting)
    check_move(MEETING_MACHINE, meeting, MeetingStatus.CLOSED, version=version)
    live = _live_round(meeting)
    counts = count_ballots(meeting=meeting, passphrase=passphrase)
    took_part = rounds.round_items(meeting, live.number).annotate(n=Count("participations"))
    for item in took_part:
        if sum(counts.get(item.pk, (0, 0))) != item.n:
            raise Conflict(_("Số phiếu không khớp số thành viên đã bỏ phiếu."), code="tally")
    results = rounds.tally_round(meeting, live.number, counts, current_parameters())
    moment = clock.now()
    counted = {"counted_at": moment}
    move(rounds.ROUND_MACHINE, live, RoundStatus.COUNTED, actor=actor, now=moment, fields=counted)
    _audit(
        actor,
        meeting,
        "meeting.round_counted",
        after={"round": live.number, "results": {str(k): v for k, v in results.items()}},
    )
    if rounds.undecided(meeting):
        bump_version(meeting, version)
        return meeting
    return _finish(actor, meeting, version)


@transaction.atomic
def end_meeting(*, actor: Any, meeting: Meeting, version: int | None) -> Meeting:
    """Kết thúc phiên họp between rounds, without another one: an award the last round left
    undecided stays as that round left it (whoever did not pass within the places is not
    passed), and the results go to the dossiers."""
    _manage(actor, meeting)
    check_move(MEETING_MACHINE, meeting, MeetingStatus.CLOSED, version=version)
    live = rounds.open_round(meeting)
    if live is not None:
        raise TransitionNotAllowed(
            _("Vòng %(n)s đang bỏ phiếu: hãy kiểm phiếu trước khi kết thúc phiên họp.")
            % {"n": live.number},
            code="round_open",
        )
    return _finish(actor, meeting, version)


def _finish(actor: Any, meeting: Meeting, version: int | None) -> Meeting:
    """Close the sitting: each candidate's result is that of the last round he or she was in."""
    moment = clock.now()
    closing = {"closed_at": moment}
    before = move(
        MEETING_MACHINE, meeting, MeetingStatus.CLOSED, actor=actor, version=version, fields=closing
    )
    results = rounds.final_results(meeting)
    dossiers = moves.record_council_results(actor=actor, results=results)
    _audit(
        actor,
        meeting,
        "meeting.closed",
        before={"status": before},
        after={
            "results": {str(k): v for k, v in results.items()},
            "council_size": meeting.council_size or 0,
            "rounds": rounds.current_number(meeting),
        },
    )
    deciders = users_who_can("decide", meeting.council.unit_id)
    for dossier in dossiers:
        voted = _("Hội đồng đã bỏ phiếu về hồ sơ «%(t)s».") % {"t": dossier.title}
        notice = Notice(deciders + authors(dossier), "meeting.closed", voted, dossier_link(dossier))
        send(notice, actor=actor)
    return meeting


@sensitive_variables("passphrase", "passphrase_again")
@transaction.atomic
def open_next_round(
    *,
    actor: Any,
    meeting: Meeting,
    version: int | None,
    candidates: Collection[int],
    passphrase: str,
    passphrase_again: str | None = None,
    now: dt.datetime | None = None,
) -> VotingRound:
    """Bỏ phiếu vòng tiếp theo at the same sitting, on the `candidates` (ids) the secretary picks
    among those the last round left undecided (not passed, for an award whose places were
    exceeded at a tie or that nobody reached). The round has its own agenda items, its own key
    under `passphrase` (typed twice, never stored) and its own count; absent members' written
    opinions are given for it anew. Refused while another round is open or once the sitting is
    closed."""
    _manage(actor, meeting)
    bump_version(meeting, version)
    meeting.refresh_from_db(fields=["status"])
    if meeting.status != MeetingStatus.OPEN:
        raise TransitionNotAllowed(
            _("Phiên họp đang ở trạng thái «%(s)s»: không mở thêm vòng bỏ phiếu.")
            % {"s": meeting.get_status_display()},
            code="invalid_transition",
        )
    live = rounds.open_round(meeting)
    if live is not None:
        raise Conflict(
            _("Vòng %(n)s đang bỏ phiếu: chỉ mở vòng tiếp theo sau khi kiểm phiếu vòng này.")
            % {"n": live.number},
            code="round_open",
        )
    remaining = {i.candidate_id: i for line in rounds.undecided(meeting) for i in line.remaining}
    _check_picked(set(candidates), remaining)
    text = checked_passphrase(passphrase, passphrase_again)
    number = rounds.current_number(meeting) + 1
    for item in sorted((remaining[c] for c in set(candidates)), key=lambda i: (i.order, i.pk)):
        AgendaItem.objects.create(
            meeting=meeting,
            candidate=item.candidate,
            round_number=number,
            order=item.order,
            council_size=meeting.council_size,
        )
    voting = _start_round(actor, meeting, number, clock.now(now), text)
    _tell_voters(
        meeting,
        actor,
        "meeting.round_opened",
        _("Phiên họp %(m)s mở bỏ phiếu kín vòng %(n)s.") % {"m": meeting, "n": number},
    )
    return voting


def _check_picked(picked: set[int], remaining: dict[int, AgendaItem]) -> None:
    if not remaining:
        raise TransitionNotAllowed(
            _("Vòng bỏ phiếu vừa kiểm không để lại danh hiệu, hình thức nào chưa quyết định."),
            code="nothing_undecided",
        )
    if not picked:
        raise InvalidData(
            _("Hãy chọn ít nhất một người, tập thể để bỏ phiếu vòng tiếp theo."),
            code="candidates",
        )
    if picked - set(remaining):
        raise InvalidData(
            _(
                "Chỉ bỏ phiếu vòng tiếp theo đối với người, tập thể chưa được thông qua của danh "
                "hiệu, hình thức chưa quyết định ở vòng vừa kiểm phiếu."
            ),
            code="candidates",
        )
    for item in remaining.values():
        if (
            item.candidate_id in picked
            and item.candidate.dossier.status != DossierStatus.COUNCIL_REVIEW
        ):
            raise TransitionNotAllowed(
                _("Hồ sơ %(c)s không còn ở Hội đồng.") % {"c": item.candidate.dossier.code},
                code="invalid_transition",
            )


AWARD_LABELS = dict(AWARD_CHOICES)
CAP_MAX = 999


@transaction.atomic
def set_award_cap(
    *,
    actor: Any,
    meeting: Meeting,
    version: int | None,
    award: str,
    places: int | None,
    basis: str = "",
) -> AwardCap | None:
    """Số lượng tối đa: how many candidates for `award` the sitting may pass, set while it is
    planned (before the vote: places never move once tallies are known); empty or 0 removes
    it."""
    _manage(actor, meeting, MeetingStatus.PLANNED)
    if not meeting.items.filter(candidate__award=award).exists():
        raise InvalidData(
            _("Chương trình phiên họp không có đề nghị %(a)s.")
            % {"a": AWARD_LABELS.get(award, award)},
            code="award",
        )
    if places is not None and not 0 <= places <= CAP_MAX:
        raise InvalidData(_("Số lượng tối đa phải từ 1 đến %(n)s.") % {"n": CAP_MAX}, code="places")
    bump_version(meeting, version)
    old = AwardCap.objects.filter(meeting=meeting, award=award).first()
    cap = None
    if places:
        defaults = {"places": places, "basis": clean(basis)[:300]}
        cap, _created = AwardCap.objects.update_or_create(
            meeting=meeting, award=award, defaults=defaults
        )
    elif old is not None:
        old.delete()
    _audit(
        actor,
        meeting,
        "meeting.cap_set",
        before={"award": award, "places": old.places if old else None},
        after={"award": award, "places": places or None, "basis": cap.basis if cap else ""},
    )
    return cap


@transaction.atomic
def issue_minutes(
    *, actor: Any, meeting: Meeting, version: int | None, number: str = ""
) -> Meeting:
    _manage(actor, meeting)
    minutes = {"minutes_number": clean(number)}
    return _move(actor, meeting, MeetingStatus.MINUTES_ISSUED, version=version, fields=minutes)


# The audit action of each move made by `_move`.
MOVED = {
    MeetingStatus.OPEN: "meeting.opened",
    MeetingStatus.POSTPONED: "meeting.postponed",
    MeetingStatus.MINUTES_ISSUED: "meeting.minutes_issued",
}


def _move(
    actor: Any,
    meeting: Meeting,
    to: str,
    *,
    version: int | None,
    now: dt.datetime | None = None,
    reason_code: str = "",
    reason: str = "",
    fields: dict[str, Any] | None = None,
) -> Meeting:
    """Move the sitting and write the audit entry of the move (the caller checked the right)."""
    before = move(
        MEETING_MACHINE,
        meeting,
        to,
        actor=actor,
        now=now,
        version=version,
        reason_code=reason_code,
        reason=reason,
        fields=fields,
    )
    _audit(
        actor,
        meeting,
        MOVED[MeetingStatus(to)],
        before={"status": before},
        after={"status": meeting.status},
        reason=clean_text(reason),
    )
    return meeting


def _audit(actor: Any, meeting: Meeting, action: str, **change: Any) -> None:
    record(actor=actor, action=action, obj=meeting, unit_id=meeting.council.unit_id, **change)
