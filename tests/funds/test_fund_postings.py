"""A decision's money in the issuing unit's fund: its signature commits each reward line, a
payment moves the line from committed to paid (refused beyond the balance, which rolls the payment
back), a revocation cancels an unpaid line and a paid one comes back when recovered; the backfill
posts what was signed before and posts it once."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from tdkt.audit.models import AuditEntry
from tdkt.decisions import services as decisions
from tdkt.decisions import signals
from tdkt.decisions.models import MoneyStatus
from tdkt.errors import InvalidData
from tdkt.funds import ledger
from tdkt.funds import services as funds
from tdkt.funds.models import EntryKind, Fund, FundEntry
from tdkt.workflow.clock import at_noon
from tests.funds.builders import (
    BK,
    CSTD,
    PAID,
    REASON,
    REVOKED,
    SIGNED,
    decision_of,
    fund_with,
    line,
)

pytestmark = pytest.mark.django_db
K = EntryKind


def pay(world, awardee):
    return decisions.record_payment(actor=world.vkstc_officer, awardee=awardee, paid_on=PAID)


def revoke_line(world, awardee):
    decision = awardee.decision
    decision.refresh_from_db()
    return decisions.revoke_awardee(
        actor=world.leader,
        awardee=awardee,
        version=decision.version,
        ground="a_khai_man",
        reason=REASON,
        revoked_on=REVOKED,
        now=at_noon(REVOKED),
    )


def test_a_signed_decision_commits_its_lines_sum_to_the_issuing_units_fund(world):
    decision = decision_of(world)
    fund = Fund.objects.get(unit=world.s.vkstc, year=SIGNED.year)
    commitments = FundEntry.objects.filter(fund=fund, kind=K.COMMITMENT)
    assert sorted(commitments.values_list("amount", flat=True)) == [BK, CSTD]
    assert sum(a.amount for a in decision.awardees.all()) == CSTD + BK
    f = ledger.figures(fund)
    assert f.committed == f.outstanding == CSTD + BK
    assert f.balance == 0 and f.payments == 0
    # No source entered: the fund was opened by the signature, flagged, not refused.
    assert fund.auto_opened and f.no_sources
    assert {e.decision_id for e in commitments} == {decision.pk}
    assert all(e.entry_date == SIGNED for e in commitments)


def test_a_fund_posting_is_written_once_per_line_and_kind(world):
    decision = decision_of(world)
    funds.post_commitments(actor=None, decision=decision)  # the signal already posted them
    assert FundEntry.objects.filter(kind=K.COMMITMENT).count() == 2
    existing = FundEntry.objects.filter(kind=K.COMMITMENT).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        FundEntry.objects.create(
            fund=existing.fund,
            kind=K.COMMITMENT,
            amount=1,
            entry_date=SIGNED,
            decision=decision,
            awardee=existing.awardee,
        )


def test_a_fund_payment_moves_the_line_from_committed_to_paid_and_the_balance_exactly(world):
    decision = decision_of(world)
    fund = fund_with(world.s.vkstc, 2026, 100_000_000)  # 20 % = 20.000.000, 4.000.000 reserved
    before = ledger.figures(fund)
    assert (before.sources, before.sources_reserved) == (20_000_000, 4_000_000)
    assert before.balance_general == 16_000_000
    pay(world, line(decision, "CSTD_NGANH"))
    after = ledger.figures(fund)
    assert after.payments == CSTD
    assert after.outstanding == BK
    assert after.balance_general == 16_000_000 - CSTD == 8_980_000
    assert after.balance_reserved == 4_000_000
    payment = FundEntry.objects.get(kind=K.PAYMENT)
    assert payment.entry_date == PAID and payment.awardee.name == line(decision, "CSTD_NGANH").name


def test_a_fund_payment_beyond_the_balance_is_refused_with_the_figures_and_nothing_written(world):
    decision = decision_of(world)
    fund = fund_with(world.s.vkstc, 2026, 40_000_000)  # 8.000.000, of which 1.600.000 reserved
    awardee = line(decision, "CSTD_NGANH")
    with pytest.raises(InvalidData) as refused:
        pay(world, awardee)
    message = refused.value.message
    assert "Số dư quỹ 6.400.000 đ không đủ chi 7.020.000 đ" in message
    assert "1.600.000 đ" in message  # the reserved share, not usable for rewards
    awardee.refresh_from_db()
    assert awardee.money_status == MoneyStatus.UNPAID and awardee.paid_on is None
    assert not FundEntry.objects.filter(kind=K.PAYMENT).exists()
    assert not AuditEntry.objects.filter(action="awardee.paid").exists()
    assert ledger.figures(fund).balance_general == 6_400_000
    # The smaller line fits.
    pay(world, line(decision, "BK_NGANH"))
    assert ledger.figures(fund).balance_general == 6_400_000 - BK


def test_the_decision_page_shows_the_funds_refusal_of_a_payment(world):
    from django.urls import reverse

    from tests.conftest import login

    decision = decision_of(world)
    fund_with(world.s.vkstc, 2026, 40_000_000)
    awardee = line(decision, "CSTD_NGANH")
    client = login(world.vkstc_officer)
    response = client.post(
        reverse("decisions:awardee_paid", args=[awardee.pk]), {"paid_on": "02/02/2026"}, follow=True
    )
    assert response.status_code == 200
    assert "Số dư quỹ 6.400.000 đ không đủ chi 7.020.000 đ" in response.content.decode()
    awardee.refresh_from_db()
    assert awardee.money_status == MoneyStatus.UNPAID


def test_a_fund_revocation_of_an_unpaid_line_cancels_its_commitment_exactly(world):
    decision = decision_of(world)
    fund = fund_with(world.s.vkstc, 2026, 100_000_000)
    revoke_line(world, line(decision, "BK_NGANH"))
    cancelled = FundEntry.objects.get(kind=K.CANCELLATION)
    assert cancelled.amount == BK and cancelled.entry_date == REVOKED
    f = ledger.figures(fund)
    assert f.cancelled == BK and f.outstanding == CSTD and f.balance_general == 16_000_000
    # Revoking the whole decision afterwards cancels the other line, and this one not twice.
    decision.refresh_from_db()
    decisions.revoke_decision(
        actor=world.leader,
        decision=decision,
        version=decision.version,
        ground="a_khai_man",
        reason=REASON,
        revoked_on=REVOKED,
        now=at_noon(REVOKED),
    )
    assert sorted(
        FundEntry.objects.filter(kind=K.CANCELLATION).values_list("amount", flat=True)
    ) == [BK, CSTD]
    assert ledger.figures(fund).outstanding == 0


def test_a_fund_revocation_of_a_paid_line_credits_the_fund_when_the_money_comes_back(world):
    decision = decision_of(world)
    fund = fund_with(world.s.vkstc, 2026, 100_000_000)
    awardee = line(decision, "CSTD_NGANH")
    pay(world, awardee)
    revoke_line(world, awardee)
    awardee.refresh_from_db()
    assert awardee.money_status == MoneyStatus.TO_RECOVER
    assert not FundEntry.objects.filter(kind__in=[K.CANCELLATION, K.RECOVERY]).exists()
    assert ledger.figures(fund).balance_general == 16_000_000 - CSTD
    decisions.record_recovery(actor=world.vkstc_officer, awardee=awardee)
    recovery = FundEntry.objects.get(kind=K.RECOVERY)
    assert recovery.amount == CSTD and recovery.fund == fund
    f = ledger.figures(fund)
    assert f.recovery == CSTD and f.balance_general == 16_000_000
    assert f.outstanding == BK  # the other line still waits


def test_the_fund_backfill_posts_decisions_signed_before_and_only_once(world):
    receivers = [
        (signals.decision_signed, "funds.on_signed"),
        (signals.awardee_paid, "funds.on_paid"),
    ]
    from tdkt.funds import receivers as fund_receivers

    for signal, uid in receivers:
        signal.disconnect(dispatch_uid=uid)
    try:
        decision = decision_of(world)
        fund = fund_with(world.s.vkstc, 2026, 100_000_000)
        pay(world, line(decision, "BK_NGANH"))
        assert not FundEntry.objects.filter(kind__in=[K.COMMITMENT, K.PAYMENT]).exists()
    finally:
        fund_receivers.connect()
    first = funds.backfill(actor=None, unit=world.s.vkstc)
    assert first == {"committed": 2, "paid": 1, "cancelled": 0, "recovered": 0, "refused": 0}
    f = ledger.figures(fund)
    assert (f.committed, f.payments, f.outstanding) == (CSTD + BK, BK, CSTD)
    second = funds.backfill(actor=None, unit=world.s.vkstc)
    assert second == {"committed": 0, "paid": 0, "cancelled": 0, "recovered": 0, "refused": 0}
    assert FundEntry.objects.count() == 4  # allocation, two commitments, one payment


def test_the_fund_backfill_command_reports_what_it_posted(world):
    import io

    from django.core.management import call_command

    from tdkt.funds import receivers as fund_receivers

    signals.decision_signed.disconnect(dispatch_uid="funds.on_signed")
    try:
        decision_of(world)
    finally:
        fund_receivers.connect()
    out = io.StringIO()
    call_command("funds", "backfill", stdout=out)
    assert "2" in out.getvalue() and FundEntry.objects.filter(kind=K.COMMITMENT).count() == 2
    call_command("funds", "backfill", stdout=out)
    assert FundEntry.objects.filter(kind=K.COMMITMENT).count() == 2


def test_the_fund_ledger_backfill_prices_posts_and_pays_ledger_decisions_once(sector):
    """Quảng Bình's decision 12/QĐ-VKS of 20/01/2024 in the ledger (no workflow): Lao động tiên
    tiến for Nguyễn Văn An (0,3 × 1.800.000 = 540.000 đ) and Tập thể lao động tiên tiến for the
    unit (0,8 × 1.800.000 = 1.440.000 đ)."""
    import datetime as dt

    fund = fund_with(sector.quang_binh, 2024, 10_000_000)  # 2.000.000: 1.600.000 for rewards
    counts = funds.backfill_ledger(
        actor=None,
        unit=sector.quang_binh,
        year=2024,
        until=dt.date(2024, 12, 31),
        now=at_noon(dt.date(2024, 12, 31)),
    )
    assert counts == {"committed": 2, "paid": 1, "refused": 1, "skipped": 0}
    f = ledger.figures(fund)
    assert (f.committed, f.payments, f.outstanding) == (1_980_000, 540_000, 1_440_000)
    paid = FundEntry.objects.get(kind=K.PAYMENT)
    assert paid.entry_date == dt.date(2024, 2, 9) and paid.award_entry.person == sector.an
    again = funds.backfill_ledger(actor=None, unit=sector.quang_binh, year=2024)
    assert again == {"committed": 0, "paid": 0, "refused": 0, "skipped": 0}
    assert FundEntry.objects.filter(kind=K.COMMITMENT).count() == 2


def test_a_fund_with_no_source_entered_does_not_block_a_payment_and_shows_the_overdraft(world):
    """The unit does not keep its fund here yet (chưa nhập nguồn): the decisions' money goes on."""
    decision = decision_of(world)
    pay(world, line(decision, "CSTD_NGANH"))
    fund = Fund.objects.get(unit=world.s.vkstc, year=2026)
    f = ledger.figures(fund)
    assert f.no_sources and f.payments == CSTD and f.balance_general == -CSTD
    assert f.free_after_commitments == -CSTD - BK
