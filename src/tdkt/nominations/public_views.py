"""The public pages (no login): the candidate lists published for comment, each with its comment
form (CSRF, length, rate). They show the published list only: names, units, awards asked and the
achievements, never the engine's verdicts, justifications, personal data or the comments."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tdkt.accounts.throttle import client_ip
from tdkt.errors import DomainError
from tdkt.nominations import selectors
from tdkt.nominations.forms import CommentForm
from tdkt.nominations.models import CommentPeriod
from tdkt.nominations.services import publicity


def public_list(request: HttpRequest) -> HttpResponse:
    periods = selectors.open_periods(timezone.localdate())
    return render(request, "nominations/public_list.html", {"periods": periods})


@require_http_methods(["GET", "POST"])
def public_detail(request: HttpRequest, token: str) -> HttpResponse:
    period = get_object_or_404(
        CommentPeriod.objects.select_related("dossier__receiver"), token=token
    )
    today = timezone.localdate()
    if today < period.starts_on:
        raise Http404
    candidates = list(period.dossier.candidates.all())
    form = CommentForm(request.POST or None, candidates=candidates)
    is_open = period.is_open_on(today)
    if request.method == "POST" and is_open and form.is_valid():
        data = form.cleaned_data
        try:
            publicity.add_public_comment(
                period=period,
                stance=data["stance"],
                text=data["text"],
                name=data["name"],
                contact=data["contact"],
                candidate=next((c for c in candidates if c.pk == data["candidate"]), None),
                client=publicity.client_key(client_ip(request) or ""),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Cảm ơn bạn đã góp ý. Ý kiến đã được gửi tới Hội đồng."))
            return redirect("nominations:public_detail", token=period.token)
    context = {"period": period, "candidates": candidates, "form": form, "is_open": is_open}
    return render(request, "nominations/public_detail.html", context)
