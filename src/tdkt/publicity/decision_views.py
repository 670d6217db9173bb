"""Staff screens for publishing award decisions on the public site: the decisions of the units in
reach with their publication state, and one decision with exactly what the public will see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tdkt.publicity import public, selectors
from tdkt.publicity.forms import PublishDecisionForm, ReasonForm
from tdkt.publicity.models import PublicationStatus, PublicityReason
from tdkt.publicity.services import decisions as services
from tdkt.web.actions import post_only, posted_version, run
from tdkt.web.http import HtmxHttpRequest, bounded_int
from tdkt.web.pagination import paginate
from tdkt.workflow.access import require

DETAIL = "publicity:decision_detail"


def _int(value: str | None) -> int | None:
    return bounded_int(value)


@login_required
def decision_list(request: HtmxHttpRequest) -> HttpResponse:
    require(request.user, "view")
    published = request.GET.get("cong_bo", "")
    filters = selectors.DecisionFilters(
        query=request.GET.get("q", "")[:60],
        year=_int(request.GET.get("nam")),
        published=published if published in ("yes", "no") else "",
    )
    context = {
        "page": paginate(request, selectors.decisions_for(request.user, filters)),
        "filters": filters,
    }
    template = "publicity/_decision_table.html" if request.htmx else "publicity/decision_list.html"
    return render(request, template, context)


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.get_decision_for_user(request.user, pk)
    publication = selectors.publication_of(decision)
    version = publication.version if publication else None
    rows = public.recipients(decision)
    context = {
        "decision": decision,
        "publication": publication,
        "recipients": rows,
        "transitions": publication.transitions.all() if publication else [],
        "status_labels": dict(PublicationStatus.choices),
        "reason_labels": dict(PublicityReason.choices),
        "may_publish": services.may_publish(request.user, decision),
        "publish_form": PublishDecisionForm(
            initial={"version": version, "note": publication.note if publication else ""}
        ),
        "reason_form": ReasonForm(initial={"version": version}),
    }
    return render(request, "publicity/decision_detail.html", context)


@login_required
def decision_publish(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.get_decision_for_user(request.user, pk)
    if not services.may_publish(request.user, decision):
        raise Http404
    if (refused := post_only(request)) is not None:
        return refused
    return run(
        request,
        lambda: services.publish_decision(
            actor=request.user,
            decision=decision,
            note=request.POST.get("note", ""),
            version=posted_version(request),
        ),
        _("Đã công bố quyết định trên trang công khai."),
        DETAIL,
        pk,
    )


@login_required
def decision_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.get_decision_for_user(request.user, pk)
    publication = selectors.publication_of(decision)
    if publication is None or not services.may_publish(request.user, decision):
        raise Http404
    if (refused := post_only(request)) is not None:
        return refused
    return run(
        request,
        lambda: services.unpublish_decision(
            actor=request.user,
            publication=publication,
            version=posted_version(request),
            reason_code=request.POST.get("reason_code", ""),
            reason=request.POST.get("reason", ""),
        ),
        _("Đã gỡ quyết định khỏi trang công khai."),
        DETAIL,
        pk,
    )
