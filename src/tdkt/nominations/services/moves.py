"""The moves of a dossier up and down the levels: sent, taken in or returned, forwarded, put
before the council, settled. Each is one transition of `DOSSIER_MACHINE`, audited and notified."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
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
    DossierHop,
    DossierKind,
    DossierStatus,
    HopOutcome,
    VerdictStatus,
)
from tdkt.nominations.services.sudden import without_act
from tdkt.nominations.services.verdicts import check_caps, evaluate
from tdkt.notifications.services import users_who_can
from tdkt.org.models import Unit
from tdkt.workflow import clock
from tdkt.workflow.access import can, ensure, ensure_can
from tdkt.workflow.machine import check_move, move
from tdkt.workflow.notices import Notice, send
from tdkt.workflow.reasons import clean_text

S = DossierStatus


@transaction.atomic
def submit_dossier(
    *, actor: Any, dossier: Dossier, version: int | None, now: dt.datetime | None = None
) -> Dossier:
    """Send the dossier to the level above (again, after a return); a sudden dossier straight to
    the level that decides its awards (the simplified procedure). The engine's verdict of every
    candidate is stored with it; an ineligible candidate needs a written justification; the caps
    are checked on all the unit's proposals; every required component must be there."""
    from tdkt.nominations.services.components import missing_components

    ensure_can(actor, "nominate", dossier.unit_id)
    _only_from(dossier, S.SUBMITTED, version, S.DRAFT, S.RETURNED)
    now, day = clock.now(now), clock.today(now)
    candidates = list(dossier.candidates.select_related("person", "unit"))
    if not candidates:
        raise InvalidData(_("Hồ sơ chưa có người, tập thể nào được đề nghị."))
    receiver = _first_receiver(dossier, candidates)
    if receiver is None:
        raise InvalidData(_("Đơn vị cấp cao nhất không có nơi gửi hồ sơ đề nghị."))
    if dossier.kind == DossierKind.SUDDEN and (missing_acts := without_act(candidates)):
        raise InvalidData(
            _(
                "Khen thưởng đột xuất: hãy ghi ngày lập thành tích và mô tả thành tích đột xuất "
                "(việc đã làm, kết quả, phạm vi ảnh hưởng) của %(n)s."
            )
            % {"n": ", ".join(missing_acts)},
            code="act_required",
        )
    evaluate(candidates, dossier.year, day)
    unjustified = [
        c.name
        for c in candidates
        if c.verdict_status == VerdictStatus.INELIGIBLE and len(c.justification) < 20
    ]
    if unjustified:
        raise InvalidData(
            _(
                "Hệ thống xét thấy không đủ điều kiện: %(n)s. Hãy ghi giải trình (ít nhất 20 ký "
                "tự) cho từng trường hợp hoặc bỏ khỏi hồ sơ."
            )
            % {"n": ", ".join(unjustified)},
            code="justification_required",
        )
    check_caps(dossier, day)
    missing = missing_components(dossier, day)
    if missing:
        raise InvalidData(
            _("Hồ sơ còn thiếu: %(m)s.") % {"m": "; ".join(missing)}, code="missing_components"
        )
    text = _("%(u)s gửi hồ sơ «%(t)s» (%(n)s người, tập thể).") % {
        "u": dossier.unit.name,
        "t": dossier.title,
        "n": len(candidates),
    }
    before = move(
        DOSSIER_MACHINE,
        dossier,
        S.SUBMITTED,
        actor=actor,
        now=now,
        fields={"receiver": receiver, "submitted_on": day, "verdicts_as_of": day},
        notice=Notice(
            users_who_can("receive", receiver.pk), "dossier.submitted", text, link(dossier)
        ),
    )
    _open_hop(dossier, dossier.unit, receiver, now)
    record(
        actor=actor,
        action="dossier.submitted",
        obj=dossier,
        before={"status": before},
        after={
            "status": dossier.status,
            "receiver": receiver.name,
            "verdicts": {c.name: c.verdict_status for c in candidates},
        },
        unit_id=dossier.unit_id,
    )
    return dossier


def _first_receiver(dossier: Dossier, candidates: list[Candidate]) -> Unit | None:
    if dossier.kind == DossierKind.SUDDEN:
        return policy.deciding_level(dossier.unit, {c.award for c in candidates})
    return dossier.unit.reports_to()


def _only_from(dossier: Dossier, to: str, version: int | None, *allowed: str) -> None:
    """The table allows `to` from several states for different events (sending up a draft,
    forwarding a received dossier): this event only from `allowed`."""
    locked = check_move(DOSSIER_MACHINE, dossier, to, version=version)
    if locked.status not in allowed:
        raise TransitionNotAllowed(
            _("Không thể chuyển hồ sơ từ «%(a)s» sang «%(b)s».")
            % {"a": S(locked.status).label, "b": S(to).label},
            code="invalid_transition",
        )
    dossier.status = locked.status


def _open_hop(dossier: Dossier, sender: Unit, receiver: Unit, at: dt.datetime) -> DossierHop:
    seq = dossier.hops.count() + 1
    return DossierHop.objects.create(
        dossier=dossier, seq=seq, sender=sender, receiver=receiver, sent_at=at
    )


def _open(dossier: Dossier) -> DossierHop | None:
    """The hop the dossier is on (sent, not yet closed)."""
    return dossier.hops.filter(closed_at__isnull=True).order_by("-seq").first()


def _end_hop(
    dossier: Dossier,
    to: str,
    outcome: str,
    actor: Any,
    now: dt.datetime,
    version: int | None,
    reason_code: str,
    reason: str,
) -> str:
    """A move with a coded reason that ends the dossier's current hop (a return, a withdrawal);
    returns the status it left."""
    before = move(
        DOSSIER_MACHINE,
        dossier,
        to,
        actor=actor,
        now=now,
        version=version,
        reason_code=reason_code,
        reason=reason,
    )
    _close_hop(dossier, outcome, now)
    return before


def _close_hop(dossier: Dossier, outcome: str, at: dt.datetime) -> None:
    hop = _open(dossier)
    if hop is not None:
        hop.closed_at, hop.outcome = at, outcome
        hop.save(update_fields=["closed_at", "outcome"])


@transaction.atomic
def withdraw_dossier(
    *,
    actor: Any,
    dossier: Dossier,
    version: int | None,
    reason_code: str,
    reason: str,
    now: dt.datetime | None = None,
) -> Dossier:
    """The author takes the dossier back for good (before it is taken in, or after a return)."""
    ensure_can(actor, "nominate", dossier.unit_id)
    now = clock.now(now)
    before = _end_hop(
        dossier, S.WITHDRAWN, HopOutcome.WITHDRAWN, actor, now, version, reason_code, reason
    )
    _audit_move(actor, dossier, "dossier.withdrawn", before, reason)
    if dossier.receiver_id and before == S.SUBMITTED:
        text = _("%(u)s đã rút hồ sơ «%(t)s».") % {"u": dossier.unit.name, "t": dossier.title}
        recipients = users_who_can("receive", dossier.receiver_id)
        send(Notice(recipients, "dossier.withdrawn", text, link(dossier)), actor=actor)
    return dossier


@transaction.atomic
def receive_dossier(
    *, actor: Any, dossier: Dossier, version: int | None, now: dt.datetime | None = None
) -> Dossier:
    ensure_can(actor, "receive", dossier.receiver_id)
    now = clock.now(now)
    assert dossier.receiver is not None
    text = _("%(r)s đã tiếp nhận hồ sơ «%(t)s».") % {
        "r": dossier.receiver.name,
        "t": dossier.title,
    }
    notice = Notice(authors(dossier), "dossier.received", text, link(dossier))
    before = move(
        DOSSIER_MACHINE, dossier, S.RECEIVED, actor=actor, now=now, version=version, notice=notice
    )
    hop = _open(dossier)
    if hop is not None:
        hop.received_at = now
        hop.save(update_fields=["received_at"])
    _audit_move(actor, dossier, "dossier.received", before)
    return dossier


@transaction.atomic
def return_dossier(
    *,
    actor: Any,
    dossier: Dossier,
    version: int | None,
    reason_code: str,
    reason: str,
    now: dt.datetime | None = None,
) -> Dossier:
    """Back to the author, with the reason shown on the dossier as a banner."""
    ensure_can(actor, "receive", dossier.receiver_id)
    now = clock.now(now)
    before = _end_hop(
        dossier, S.RETURNED, HopOutcome.RETURNED, actor, now, version, reason_code, reason
    )
    dossier.candidates.update(council_result=CouncilResult.PENDING)
    why = clean_text(reason)
    _audit_move(actor, dossier, "dossier.returned", before, why)
    assert dossier.receiver is not None
    text = _("%(r)s trả lại hồ sơ «%(t)s»: %(why)s") % {
        "r": dossier.receiver.name,
        "t": dossier.title,
        "why": why,
    }
    send(Notice(authors(dossier), "dossier.returned", text, link(dossier)), actor=actor)
    return dossier


@transaction.atomic
def forward_dossier(
    *, actor: Any, dossier: Dossier, version: int | None, now: dt.datetime | None = None
) -> Dossier:
    """Send a received dossier on to the level above (after this level's council, only what it
    passed goes on: the others keep their «not passed»)."""
    ensure_can(actor, "receive", dossier.receiver_id)
    now = clock.now(now)
    current = dossier.receiver
    assert current is not None
    upper = current.reports_to()
    if upper is None:
        raise TransitionNotAllowed(
            _("%(u)s là cấp cao nhất của ngành: hồ sơ không chuyển tiếp được.")
            % {"u": current.name},
            code="invalid_transition",
        )
    _only_from(dossier, S.SUBMITTED, version, S.RECEIVED, S.COUNCIL_REVIEW)
    if dossier.status == S.COUNCIL_REVIEW:
        results = list(dossier.candidates.values_list("council_result", flat=True))
        if CouncilResult.PENDING in results or CouncilResult.PASSED not in results:
            raise TransitionNotAllowed(
                _("Chỉ chuyển lên khi Hội đồng đã xét xong và có người, tập thể được thông qua."),
                code="invalid_transition",
            )
    before = move(
        DOSSIER_MACHINE,
        dossier,
        S.SUBMITTED,
        actor=actor,
        now=now,
        version=version,
        fields={"receiver": upper},
    )
    _close_hop(dossier, HopOutcome.FORWARDED, now)
    _open_hop(dossier, current, upper, now)
    _audit_move(actor, dossier, "dossier.forwarded", before)
    names = {"u": current.name, "t": dossier.title}
    up = _("%(u)s chuyển lên hồ sơ «%(t)s».") % names
    send(
        Notice(users_who_can("receive", upper.pk), "dossier.submitted", up, link(dossier)),
        actor=actor,
    )
    down = _("Hồ sơ «%(t)s» đã được chuyển lên %(u)s.") % {"t": dossier.title, "u": upper.name}
    send(Notice(authors(dossier), "dossier.forwarded", down, link(dossier)), actor=actor)
    return dossier


@transaction.atomic
def send_to_council(
    *, actor: Any, dossier: Dossier, version: int | None, now: dt.datetime | None = None
) -> Dossier:
    """Put a received dossier before the receiving level's council. Refused while a public
    comment period on it has not ended, and when the law asks one and none was held."""
    from tdkt.nominations.services.publicity import comment_state

    ensure_can(actor, "receive", dossier.receiver_id)
    state = comment_state(dossier, clock.today(now))
    if state.blocks_council:
        raise TransitionNotAllowed(state.message, code="comment_period")
    before = move(DOSSIER_MACHINE, dossier, S.COUNCIL_REVIEW, actor=actor, now=now, version=version)
    dossier.candidates.filter(council_result=CouncilResult.PASSED).update(
        council_result=CouncilResult.PENDING
    )
    hop = _open(dossier)
    if hop is not None:
        hop.outcome = HopOutcome.COUNCIL
        hop.save(update_fields=["outcome"])
    _audit_move(actor, dossier, "dossier.council_review", before)
    return dossier


@transaction.atomic
def settle_dossier(*, actor: Any, dossier: Dossier, now: dt.datetime | None = None) -> Dossier:
    """Council review → decided: called by the council (nobody passed) and by a signed decision,
    so by whoever runs the receiving level's council or signs its decisions."""
    unit_id = dossier.receiver_id
    ensure(can(actor, "council", unit_id) or can(actor, "sign", unit_id))
    now = clock.now(now)
    text = _("Hồ sơ «%(t)s» đã có kết quả. %(r)s") % {"t": dossier.title, "r": outcome(dossier)}
    notice = Notice(authors(dossier), "dossier.decided", text, link(dossier))
    before = move(DOSSIER_MACHINE, dossier, S.DECIDED, actor=actor, now=now, notice=notice)
    _close_hop(dossier, HopOutcome.COUNCIL, now)
    _audit_move(actor, dossier, "dossier.decided", before)
    return dossier


def outcome(dossier: Dossier) -> str:
    """Who passed and who did not, in one sentence a notification can carry."""
    passed: list[str] = []
    refused: list[str] = []
    pending: list[str] = []
    for c in dossier.candidates.order_by("order", "id"):
        if c.council_result == CouncilResult.PASSED:
            passed.append(c.name)
        elif c.council_result == CouncilResult.NOT_PASSED:
            refused.append(c.name)
        else:
            pending.append(c.name)
    parts = []
    if passed:
        parts.append(_("Được thông qua: %(n)s.") % {"n": ", ".join(passed)})
    if refused:
        parts.append(_("Không được thông qua: %(n)s.") % {"n": ", ".join(refused)})
    if pending:
        parts.append(_("Chưa có kết quả: %(n)s.") % {"n": ", ".join(pending)})
    return " ".join(parts)


def _audit_move(actor: Any, dossier: Dossier, action: str, before: str, reason: str = "") -> None:
    record(
        actor=actor,
        action=action,
        obj=dossier,
        before={"status": before},
        after={"status": dossier.status, "version": dossier.version},
        reason=reason,
        unit_id=dossier.unit_id,
    )


@transaction.atomic
def record_council_results(
    *, actor: Any, results: dict[int, bool], now: dt.datetime | None = None
) -> list[Dossier]:
    """The council's result for each candidate (by id); a dossier whose candidates were all
    refused is settled at once. Returns the dossiers touched."""
    touched: dict[int, Dossier] = {}
    chosen = list(  # a dossier returned meanwhile is skipped
        Candidate.objects.filter(
            pk__in=list(results), dossier__status=S.COUNCIL_REVIEW
        ).select_related("dossier")
    )
    for unit_id in {c.dossier.receiver_id for c in chosen}:
        ensure_can(actor, "council", unit_id)
    for candidate in chosen:
        passed = results[candidate.pk]
        candidate.council_result = CouncilResult.PASSED if passed else CouncilResult.NOT_PASSED
        candidate.save(update_fields=["council_result"])
        touched[candidate.dossier_id] = candidate.dossier
    for dossier in touched.values():
        outcomes = set(dossier.candidates.values_list("council_result", flat=True))
        if dossier.status == S.COUNCIL_REVIEW and outcomes == {CouncilResult.NOT_PASSED}:
            settle_dossier(actor=actor, dossier=dossier, now=now)
        else:
            text = _("Hội đồng đã xét hồ sơ «%(t)s». %(r)s") % {
                "t": dossier.title,
                "r": outcome(dossier),
            }
            notice = Notice(authors(dossier), "dossier.council_results", text, link(dossier))
            send(notice, actor=actor)
    return list(touched.values())
