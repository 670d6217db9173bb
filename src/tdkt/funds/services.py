"""The fund's business events, one function each: opening a year (with the balance carried over),
the budget allocation, a contribution, other spending, the reversal of an entry; and the postings
the decisions' money events make (commitment at signature, payment, cancellation, recovery).

Each checks the actor's right (`fund.manage`; the postings ride on the decision's own check),
locks the fund row, writes its entries and its audit entry in the caller's transaction. Entries
are never changed: a mistake is reversed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.decisions.models import Awardee, Decision, DecisionStatus, MoneyStatus
from tdkt.errors import Conflict, InvalidData, TransitionNotAllowed
from tdkt.funds import ledger, rates
from tdkt.funds.models import (
    MAX_AMOUNT,
    RESERVED_CATEGORIES,
    REVERSIBLE_KINDS,
    EntryKind,
    Fund,
    FundEntry,
    SpendingCategory,
)
from tdkt.org.models import Unit
from tdkt.text import clean
from tdkt.web.templatetags.tdkt import money
from tdkt.workflow import clock
from tdkt.workflow.access import ensure_can
from tdkt.workflow.machine import user_or_none
from tdkt.workflow.reasons import ReasonCode, checked_reason, clean_text

K = EntryKind
FIRST_YEAR, LAST_YEAR = 2000, 2100


# --- helpers ------------------------------------------------------------------------------------


def _actor_name(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return str(_("Hệ thống"))
    return actor.get_full_name() or actor.username


def _checked_year(year: int) -> int:
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidData(_("Năm phải từ %(a)s đến %(b)s.") % {"a": FIRST_YEAR, "b": LAST_YEAR})
    return year


def _checked_amount(amount: Any, label: str) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise InvalidData(_("%(f)s phải là số nguyên đồng.") % {"f": label})
    if amount <= 0:
        raise InvalidData(_("%(f)s phải lớn hơn 0 đồng.") % {"f": label})
    if amount > MAX_AMOUNT:
        raise InvalidData(_("%(f)s quá lớn (tối đa %(m)s).") % {"f": label, "m": money(MAX_AMOUNT)})
    return amount


def _checked_day(fund: Fund, day: Any, now: dt.datetime | None) -> dt.date:
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise InvalidData(_("Ngày chứng từ không hợp lệ."))
    if day.year != fund.year:
        raise InvalidData(
            _("Ngày chứng từ %(d)s không thuộc năm %(y)s của sổ quỹ.")
            % {"d": day.strftime("%d/%m/%Y"), "y": fund.year}
        )
    if day > clock.today(now):
        raise InvalidData(_("Ngày chứng từ không được sau hôm nay."))
    return day


def _voucher(value: str) -> str:
    voucher = clean(value)[:60]
    if not voucher:
        raise InvalidData(_("Hãy nhập số chứng từ."), code="voucher_required")
    return voucher


def _locked(fund: Fund) -> Fund:
    """The fund's row, locked until the transaction ends: postings to one fund are serial, so a
    balance checked is the balance written against."""
    return Fund.objects.select_for_update().get(pk=fund.pk)


def _post(fund: Fund, actor: Any, now: dt.datetime | None, **fields: Any) -> FundEntry:
    entry = FundEntry(
        fund=fund,
        created_by=user_or_none(actor),
        created_by_name=_actor_name(actor)[:150],
        created_at=clock.now(now),
        **fields,
    )
    entry.save(force_insert=True)
    return entry


def _audit(actor: Any, action: str, fund: Fund, entry: FundEntry | None, **more: Any) -> None:
    after: dict[str, Any] = {"fund": str(fund), **more}
    if entry is not None:
        after |= {
            "entry": entry.pk,
            "kind": entry.kind,
            "amount": entry.amount,
            "reserved_amount": entry.reserved_amount,
            "date": entry.entry_date,
            "voucher": entry.voucher,
        }
    record(
        actor=actor,
        action=action,
        obj=fund,
        after=after,
        reason=entry.reason if entry is not None else "",
        unit_id=fund.unit_id,
    )


# --- opening a year -----------------------------------------------------------------------------


def _open(unit: Unit, year: int, actor: Any, now: dt.datetime | None, auto: bool) -> Fund:
    fund = Fund.objects.create(
        unit=unit,
        year=year,
        auto_opened=auto,
        opened_by=user_or_none(actor),
        opened_at=clock.now(now),
    )
    previous = Fund.objects.filter(unit=unit, year=year - 1).first()
    amount, reserved = ledger.carried_over(previous)
    if amount > 0:
        _post(
            fund,
            actor,
            now,
            kind=K.OPENING,
            amount=amount,
            reserved_amount=reserved,
            entry_date=dt.date(year, 1, 1),
            text=_("Số dư quỹ năm %(y)s chuyển sang") % {"y": year - 1},
        )
    _audit(actor, "fund.opened", fund, None, carried_over=amount, reserved=reserved, auto=auto)
    return fund


@transaction.atomic
def open_fund_year(*, actor: Any, unit: Unit, year: int, now: dt.datetime | None = None) -> Fund:
    """Open the unit's fund book for `year`: the previous year's balance is posted as its opening
    line (its reserved share kept reserved)."""
    ensure_can(actor, "fund.manage", unit.pk)
    _checked_year(year)
    if Fund.objects.filter(unit=unit, year=year).exists():
        raise Conflict(
            _("Sổ quỹ năm %(y)s của %(u)s đã được mở.") % {"y": year, "u": unit.name},
            code="fund_exists",
        )
    return _open(unit, year, actor, now, auto=False)


def fund_of(unit: Unit, year: int, actor: Any, now: dt.datetime | None) -> Fund:
    """The unit's fund for the year, opened (no source yet: "chưa nhập nguồn") when a decision's
    money reaches a year finance has not opened: a signature is never refused for it."""
    fund = Fund.objects.filter(unit=unit, year=year).first()
    if fund is not None:
        return fund
    return _open(unit, year, actor, now, auto=True)


# --- sources ------------------------------------------------------------------------------------


@transaction.atomic
def record_allocation(
    *,
    actor: Any,
    fund: Fund,
    salary_fund: int,
    entry_date: dt.date,
    voucher: str,
    text: str = "",
    now: dt.datetime | None = None,
) -> FundEntry:
    """The budget allocation: the salary fund by grade (quỹ tiền lương theo ngạch, bậc) finance
    enters × the allocation rate in force on the voucher's day; its reserved share apart."""
    ensure_can(actor, "fund.manage", fund.unit_id)
    fund = _locked(fund)
    salary_fund = _checked_amount(salary_fund, _("Quỹ tiền lương theo ngạch, bậc"))
    day = _checked_day(fund, entry_date, now)
    rate = rates.allocation_rate(day)
    share = rates.reserved_share(day)
    amount = rate.of(salary_fund)
    if amount <= 0:
        raise InvalidData(_("Kinh phí trích lập tính ra bằng 0 đồng."))
    entry = _post(
        fund,
        actor,
        now,
        kind=K.ALLOCATION,
        amount=amount,
        reserved_amount=share.of(amount),
        entry_date=day,
        voucher=_voucher(voucher),
        text=clean_text(text)
        or _("Trích lập %(r)s quỹ tiền lương theo ngạch, bậc năm %(y)s")
        % {"r": rate.percent, "y": fund.year},
        salary_fund=salary_fund,
        rate=rate.decimal(),
        citation=f"{rate.citation}; {_('phần dành riêng')} {share.percent}: {share.citation}",
    )
    _audit(actor, "fund.allocated", fund, entry, salary_fund=salary_fund, rate=rate.percent)
    return entry


@transaction.atomic
def record_contribution(
    *,
    actor: Any,
    fund: Fund,
    amount: int,
    entry_date: dt.date,
    voucher: str,
    text: str,
    now: dt.datetime | None = None,
) -> FundEntry:
    """A contribution or other lawful source, with its voucher; its reserved share apart."""
    ensure_can(actor, "fund.manage", fund.unit_id)
    fund = _locked(fund)
    amount = _checked_amount(amount, _("Số tiền"))
    day = _checked_day(fund, entry_date, now)
    text = clean_text(text)
    if not text:
        raise InvalidData(_("Hãy ghi nguồn đóng góp."))
    share = rates.reserved_share(day)
    entry = _post(
        fund,
        actor,
        now,
        kind=K.CONTRIBUTION,
        amount=amount,
        reserved_amount=share.of(amount),
        entry_date=day,
        voucher=_voucher(voucher),
        text=text,
        citation=f"{_('phần dành riêng')} {share.percent}: {share.citation}",
    )
    _audit(actor, "fund.contributed", fund, entry)
    return entry


# --- other spending -----------------------------------------------------------------------------


@transaction.atomic
def record_spending(
    *,
    actor: Any,
    fund: Fund,
    amount: int,
    category: str,
    entry_date: dt.date,
    voucher: str,
    text: str,
    now: dt.datetime | None = None,
) -> FundEntry:
    """Other spending (certificates and frames, movements, reviews, publicity, inspections, council
    meetings): the organising kinds come out of the reserved share, the others out of the general
    balance; refused beyond what is left of either."""
    ensure_can(actor, "fund.manage", fund.unit_id)
    fund = _locked(fund)
    amount = _checked_amount(amount, _("Số tiền"))
    if category not in SpendingCategory.values:
        raise InvalidData(_("Hãy chọn nội dung chi."))
    day = _checked_day(fund, entry_date, now)
    text = clean_text(text)
    if not text:
        raise InvalidData(_("Hãy ghi nội dung chi."))
    reserved = category in RESERVED_CATEGORIES
    f = ledger.figures(fund)
    if reserved and amount > f.balance_reserved:
        raise InvalidData(
            _(
                "Phần 20 %% dành cho tổ chức phong trào, sơ kết, tuyên truyền, kiểm tra, họp Hội "
                "đồng còn %(b)s, không đủ chi %(a)s (đã trích %(s)s, đã chi %(p)s)."
            )
            % {
                "b": money(f.balance_reserved),
                "a": money(amount),
                "s": money(f.sources_reserved),
                "p": money(f.spending_reserved),
            },
            code="over_reserved",
        )
    if not reserved and amount > f.balance_general:
        raise InvalidData(_short(f, amount), code="over_balance")
    entry = _post(
        fund,
        actor,
        now,
        kind=K.SPENDING,
        amount=amount,
        reserved=reserved,
        reserved_amount=amount if reserved else 0,
        category=category,
        entry_date=day,
        voucher=_voucher(voucher),
        text=text,
    )
    _audit(actor, "fund.spent", fund, entry, category=category)
    return entry


def _short(f: ledger.Figures, amount: int, who: str = "") -> str:
    what = _("tiền thưởng của %(n)s") % {"n": who} if who else _("khoản chi này")
    return _(
        "Số dư quỹ %(b)s không đủ chi %(a)s (%(w)s): nguồn %(s)s, đã chi thưởng %(p)s, chi khác "
        "%(o)s; phần 20 %% dành cho tổ chức phong trào (%(r)s) không dùng để chi việc này."
    ) % {
        "b": money(f.balance_general),
        "a": money(amount),
        "w": what,
        "s": money(f.sources),
        "p": money(f.payments),
        "o": money(f.spending_general),
        "r": money(f.balance_reserved),
    }


# --- reversal -----------------------------------------------------------------------------------


@transaction.atomic
def reverse_entry(
    *, actor: Any, entry: FundEntry, reason: str, now: dt.datetime | None = None
) -> FundEntry:
    """Cancel an allocation, a contribution or a spending entered by mistake: a reversal entry of
    the same amount, with the reason (at least 20 characters). The entry itself stays."""
    ensure_can(actor, "fund.manage", entry.fund.unit_id)
    fund = _locked(entry.fund)
    _code, text = checked_reason(ReasonCode.OTHER, reason)
    entry = FundEntry.objects.get(pk=entry.pk)
    if entry.reversal_of_id is not None:
        raise TransitionNotAllowed(_("Không đảo một bút toán đảo."), code="final_state")
    if entry.kind not in REVERSIBLE_KINDS:
        raise TransitionNotAllowed(
            _("Bút toán theo quyết định khen thưởng chỉ thay đổi theo quyết định đó."),
            code="invalid_transition",
        )
    if FundEntry.objects.filter(reversal_of=entry).exists():
        raise TransitionNotAllowed(_("Bút toán này đã được đảo."), code="final_state")
    f = ledger.figures(fund)
    if entry.kind != K.SPENDING:
        general = f.balance_general - (entry.amount - entry.reserved_amount)
        reserved = f.balance_reserved - entry.reserved_amount
        if general < 0 or reserved < 0:
            raise InvalidData(
                _(
                    "Không đảo được: số dư quỹ sẽ âm (còn %(g)s, phần dành riêng còn %(r)s; bút "
                    "toán %(a)s, trong đó dành riêng %(x)s)."
                )
                % {
                    "g": money(f.balance_general),
                    "r": money(f.balance_reserved),
                    "a": money(entry.amount),
                    "x": money(entry.reserved_amount),
                },
                code="over_balance",
            )
    try:
        with transaction.atomic():
            reversal = _post(
                fund,
                actor,
                now,
                kind=entry.kind,
                amount=entry.amount,
                reserved_amount=entry.reserved_amount,
                reserved=entry.reserved,
                category=entry.category,
                entry_date=clock.today(now)
                if clock.today(now).year == fund.year
                else entry.entry_date,
                voucher=entry.voucher,
                text=_("Đảo bút toán: %(t)s") % {"t": entry.text},
                reversal_of=entry,
                reason=text,
            )
    except IntegrityError as exc:  # reversed by someone else meanwhile
        raise Conflict(_("Bút toán này đã được đảo."), code="conflict") from exc
    _audit(actor, "fund.reversed", fund, reversal, reversed_entry=entry.pk)
    return reversal


# --- postings from decisions --------------------------------------------------------------------


def _line_text(a: Awardee, decision: Decision) -> str:
    return f"{a.name} – {a.get_award_display()} ({decision})"


def _has(awardee: Awardee, kind: str) -> FundEntry | None:
    return FundEntry.objects.filter(awardee=awardee, kind=kind, reversal_of__isnull=True).first()


def post_commitments(
    *, actor: Any, decision: Decision, now: dt.datetime | None = None
) -> list[FundEntry]:
    """A signed decision: each reward line is committed in the issuing unit's fund of the
    signing year (the fund opened if finance has not). A line already posted is left alone."""
    if (
        decision.status not in (DecisionStatus.SIGNED, DecisionStatus.REVOKED)
        or not decision.signed_on
    ):
        return []
    lines = [a for a in decision.awardees.all() if a.amount]
    if not lines:
        return []
    fund = _locked(fund_of(decision.issuer, decision.signed_on.year, actor, now))
    posted = []
    for a in lines:
        if _has(a, K.COMMITMENT) is None:
            posted.append(
                _post(
                    fund,
                    actor,
                    now,
                    kind=K.COMMITMENT,
                    amount=a.amount,
                    entry_date=decision.signed_on,
                    voucher=decision.number_symbol[:60],
                    text=_line_text(a, decision),
                    decision=decision,
                    awardee=a,
                )
            )
    if posted:
        _audit(
            actor,
            "fund.posted",
            fund,
            None,
            decision=str(decision),
            committed=sum(e.amount for e in posted),
            lines=len(posted),
        )
    return posted


def _commitment_fund(awardee: Awardee, actor: Any, now: dt.datetime | None) -> Fund:
    """The fund the line was committed in (committed first if it was not: a decision signed
    before the fund was kept)."""
    committed = _has(awardee, K.COMMITMENT)
    if committed is None:
        post_commitments(actor=actor, decision=awardee.decision, now=now)
        committed = _has(awardee, K.COMMITMENT)
    if committed is None:
        raise InvalidData(_("Dòng khen thưởng này không có tiền thưởng để ghi sổ quỹ."))
    return _locked(committed.fund)


def post_payment(
    *, actor: Any, awardee: Awardee, now: dt.datetime | None = None
) -> FundEntry | None:
    """A reward paid: the commitment is released and the money leaves the fund; refused (with the
    figures) beyond the fund's general balance, which rolls the payment back. A fund whose unit
    has entered no source yet (chưa nhập nguồn: the unit does not keep its fund here yet) does not
    block the payment: it is posted, and the fund shows the overdraft."""
    if not awardee.amount or _has(awardee, K.PAYMENT) is not None:
        return None
    decision = awardee.decision
    fund = _commitment_fund(awardee, actor, now)
    f = ledger.figures(fund)
    if not f.no_sources and awardee.amount > f.balance_general:
        raise InvalidData(_short(f, awardee.amount, awardee.name), code="over_balance")
    entry = _post(
        fund,
        actor,
        now,
        kind=K.PAYMENT,
        amount=awardee.amount,
        entry_date=awardee.paid_on or clock.today(now),
        voucher=decision.number_symbol[:60],
        text=_line_text(awardee, decision),
        decision=decision,
        awardee=awardee,
    )
    _audit(actor, "fund.posted", fund, entry, awardee=awardee.name)
    return entry


def post_revocation(
    *, actor: Any, awardee: Awardee, now: dt.datetime | None = None
) -> FundEntry | None:
    """A revoked line: unpaid, its commitment is cancelled; paid, nothing moves until the money
    comes back (`post_recovery`)."""
    if not awardee.amount or awardee.money_status != MoneyStatus.CANCELLED:
        return None
    if _has(awardee, K.CANCELLATION) is not None or _has(awardee, K.PAYMENT) is not None:
        return None
    decision = awardee.decision
    fund = _commitment_fund(awardee, actor, now)
    revoked_on = awardee.entry.revoked_on if awardee.entry_id and awardee.entry else None
    entry = _post(
        fund,
        actor,
        now,
        kind=K.CANCELLATION,
        amount=awardee.amount,
        entry_date=revoked_on or decision.revoked_on or clock.today(now),
        voucher=(decision.revocation_number or decision.number_symbol)[:60],
        text=_line_text(awardee, decision),
        decision=decision,
        awardee=awardee,
    )
    _audit(actor, "fund.posted", fund, entry, awardee=awardee.name)
    return entry


def post_recovery(
    *, actor: Any, awardee: Awardee, now: dt.datetime | None = None
) -> FundEntry | None:
    """A paid reward recovered after a revocation comes back into the fund it was paid from."""
    if awardee.money_status != MoneyStatus.RECOVERED:
        return None
    paid = _has(awardee, K.PAYMENT)
    if paid is None or _has(awardee, K.RECOVERY) is not None:
        return None
    fund = _locked(paid.fund)
    decision = awardee.decision
    entry = _post(
        fund,
        actor,
        now,
        kind=K.RECOVERY,
        amount=paid.amount,
        entry_date=clock.today(now),
        voucher=(decision.revocation_number or decision.number_symbol)[:60],
        text=_line_text(awardee, decision),
        decision=decision,
        awardee=awardee,
    )
    _audit(actor, "fund.posted", fund, entry, awardee=awardee.name)
    return entry


# --- backfill -----------------------------------------------------------------------------------


@transaction.atomic
def backfill(
    *, actor: Any, unit: Unit | None = None, now: dt.datetime | None = None
) -> dict[str, int]:
    """Post what the signed (and since revoked) decisions of `unit` (or of every unit) have not
    posted yet: commitments, payments, cancellations, recoveries. Idempotent: a second run posts
    nothing. A payment beyond the balance is not posted and is counted as refused."""
    if unit is not None:
        ensure_can(actor, "fund.manage", unit.pk)
    elif actor is not None:
        ensure_can(actor, "fund.manage", None)
    decisions = Decision.objects.filter(
        status__in=[DecisionStatus.SIGNED, DecisionStatus.REVOKED], signed_on__isnull=False
    ).select_related("issuer")
    if unit is not None:
        decisions = decisions.filter(issuer=unit)
    counts = {"committed": 0, "paid": 0, "cancelled": 0, "recovered": 0, "refused": 0}
    for decision in decisions.order_by("signed_on", "pk"):
        counts["committed"] += len(post_commitments(actor=actor, decision=decision, now=now))
        lines = decision.awardees.filter(amount__gt=0).select_related("entry", "decision")
        for a in lines.order_by("paid_on", "pk"):
            if a.money_status in (MoneyStatus.PAID, MoneyStatus.TO_RECOVER, MoneyStatus.RECOVERED):
                try:
                    with transaction.atomic():
                        counts["paid"] += post_payment(actor=actor, awardee=a, now=now) is not None
                except InvalidData:
                    counts["refused"] += 1
                    continue
            counts["cancelled"] += post_revocation(actor=actor, awardee=a, now=now) is not None
            counts["recovered"] += post_recovery(actor=actor, awardee=a, now=now) is not None
    if unit is not None and any(counts.values()):
        record(actor=actor, action="fund.backfilled", obj=unit, after=counts, unit_id=unit.pk)
    return counts


@transaction.atomic
def backfill_ledger(
    *,
    actor: Any,
    unit: Unit,
    year: int,
    paid_after_days: int = 20,
    until: dt.date | None = None,
    now: dt.datetime | None = None,
) -> dict[str, int]:
    """Post the rewards of the award ledger's decisions that `unit` signed in `year` without the
    decisions' workflow (decisions imported from earlier years, the demo's): each line's reward
    (coefficient × base salary on the signing day, as a signature computes it) is committed on the
    signing day and paid `paid_after_days` later, when that day is not after `until` (default:
    today) and the balance allows it; else it stays committed. Revoked lines are left out.
    Idempotent: a line posted once is not posted again."""
    from tdkt.records.models import AwardEntry
    from tdkt.rules import codes
    from tdkt.rules.errors import MissingParameter
    from tdkt.rules.money import reward
    from tdkt.workflow.parameters import current_parameters

    ensure_can(actor, "fund.manage", unit.pk)
    _checked_year(year)
    until = until or clock.today(now)
    lines = list(
        AwardEntry.objects.filter(
            decision__issuer=unit,
            decision__signed_on__year=year,
            revoked_on__isnull=True,
            awardee__isnull=True,
            state_line__isnull=True,
        )
        .exclude(fund_entries__isnull=False)
        .select_related("decision")
        .order_by("decision__signed_on", "pk")
    )
    counts = {"committed": 0, "paid": 0, "refused": 0, "skipped": 0}
    if not lines:
        return counts
    fund = _locked(fund_of(unit, year, actor, now))
    balance = ledger.figures(fund).balance_general
    params = current_parameters()
    stamp = {
        "fund": fund,
        "created_by": user_or_none(actor),
        "created_by_name": _actor_name(actor)[:150],
        "created_at": clock.now(now),
    }
    new: list[FundEntry] = []
    for line in lines:
        signed = line.decision.signed_on
        subject = codes.Subject.INDIVIDUAL if line.person_id else codes.Subject.COLLECTIVE
        try:
            amount = reward(line.award, subject, signed, params=params).amount
        except (ValueError, MissingParameter):
            counts["skipped"] += 1
            continue
        if amount <= 0:
            counts["skipped"] += 1
            continue
        common = {
            **stamp,
            "amount": amount,
            "voucher": line.decision.number[:60],
            "text": f"{line.get_award_display()} – {line.decision}"[:2000],
            "award_entry": line,
        }
        new.append(FundEntry(kind=K.COMMITMENT, entry_date=signed, **common))
        counts["committed"] += 1
        paid_on = signed + dt.timedelta(days=paid_after_days)
        if paid_on > until:
            continue
        if amount > balance:
            counts["refused"] += 1
            continue
        balance -= amount
        new.append(FundEntry(kind=K.PAYMENT, entry_date=paid_on, **common))
        counts["paid"] += 1
    FundEntry.objects.bulk_create(new)
    record(
        actor=actor,
        action="fund.backfilled",
        obj=fund,
        after={"fund": str(fund), "source": "ledger", **counts},
        unit_id=unit.pk,
    )
    return counts
