"""Decisions: drafted from a council's result, submitted for signature, returned or signed;
signing writes the ledger (through `records.services`), marks the initiatives used and computes
each reward with the coefficient and base salary in force on the signing day. Revocation keeps
everything: the ledger lines are marked revoked and the money is marked for recovery."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.council.models import Meeting, MeetingStatus
from tdkt.council.selectors import awaiting_decision
from tdkt.decisions import signals
from tdkt.decisions.models import (
    DECISION_NEEDS_REASON,
    DECISION_TRANSITIONS,
    Awardee,
    Decision,
    DecisionStatus,
    DecisionTransition,
    MoneyStatus,
    RevocationGround,
)
from tdkt.eligibility.parameters import current_parameters
from tdkt.errors import Conflict, InvalidData, TransitionNotAllowed
from tdkt.nominations.followers import authors
from tdkt.nominations.models import Candidate, CouncilResult, Dossier, DossierKind, DossierStatus
from tdkt.nominations.services import moves
from tdkt.notifications.services import users_who_can
from tdkt.org.models import UnitLevel
from tdkt.records import services as records
from tdkt.records.models import AwardDecision, DecisionLevel
from tdkt.rules import codes
from tdkt.rules.money import reward
from tdkt.text import clean
from tdkt.workflow import clock
from tdkt.workflow.access import ensure_can
from tdkt.workflow.locking import bump_version
from tdkt.workflow.machine import Machine, check_move, move, user_or_none
from tdkt.workflow.notices import Notice, send
from tdkt.workflow.reasons import ReasonCode, checked_reason, clean_text

S = DecisionStatus
DECISION_MACHINE = Machine(
    DECISION_TRANSITIONS,
    DecisionStatus,
    DecisionTransition,
    "decision",
    "quyết định",
    DECISION_NEEDS_REASON,
)
LEVELS = {
    UnitLevel.TOI_CAO: DecisionLevel.NGANH,
    UnitLevel.TINH: DecisionLevel.TINH,
    UnitLevel.CAP_CAO: DecisionLevel.TINH,
    UnitLevel.DON_VI_TRUC_THUOC: DecisionLevel.CO_SO,
}
SYMBOLS: dict[str, str] = {UnitLevel.TOI_CAO: "QĐ-VKSTC"}


def link(decision: Decision) -> str:
    return reverse("decisions:decision_detail", args=[decision.pk])


@transaction.atomic
def draft_decision(*, actor: Any, meeting: Meeting, title: str = "") -> Decision:
    issuer = meeting.council.unit
    ensure_can(actor, "decide", issuer.pk)
    if meeting.status not in (MeetingStatus.CLOSED, MeetingStatus.MINUTES_ISSUED):
        raise TransitionNotAllowed(
            _("Chỉ dự thảo quyết định sau khi Hội đồng đã kiểm phiếu."), code="invalid_transition"
        )
    if issuer.level not in LEVELS:
        raise InvalidData(_("Đơn vị này không ban hành quyết định khen thưởng."))
    candidates = list(awaiting_decision(meeting))
    if not candidates:
        raise InvalidData(
            _("Không còn người, tập thể nào được Hội đồng thông qua thuộc thẩm quyền quyết định.")
        )
    year = candidates[0].dossier.year
    decision = Decision.objects.create(
        issuer=issuer,
        meeting=meeting,
        level=LEVELS[UnitLevel(issuer.level)],
        year=year,
        title=clean(title)[:300] or _default_title(candidates, year),
        symbol=SYMBOLS.get(issuer.level, "QĐ-VKS"),
        signer_title=_("Viện trưởng") if issuer.level != UnitLevel.DON_VI_TRUC_THUOC else "",
        created_by=user_or_none(actor),
    )
    for i, c in enumerate(candidates, start=1):
        Awardee.objects.create(
            decision=decision,
            candidate=c,
            person=c.person,
            unit=c.unit,
            award=c.award,
            year=c.dossier.year,
            name=c.name,
            position=c.position,
            unit_name=c.unit_name,
            achievement=c.achievement,
            order=i,
        )
    record(
        actor=actor,
        action="decision.drafted",
        obj=decision,
        after={"meeting": str(meeting), "awardees": [c.name for c in candidates]},
        unit_id=issuer.pk,
    )
    return decision


def _default_title(candidates: list[Candidate], year: int) -> str:
    awards = sorted(
        {c.award for c in candidates}, key=lambda a: list(codes.Award).index(codes.Award(a))
    )
    names = ", ".join(f"«{codes.award_name(a)}»" for a in awards)
    return _("Về việc tặng %(a)s năm %(y)s") % {"a": names, "y": year}


_EDITABLE_FIELDS = ("title", "number", "symbol", "signer_name", "signer_title")


@transaction.atomic
def update_decision(
    *, actor: Any, decision: Decision, version: int | None, **changes: str
) -> Decision:
    ensure_can(actor, "decide", decision.issuer_id)
    if decision.status != S.DRAFT:
        raise TransitionNotAllowed(_("Chỉ sửa được dự thảo."), code="not_editable")
    unknown = set(changes) - set(_EDITABLE_FIELDS)
    if unknown:
        raise InvalidData(_("Trường không sửa được: %(f)s") % {"f": ", ".join(sorted(unknown))})
    before = {k: getattr(decision, k) for k in changes}
    for key, value in changes.items():
        setattr(decision, key, clean(value))
    if not decision.title:
        raise InvalidData(_("Trích yếu không được để trống."))
    bump_version(decision, version)
    decision.save(update_fields=list(changes))
    record(
        actor=actor,
        action="decision.updated",
        obj=decision,
        before=before,
        after={k: getattr(decision, k) for k in changes},
        unit_id=decision.issuer_id,
    )
    return decision


@transaction.atomic
def submit_for_signature(*, actor: Any, decision: Decision, version: int | None) -> Decision:
    ensure_can(actor, "decide", decision.issuer_id)
    before = move(DECISION_MACHINE, decision, S.PENDING, actor=actor, version=version)
    _audit(actor, decision, "decision.submitted", before)
    text = _("Trình ký: %(t)s (%(n)s người, tập thể).") % {
        "t": decision.title,
        "n": decision.awardees.count(),
    }
    _tell(actor, decision, users_who_can("sign", decision.issuer_id), "decision.submitted", text)
    return decision


@transaction.atomic
def return_decision(
    *, actor: Any, decision: Decision, version: int | None, reason_code: str, reason: str
) -> Decision:
    """The signer sends the draft back for adjustment (hoàn trả điều chỉnh), with a reason."""
    ensure_can(actor, "sign", decision.issuer_id)
    before = move(
        DECISION_MACHINE,
        decision,
        S.DRAFT,
        actor=actor,
        version=version,
        reason_code=reason_code,
        reason=reason,
    )
    _audit(actor, decision, "decision.returned", before, clean_text(reason))
    text = _("Dự thảo «%(t)s» được trả lại để điều chỉnh: %(r)s") % {
        "t": decision.title,
        "r": clean_text(reason),
    }
    _tell(actor, decision, users_who_can("decide", decision.issuer_id), "decision.returned", text)
    return decision


@transaction.atomic
def sign_decision(
    *,
    actor: Any,
    decision: Decision,
    version: int | None,
    number: str,
    signed_on: dt.date,
    signer_name: str,
    signer_title: str = "",
    now: dt.datetime | None = None,
) -> Decision:
    """Sign: the decision enters the ledger (AwardDecision + one AwardEntry per awardee), each
    awardee's initiatives are marked used, and each reward is computed on the signing day."""
    ensure_can(actor, "sign", decision.issuer_id)
    number, signer_name = clean(number), clean(signer_name)
    if not number or not signer_name:
        raise InvalidData(_("Hãy nhập số quyết định và người ký."))
    if signed_on > clock.today(now):
        raise InvalidData(_("Ngày ký không được sau hôm nay."))
    if decision.year > signed_on.year:
        raise InvalidData(_("Năm thành tích không thể sau năm ký quyết định."))
    issuer = decision.issuer
    check_move(DECISION_MACHINE, decision, S.SIGNED, version=version)
    full_number = f"{number}/{decision.symbol}" if decision.symbol else number
    taken = AwardDecision.objects.filter(
        number=full_number, signed_on__year=signed_on.year, issuer_name=issuer.name
    )
    if taken.exists():
        raise Conflict(
            _("Số %(n)s năm %(y)s của %(u)s đã có trong sổ khen thưởng.")
            % {"n": full_number, "y": signed_on.year, "u": issuer.name},
            code="number_taken",
        )
    book = records.record_decision(
        actor=actor,
        number=full_number,
        signed_on=signed_on,
        level=decision.level,
        issuer=issuer,
        signer_name=signer_name,
        signer_title=clean(signer_title) or decision.signer_title,
        summary=decision.title,
    )
    params = current_parameters()
    awardees = list(decision.awardees.select_related("candidate__dossier", "person", "unit"))
    for a in awardees:
        _sign_line(actor, a, book, signed_on, params)
    previous = move(
        DECISION_MACHINE,
        decision,
        S.SIGNED,
        actor=actor,
        now=now,
        fields={
            "number": number,
            "signed_on": signed_on,
            "signer_name": signer_name,
            "signer_title": clean(signer_title) or decision.signer_title,
            "record": book,
        },
    )
    _settle_dossiers(actor, awardees)
    signals.decision_signed.send(Decision, decision=decision, actor=actor, now=now)
    _audit(actor, decision, "decision.signed", previous)
    recipients = _concerned(awardees) + users_who_can("decide", decision.issuer_id)
    text = _("%(d)s: %(t)s.") % {"d": str(decision), "t": decision.title}
    _tell(actor, decision, recipients, "decision.signed", text)
    return decision


def _concerned(awardees: list[Awardee]) -> list[Any]:
    """The awardees' own accounts and who follows their dossiers on the proposing side."""
    people = [getattr(a.person, "account", None) for a in awardees if a.person is not None]
    for dossier in {a.candidate.dossier_id: a.candidate.dossier for a in awardees}.values():
        people += authors(dossier)
    return people


def _tell(actor: Any, decision: Decision, recipients: list[Any], action: str, text: str) -> None:
    send(Notice(recipients, action, text, link(decision)), actor=actor)


def _sign_line(actor: Any, a: Awardee, book: AwardDecision, day: dt.date, params: Any) -> None:
    subject = codes.Subject.INDIVIDUAL if a.person_id else codes.Subject.COLLECTIVE
    try:
        money = reward(a.award, subject, day, params=params)
    except Exception as exc:  # MissingParameter, ValueError: say which line, stop the signature
        raise InvalidData(
            _("Không tính được tiền thưởng của %(n)s (%(a)s) vào ngày %(d)s: %(e)s")
            % {"n": a.name, "a": a.get_award_display(), "d": day.strftime("%d/%m/%Y"), "e": exc}
        ) from exc
    entry = records.record_award(
        actor=actor,
        award=a.award,
        year=a.year,
        decision=book,
        person=a.person,
        unit=a.unit,
        sudden=a.candidate.dossier.kind == DossierKind.SUDDEN,  # no basis for merit chains
    )
    initiatives = list(a.candidate.initiatives.all())
    if initiatives:
        records.use_initiatives(actor=actor, entry=entry, initiatives=initiatives)
    a.entry = entry
    a.amount, a.base_salary = money.amount, money.base_salary
    a.coefficient = Decimal(str(money.coefficient)).quantize(Decimal("0.01"))
    a.money_citation = money.citation
    a.save(update_fields=["entry", "amount", "base_salary", "coefficient", "money_citation"])


def _settle_dossiers(actor: Any, awardees: list[Awardee]) -> None:
    """A dossier is decided once each of its candidates is refused by the council or awarded."""
    dossiers: dict[int, Dossier] = {a.candidate.dossier_id: a.candidate.dossier for a in awardees}
    for dossier in dossiers.values():
        if dossier.status != DossierStatus.COUNCIL_REVIEW:
            continue
        open_ = dossier.candidates.exclude(council_result=CouncilResult.NOT_PASSED).exclude(
            awardees__decision__status=S.SIGNED
        )
        if not open_.exists():
            moves.settle_dossier(actor=actor, dossier=dossier)


@transaction.atomic
def revoke_decision(
    *,
    actor: Any,
    decision: Decision,
    version: int | None,
    ground: str,
    reason: str,
    revoked_on: dt.date,
    revocation_number: str = "",
    now: dt.datetime | None = None,
) -> Decision:
    """Annul a signed decision (Luật TĐKT 2022, Điều 93): its ledger lines are marked revoked
    (never deleted), paid rewards are marked for recovery, unpaid ones will not be paid."""
    ensure_can(actor, "sign", decision.issuer_id)
    text = _checked_revocation(decision, ground, reason, revoked_on, now)
    previous = move(
        DECISION_MACHINE,
        decision,
        S.REVOKED,
        actor=actor,
        now=now,
        version=version,
        reason_code=ground,
        reason=text,
        fields={
            "revoked_on": revoked_on,
            "revocation_ground": ground,
            "revocation_reason": text,
            "revocation_number": clean(revocation_number),
        },
    )
    awardees = list(decision.awardees.select_related("entry", "person", "candidate__dossier"))
    for a in awardees:
        if a.entry is not None and a.entry.revoked_on is None:
            records.revoke_award(
                actor=actor,
                entry=a.entry,
                revoked_on=revoked_on,
                reason=text,
                revocation_decision=clean(revocation_number),
            )
        _stop_money(a)
        signals.awardee_revoked.send(Awardee, awardee=a, actor=actor, now=now)
    _audit(actor, decision, "decision.revoked", previous, text)
    revoked = _("%(d)s đã bị hủy bỏ: %(r)s") % {"d": str(decision), "r": text}
    _tell(actor, decision, _concerned(awardees), "decision.revoked", revoked)
    return decision


def _checked_revocation(
    decision: Decision, ground: str, reason: str, revoked_on: dt.date, now: dt.datetime | None
) -> str:
    """The cleaned reason of a revocation: a ground of Điều 93 khoản 2, a reason as long as any
    return's, a day between the signature and today."""
    if ground not in RevocationGround.values:
        raise InvalidData(_("Hãy chọn căn cứ hủy bỏ (Điều 93 khoản 2)."), code="reason_required")
    _code, text = checked_reason(ReasonCode.OTHER, reason)
    if (decision.signed_on and revoked_on < decision.signed_on) or revoked_on > clock.today(now):
        raise InvalidData(_("Ngày hủy bỏ phải sau ngày ký và không sau hôm nay."))
    return text


def _stop_money(awardee: Awardee) -> None:
    """A revoked line: a paid reward is to be recovered, an unpaid one will not be paid; a line
    already revoked (to recover, recovered, cancelled) keeps its state."""
    following = {
        MoneyStatus.PAID: MoneyStatus.TO_RECOVER,
        MoneyStatus.UNPAID: MoneyStatus.CANCELLED,
    }
    if awardee.money_status in following:
        awardee.money_status = following[MoneyStatus(awardee.money_status)]
        awardee.save(update_fields=["money_status"])


@transaction.atomic
def revoke_awardee(
    *,
    actor: Any,
    awardee: Awardee,
    version: int | None,
    ground: str,
    reason: str,
    revoked_on: dt.date,
    revocation_number: str = "",
    now: dt.datetime | None = None,
) -> Awardee:
    """Annul the award of one person or collective of a signed decision (Luật TĐKT 2022, Điều 93):
    its ledger line is marked revoked, its reward is to be recovered if paid, else not paid; the
    rest of the decision stands. `version` is the decision's, as the page showed it."""
    decision = awardee.decision
    ensure_can(actor, "sign", decision.issuer_id)
    text = _checked_revocation(decision, ground, reason, revoked_on, now)
    bump_version(decision, version)
    if decision.status != S.SIGNED:
        raise TransitionNotAllowed(
            _("Chỉ hủy bỏ khen thưởng của quyết định đã ký, còn hiệu lực."),
            code="invalid_transition",
        )
    entry = awardee.entry
    if entry is None or entry.revoked_on is not None:
        raise TransitionNotAllowed(
            _("Khen thưởng của %(n)s đã bị hủy bỏ.") % {"n": awardee.name}, code="final_state"
        )
    money_before = awardee.money_status
    records.revoke_award(
        actor=actor,
        entry=entry,
        revoked_on=revoked_on,
        reason=text,
        revocation_decision=clean(revocation_number),
    )
    _stop_money(awardee)
    signals.awardee_revoked.send(Awardee, awardee=awardee, actor=actor, now=now)
    record(
        actor=actor,
        action="awardee.revoked",
        obj=decision,
        before={"awardee": awardee.name, "money_status": money_before},
        after={
            "awardee": awardee.name,
            "award": awardee.award,
            "ground": ground,
            "revoked_on": revoked_on,
            "revocation_number": clean(revocation_number),
            "money_status": awardee.money_status,
        },
        reason=text,
        unit_id=decision.issuer_id,
    )
    revoked = _("Khen thưởng %(a)s của %(n)s theo %(d)s đã bị hủy bỏ: %(r)s") % {
        "a": awardee.get_award_display(),
        "n": awardee.name,
        "d": str(decision),
        "r": text,
    }
    _tell(actor, decision, _concerned([awardee]), "awardee.revoked", revoked)
    return awardee


@transaction.atomic
def record_payment(*, actor: Any, awardee: Awardee, paid_on: dt.date) -> Awardee:
    ensure_can(actor, "decide", awardee.decision.issuer_id)
    if awardee.decision.status != S.SIGNED or awardee.money_status != MoneyStatus.UNPAID:
        raise TransitionNotAllowed(_("Khoản tiền thưởng này không ở trạng thái chờ chi."))
    awardee.money_status, awardee.paid_on = MoneyStatus.PAID, paid_on
    awardee.save(update_fields=["money_status", "paid_on"])
    signals.awardee_paid.send(Awardee, awardee=awardee, actor=actor, now=None)
    record(
        actor=actor,
        action="awardee.paid",
        obj=awardee.decision,
        after={"awardee": awardee.name, "amount": awardee.amount, "paid_on": paid_on},
        unit_id=awardee.decision.issuer_id,
    )
    return awardee


@transaction.atomic
def record_recovery(*, actor: Any, awardee: Awardee) -> Awardee:
    ensure_can(actor, "decide", awardee.decision.issuer_id)
    if awardee.money_status != MoneyStatus.TO_RECOVER:
        raise TransitionNotAllowed(_("Khoản tiền thưởng này không ở trạng thái phải thu hồi."))
    awardee.money_status = MoneyStatus.RECOVERED
    awardee.save(update_fields=["money_status"])
    signals.awardee_recovered.send(Awardee, awardee=awardee, actor=actor, now=None)
    record(
        actor=actor,
        action="awardee.recovered",
        obj=awardee.decision,
        after={"awardee": awardee.name, "amount": awardee.amount},
        unit_id=awardee.decision.issuer_id,
    )
    return awardee


@transaction.atomic
def mark_printed(
    *, actor: Any, decision: Decision, awardees: list[Awardee], now: dt.datetime | None = None
) -> None:
    """The certificates of `awardees` (lines of `decision`) were printed by the issuing side."""
    ensure_can(actor, "decide", decision.issuer_id)
    lines = Awardee.objects.filter(decision=decision, pk__in=[a.pk for a in awardees])
    lines.update(printed_at=clock.now(now))
    record(
        actor=actor,
        action="certificate.printed",
        obj=decision,
        after={"awardees": [a.name for a in awardees]},
        unit_id=decision.issuer_id,
    )


def _audit(actor: Any, decision: Decision, action: str, before: str, reason: str = "") -> None:
    record(
        actor=actor,
        action=action,
        obj=decision,
        before={"status": before},
        after={"status": decision.status, "number": decision.number_symbol},
        reason=reason,
        unit_id=decision.issuer_id,
    )
