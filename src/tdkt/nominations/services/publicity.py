"""Public comment (công khai, lấy ý kiến): the candidate list posted on a public page for a set
number of working days, the comments taken in, and the rule that the council does not sit on the
dossier before the period ends (ND 98/2023 Art. 46(2); ND 152/2025 Art. 44(2))."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.errors import Conflict, InvalidData, TransitionNotAllowed
from tdkt.nominations import policy
from tdkt.nominations.followers import link
from tdkt.nominations.models import (
    Candidate,
    CommentPeriod,
    Dossier,
    DossierStatus,
    PublicComment,
    Stance,
)
from tdkt.notifications.services import users_who_can
from tdkt.text import clean
from tdkt.workdays.calendar import add_working_days
from tdkt.workflow import clock
from tdkt.workflow.access import ensure_can
from tdkt.workflow.locking import bump_version
from tdkt.workflow.machine import user_or_none
from tdkt.workflow.notices import Notice, send
from tdkt.workflow.reasons import clean_text

COMMENT_MIN_CHARS = 20
COMMENT_MAX_CHARS = 3000
COMMENTS_PER_HOUR = 5


def period_end(start: dt.date, working_days: int) -> dt.date:
    """The last day of a period of `working_days` working days opening on `start`: the start
    counts when it is a working day; a period opening on a holiday runs from the next one. Public
    holidays, Tết and the Government's swapped days are skipped (tdkt.workdays)."""
    return add_working_days(start - dt.timedelta(days=1), working_days)


def minimum_days(dossier: Dossier) -> int:
    awards = {c.award for c in dossier.candidates.all()}
    if policy.needs_public_comment(awards):
        return policy.MIN_WORKING_DAYS_REQUIRED
    return policy.MIN_WORKING_DAYS_OPTIONAL


@transaction.atomic
def publish_for_comment(
    *,
    actor: Any,
    dossier: Dossier,
    version: int | None,
    working_days: int | None = None,
    starts_on: dt.date | None = None,
    channels: str = "",
    now: dt.datetime | None = None,
) -> CommentPeriod:
    ensure_can(actor, "receive", dossier.receiver_id)
    if dossier.status != DossierStatus.RECEIVED:
        raise TransitionNotAllowed(
            _("Chỉ công khai danh sách của hồ sơ đã tiếp nhận, chưa đưa ra Hội đồng."),
            code="invalid_transition",
        )
    now, day = clock.now(now), clock.today(now)
    start = starts_on or day
    if start < day:
        raise InvalidData(_("Ngày bắt đầu lấy ý kiến không được trước hôm nay."))
    least = minimum_days(dossier)
    days = working_days or least
    if days < least:
        raise InvalidData(
            _("Thời gian lấy ý kiến ít nhất %(n)s ngày làm việc.") % {"n": least},
            code="too_short",
        )
    if dossier.comment_periods.filter(ends_on__gte=day).exists():
        raise Conflict(_("Danh sách của hồ sơ đang được lấy ý kiến."), code="already_published")
    bump_version(dossier, version)
    period = CommentPeriod.objects.create(
        dossier=dossier,
        starts_on=start,
        ends_on=period_end(start, days),
        working_days=days,
        channels=clean(channels)[:300],
        published_by=user_or_none(actor),
        published_at=now,
    )
    record(
        actor=actor,
        action="dossier.published",
        obj=dossier,
        after={
            "starts_on": period.starts_on,
            "ends_on": period.ends_on,
            "working_days": days,
            "token": str(period.token),
        },
        unit_id=dossier.unit_id,
    )
    return period


@dataclass(frozen=True)
class CommentState:
    required: bool
    period: CommentPeriod | None
    open: bool
    ended: bool
    blocks_council: bool
    message: str


def comment_state(dossier: Dossier, day: dt.date) -> CommentState:
    """Where the dossier stands with public comment on `day`, and whether that stops the council."""
    required = policy.needs_public_comment({c.award for c in dossier.candidates.all()})
    period = dossier.comment_periods.order_by("-ends_on", "-id").first()
    if period is None:
        message = (
            _(
                "Danh sách phải được công khai lấy ý kiến ít nhất %(n)s ngày làm việc trước khi "
                "Hội đồng họp (%(c)s)."
            )
            % {"n": policy.MIN_WORKING_DAYS_REQUIRED, "c": policy.PUBLIC_COMMENT_CITATION}
            if required
            else ""
        )
        return CommentState(required, None, False, False, required, message)
    ended = day > period.ends_on
    message = (
        ""
        if ended
        else _("Đang lấy ý kiến đến hết ngày %(d)s: chưa thể đưa hồ sơ ra Hội đồng.")
        % {"d": period.ends_on.strftime("%d/%m/%Y")}
    )
    return CommentState(required, period, period.is_open_on(day), ended, not ended, message)


def client_key(ip: str) -> str:
    """A salted hash of the commenter's address: enough to slow a flood, not to identify anyone.
    The address alone: a User-Agent is the sender's to rotate, and rotating it must not buy more
    comments."""
    raw = f"{settings.SECRET_KEY}|{ip}".encode()
    return hashlib.sha256(raw).hexdigest()


@transaction.atomic
def add_public_comment(
    *,
    period: CommentPeriod,
    stance: str,
    text: str,
    name: str = "",
    contact: str = "",
    candidate: Candidate | None = None,
    client: str = "",
    now: dt.datetime | None = None,
) -> PublicComment:
    moment = clock.now(now)
    if not period.is_open_on(clock.today(moment)):
        raise TransitionNotAllowed(
            _("Đợt lấy ý kiến này không còn nhận góp ý."), code="comment_closed"
        )
    if stance not in Stance.values:
        raise InvalidData(_("Hãy chọn ý kiến của bạn."))
    body = clean_text(text)
    if not COMMENT_MIN_CHARS <= len(body) <= COMMENT_MAX_CHARS:
        raise InvalidData(
            _("Nội dung góp ý từ %(a)s đến %(b)s ký tự.")
            % {"a": COMMENT_MIN_CHARS, "b": COMMENT_MAX_CHARS},
            code="comment_length",
        )
    if candidate is not None and candidate.dossier_id != period.dossier_id:
        raise InvalidData(_("Người, tập thể này không có trong danh sách."))
    recent = PublicComment.objects.filter(
        period=period, client_key=client, created_at__gte=moment - dt.timedelta(hours=1)
    )
    if client and recent.count() >= COMMENTS_PER_HOUR:
        raise InvalidData(
            _("Bạn đã gửi nhiều góp ý trong một giờ; hãy thử lại sau."), code="rate_limited"
        )
    comment = PublicComment.objects.create(
        period=period,
        candidate=candidate,
        stance=stance,
        text=body,
        name=clean(name)[:150],
        contact=clean(contact)[:200],
        created_at=moment,
        client_key=client,
    )
    dossier = period.dossier
    record(
        actor=None,
        action="dossier.comment_received",
        obj=dossier,
        after={"stance": stance, "candidate": candidate.name if candidate else None},
        unit_id=dossier.unit_id,
    )
    _tell_officers(period, comment)
    return comment


def _tell_officers(period: CommentPeriod, comment: PublicComment) -> None:
    """The officer who published the list, and the receiving level's officers, hear of each
    comment: the council may not sit before they have read them."""
    dossier = period.dossier
    officers = users_who_can("receive", dossier.receiver_id) if dossier.receiver_id else []
    about = comment.candidate.name if comment.candidate else _("cả danh sách")
    publisher = [period.published_by] if period.published_by is not None else []
    text = _("Có góp ý mới (%(s)s) về %(who)s trong hồ sơ «%(t)s».") % {
        "s": comment.get_stance_display(),
        "who": about,
        "t": dossier.title,
    }
    send(Notice(publisher + officers, "dossier.comment_received", text, link(dossier)))
