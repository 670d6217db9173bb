"""Council screens: councils and their dated members, sittings with agenda, places, attendance,
written opinions, the member's secret ballot paper, the tally of each voting round and its
verification, another round for an award left undecided, the minutes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from tdkt.council import documents, rounds, selectors, services
from tdkt.council.ballot import CHOICE_OF
from tdkt.council.forms import (
    AwardCapForm,
    CouncilForm,
    MeetingForm,
    MemberEndForm,
    MemberForm,
    WrittenOpinionForm,
)
from tdkt.council.models import (
    AgendaItem,
    Attendance,
    Choice,
    Meeting,
    MeetingStatus,
    Membership,
    RoundStatus,
    WrittenOpinion,
)
from tdkt.errors import DomainError
from tdkt.nominations.documents import filename
from tdkt.nominations.forms import ReasonForm
from tdkt.nominations.models import Dossier, DossierStatus, PublicComment
from tdkt.org.models import UnitScope
from tdkt.people.models import Person
from tdkt.web.actions import file_response, post_only, posted_version, run
from tdkt.web.http import bounded_int
from tdkt.workflow.access import access_for, can, get_unit_for_user, require, restrict_units
from tdkt.workflow.reasons import ReasonCode

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def council_list(request: HttpRequest) -> HttpResponse:
    councils = selectors.councils_for(request.user).annotate(
        members=Count(
            "memberships",
            filter=Q(memberships__valid_to__isnull=True)
            | Q(memberships__valid_to__gte=timezone.localdate()),
        )
    )
    manageable = restrict_units(request.user, action="council").filter(dissolved_on__isnull=True)
    person_id = getattr(request.user, "person_id", None)
    member = person_id is not None and Membership.objects.filter(person_id=person_id).exists()
    if not access_for(request.user).can("view") and not member:
        raise Http404
    meetings = selectors.meetings_for(request.user).exclude(status=MeetingStatus.POSTPONED)[:20]
    context = {
        "councils": councils,
        "meetings": meetings,
        "form": CouncilForm(),
        # The unit is chosen with the picker (the search offers the units he may act on).
        "units": manageable.exists(),
        "only_unit": manageable.first() if manageable.count() == 1 else None,
    }
    return render(request, "council/council_list.html", context)


@login_required
def council_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "council")
    if (refused := post_only(request)) is not None:
        return refused
    unit = get_unit_for_user(request.user, request.POST.get("unit"), action="council")
    form = CouncilForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thông tin Hội đồng chưa hợp lệ."))
        return redirect("council:council_list")
    try:
        council = services.create_council(actor=request.user, unit=unit, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("council:council_list")
    messages.success(request, _("Đã thành lập Hội đồng."))
    return redirect("council:council_detail", council.pk)


def _manageable(request: HttpRequest, council: Any) -> None:
    if not can(request.user, "council", council.unit_id):
        raise Http404


@login_required
def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = selectors.get_council_for_user(request.user, pk)
    manage = can(request.user, "council", council.unit_id)
    form = MemberForm(
        people=_people(council),
        within=council.unit_id,
        initial={"valid_from": timezone.localdate()},
    )
    return _render_detail(request, council, form if manage else None)


def _render_detail(
    request: HttpRequest, council: Any, member_form: MemberForm | None, status: int = 200
) -> HttpResponse:
    today = timezone.localdate()
    current = list(services.members_on(council, today))
    accounts = services.accounts_of(current)
    members = [(m, accounts.get(m.person_id)) for m in current]
    context = {
        "council": council,
        "current": current,
        "members": members,
        # Who cannot vote: no account, or a locked one.
        "without_account": sum(1 for _m, a in members if a is None or not a.is_active),
        "past": council.memberships.filter(valid_to__lt=today).select_related("person"),
        "meetings": council.meetings.all(),
        "manage": member_form is not None,
        "member_form": member_form,
        "meeting_form": MeetingForm(initial={"held_on": today}) if member_form else None,
    }
    return render(request, "council/council_detail.html", context, status=status)


def _people(council: Any) -> Any:
    reach = UnitScope.objects.filter(ancestor=council.unit).values("descendant_id")
    return Person.objects.filter(unit__in=reach, left_on__isnull=True).order_by("sort_key")


@login_required
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Adds the member and links or opens the account in the same step; an account opened now
    answers with a page that shows its one-time password once (never a message or a redirect)."""
    council = selectors.get_council_for_user(request.user, pk)
    _manageable(request, council)
    if (refused := post_only(request)) is not None:
        return refused
    form = MemberForm(request.POST, people=_people(council), within=council.unit_id)
    if not form.is_valid():
        return _render_detail(request, council, form, status=400)
    try:
        added = services.add_member_with_account(
            actor=request.user, council=council, **form.cleaned_data
        )
    except DomainError as exc:
        field = "username" if exc.code in {"username", "username_taken", "taken"} else None
        form.add_error(field, exc.message)
        return _render_detail(request, council, form, status=400)
    if added.password:
        response = render(
            request,
            "council/member_account_created.html",
            {"council": council, "added": added},
        )
        response["Cache-Control"] = "no-store"
        return response
    name = added.membership.person.full_name
    if added.account is None:
        messages.warning(
            request,
            _(
                "Đã bổ sung thành viên %(n)s. Thành viên này chưa có tài khoản nên chưa bỏ "
                "phiếu được."
            )
            % {"n": name},
        )
    else:
        messages.success(
            request,
            _("Đã bổ sung thành viên %(n)s (tài khoản %(u)s).")
            % {"n": name, "u": added.account.username},
        )
    return redirect("council:council_detail", pk)


@login_required
def member_end(request: HttpRequest, pk: int) -> HttpResponse:
    council = selectors.get_council_for_user(request.user, pk)
    _manageable(request, council)
    if (refused := post_only(request)) is not None:
        return refused
    form = MemberEndForm(request.POST)
    membership = (
        council.memberships.filter(pk=form.data.get("membership") or 0).first()
        if form.is_valid()
        else None
    )
    if membership is None:
        messages.error(request, _("Hãy nhập ngày kết thúc (dd/mm/yyyy)."))
        return redirect("council:council_detail", pk)
    return run(
        request,
        lambda: services.end_membership(
            actor=request.user, membership=membership, valid_to=form.cleaned_data["valid_to"]
        ),
        _("Đã ghi nhận kết thúc nhiệm kỳ."),
        "council:council_detail",
        pk,
    )


@login_required
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    council = selectors.get_council_for_user(request.user, pk)
    _manageable(request, council)
    if (refused := post_only(request)) is not None:
        return refused
    form = MeetingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thông tin phiên họp chưa hợp lệ (ngày dd/mm/yyyy)."))
        return redirect("council:council_detail", pk)
    try:
        meeting = services.schedule_meeting(
            actor=request.user, council=council, **form.cleaned_data
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("council:council_detail", pk)
    messages.success(request, _("Đã triệu tập phiên họp."))
    return redirect("council:meeting_detail", meeting.pk)


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    council = meeting.council
    manage = can(request.user, "council", council.unit_id)
    members = list(services.members_on(council, meeting.held_on))
    attendance = {a.membership_id: a.present for a in Attendance.objects.filter(meeting=meeting)}
    items = list(
        meeting.items.select_related("candidate__dossier", "candidate__person").annotate(
            voted=Count("participations", distinct=True)
        )
    )
    agenda = {
        "round_blocks": _round_blocks(meeting, items),
        "quorum": services.quorum(meeting),
    }
    match = request.resolver_match
    if request.headers.get("HX-Request") or (match and match.url_name == "meeting_agenda"):
        return render(request, "council/_agenda.html", agenda)
    me = services.membership_of(request.user, meeting)
    status = services.voting_status(meeting, me)
    live = rounds.open_round(meeting)
    current = rounds.current_number(meeting)
    planned = meeting.status == MeetingStatus.PLANNED
    context: dict[str, Any] = {
        **agenda,
        "meeting": meeting,
        "council": council,
        "manage": manage,
        "members": [(m, attendance.get(m.pk)) for m in members],
        "current_items": [i for i in items if i.round_number == current],
        "live_round": live,
        "undecided": rounds.undecided(meeting) if manage else [],
        "caps": meeting.caps.all(),
        "cap_form": AwardCapForm(awards=_agenda_awards(items)) if manage and planned else None,
        "written": WrittenOpinion.objects.filter(item__meeting=meeting).select_related(
            "membership__person", "item__candidate"
        ),
        "absent": [m for m in members if attendance.get(m.pk) is False],
        "transitions": meeting.transitions.all(),
        "status_labels": dict(MeetingStatus.choices),
        "reason_labels": dict(ReasonCode.choices),
        "waiting": _waiting(meeting) if manage and planned else [],
        "me": me,
        "i_can_vote": bool(me)
        and live is not None
        and attendance.get(me.pk if me else 0) is True
        and not all(status.values()),
        # Only the rounds already counted: while a round is open nothing counts its choices.
        "verification": services.verify(meeting) if rounds.counted_numbers(meeting) else [],
        "passphrase_min": services.PASSPHRASE_MIN_LENGTH,
        "reason_form": ReasonForm(initial={"version": meeting.version}),
        "choices": Choice.choices,
        "can_decide": can(request.user, "decide", council.unit_id)
        and meeting.status in (MeetingStatus.CLOSED, MeetingStatus.MINUTES_ISSUED)
        and selectors.awaiting_decision(meeting).exists(),
        "decisions": meeting.decisions.all(),
    }
    return render(request, "council/meeting_detail.html", context)


def _round_blocks(meeting: Meeting, items: Sequence[AgendaItem]) -> list[dict[str, Any]]:
    """The agenda round by round: each round's items with the public comments on each
    candidate, and, once counted, what it left for each award with places."""
    comments = _comment_summary(sorted({i.candidate_id for i in items}))
    by_number = {r.number: r for r in meeting.rounds.all()}
    numbers = sorted({i.round_number for i in items} | set(by_number))
    return [
        {
            "number": n,
            "round": by_number.get(n),
            "items": [(i, comments.get(i.candidate_id, {})) for i in items if i.round_number == n],
            "lines": rounds.cap_lines(meeting, n)
            if n in by_number and by_number[n].status == RoundStatus.COUNTED
            else [],
            "many": len(numbers) > 1,
        }
        for n in numbers
    ]


def _agenda_awards(items: Sequence[AgendaItem]) -> list[tuple[str, str]]:
    return sorted({(i.candidate.award, i.candidate.get_award_display()) for i in items})


def _comment_summary(candidate_ids: list[int]) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = {}
    rows = (
        PublicComment.objects.filter(candidate_id__in=candidate_ids)
        .values("candidate_id", "stance")
        .annotate(n=Count("id"))
    )
    for row in rows:
        out.setdefault(row["candidate_id"], {})[row["stance"]] = row["n"]
    return out


def _waiting(meeting: Meeting) -> list[Dossier]:
    return list(
        Dossier.objects.filter(
            status=DossierStatus.COUNCIL_REVIEW, receiver=meeting.council.unit
        ).exclude(candidates__agenda_items__meeting=meeting)
    )


@login_required
def meeting_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda with who has voted so far (a count, never a choice): the sitting page polls it
    with HTMX while the vote is open."""
    return meeting_detail(request, pk)


@login_required
def meeting_agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    _manageable(request, meeting.council)
    if (refused := post_only(request)) is not None:
        return refused
    dossier = Dossier.objects.filter(
        pk=request.POST.get("dossier") or 0, receiver=meeting.council.unit
    ).first()
    if dossier is None:
        raise Http404
    return run(
        request,
        lambda: services.add_to_agenda(
            actor=request.user, meeting=meeting, dossier=dossier, version=posted_version(request)
        ),
        _("Đã đưa hồ sơ vào chương trình phiên họp."),
        "council:meeting_detail",
        pk,
    )


@login_required
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    _manageable(request, meeting.council)
    if (refused := post_only(request)) is not None:
        return refused
    present = {n for v in request.POST.getlist("present") if (n := bounded_int(v)) is not None}
    return run(
        request,
        lambda: services.record_attendance(
            actor=request.user, meeting=meeting, version=posted_version(request), present=present
        ),
        _("Đã điểm danh."),
        "council:meeting_detail",
        pk,
    )


@login_required
def meeting_written(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    _manageable(request, meeting.council)
    if (refused := post_only(request)) is not None:
        return refused
    form = WrittenOpinionForm(request.POST)
    membership = Membership.objects.filter(
        council=meeting.council, pk=form.data.get("membership") or 0
    ).first()
    item = meeting.items.filter(pk=form.data.get("item") or 0).first()
    if not form.is_valid() or membership is None or item is None:
        messages.error(request, _("Ý kiến bằng văn bản chưa hợp lệ."))
        return redirect("council:meeting_detail", pk)
    return run(
        request,
        lambda: services.record_written_opinion(
            actor=request.user,
            meeting=meeting,
            membership=membership,
            item=item,
            choice=form.cleaned_data["choice"],
        ),
        _("Đã ghi nhận ý kiến bằng văn bản."),
        "council:meeting_detail",
        pk,
    )


def _meeting_move(
    request: HttpRequest, pk: int, service: Any, success: str, *posted: str
) -> HttpResponse:
    """A move of the sitting by whoever runs the council: `service` gets the version the page
    showed and the `posted` fields as they came."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    _manageable(request, meeting.council)
    if (refused := post_only(request)) is not None:
        return refused
    fields = {name: request.POST.get(name, "") for name in posted}
    version = posted_version(request)
    return run(
        request,
        lambda: service(actor=request.user, meeting=meeting, version=version, **fields),
        success,
        "council:meeting_detail",
        pk,
    )


@sensitive_post_parameters("passphrase", "passphrase_again")
@login_required
def meeting_open(request: HttpRequest, pk: int) -> HttpResponse:
    opened = _(
        "Đã khai mạc phiên họp; thành viên có mặt có thể bỏ phiếu kín. Hãy giữ cụm mật khẩu "
        "kiểm phiếu: không có nó thì không kiểm phiếu được."
    )
    return _meeting_move(
        request, pk, services.open_meeting, opened, "passphrase", "passphrase_again"
    )


@sensitive_post_parameters("passphrase", "passphrase_again")
@login_required
def meeting_restart(request: HttpRequest, pk: int) -> HttpResponse:
    restarted = _(
        "Đã mở lại phiên bỏ phiếu; các phiếu đã bỏ bị hủy, thành viên có mặt bỏ phiếu lại."
    )
    fields = ("passphrase", "passphrase_again", "reason")
    return _meeting_move(request, pk, services.restart_vote, restarted, *fields)


@login_required
def meeting_postpone(request: HttpRequest, pk: int) -> HttpResponse:
    postponed = _("Đã hoãn phiên họp.")
    fields = ("reason_code", "reason")
    return _meeting_move(request, pk, services.postpone_meeting, postponed, *fields)


@sensitive_post_parameters("passphrase")
@login_required
def meeting_close(request: HttpRequest, pk: int) -> HttpResponse:
    closed = _("Đã kết thúc bỏ phiếu và kiểm phiếu.")
    return _meeting_move(request, pk, services.close_meeting, closed, "passphrase")


@login_required
def meeting_end(request: HttpRequest, pk: int) -> HttpResponse:
    ended = _("Đã kết thúc phiên họp; kết quả của từng người, tập thể là kết quả vòng cuối.")
    return _meeting_move(request, pk, services.end_meeting, ended)


@sensitive_post_parameters("passphrase", "passphrase_again")
@login_required
def meeting_round(request: HttpRequest, pk: int) -> HttpResponse:
    """Bỏ phiếu vòng tiếp theo on the candidates ticked among those the last round left
    undecided, under a passphrase for the new round."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    _manageable(request, meeting.council)
    if (refused := post_only(request)) is not None:
        return refused
    picked = [n for v in request.POST.getlist("candidates") if (n := bounded_int(v)) is not None]
    return run(
        request,
        lambda: services.open_next_round(
            actor=request.user,
            meeting=meeting,
            version=posted_version(request),
            candidates=picked,
            passphrase=request.POST.get("passphrase", ""),
            passphrase_again=request.POST.get("passphrase_again", ""),
        ),
        _("Đã mở bỏ phiếu kín vòng tiếp theo; thành viên có mặt bỏ phiếu lại cho vòng này."),
        "council:meeting_detail",
        pk,
    )


@login_required
def meeting_cap(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    _manageable(request, meeting.council)
    if (refused := post_only(request)) is not None:
        return refused
    items = list(meeting.items.select_related("candidate"))
    form = AwardCapForm(request.POST, awards=_agenda_awards(items))
    if not form.is_valid():
        messages.error(request, _("Số lượng tối đa chưa hợp lệ."))
        return redirect("council:meeting_detail", pk)
    return run(
        request,
        lambda: services.set_award_cap(
            actor=request.user,
            meeting=meeting,
            version=posted_version(request),
            **form.cleaned_data,
        ),
        _("Đã lưu số lượng tối đa được thông qua."),
        "council:meeting_detail",
        pk,
    )


@login_required
def meeting_minutes_issue(request: HttpRequest, pk: int) -> HttpResponse:
    issued = _("Đã ban hành biên bản.")
    return _meeting_move(request, pk, services.issue_minutes, issued, "number")


# The paper's choices travel as one-digit codes: the request is as long whatever is chosen.
PAPER_CHOICES = [(str(code), Choice(choice).label) for code, choice in sorted(CHOICE_OF.items())]
PAPER_CODES = {str(code): choice for code, choice in CHOICE_OF.items()}


def _posted_choices(request: HttpRequest) -> dict[int, str]:
    choices = {}
    for key, value in request.POST.items():
        number = bounded_int(key.removeprefix("item_"))
        if key.startswith("item_") and number is not None and value:
            choices[number] = PAPER_CODES.get(str(value), "?")
    return choices


@sensitive_post_parameters()
@login_required
def ballot(request: HttpRequest, pk: int) -> HttpResponse:
    """The member's own ballot paper: the agenda items not voted on yet. After voting it shows
    that the vote was received, never what it was."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    me = services.membership_of(request.user, meeting)
    if me is None:
        raise Http404
    if request.method == "POST":
        choices = _posted_choices(request)
        return run(
            request,
            lambda: services.cast_votes(actor=request.user, meeting=meeting, choices=choices),
            _("Phiếu của bạn đã được ghi nhận. Phiếu kín: không ai xem được bạn đã chọn gì."),
            "council:ballot",
            pk,
        )
    status = services.voting_status(meeting, me)
    present = Attendance.objects.filter(meeting=meeting, membership=me, present=True).exists()
    live = rounds.open_round(meeting)
    # Only the open round's items: a paper of an earlier round is neither shown nor reused.
    items = list(rounds.current_items(meeting).select_related("candidate")) if live else []
    context = {
        "meeting": meeting,
        "me": me,
        "present": present,
        "live_round": live,
        "todo": [i for i in items if not status.get(i.pk)],
        "done": [i for i in items if status.get(i.pk)],
        "choices": PAPER_CHOICES,
    }
    return render(request, "council/ballot.html", context)


@login_required
def minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    content = documents.minutes_docx(meeting)
    name = filename("bien-ban-hop-hoi-dong", f"{meeting.council.unit.code} phien {meeting.number}")
    return file_response(content, name, DOCX)
