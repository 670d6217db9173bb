"""The State's forms and titles, beyond the sector: after the sector's council, VKSND tối cao sends
the candidates it passed for them to the Government (Bộ Nội vụ, Ban Thi đua - Khen thưởng Trung
ương) and the dossier waits there, `at_state`, until the decision of the Prime Minister or the
President arrives. Recording that decision (`tdkt.decisions.state_awards`) gives each candidate
sent its answer here; the dossier is decided once every one has it.

Waiting is a status of the dossier, not a flag beside it: a dossier at the State can do nothing
else (no return, no forward, no council), the kernel writes the move's row and checks the version
like any other, and the lists filter on one field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.errors import InvalidData, TransitionNotAllowed
from tdkt.nominations import policy
from tdkt.nominations.followers import authors, link
from tdkt.nominations.models import (
    DOSSIER_MACHINE,
    Candidate,
    CouncilResult,
    Dossier,
    DossierStatus,
    HopOutcome,
    StateResult,
)
from tdkt.nominations.services.moves import _audit_move, _close_hop
from tdkt.text import clean
from tdkt.workflow import clock
from tdkt.workflow.access import ensure_can
from tdkt.workflow.locking import lock
from tdkt.workflow.machine import check_move, move
from tdkt.workflow.notices import Notice

S = DossierStatus
_STATE_CODES = sorted(str(a) for a in policy.STATE_AWARDS)


def state_candidates(dossier: Dossier) -> QuerySet[Candidate]:
    """The candidates the sector's council passed for a form or title the State decides."""
    return dossier.candidates.filter(
        council_result=CouncilResult.PASSED, award__in=_STATE_CODES
    ).order_by("order", "id")


def awaiting_state(dossier: Dossier) -> QuerySet[Candidate]:
    """Those of them the State has not answered yet."""
    return state_candidates(dossier).filter(state_result=StateResult.PENDING)


@transaction.atomic
def send_to_state(
    *,
    actor: Any,
    dossier: Dossier,
    version: int | None,
    sent_on: dt.date,
    number: str = "",
    body: str = "",
    now: dt.datetime | None = None,
) -> Dossier:
    """VKSND tối cao sends the dossier's state candidates up, after its council has voted on
    every candidate; the sector's own awards of the dossier must already be in a decision (once
    at the State, the dossier is no longer before the council that drafts them)."""
    ensure_can(actor, "receive", dossier.receiver_id)
    receiver = dossier.receiver
    if receiver is None or receiver.reports_to() is not None:
        raise TransitionNotAllowed(
            _(
                "Chỉ Viện kiểm sát nhân dân tối cao trình cấp Nhà nước, sau Hội đồng Thi đua - "
                "Khen thưởng ngành."
            ),
            code="invalid_transition",
        )
    check_move(DOSSIER_MACHINE, dossier, S.AT_STATE, version=version)
    if sent_on > clock.today(now):
        raise InvalidData(_("Ngày trình không được sau hôm nay."))
    sent = _checked_sending(dossier)
    names = ", ".join(c.name for c in sent)
    text = _("Hồ sơ «%(t)s» đã được trình cấp Nhà nước (%(n)s).") % {"t": dossier.title, "n": names}
    before = move(
        DOSSIER_MACHINE,
        dossier,
        S.AT_STATE,
        actor=actor,
        now=now,
        version=version,
        fields={
            "state_sent_on": sent_on,
            "state_number": clean(number)[:30],
            "state_body": clean(body)[:200] or str(policy.STATE_BODY),
        },
        notice=Notice(authors(dossier), "dossier.sent_to_state", text, link(dossier)),
    )
    _close_hop(dossier, HopOutcome.STATE, clock.now(now))
    record(
        actor=actor,
        action="dossier.sent_to_state",
        obj=dossier,
        before={"status": before},
        after={
            "status": dossier.status,
            "sent_on": sent_on,
            "number": dossier.state_number,
            "body": dossier.state_body,
            "candidates": [c.name for c in sent],
        },
        unit_id=dossier.unit_id,
    )
    return dossier


def _checked_sending(dossier: Dossier) -> list[Candidate]:
    """What goes up: the council has voted on everyone, passed someone for the State, and the
    others it passed are in a decision of the sector."""
    if dossier.candidates.filter(council_result=CouncilResult.PENDING).exists():
        raise TransitionNotAllowed(
            _("Hội đồng chưa xét xong mọi người, tập thể của hồ sơ."), code="invalid_transition"
        )
    sent = list(state_candidates(dossier))
    if not sent:
        raise InvalidData(
            _(
                "Hội đồng không thông qua người, tập thể nào cho danh hiệu, hình thức do Thủ "
                "tướng Chính phủ, Chủ tịch nước quyết định: không có gì để trình."
            )
        )
    undrafted = list(
        dossier.candidates.filter(council_result=CouncilResult.PASSED, awardees__isnull=True)
        .exclude(award__in=_STATE_CODES)
        .values_list("name", flat=True)
    )
    if undrafted:
        raise InvalidData(
            _("Hãy lập quyết định khen thưởng của Ngành cho %(n)s trước khi trình cấp Nhà nước.")
            % {"n": ", ".join(undrafted)}
        )
    return sent


@transaction.atomic
def record_state_results(
    *, actor: Any, dossier: Dossier, results: dict[int, bool], now: dt.datetime | None = None
) -> Dossier:
    """The State's answer for some of the candidates sent (id → awarded); the dossier is decided
    once every candidate sent has an answer. The caller (the recorded decision) tells people."""
    ensure_can(actor, "decide", dossier.receiver_id)
    if lock(dossier).status != S.AT_STATE:
        raise TransitionNotAllowed(
            _("Hồ sơ không ở trạng thái chờ quyết định của cấp Nhà nước."),
            code="invalid_transition",
        )
    waiting = {c.pk: c for c in awaiting_state(dossier)}
    if not results or set(results) - set(waiting):
        raise InvalidData(
            _("Chỉ ghi kết quả cho người, tập thể của hồ sơ đã trình và đang chờ quyết định.")
        )
    for pk, awarded in results.items():
        candidate = waiting[pk]
        candidate.state_result = StateResult.AWARDED if awarded else StateResult.REFUSED
        candidate.save(update_fields=["state_result"])
    if not awaiting_state(dossier).exists():
        before = move(DOSSIER_MACHINE, dossier, S.DECIDED, actor=actor, now=now)
        _audit_move(actor, dossier, "dossier.decided", before)
    return dossier
