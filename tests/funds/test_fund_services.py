"""Finance's events on the fund: the allocation (salary fund × the rate in force that day), the
reserved share kept apart and refused beyond, other spending refused beyond the balance, the
reversal (a reason, once, never of a decision's posting), the year's opening with the balance
carried over, the append-only ledger, and who may do it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tdkt.accounts.models import Role
from tdkt.audit.models import AuditEntry
from tdkt.eligibility import services as parameters
from tdkt.errors import Conflict, InvalidData, NotAllowed, TransitionNotAllowed
from tdkt.funds import ledger
from tdkt.funds import services as funds
from tdkt.funds.models import AppendOnly, EntryKind, Fund, FundEntry
from tests.conftest import make_user
from tests.funds.builders import BK, CSTD, LATER, REASON, decision_of, fund_with

pytestmark = pytest.mark.django_db
K = EntryKind
DAY = dt.date(2026, 3, 5)


def spend(fund, amount, category, actor=None, **more):
    return funds.record_spending(
        actor=actor,
        fund=fund,
        amount=amount,
        category=category,
        entry_date=more.pop("entry_date", DAY),
        voucher=more.pop("voucher", "PC-01"),
        text=more.pop("text", "Chi họp Hội đồng xét khen thưởng cuối năm"),
        now=LATER,
        **more,
    )


def test_a_fund_allocation_is_the_salary_fund_times_the_rate_in_force_that_day(sector):
    fund = fund_with(sector.quang_tri, 2026, 123_456_789)
    entry = fund.entries.get(kind=K.ALLOCATION)
    assert entry.amount == 24_691_358  # 123.456.789 × 20 % = 24.691.357,8 → half up
    assert entry.reserved_amount == 4_938_272  # 24.691.358 × 20 % = 4.938.271,6
    assert entry.salary_fund == 123_456_789 and str(entry.rate) == "0.2000"
    assert "Nghị định 152/2025/NĐ-CP, Điều 46 khoản 1" in entry.citation
    assert "Thông tư 28/2025/TT-BTC" in entry.citation
    audit = AuditEntry.objects.get(action="fund.allocated")
    assert audit.after["amount"] == 24_691_358 and audit.unit_id == sector.quang_tri.pk


def test_a_fund_allocation_takes_a_different_rate_before_and_after_a_new_value(sector):
    parameters.add_parameter_value(
        actor=None,
        key="fund.allocation_rate",
        value=0.15,
        valid_from=dt.date(2026, 7, 1),
        citation="Văn bản thử nghiệm số 1/2026",
        confidence="C",
        reason="Thử nghiệm tỷ lệ trích lập mới từ ngày 01/07/2026 trong kiểm thử.",
    )
    fund = funds.open_fund_year(actor=None, unit=sector.quang_tri, year=2026, now=LATER)

    def allocate(day):
        return funds.record_allocation(
            actor=None,
            fund=fund,
            salary_fund=100_000_000,
            entry_date=day,
            voucher=f"TL-{day:%m%d}",
            now=LATER,
        )

    before, after = allocate(dt.date(2026, 6, 30)), allocate(dt.date(2026, 7, 1))
    assert (before.amount, after.amount) == (20_000_000, 15_000_000)
    assert after.citation.startswith("Văn bản thử nghiệm số 1/2026")
    assert ledger.figures(fund).allocation == 35_000_000


def test_the_funds_reserved_share_is_tracked_apart_and_refused_beyond(sector):
    fund = fund_with(sector.quang_tri, 2026, 100_000_000)  # 20.000.000, 4.000.000 reserved
    spend(fund, 3_000_000, "hoi_dong")
    f = ledger.figures(fund)
    assert (f.balance_reserved, f.balance_general, f.spending_reserved) == (
        1_000_000,
        16_000_000,
        3_000_000,
    )
    with pytest.raises(InvalidData) as refused:
        spend(fund, 1_500_000, "phong_trao")
    assert "còn 1.000.000 đ, không đủ chi 1.500.000 đ" in refused.value.message
    assert refused.value.code == "over_reserved"
    # Certificates and frames come out of the general balance, not the reserved share.
    entry = spend(fund, 2_000_000, "in_an", text="In Bằng khen, làm khung")
    assert not entry.reserved and entry.reserved_amount == 0
    f = ledger.figures(fund)
    assert (f.balance_reserved, f.balance_general, f.balance) == (1_000_000, 14_000_000, 15_000_000)


def test_other_fund_spending_beyond_the_general_balance_is_refused_with_the_figures(sector):
    fund = fund_with(sector.quang_tri, 2026, 10_000_000)  # 2.000.000, 400.000 reserved
    with pytest.raises(InvalidData) as refused:
        spend(fund, 1_700_000, "in_an")
    assert "Số dư quỹ 1.600.000 đ không đủ chi 1.700.000 đ" in refused.value.message
    assert not fund.entries.filter(kind=K.SPENDING).exists()


def test_fund_inputs_are_checked(sector):
    fund = fund_with(sector.quang_tri, 2026, 10_000_000)
    bad = [
        ({"amount": -5}, "lớn hơn 0"),
        ({"amount": 0}, "lớn hơn 0"),
        ({"amount": 10**16}, "quá lớn"),
        ({"amount": "100"}, "số nguyên"),
        ({"entry_date": dt.date(2025, 12, 31)}, "không thuộc năm 2026"),
        ({"entry_date": dt.date(2026, 12, 31)}, "sau hôm nay"),
        ({"voucher": "\x00\x07 "}, "số chứng từ"),
        ({"text": "\x01\x02"}, "nội dung chi"),
    ]
    for change, words in bad:
        args = {"amount": 100_000, **change}
        with pytest.raises(InvalidData) as refused:
            spend(fund, args.pop("amount"), "in_an", **args)
        assert words in refused.value.message, change
    with pytest.raises(InvalidData):
        spend(fund, 100_000, "khong_co")
    entry = spend(fund, 100_000, "in_an", voucher="PC\x00-7", text="In\x07 giấy khen\u200b")
    assert entry.voucher == "PC-7" and entry.text == "In giấy khen"


def test_the_fund_reversal_needs_a_reason_and_cancels_exactly_once(sector):
    fund = fund_with(sector.quang_tri, 2026, 100_000_000)
    spending = spend(fund, 3_000_000, "hoi_dong")
    with pytest.raises(InvalidData) as short:
        funds.reverse_entry(actor=None, entry=spending, reason="nhầm", now=LATER)
    assert short.value.code == "reason_required"
    reversal = funds.reverse_entry(actor=None, entry=spending, reason=REASON, now=LATER)
    assert reversal.reversal_of == spending and reversal.amount == spending.amount
    assert reversal.reason == REASON
    f = ledger.figures(fund)
    assert f.spending == 0 and f.balance_reserved == 4_000_000 and f.balance == 20_000_000
    with pytest.raises(TransitionNotAllowed):
        funds.reverse_entry(actor=None, entry=spending, reason=REASON, now=LATER)
    with pytest.raises(TransitionNotAllowed):
        funds.reverse_entry(actor=None, entry=reversal, reason=REASON, now=LATER)
    assert AuditEntry.objects.filter(action="fund.reversed").count() == 1


def test_a_fund_reversal_of_a_source_already_spent_is_refused(sector):
    fund = fund_with(sector.quang_tri, 2026, 100_000_000)
    spend(fund, 15_000_000, "in_an")
    allocation = fund.entries.get(kind=K.ALLOCATION)
    with pytest.raises(InvalidData) as refused:
        funds.reverse_entry(actor=None, entry=allocation, reason=REASON, now=LATER)
    assert "số dư quỹ sẽ âm" in refused.value.message
    assert not fund.entries.filter(reversal_of__isnull=False).exists()


def test_a_decisions_fund_posting_is_not_reversed_by_hand(world):
    decision_of(world)
    commitment = FundEntry.objects.filter(kind=K.COMMITMENT).first()
    with pytest.raises(TransitionNotAllowed):
        funds.reverse_entry(actor=None, entry=commitment, reason=REASON, now=LATER)


def test_opening_a_fund_year_carries_the_previous_balance_with_its_reserved_part(sector):
    old = fund_with(sector.quang_tri, 2025, 50_000_000)  # 10.000.000, 2.000.000 reserved
    spend(old, 500_000, "hoi_dong", entry_date=dt.date(2025, 11, 5))
    spend(old, 1_000_000, "in_an", entry_date=dt.date(2025, 11, 6))
    new = funds.open_fund_year(actor=None, unit=sector.quang_tri, year=2026, now=LATER)
    opening = new.entries.get(kind=K.OPENING)
    assert opening.amount == 8_500_000 and opening.reserved_amount == 1_500_000
    assert opening.entry_date == dt.date(2026, 1, 1)
    f = ledger.figures(new)
    assert (f.balance_general, f.balance_reserved, f.no_sources) == (7_000_000, 1_500_000, False)
    with pytest.raises(Conflict):
        funds.open_fund_year(actor=None, unit=sector.quang_tri, year=2026, now=LATER)


def test_a_fund_signed_into_an_unopened_year_still_carries_the_previous_balance(world):
    fund_with(world.s.vkstc, 2025, 100_000_000)
    decision_of(world)
    fund = Fund.objects.get(unit=world.s.vkstc, year=2026)
    assert fund.auto_opened
    assert fund.entries.get(kind=K.OPENING).amount == 20_000_000
    assert ledger.figures(fund).free_after_commitments == 16_000_000 - CSTD - BK


def test_the_fund_ledger_is_append_only(sector):
    fund = fund_with(sector.quang_tri, 2026, 10_000_000)
    entry = fund.entries.get()
    entry.amount = 1
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    for bad in ({"amount": 0}, {"amount": -1}, {"amount": 5, "reserved_amount": 6}):
        with pytest.raises(IntegrityError), transaction.atomic():
            FundEntry.objects.create(
                fund=fund, kind=K.CONTRIBUTION, entry_date=dt.date(2026, 2, 1), **bad
            )
    with pytest.raises(IntegrityError), transaction.atomic():
        FundEntry.objects.create(
            fund=fund, kind=K.SPENDING, amount=5, entry_date=dt.date(2026, 2, 1)
        )
    assert fund.entries.get().amount == 2_000_000


@pytest.mark.parametrize("who", ["outsider", "officer", "qt_leader", "other_finance"])
def test_only_the_funds_finance_and_administrators_call_its_services(
    sector, who, outsider, officer
):
    actor = {
        "outsider": outsider,
        "officer": officer,  # TĐKT officer of the province: reads the fund, does not keep it
        "qt_leader": make_user("lanhdao.qt", Role.LEADER, sector.quang_tri),
        "other_finance": make_user("ketoan.bentre", Role.FINANCE, sector.ben_tre),
    }[who]
    fund = fund_with(sector.quang_tri, 2026, 10_000_000)
    entry = fund.entries.get()
    calls = [
        lambda: funds.open_fund_year(actor=actor, unit=sector.quang_tri, year=2027, now=LATER),
        lambda: funds.record_allocation(
            actor=actor, fund=fund, salary_fund=1_000, entry_date=DAY, voucher="X", now=LATER
        ),
        lambda: funds.record_contribution(
            actor=actor, fund=fund, amount=1_000, entry_date=DAY, voucher="X", text="X", now=LATER
        ),
        lambda: spend(fund, 1_000, "in_an", actor=actor),
        lambda: funds.reverse_entry(actor=actor, entry=entry, reason=REASON, now=LATER),
        lambda: funds.backfill(actor=actor, unit=sector.quang_tri),
    ]
    for call in calls:
        with pytest.raises(NotAllowed):
            call()
    assert fund.entries.count() == 1 and not Fund.objects.filter(year=2027).exists()


def test_the_units_finance_officer_and_one_above_keep_the_fund(sector, qt_finance):
    fund = fund_with(sector.quang_tri, 2026, 10_000_000, actor=qt_finance)
    above = make_user("ketoan.vkstc", Role.FINANCE, sector.vkstc)
    spend(fund, 100_000, "in_an", actor=above)
    entries = fund.entries.order_by("id")
    assert [e.created_by for e in entries] == [qt_finance, above]
    assert entries[0].created_by_name == "ketoan.quangtri"
