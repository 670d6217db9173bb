"""Bằng khen của Viện trưởng Viện kiểm sát nhân dân tối cao (= Bằng khen cấp bộ, ngành), cá nhân.

Luật TĐKT 2022, Điều 74 khoản 1: đạt một trong các tiêu chuẩn — thành tích xuất sắc trong phong trào
thi đua, thành tích đột xuất, đóng góp… (điểm a–c, cần Hội đồng đánh giá), hoặc điểm d: 02 lần liên
tục Chiến sĩ thi đua cơ sở hoặc 02 năm liên tục hoàn thành xuất sắc nhiệm vụ, và trong thời gian đó
có 02 sáng kiến được công nhận, áp dụng hiệu quả ở cơ sở (Bộ Nội vụ: điều kiện sáng kiến gắn với cả
hai nhánh; sáng kiến đã dùng cho danh hiệu khác không được dùng lại). Trước 2024 (Nghị định 91/2017,
Điều 39, M): 02 năm liên tục HTXS và 02 sáng kiến.

When point d is not met, the only open path needs judgment: the verdict is `needs_review`, never
`ineligible` for that reason alone. Years already counted for an earlier Bằng khen are not reused.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from tdkt.rules.codes import Award, InitiativeScope, Rating, Subject
from tdkt.rules.common import (
    InitiativePool,
    Tri,
    any3,
    check_discipline,
    initiatives,
    tally3,
    years_text,
)
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.params import ParamView
from tdkt.rules.verdict import Gap, Reason

JUDGMENT_PATH = (
    "chỉ còn xét được theo thành tích xuất sắc, đột xuất hoặc đóng góp (điểm a–c khoản 1 Điều 74), "
    "cần Hội đồng đánh giá"
)
JUDGMENT_TAIL = f"; {JUDGMENT_PATH}"
_A = Award.BK_NGANH
_CSTDCS = Award.CSTDCS
_CO_SO = InitiativeScope.CO_SO
# A year's rating → rated HTXS (None: not rated yet).
IS_HTXS: dict[Rating | None, Tri] = {None: None, **{x: x is Rating.HTXS for x in Rating}}


def merit(ctx: Ctx, r: BoundRule) -> Reason:
    n, need, cstdcs_path = ctx.p.derived("bk_nganh", _params)
    year = ctx.year
    first = year - n + 1
    earlier = ctx.earlier_forms(r)
    if earlier is None:
        return r.missing("Thiếu dữ liệu khen thưởng đã nhận")
    earlier = ctx.merit_only(earlier)
    if earlier:
        reused = sorted(a.year for a in earlier if first <= a.year <= year)
        if reused:
            return r.judge(_reused_text, first, year, reused[-1])
    years = range(first, year + 1)
    rating = ctx.rating
    by_htxs, short_htxs = tally3([IS_HTXS[rating(y)] for y in years])
    by_cstdcs: Tri = False
    short_years = short_htxs
    if cstdcs_path:
        by_cstdcs, short_cstdcs = tally3(_cstdcs_held(ctx, first, year))
        short_years = min(short_years, short_cstdcs)
    pool = initiatives(ctx, first, year, _CO_SO, r.award)
    reserved = _reserved_for_cstdcs(ctx) if by_cstdcs and not by_htxs else 0
    count = None if pool is None else max(0, len(pool.usable) - reserved)
    enough: Tri = None if count is None else count >= need
    either = any3((by_cstdcs, by_htxs))
    # all3((either, enough)): any False is False, else any None is None
    value: Tri = False if either is False or enough is False else either and enough
    state = (by_cstdcs, by_htxs, cstdcs_path, n, first, year, pool, count, need, reserved)
    if value:
        return r.ok(_merit_text, "Điểm d: ", "", state)

    gaps: tuple[Gap, ...] = ()
    if short_years:
        gaps = (_years_gap(short_years, cstdcs_path),)
    have = count or 0
    if have < need:
        gaps = (*gaps, _initiatives_gap(need - have))
    if value is None:
        return r.missing(_merit_text, "Điểm d chưa xác định được: ", "", state, gaps=gaps)
    return r.judge(_merit_text, "Chưa đạt điểm d: ", JUDGMENT_TAIL, state, gaps=gaps)


@cache
def _years_gap(k: int, cstdcs_path: bool) -> Gap:
    if cstdcs_path:
        text = f"Cần thêm {k} năm Chiến sĩ thi đua cơ sở hoặc Hoàn thành xuất sắc nhiệm vụ liên tục"
        return Gap("cstdcs_or_htxs_years", text, k)
    return Gap("htxs_years", f"Cần thêm {k} năm Hoàn thành xuất sắc nhiệm vụ liên tục", k)


@cache
def _initiatives_gap(k: int) -> Gap:
    return Gap("initiative_co_so", f"Cần thêm {k} sáng kiến cấp cơ sở", k)


def _params(p: ParamView) -> tuple[int, int, bool]:
    return (
        int(p["bk_nganh.consecutive_years"]),
        int(p["bk_nganh.min_initiatives"]),
        bool(p["bk_nganh.cstdcs_path"]),
    )


def _reused_text(first: int, year: int, reused: int) -> str:
    return (
        f"Điểm d: các năm {years_text(first, year)} đã được tính cho Bằng khen năm {reused}; "
        f"{JUDGMENT_PATH}"
    )


def _merit_text(head: str, tail: str, state: tuple[Any, ...]) -> str:
    by_cstdcs, by_htxs, cstdcs_path, n, first, year, pool, count, need, reserved = state
    branch = _branch_text(by_cstdcs, by_htxs, cstdcs_path, n, years_text(first, year))
    inits = _initiative_text(pool, count, need, reserved, year)
    return f"{head}{branch}; {inits}{tail}"


def _cstdcs_held(ctx: Ctx, first: int, year: int) -> list[Tri]:
    """CSTĐCS held each year `first`..`year` (the review year: recorded or eligible now)."""
    recorded = ctx.title_years(_CSTDCS)
    if recorded is None:  # titles not given
        return [ctx.holds(_CSTDCS, y) for y in range(first, year + 1)]
    held: list[Tri] = [y in recorded for y in range(first, year)]
    held.append(ctx.holds(_CSTDCS, year))
    return held


def _reserved_for_cstdcs(ctx: Ctx) -> int:
    """When the Bằng khen rests on CSTĐCS and not on HTXS: one initiative of the review year is
    spent if the CSTĐCS of that year is decided now on the strength of an initiative (Bộ Nội
    vụ: one initiative, one use)."""
    if ctx.has_title(Award.CSTDCS, ctx.year):
        return 0
    mode = ctx.p["cstdcs.merit_rule"]
    on_initiative = mode != "htxs_or_initiative" or ctx.rating(ctx.year) is not Rating.HTXS
    return 1 if on_initiative else 0


def _branch_text(by_cstdcs: Tri, by_htxs: Tri, cstdcs_path: bool, n: int, span: str) -> str:
    if by_cstdcs:
        return f"{n} lần liên tục Chiến sĩ thi đua cơ sở ({span})"
    if by_htxs:
        return f"{n} năm liên tục Hoàn thành xuất sắc nhiệm vụ ({span})"
    options = f"{n} lần liên tục Chiến sĩ thi đua cơ sở hoặc " if cstdcs_path else ""
    state = "chưa xác định được" if None in (by_cstdcs, by_htxs) else "chưa có"
    return f"{state} {options}{n} năm liên tục Hoàn thành xuất sắc nhiệm vụ ({span})"


def _initiative_text(
    pool: InitiativePool | None, count: int | None, need: int, reserved: int, year: int
) -> str:
    if count is None:
        return "thiếu dữ liệu sáng kiến"
    note = (
        f", sau khi để 1 sáng kiến cho Chiến sĩ thi đua cơ sở năm {year} xét đồng thời"
        if reserved
        else ""
    )
    spent = pool.spent_note() if pool else ""
    return f"{count} sáng kiến cấp cơ sở chưa dùng (cần {need}){note}{spent}"


_I = Subject.INDIVIDUAL
RULES = (
    Rule(
        "bk_nganh.merit",
        _A,
        _I,
        merit,
        {
            "pre-2024": "Nghị định 91/2017/NĐ-CP, Điều 39 (chưa đối chiếu)",
            "2024-01": "Luật TĐKT 2022, Điều 74 khoản 1",
        },
        note="Không dùng lại năm đã tính cho Bằng khen trước: P (Luật 2022, Điều 5.2.c).",
    ),
    Rule(
        "bk_nganh.no_discipline",
        _A,
        _I,
        check_discipline,
        {
            "pre-2024": "Nghị định 91/2017/NĐ-CP",
            "2024-01": "Luật TĐKT 2022, Điều 74 khoản 1 (gương mẫu chấp hành)",
            "2025-07": "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4",
        },
        confidence="P",
    ),
)
