"""The State's decisions on a dossier sent up: what was sent, since when it waits, the decisions
recorded, and (for VKSND tối cao's officers, while the dossier waits) the form to record one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tdkt.decisions import state_awards
from tdkt.decisions.forms import StateDecisionForm
from tdkt.decisions.models import MoneyPayer
from tdkt.errors import DomainError
from tdkt.nominations.models import DossierStatus
from tdkt.nominations.selectors import get_dossier_for_user
from tdkt.nominations.services.state import state_candidates
from tdkt.workflow.access import access_for, can


@login_required
@require_http_methods(["GET", "POST"])
def state_record(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier_for_user(request.user, pk)
    today = timezone.localdate()
    waiting = dossier.status == DossierStatus.AT_STATE
    may = waiting and can(request.user, "decide", dossier.receiver_id)
    if request.method == "POST" and not may:
        raise Http404
    form = None
    if may:
        initial = {"decided_on": today, "payer": MoneyPayer.STATE}
        form = StateDecisionForm(
            request.POST or None, dossier=dossier, today=today, initial=initial
        )
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            state_awards.record_state_decision(actor=request.user, dossier=dossier, **data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Đã ghi nhận quyết định của cấp Nhà nước vào sổ khen thưởng.")
            )
            return redirect("decisions:state_record", dossier.pk)
    context: dict[str, Any] = {
        "dossier": dossier,
        "sent": state_candidates(dossier).select_related("person", "unit"),
        "waited": (today - dossier.state_sent_on).days
        if waiting and dossier.state_sent_on
        else None,
        "decisions": dossier.state_decisions.prefetch_related("lines__candidate", "lines__entry"),
        "sees_money": access_for(request.user).can("view", dossier.receiver_id),
        "form": form,
    }
    return render(request, "decisions/state_record.html", context)
