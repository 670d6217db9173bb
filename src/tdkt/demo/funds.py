"""The demo's emulation and commendation funds (quỹ thi đua, khen thưởng): VKSND tối cao for
2024–2026, the old VKSND tỉnh Quảng Trị for 2024–2025 (it ceased on 30/06/2025) and the new one for
2026; each year opened with the previous balance, a budget allocation from an invented salary
fund by grade (sized so that the year's rewards fit, with a margin), a contribution at VKSND tối
cao, other spending (printing certificates; council meetings, reviews, publicity, inspections
from the reserved 20 %), and the rewards of the units' decisions in the award ledger posted by
the ledger backfill (committed on the signing day, paid twenty days later; the latest decision of
2026 still waits). The workflow's signed decisions, if any, are backfilled too. Two finance
accounts keep the funds: ketoan.vkstc and ketoan.quangtri (password demo12345).

Written through the funds' services with a fixed clock: the same seed gives the same rows."""

from __future__ import annotations

import datetime as dt

from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.demo.writer import demo_password_hash
from tdkt.funds import services
from tdkt.funds.models import Fund, FundEntry
from tdkt.org.models import Unit
from tdkt.records.models import AwardDecision, AwardEntry
from tdkt.rules import codes
from tdkt.rules.money import reward
from tdkt.workflow.clock import at_noon
from tdkt.workflow.parameters import current_parameters

NOW = at_noon(dt.date(2026, 11, 30))  # the demo's "today" for the funds
PAID_UNTIL = dt.date(2026, 9, 30)  # rewards are paid up to here; later ones wait
LAST_YEAR = 2026
FUNDS = {"vkstc": (2024, 2025, 2026), "t-quang-tri": (2024, 2025), "t25-quang-tri": (2026,)}
ACCOUNTS = {"ketoan.vkstc": "vkstc", "ketoan.quangtri": "t25-quang-tri"}
# Other spending of a year: (month, day, category, amount, voucher, text).
SPENDING = [
    (3, 12, "phong_trao", 6_000_000, "Chi tổ chức phát động phong trào thi đua năm"),
    (6, 20, "tuyen_truyen", 4_500_000, "Chi tuyên truyền, nhân rộng điển hình tiên tiến"),
    (7, 25, "phong_trao", 5_000_000, "Chi hội nghị sơ kết phong trào thi đua 6 tháng"),
    (9, 15, "kiem_tra", 3_200_000, "Chi kiểm tra công tác thi đua, khen thưởng"),
    (11, 20, "hoi_dong", 2_800_000, "Chi họp Hội đồng Thi đua - Khen thưởng xét khen thưởng"),
]
PRINT_EACH = 45_000  # printing a certificate with its frame


def _rewards(unit: Unit, year: int) -> tuple[int, int]:
    """(total reward, number of lines) of the unit's ledger decisions signed in `year`."""
    params = current_parameters()
    total = n = 0
    lines = AwardEntry.objects.filter(
        decision__issuer=unit, decision__signed_on__year=year, revoked_on__isnull=True
    ).select_related("decision")
    for line in lines:
        subject = codes.Subject.INDIVIDUAL if line.person_id else codes.Subject.COLLECTIVE
        try:
            total += reward(line.award, subject, line.decision.signed_on, params=params).amount
        except Exception:  # a line the money rules do not price (no coefficient that day)
            continue
        n += 1
    return total, n


def _last_day(unit: Unit, year: int) -> dt.date:
    last = dt.date(year, 12, 31)
    if unit.dissolved_on and unit.dissolved_on < last:
        last = unit.dissolved_on
    return min(last, NOW.date())


def _paid_until(unit: Unit, year: int) -> dt.date:
    """Rewards are paid twenty days after the signature; in the last year, the latest decision's
    are still waiting."""
    if year < LAST_YEAR:
        return PAID_UNTIL
    last = (
        AwardDecision.objects.filter(issuer=unit, signed_on__year=year)
        .order_by("-signed_on")
        .values_list("signed_on", flat=True)
        .first()
    )
    return min(PAID_UNTIL, last + dt.timedelta(days=19)) if last else PAID_UNTIL


def _year(unit: Unit, year: int) -> Fund:
    fund = services.open_fund_year(
        actor=None, unit=unit, year=year, now=at_noon(dt.date(year, 1, 2))
    )
    now = at_noon(min(dt.date(year, 12, 31), NOW.date()))
    needed, lines = _rewards(unit, year)
    printing = PRINT_EACH * lines
    others = sum(s[3] for s in SPENDING)
    # The general part (80 %) covers the rewards and the printing with a quarter to spare; the
    # reserved part (20 %) covers the organising spending with a fifth to spare.
    allocation = max((needed * 5 // 4 + printing) * 5 // 4, others * 6 // 5 * 5)
    salary_fund = -(-allocation * 5 // 10_000_000) * 10_000_000
    services.record_allocation(
        actor=None,
        fund=fund,
        salary_fund=salary_fund,
        entry_date=dt.date(year, 1, 15),
        voucher=f"{7 + year % 10}/QĐ-KHTC",
        text=f"Trích lập quỹ thi đua, khen thưởng năm {year} theo dự toán được giao",
        now=now,
    )
    if unit.code == "vkstc" and year == 2025:
        services.record_contribution(
            actor=None,
            fund=fund,
            amount=50_000_000,
            entry_date=dt.date(2025, 4, 10),
            voucher="PT-025",
            text="Công đoàn ngành Kiểm sát nhân dân ủng hộ quỹ thi đua, khen thưởng",
            now=now,
        )
    services.backfill_ledger(
        actor=None, unit=unit, year=year, until=_paid_until(unit, year), now=now
    )
    last = _last_day(unit, year)
    if printing:
        services.record_spending(
            actor=None,
            fund=fund,
            amount=printing,
            category="in_an",
            entry_date=min(dt.date(year, 2, 25), last),
            voucher=f"PC-{year}-01",
            text=f"In, làm {lines} Bằng khen, Giấy khen và khung",
            now=now,
        )
    for i, (month, day, category, amount, text) in enumerate(SPENDING, start=2):
        when = dt.date(year, month, day)
        if when > last:
            continue
        services.record_spending(
            actor=None,
            fund=fund,
            amount=amount,
            category=category,
            entry_date=when,
            voucher=f"PC-{year}-{i:02d}",
            text=text,
            now=now,
        )
    return fund


def build_funds(size: str = "small", seed: int = 0) -> str:
    """The funds and their finance accounts; returns the stage's line."""
    opened = 0
    for code, years in FUNDS.items():
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            continue
        for year in years:
            _year(unit, year)
            opened += 1
    services.backfill(actor=None, now=NOW)  # the workflow's signed decisions, if any
    password = demo_password_hash()
    for username, code in ACCOUNTS.items():
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            continue
        user = User.objects.create(
            username=username,
            password=password,
            full_name=f"Kế toán {unit.short_name or unit.name}",
        )
        RoleGrant.objects.create(user=user, role=Role.FINANCE, unit=unit)
    return (
        f"Quỹ thi đua, khen thưởng: {opened} sổ quỹ, {FundEntry.objects.count()} bút toán; "
        f"tài khoản kế toán {', '.join(ACCOUNTS)}"
    )
