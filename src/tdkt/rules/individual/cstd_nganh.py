"""Danh hiệu "Chiến sĩ thi đua ngành Kiểm sát nhân dân" (= Chiến sĩ thi đua cấp bộ, ngành).

Luật TĐKT 2022, Điều 22 khoản 1: có 03 lần liên tục đạt Chiến sĩ thi đua cơ sở (điểm a) và sáng kiến
được áp dụng hiệu quả, có khả năng nhân rộng trong ngành, hoặc đề tài, đề án có phạm vi ảnh hưởng
trong ngành (điểm b). Trước 2024: Thông tư 01/2019/TT-VKSTC, Điều 16 khoản 1 (cùng cấu trúc).
Năm thứ ba có thể là năm đang xét (xét đồng thời); các năm đã dùng cho một lần CSTĐ ngành trước
không được dùng lại (legal-facts §2.3, P). Tỷ lệ phiếu 90% được kiểm bằng câu hỏi biểu quyết.
"""

from __future__ import annotations

from functools import cache

from tdkt.rules.codes import Award, InitiativeScope, Subject
from tdkt.rules.common import (
    PRODUCT_VIOLATION,
    Tri,
    check_discipline,
    check_head_violation,
    check_initiative,
    tally3,
    years_text,
)
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.params import ParamView
from tdkt.rules.verdict import Gap, Reason

CSTDCS_NAME = "Chiến sĩ thi đua cơ sở"
INITIATIVE_GAP = Gap("initiative_nganh", "Cần 1 sáng kiến cấp ngành", 1)
_A = Award.CSTD_NGANH
_CSTDCS = Award.CSTDCS
_NONE: frozenset[int] = frozenset()
_NGANH = InitiativeScope.NGANH


def chain(ctx: Ctx, r: BoundRule) -> Reason:
    n = ctx.p.derived("cstd_nganh.n", _n)
    year = ctx.year
    first = year - n + 1
    earlier = ctx.earlier_titles(r)
    if earlier is None:
        return r.missing("Thiếu dữ liệu danh hiệu đã đạt")
    if earlier:
        reused = sorted(z for z in earlier if first <= z <= year + n - 1)
        if reused:
            return r.fail(_chain_reused, n, first, year, reused[0])
    # titles are given: the years before the review are held or not; the review year may be
    # decided at the same time (holds)
    recorded = ctx.title_years(_CSTDCS) or _NONE
    held: list[Tri] = [y in recorded for y in range(first, year)]
    held.append(ctx.holds(_CSTDCS, year))
    value, short = tally3(held)
    if value:
        now = "" if ctx.has_title(_CSTDCS, year) else f" (năm {year} xét đồng thời)"
        return r.ok(_chain_met, n, first, year, now)
    gap = _cstdcs_gap(short)
    if value is None:
        return r.missing(_chain_unknown, n, first, year, held, gaps=gap)
    return r.fail(_chain_short, n, first, year, held, gaps=gap)


@cache
def _cstdcs_gap(short: int) -> Gap:
    return Gap("cstdcs_years", f"Cần thêm {short} năm {CSTDCS_NAME}", short)


def _chain_reused(n: int, first: int, year: int, reused: int) -> str:
    return (
        f"Các năm CSTĐCS {years_text(first, year)} trùng với thời gian đã tính cho Chiến sĩ thi "
        f"đua ngành năm {reused}; mỗi lần CSTĐ ngành cần {n} năm CSTĐCS liên tục mới"
    )


def _chain_met(n: int, first: int, year: int, now: str) -> str:
    return f"Đạt {CSTDCS_NAME} {n} năm liên tục, {years_text(first, year)}{now}"


def _chain_unknown(n: int, first: int, year: int, held: list[Tri]) -> str:
    unknown = ", ".join(str(y) for y, v in enumerate(held, first) if v is None)
    span = years_text(first, year)
    return f"Chưa xác định được {CSTDCS_NAME} năm {unknown} (cần {n} năm liên tục {span})"


def _chain_short(n: int, first: int, year: int, held: list[Tri]) -> str:
    absent = ", ".join(str(y) for y, v in enumerate(held, first) if v is False)
    span = years_text(first, year)
    return f"Chưa đủ {n} năm liên tục {CSTDCS_NAME} ({span}): thiếu năm {absent}"


def _n(p: ParamView) -> int:
    return int(p["cstd_nganh.consecutive_cstdcs"])


def initiative(ctx: Ctx, r: BoundRule) -> Reason:
    n = ctx.p.derived("cstd_nganh.n", _n)
    first = ctx.year - n + 1
    return check_initiative(ctx, r, first, _NGANH, "cấp ngành trở lên", INITIATIVE_GAP)


_I = Subject.INDIVIDUAL
RULES = (
    Rule(
        "cstd_nganh.chain",
        _A,
        _I,
        chain,
        {
            "pre-2024": "Luật TĐKT 2003, Điều 22; Thông tư 01/2019/TT-VKSTC, Điều 16 khoản 1",
            "2024-01": "Luật TĐKT 2022, Điều 22 khoản 1 điểm a",
        },
        note="Xét đồng thời năm thứ ba và không dùng lại năm: P (legal-facts §2.3, §12 mục 7).",
    ),
    Rule(
        "cstd_nganh.initiative",
        _A,
        _I,
        initiative,
        {
            "pre-2024": "Thông tư 01/2019/TT-VKSTC, Điều 16 khoản 1",
            "2024-01": "Luật TĐKT 2022, Điều 22 khoản 1 điểm b",
        },
    ),
    Rule(
        "cstd_nganh.no_discipline",
        _A,
        _I,
        check_discipline,
        {
            "pre-2024": "Thông tư 01/2019/TT-VKSTC; Thông tư 12/2019/TT-BNV",
            "2024-10": "Thông tư 02/2024/TT-VKSTC, Điều 15",
        },
    ),
    Rule(
        "cstd_nganh.unit_violation", _A, _I, check_head_violation, {"pre-2024": PRODUCT_VIOLATION}
    ),
)
