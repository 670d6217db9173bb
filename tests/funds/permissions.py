"""The fund's screens for the project's permission registry (tests/test_permissions.py): the
fund of VKSND tỉnh Quảng Trị for 2026, with one allocation. Readers (`fund.view`: leaders, TĐKT
and finance officers, the levels above) open the list, the fund and its reports; the forms are for
finance and administrators (an officer gets 404, like an outsider)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any


def qt_fund(s: Any) -> Any:
    from tdkt.funds.models import Fund
    from tdkt.funds.services import open_fund_year, record_allocation
    from tdkt.workflow.clock import at_noon

    now = at_noon(dt.date(2026, 9, 30))
    # A decision another builder signed may have opened it already (without a source).
    fund = Fund.objects.filter(unit=s.quang_tri, year=2026).first() or open_fund_year(
        actor=None, unit=s.quang_tri, year=2026, now=now
    )
    if fund.entries.filter(kind="trich_lap").exists():
        return fund
    record_allocation(
        actor=None,
        fund=fund,
        salary_fund=500_000_000,
        entry_date=dt.date(2026, 1, 10),
        voucher="TL-2026",
        now=now,
    )
    return fund


def qt_allocation(s: Any) -> Any:
    return qt_fund(s).entries.get(kind="trich_lap")


FUND_VIEWS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "funds:fund_list": lambda s: {},
    "funds:fund_detail": lambda s: {"pk": qt_fund(s).pk},
    "funds:fund_xlsx": lambda s: {"pk": qt_fund(s).pk},
    "funds:fund_docx": lambda s: {"pk": qt_fund(s).pk},
    "funds:fund_open": lambda s: {},
    "funds:unit_search": lambda s: {},
    "funds:allocation_add": lambda s: {"pk": qt_fund(s).pk},
    "funds:contribution_add": lambda s: {"pk": qt_fund(s).pk},
    "funds:spending_add": lambda s: {"pk": qt_fund(s).pk},
    "funds:entry_reverse": lambda s: {"pk": qt_allocation(s).pk},
}
# Finance's forms: administrators and finance officers only.
FUND_MANAGE_ONLY = {
    "funds:fund_open",
    "funds:unit_search",
    "funds:allocation_add",
    "funds:contribution_add",
    "funds:spending_add",
    "funds:entry_reverse",
}
FUND_LISTS = {"funds:fund_list"}
