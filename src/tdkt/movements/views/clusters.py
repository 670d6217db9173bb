"""The cluster's page of the year: members and leaders, pledge, scoring sheet, score entry per
member, ranking (own score excluded, ties shown), score history, and the flag vote."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.documents.xlsx import xlsx_response
from tdkt.errors import DomainError
from tdkt.movements import selectors
from tdkt.movements.forms import (
    BallotForm,
    CriterionFormSet,
    LeadersForm,
    OpenScoringForm,
    PledgeForm,
    ScoreForm,
    SheetNoteForm,
    criterion_items,
)
from tdkt.movements.models import (
    BallotStatus,
    FlagBallot,
    Pledge,
    ScoreSheet,
    SheetStatus,
)
from tdkt.movements.services import clusters as services
from tdkt.org.models import Cluster, ClusterRole, Unit
from tdkt.web.actions import post_only, posted_version, run
from tdkt.web.pagination import paginate


@login_required
def cluster_work(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = selectors.get_cluster_for_user(request.user, pk)
    manage = selectors.can_manage_cluster(request.user, cluster)
    acting = selectors.acting_units(request.user, cluster)
    memberships = list(
        cluster.memberships.select_related("unit").order_by("role", "unit__sort_key")
    )
    members = [m.unit for m in memberships]
    sheet = ScoreSheet.objects.filter(cluster=cluster).first()
    pledge = Pledge.objects.filter(cluster=cluster).first()
    signed = set(pledge.signatures.values_list("unit_id", flat=True)) if pledge else set()
    ballots = list(FlagBallot.objects.filter(cluster=cluster).select_related("candidate"))
    open_ballot = next((b for b in ballots if b.status == BallotStatus.OPEN), None)
    standings = selectors.ranking(sheet) if sheet else []
    voted = set(open_ballot.votes.values_list("voter_id", flat=True)) if open_ballot else set()
    grid_members, totals = selectors.score_grid(sheet) if sheet else ([], {})
    today = timezone.localdate()
    context = {
        "cluster": cluster,
        "memberships": memberships,
        "recognised": {u.pk: services.recognised_in(u, cluster.year - 1) for u in members},
        "manage": manage,
        "acting": acting,
        "leaders_form": LeadersForm(members=members, initial=_leaders(memberships))
        if manage
        else None,
        "pledge": pledge,
        "signatures": pledge.signatures.select_related("unit") if pledge else [],
        "to_sign": [u for u in acting if u.pk not in signed] if pledge else [],
        "sheet": sheet,
        "criteria": selectors.criteria_of(sheet) if sheet else [],
        "max_total": selectors.max_total(sheet) if sheet else None,
        "scoring_open": bool(
            sheet
            and sheet.status == SheetStatus.OPEN
            and sheet.deadline
            and today <= sheet.deadline
        ),
        "open_form": OpenScoringForm(initial={"version": sheet.version if sheet else None}),
        "grid_members": grid_members,
        "grid": [
            (scorer, [totals.get((scorer.pk, scored.pk)) for scored in grid_members])
            for scorer in grid_members
        ],
        "standings": standings,
        "ballots": [(b, services.ballot_result(b, today)) for b in ballots],
        "open_ballot": open_ballot,
        "to_vote": [u for u in acting if u.pk not in voted] if open_ballot else [],
        "to_confirm": _to_confirm(sheet, acting) if sheet else [],
        "ballot_form": BallotForm(
            members=members,
            initial={
                "candidate": standings[0].unit.pk if standings and standings[0].rank == 1 else None
            },
        )
        if manage and not open_ballot
        else None,
    }
    return render(request, "movements/cluster_work.html", context)


@login_required
def cluster_leaders(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = _managed(request, pk)
    if (refused := post_only(request)) is not None:
        return refused
    members = {m.unit_id: m.unit for m in cluster.memberships.select_related("unit")}
    form = LeadersForm(request.POST, members=list(members.values()))
    if not form.is_valid():
        messages.error(request, _("Hãy chọn cụm trưởng trong các đơn vị thành viên."))
        return redirect("movements:cluster_work", pk=cluster.pk)
    head = members.get(form.cleaned_data["head"])
    deputy = members.get(form.cleaned_data["deputy"]) if form.cleaned_data.get("deputy") else None
    return run(
        request,
        lambda: services.appoint_cluster_leaders(
            actor=request.user, cluster=cluster, head=head, deputy=deputy
        ),
        _("Đã phân công cụm trưởng, cụm phó."),
        "movements:cluster_work",
        cluster.pk,
    )


@login_required
def pledge_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = _managed(request, pk)
    pledge = Pledge.objects.filter(cluster=cluster).first()
    initial: dict[str, Any] = (
        {
            "title": pledge.title,
            "content": pledge.content,
            "signed_on": pledge.signed_on,
            "place": pledge.place,
            "version": pledge.version,
        }
        if pledge
        else {
            "title": _("Giao ước thi đua năm %(y)s của %(c)s")
            % {"y": cluster.year, "c": cluster.name}
        }
    )
    form = PledgeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.save_pledge(
                actor=request.user,
                cluster=cluster,
                title=d["title"],
                content=d["content"],
                signed_on=d.get("signed_on"),
                place=d.get("place") or "",
                version=d.get("version"),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu giao ước thi đua."))
            return redirect("movements:cluster_work", pk=cluster.pk)
    return render(request, "movements/pledge_form.html", {"cluster": cluster, "form": form})


@login_required
def pledge_sign(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = selectors.get_cluster_for_user(request.user, pk)
    if (refused := post_only(request)) is not None:
        return refused
    unit = _acting(request, cluster, request.POST.get("don_vi"))
    pledge = Pledge.objects.filter(cluster=cluster).first()
    if pledge is None:
        raise Http404
    return run(
        request,
        lambda: services.sign_pledge(actor=request.user, pledge=pledge, unit=unit),
        _("%(u)s đã ký giao ước thi đua.") % {"u": unit.name},
        "movements:cluster_work",
        cluster.pk,
    )


@login_required
def sheet_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = _managed(request, pk)
    sheet = ScoreSheet.objects.filter(cluster=cluster).first()
    if sheet is not None and sheet.status != SheetStatus.DRAFT:
        messages.error(request, _("Bảng chấm điểm đã mở chấm: không sửa tiêu chí được."))
        return redirect("movements:cluster_work", pk=cluster.pk)
    source: list[Any] = list(sheet.criteria.all()) if sheet else []
    note = sheet.note if sheet else ""
    if not source:
        previous = selectors.previous_sheet(cluster)
        source = list(previous.criteria.all()) if previous else list(services.DEFAULT_CRITERIA)
        note = note or (previous.note if previous else "")
    rows = [
        {"group": c.group, "name": c.name, "max_points": c.max_points, "weight": c.weight}
        for c in source
    ]
    note_form = SheetNoteForm(
        request.POST or None, initial={"note": note, "version": sheet.version if sheet else None}
    )
    formset = CriterionFormSet(request.POST or None, prefix="tc", initial=rows)
    if request.method == "POST" and note_form.is_valid() and formset.is_valid():
        try:
            services.define_sheet(
                actor=request.user,
                cluster=cluster,
                criteria=criterion_items(formset),
                note=note_form.cleaned_data.get("note") or "",
                version=note_form.cleaned_data.get("version"),
            )
        except DomainError as exc:
            note_form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu bảng chấm điểm."))
            return redirect("movements:cluster_work", pk=cluster.pk)
    return render(
        request,
        "movements/sheet_form.html",
        {"cluster": cluster, "form": note_form, "formset": formset, "copied": sheet is None},
    )


@login_required
def sheet_open(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = _managed(request, pk)
    if (refused := post_only(request)) is not None:
        return refused
    sheet = _sheet(cluster)
    form = OpenScoringForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập hạn chấm điểm (dd/mm/yyyy)."))
        return redirect("movements:cluster_work", pk=cluster.pk)
    return run(
        request,
        lambda: services.open_scoring(
            actor=request.user,
            sheet=sheet,
            deadline=form.cleaned_data["deadline"],
            version=form.cleaned_data.get("version"),
        ),
        _("Đã mở chấm điểm thi đua."),
        "movements:cluster_work",
        cluster.pk,
    )


@login_required
def sheet_lock(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = _managed(request, pk)
    if (refused := post_only(request)) is not None:
        return refused
    sheet = _sheet(cluster)
    return run(
        request,
        lambda: services.lock_sheet(
            actor=request.user, sheet=sheet, version=posted_version(request)
        ),
        _("Đã khóa bảng chấm điểm; thứ hạng được giữ nguyên."),
        "movements:cluster_work",
        cluster.pk,
    )


@login_required
def score_entry(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """A member scores in its own name. The organiser may enter a member's scores for it (from
    the member's signed sheet): they wait for the member's confirmation."""
    cluster = selectors.get_cluster_for_user(request.user, pk)
    acting = selectors.acting_units(request.user, cluster)
    manage = selectors.can_manage_cluster(request.user, cluster)
    members = [m.unit for m in cluster.memberships.select_related("unit")]
    scorers = acting + [u for u in members if manage and u not in acting]
    if not scorers:
        raise Http404
    scored = _member(cluster, unit_pk)
    wanted = request.POST.get("thay") or request.GET.get("thay") or str(scorers[0].pk)
    scorer = next((u for u in scorers if str(u.pk) == wanted), None)
    if scorer is None:
        raise Http404
    sheet = _sheet(cluster)
    criteria = selectors.criteria_of(sheet)
    existing = selectors.scores_of(sheet, scorer, scored)
    initial: dict[str, Any] = {}
    for c in criteria:
        if c.pk in existing:
            initial[f"c_{c.pk}"] = existing[c.pk].points
            initial[f"e_{c.pk}"] = existing[c.pk].explanation
    form = ScoreForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_scores(
                actor=request.user,
                sheet=sheet,
                scorer=scorer,
                scored=scored,
                points=form.points(),
                explanations=form.explanations(),
                reason=form.cleaned_data.get("reason") or "",
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            done = (
                _("Đã nhập điểm %(a)s chấm %(b)s; điểm được tính khi %(a)s xác nhận.")
                if scorer not in acting
                else _("%(a)s đã chấm điểm %(b)s.")
            )
            messages.success(request, done % {"a": scorer.name, "b": scored.name})
            return redirect("movements:cluster_work", pk=cluster.pk)
    return render(
        request,
        "movements/score_entry.html",
        {
            "cluster": cluster,
            "sheet": sheet,
            "scorer": scorer,
            "scored": scored,
            "scorers": scorers,
            "on_behalf": scorer not in acting,
            "form": form,
            "rescoring": bool(existing),
            "self_scoring": scorer.pk == scored.pk,
            "max_total": selectors.max_total(sheet),
        },
    )


@login_required
def scores_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = selectors.get_cluster_for_user(request.user, pk)
    if (refused := post_only(request)) is not None:
        return refused
    scorer = _acting(request, cluster, request.POST.get("don_vi"))
    sheet = _sheet(cluster)
    return run(
        request,
        lambda: services.confirm_scores(actor=request.user, sheet=sheet, scorer=scorer),
        _("%(u)s đã xác nhận điểm được nhập thay.") % {"u": scorer.name},
        "movements:cluster_work",
        cluster.pk,
    )


@login_required
def score_history(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = selectors.get_cluster_for_user(request.user, pk)
    sheet = _sheet(cluster)
    return render(
        request,
        "movements/score_history.html",
        {"cluster": cluster, "page": paginate(request, selectors.score_history(sheet))},
    )


@login_required
def ranking_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = selectors.get_cluster_for_user(request.user, pk)
    sheet = _sheet(cluster)
    rows = [
        [
            s.rank or "",
            _("Đồng hạng") if s.tied else "",
            s.unit.name,
            ClusterRole(s.role).label,
            s.peer_score,
            s.scorers,
            s.self_score,
        ]
        for s in selectors.ranking(sheet)
    ]
    return xlsx_response(
        f"xep-hang-cum-{cluster.pk}-{cluster.year}.xlsx",
        _("Xếp hạng"),
        [
            _("Hạng"),
            _("Ghi chú"),
            _("Đơn vị"),
            _("Vai trò"),
            _("Điểm bình quân do đơn vị khác chấm"),
            _("Số đơn vị chấm"),
            _("Điểm tự chấm (không tính)"),
        ],
        rows,
        title=_("Xếp hạng %(c)s") % {"c": cluster.name},
    )


@login_required
def ballot_open(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = _managed(request, pk)
    if (refused := post_only(request)) is not None:
        return refused
    candidate = _member(cluster, request.POST.get("candidate"))
    return run(
        request,
        lambda: services.open_ballot(actor=request.user, cluster=cluster, candidate=candidate),
        _("Đã mở bỏ phiếu suy tôn %(u)s.") % {"u": candidate.name},
        "movements:cluster_work",
        cluster.pk,
    )


@login_required
def ballot_vote(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = selectors.get_cluster_for_user(request.user, pk)
    if (refused := post_only(request)) is not None:
        return refused
    voter = _acting(request, cluster, request.POST.get("don_vi"))
    ballot = _open_ballot(cluster)
    approve = request.POST.get("tan_thanh") == "1"
    return run(
        request,
        lambda: services.cast_vote(actor=request.user, ballot=ballot, voter=voter, approve=approve),
        _("Đã ghi phiếu của %(u)s.") % {"u": voter.name},
        "movements:cluster_work",
        cluster.pk,
    )


@login_required
def ballot_close(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = _managed(request, pk)
    if (refused := post_only(request)) is not None:
        return refused
    ballot = _open_ballot(cluster)
    return run(
        request,
        lambda: services.close_ballot(actor=request.user, ballot=ballot),
        _("Đã kết thúc bỏ phiếu."),
        "movements:cluster_work",
        cluster.pk,
    )


# --- helpers -------------------------------------------------------------------------------------


def _managed(request: HttpRequest, pk: int) -> Cluster:
    cluster = selectors.get_cluster_for_user(request.user, pk)
    if not selectors.can_manage_cluster(request.user, cluster):
        raise Http404
    return cluster


def _acting(request: HttpRequest, cluster: Cluster, unit_id: Any) -> Unit:
    for unit in selectors.acting_units(request.user, cluster):
        if str(unit.pk) == str(unit_id):
            return unit
    raise Http404


def _member(cluster: Cluster, unit_id: Any) -> Unit:
    membership = cluster.memberships.select_related("unit").filter(unit_id=_as_int(unit_id)).first()
    if membership is None:
        raise Http404
    return membership.unit


def _sheet(cluster: Cluster) -> ScoreSheet:
    sheet = ScoreSheet.objects.filter(cluster=cluster).first()
    if sheet is None:
        raise Http404
    return sheet


def _open_ballot(cluster: Cluster) -> FlagBallot:
    ballot = FlagBallot.objects.filter(cluster=cluster, status=BallotStatus.OPEN).first()
    if ballot is None:
        raise Http404
    return ballot


def _as_int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _to_confirm(sheet: ScoreSheet, acting: list[Unit]) -> list[tuple[Unit, int]]:
    """The user's units with scores the organiser entered for them, and how many."""
    pending = Counter(selectors.unconfirmed(sheet, acting).values_list("scorer_id", flat=True))
    return [(u, pending[u.pk]) for u in acting if pending[u.pk]]


def _leaders(memberships: list[Any]) -> dict[str, Any]:
    roles = {m.role: m.unit_id for m in memberships}
    return {"head": roles.get(ClusterRole.HEAD), "deputy": roles.get(ClusterRole.DEPUTY)}
