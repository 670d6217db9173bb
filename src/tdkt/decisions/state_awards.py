"""The State's decisions on what the sector proposed upward: CSTĐ toàn quốc, Cờ thi đua của Chính
phủ and Bằng khen Thủ tướng (the Prime Minister), the Huân chương (the President).

VKSND tối cao records one when it arrives: number, date, signer, issuing body, who pays. The
candidates it awards go into the ledger (records.AwardEntry, on the decision at the State's
level), each with its reward computed on the decision day; the other candidates sent for an award
that signer decides are marked not awarded. The dossier, waiting at the State until then, is
decided once every candidate sent has its answer (`nominations.services.state`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.decisions.models import MoneyPayer, StateDecision, StateDecisionLine, StateSigner
from tdkt.eligibility.parameters import current_parameters
from tdkt.errors import InvalidData, TransitionNotAllowed
from tdkt.nominations import policy
from tdkt.nominations.followers import authors
from tdkt.nominations.models import Candidate, Dossier, DossierKind, DossierStatus
from tdkt.nominations.services.state import awaiting_state, record_state_results
from tdkt.records import services as records
from tdkt.records.models import AwardDecision, DecisionLevel
from tdkt.rules import codes
from tdkt.rules.errors import MissingParameter
from tdkt.rules.money import reward
from tdkt.text import clean
from tdkt.workflow import clock
from tdkt.workflow.access import ensure_can
from tdkt.workflow.machine import user_or_none
from tdkt.workflow.notices import Notice, send

SIGNER_AWARDS: dict[str, frozenset[codes.Award]] = {
    StateSigner.PRIME_MINISTER: policy.PRIME_MINISTER_DECIDES,
    StateSigner.PRESIDENT: policy.PRESIDENT_DECIDES,
}


def link(dossier: Dossier) -> str:
    return reverse("decisions:state_record", args=[dossier.pk])


def answered_by(dossier: Dossier, signer: str) -> list[Candidate]:
    """The candidates still waiting whose award `signer` decides: a decision of that signer
    answers for each of them (named: awarded; not named: not awarded)."""
    wanted = {str(a) for a in SIGNER_AWARDS.get(signer, frozenset())}
    return [
        c for c in awaiting_state(dossier).select_related("person", "unit") if c.award in wanted
    ]


@transaction.atomic
def record_state_decision(
    *,
    actor: Any,
    dossier: Dossier,
    number: str,
    decided_on: dt.date,
    signer: str,
    signer_name: str,
    payer: str,
    awarded: Iterable[Candidate],
    signer_title: str = "",
    issuer_name: str = "",
    now: dt.datetime | None = None,
) -> StateDecision:
    """Record the decision of the Prime Minister or the President on `dossier`: `awarded` are the
    candidates it names, among those waiting for an award that signer decides."""
    ensure_can(actor, "decide", dossier.receiver_id)
    number, signer_name = clean(number), clean(signer_name)
    _check_header(dossier, number, signer, signer_name, payer, decided_on, now)
    considered = answered_by(dossier, signer)
    if not considered:
        raise InvalidData(
            _("Hồ sơ không còn người, tập thể nào chờ quyết định của %(s)s.")
            % {"s": StateSigner(signer).label}
        )
    chosen = {c.pk: c for c in awarded}
    strangers = [c.name for pk, c in chosen.items() if pk not in {k.pk for k in considered}]
    if strangers:
        raise InvalidData(
            _("%(n)s không có trong danh sách hồ sơ đã trình, đang chờ quyết định của %(s)s.")
            % {"n": ", ".join(strangers), "s": StateSigner(signer).label},
            code="not_a_candidate",
        )
    title = clean(signer_title) or str(StateSigner(signer).label)
    issuer = clean(issuer_name) or str(StateSigner(signer).label)
    winners = [c for c in considered if c.pk in chosen]
    book = _ledger_decision(actor, number, decided_on, issuer, signer_name, title, winners)
    decision = StateDecision.objects.create(
        dossier=dossier,
        number=number,
        decided_on=decided_on,
        signer=signer,
        signer_name=signer_name,
        signer_title=title,
        issuer_name=issuer,
        payer=payer,
        record=book,
        recorded_by=user_or_none(actor),
    )
    for c in considered:
        _line(actor, decision, c, book if c.pk in chosen else None)
    results = {c.pk: c.pk in chosen for c in considered}
    record_state_results(actor=actor, dossier=dossier, results=results, now=now)
    record(
        actor=actor,
        action="state_decision.recorded",
        obj=decision,
        after={
            "dossier": dossier.code,
            "number": number,
            "decided_on": decided_on,
            "signer": f"{title} {signer_name}",
            "issuer": issuer,
            "payer": payer,
            "awarded": [c.name for c in winners],
            "not_awarded": [c.name for c in considered if c.pk not in chosen],
        },
        unit_id=dossier.receiver_id,
    )
    _tell(actor, decision, considered, winners)
    return decision


def _check_header(
    dossier: Dossier,
    number: str,
    signer: str,
    signer_name: str,
    payer: str,
    decided_on: dt.date,
    now: dt.datetime | None,
) -> None:
    if dossier.status != DossierStatus.AT_STATE or dossier.state_sent_on is None:
        raise TransitionNotAllowed(
            _("Hồ sơ không ở trạng thái chờ quyết định của cấp Nhà nước."),
            code="invalid_transition",
        )
    if not number or not signer_name:
        raise InvalidData(_("Hãy nhập số quyết định và người ký."))
    if signer not in StateSigner.values:
        raise InvalidData(_("Hãy chọn người quyết định: Thủ tướng Chính phủ hoặc Chủ tịch nước."))
    if payer not in MoneyPayer.values:
        raise InvalidData(_("Hãy chọn nguồn chi tiền thưởng."))
    if decided_on < dossier.state_sent_on:
        raise InvalidData(
            _("Ngày quyết định (%(d)s) không thể trước ngày trình cấp Nhà nước (%(s)s).")
            % {
                "d": decided_on.strftime("%d/%m/%Y"),
                "s": dossier.state_sent_on.strftime("%d/%m/%Y"),
            },
            code="before_sending",
        )
    if decided_on > clock.today(now):
        raise InvalidData(_("Ngày quyết định không được sau hôm nay."))


def _ledger_decision(
    actor: Any,
    number: str,
    decided_on: dt.date,
    issuer: str,
    signer_name: str,
    signer_title: str,
    winners: list[Candidate],
) -> AwardDecision | None:
    """The decision in the ledger (the same number, day and issuer is the same decision, however
    many dossiers it answers); none when it awards nobody of this dossier."""
    if not winners:
        return None
    names = ", ".join(f"«{codes.award_name(a)}»" for a in sorted({c.award for c in winners}))
    return records.record_decision(
        actor=actor,
        number=number,
        signed_on=decided_on,
        level=DecisionLevel.NHA_NUOC,
        issuer_name=issuer,
        signer_name=signer_name,
        signer_title=signer_title,
        summary=_("Về việc tặng %(a)s") % {"a": names},
    )


def _line(
    actor: Any, decision: StateDecision, c: Candidate, book: AwardDecision | None
) -> StateDecisionLine:
    line = StateDecisionLine(decision=decision, candidate=c, awarded=book is not None)
    if book is not None:
        line.entry = records.record_award(
            actor=actor,
            award=c.award,
            year=decision.dossier.year,
            decision=book,
            person=c.person,
            unit=c.unit,
            sudden=decision.dossier.kind == DossierKind.SUDDEN,
        )
        _set_money(line, c, decision.decided_on)
    line.save(force_insert=True)
    return line


def _set_money(line: StateDecisionLine, c: Candidate, day: dt.date) -> None:
    """The reward on the decision day, whoever pays it; left empty when the parameters do not
    cover the day (the State's decision is recorded all the same)."""
    subject = codes.Subject.INDIVIDUAL if c.person_id else codes.Subject.COLLECTIVE
    try:
        money = reward(c.award, subject, day, params=current_parameters())
    except (MissingParameter, ValueError):
        return
    line.amount, line.base_salary = money.amount, money.base_salary
    line.coefficient = Decimal(str(money.coefficient)).quantize(Decimal("0.01"))
    line.money_citation = money.citation


def _tell(
    actor: Any, decision: StateDecision, considered: list[Candidate], winners: list[Candidate]
) -> None:
    dossier = decision.dossier
    refused = [c.name for c in considered if c not in winners]
    text = _("%(d)s, hồ sơ «%(t)s»: được khen thưởng: %(w)s; không được khen thưởng: %(r)s.") % {
        "d": str(decision),
        "t": dossier.title,
        "w": ", ".join(c.name for c in winners) or "—",
        "r": ", ".join(refused) or "—",
    }
    people = [getattr(c.person, "account", None) for c in winners if c.person is not None]
    send(
        Notice(authors(dossier) + people, "state_decision.recorded", text, link(dossier)),
        actor=actor,
    )
