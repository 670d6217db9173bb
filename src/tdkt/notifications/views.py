"""The user's notifications: the list, opening one (marks it read), marking all read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from tdkt.notifications import services
from tdkt.notifications.models import Notification
from tdkt.web.pagination import paginate


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    items = Notification.objects.filter(recipient_id=request.user.pk)
    return render(request, "notifications/list.html", {"page": paginate(request, items)})


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    item = Notification.objects.filter(recipient_id=request.user.pk, pk=pk).first()
    if item is None:
        raise Http404
    services.mark_read(user=request.user, ids=[item.pk])
    safe = url_has_allowed_host_and_scheme(item.link, allowed_hosts={request.get_host()})
    return redirect(item.link if item.link and safe else "notifications:list")


@login_required
def notification_mark_read(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.mark_read(user=request.user)
    return redirect("notifications:list")
