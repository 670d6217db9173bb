"""Figures as Vietnamese administrative documents write them: 1.234 · 66,5 % · +0,7 điểm ·
1.800.000 đ · 05/01/2025; and the short names award tables use as column headings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.records.models import DecisionLevel
from tdkt.reports import stats
from tdkt.rules import codes
from tdkt.web.templatetags.tdkt import money as vn_money
from tdkt.web.templatetags.tdkt import vn_number

TIER_SHORT: dict[str, Any] = {
    stats.CENTRAL: gettext_lazy("Trung ương"),
    stats.PROVINCIAL: gettext_lazy("Cấp tỉnh"),
    stats.GRASSROOTS: gettext_lazy("Cấp cơ sở"),
}
LEVEL_SHORT: dict[str, Any] = {
    str(DecisionLevel.CO_SO): gettext_lazy("Cơ sở"),
    str(DecisionLevel.TINH): gettext_lazy("Cấp tỉnh"),
    str(DecisionLevel.NGANH): gettext_lazy("Cấp ngành"),
    str(DecisionLevel.NHA_NUOC): gettext_lazy("Nhà nước"),
}


def number(value: int | None) -> str:
    return vn_number(value)


def signed(value: int) -> str:
    """+12, -3, 0: the change from the year before."""
    return f"+{number(value)}" if value > 0 else ("0" if value == 0 else f"-{number(-value)}")


def dec(value: float, places: int = 1) -> str:
    text = f"{abs(value):,.{places}f}"
    whole, _sep, frac = text.partition(".")
    out = whole.replace(",", ".") + ("," + frac if frac else "")
    return f"-{out}" if value < 0 and round(abs(value), places) != 0 else out


def percent(value: float | None) -> str:
    """66,5 % (one decimal); a dash when there is nothing to divide."""
    return "–" if value is None else f"{dec(value)} %"


def points(change: float | None) -> str:
    """+0,7 · -1,2 · 0,0: a change of a percentage, in points."""
    if change is None:
        return "–"
    rounded = round(change, 1)
    return f"+{dec(rounded)}" if rounded > 0 else dec(rounded)


def money(amount: int | None) -> str:
    """1.800.000 đ, and 0 đ for no amount (a table cell is never blank)."""
    return vn_money(amount or 0)


def day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def parse_day(text: str) -> dt.date | None:
    """dd/mm/yyyy (as typed; also yyyy-mm-dd, as a date field posts it), else None."""
    text = (text or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


SHORT_NAMES: dict[str, str] = {
    "LDTT": "LĐTT",
    "CSTDCS": "CSTĐCS",
    "CSTD_NGANH": "CSTĐ ngành",
    "CSTD_TQ": "CSTĐ toàn quốc",
    "TTLDTT": "TTLĐTT",
    "TTLDXS": "TTLĐXS",
    "CO_NGANH": "Cờ ngành",
    "CO_CP": "Cờ Chính phủ",
    "GIAY_KHEN": "Giấy khen",
    "BK_NGANH": "BK ngành",
    "BK_TTG": "BK Thủ tướng",
    "HCLD_3": "HCLĐ hạng Ba",
    "HCLD_2": "HCLĐ hạng Nhì",
    "HCLD_1": "HCLĐ hạng Nhất",
    "KNC_VSNKS": "KNC",
}


def short_name(code: str) -> str:
    return SHORT_NAMES.get(code, code)


def legend(used: list[str]) -> str:
    """ "Viết tắt: LĐTT – Lao động tiên tiến; …" for the codes a table shows."""
    parts = [
        f"{short_name(c)} – {codes.award_name(c)}"
        for c in used
        if short_name(c) != codes.award_name(c)
    ]
    return _("Viết tắt: %(parts)s.") % {"parts": "; ".join(parts)} if parts else ""


def award_name(code: str) -> str:
    return _(codes.award_name(code))
