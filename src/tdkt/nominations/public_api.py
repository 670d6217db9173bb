"""Public comment over REST, with no login: the candidate lists open for comment today and the
comment form (the same checks as the public page: length, rate, the period)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status

from tdkt.accounts.throttle import client_ip
from tdkt.nominations import selectors
from tdkt.nominations.api import Problem
from tdkt.nominations.models import CommentPeriod
from tdkt.nominations.services import publicity

router = Router(tags=["Công khai, lấy ý kiến (không cần đăng nhập)"], auth=None)


class CommentIn(Schema):
    stance: str
    text: str
    name: str = ""
    contact: str = ""
    candidate_id: int | None = None


class PublicCandidate(Schema):
    id: int
    name: str
    unit_name: str
    award_name: str
    achievement: str


class PublicList(Schema):
    token: str
    title: str
    receiver: str
    starts_on: dt.date
    ends_on: dt.date
    open: bool
    candidates: list[PublicCandidate]


def _public(period: CommentPeriod) -> dict[str, Any]:
    return {
        "token": str(period.token),
        "title": period.dossier.title,
        "receiver": period.dossier.receiver.name if period.dossier.receiver else "",
        "starts_on": period.starts_on,
        "ends_on": period.ends_on,
        "open": period.is_open_on(timezone.localdate()),
        "candidates": [
            {
                "id": c.pk,
                "name": c.name,
                "unit_name": c.unit_name,
                "award_name": str(c.get_award_display()),
                "achievement": c.achievement,
            }
            for c in period.dossier.candidates.all()
        ],
    }


@router.get("/public", response=list[PublicList], url_name="nominations_public_list")
def public_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The candidate lists open for comment today: name, unit, award asked, achievements."""
    return [_public(p) for p in selectors.open_periods(timezone.localdate())]


def _published(token: str) -> CommentPeriod:
    period = get_object_or_404(
        CommentPeriod.objects.select_related("dossier__receiver"), token=token
    )
    if timezone.localdate() < period.starts_on:
        raise Http404
    return period


@router.get("/public/{token}", response=PublicList, url_name="nominations_public")
def public_detail(request: HttpRequest, token: str) -> dict[str, Any]:
    return _public(_published(token))


@router.post(
    "/public/{token}/comments",
    response={201: dict, 400: Problem},
    url_name="nominations_public_comment",
)
def public_comment(request: HttpRequest, token: str, body: CommentIn) -> Status[Any]:
    """A comment (20–3,000 characters; at most 5 an hour from one address), for the council only."""
    period = _published(token)
    candidate = (
        period.dossier.candidates.filter(pk=body.candidate_id).first()
        if body.candidate_id
        else None
    )
    publicity.add_public_comment(
        period=period,
        stance=body.stance,
        text=body.text,
        name=body.name,
        contact=body.contact,
        candidate=candidate,
        client=publicity.client_key(client_ip(request) or ""),
    )
    return Status(201, {"detail": "Đã nhận ý kiến."})
