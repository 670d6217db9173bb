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

from tdkt.rules.codes import Award, InitiativeScope, Rating, Subject
from tdkt.rules.common import (
    InitiativePool,
    Tri,
    all3,
    any3,
    check_discipline,
    initiatives,
    years_text,
)
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.verdict import Gap, Reason

JUDGMENT_PATH = (
    "chỉ còn xét được theo thành tích xuất sắc, đột xuất hoặc đóng góp (điểm a–c khoản 1 Điều 74), "
    "cần Hội đồng đánh giá"
)


def merit(ctx: Ctx, r: BoundRule) -> Reason:
    p = ctx.p
    n = int(p["bk_nganh.consecutive_years"])
    need = int(p["bk_nganh.min_initiatives"])
    cstdcs_path = bool(p["bk_nganh.cstdcs_path"])
    year = ctx.year
    first = year - n + 1
    span = years_text(first, year)
    earlier = ctx.facts.awards_of(Award.BK_NGANH)
    if earlier is None:
        return r.missing("Thiếu dữ liệu khen thưởng đã nhận (awards)")
    reused = sorted(a.year for a in earlier if first <= a.year <= year)
    if reused:
        return r.judge(
            f"Điểm d: các năm {span} đã được tính cho Bằng khen năm {reused[-1]}; {JUDGMENT_PATH}"
        )
    years = range(first, year + 1)
    htxs = [_is_htxs(ctx.rating(y)) for y in years]
    cstdcs = [ctx.holds(Award.CSTDCS, y) for y in years] if cstdcs_path else []
    by_htxs = all3(htxs)
    by_cstdcs = all3(cstdcs) if cstdcs_path else False
    pool = initiatives(ctx, first, year, InitiativeScope.CO_SO)
    reserved = _reserved_for_cstdcs(ctx, by_htxs, by_cstdcs)
    count = None if pool is None else max(0, len(pool.usable) - reserved)
    enough: Tri = None if count is None else count >= need
    value = all3((any3((by_cstdcs, by_htxs)), enough))

    short_years = sum(v is not True for v in htxs)
    if cstdcs_path:
        short_years = min(short_years, sum(v is not True for v in cstdcs))
    gaps = []
    if short_years:
        what = "Chiến sĩ thi đua cơ sở hoặc " if cstdcs_path else ""
        gaps.append(
            Gap(
                "cstdcs_or_htxs_years" if cstdcs_path else "htxs_years",
                f"Cần thêm {short_years} năm {what}Hoàn thành xuất sắc nhiệm vụ liên tục",
                short_years,
            )
        )
    if (count or 0) < need:
        k = need - (count or 0)
        gaps.append(Gap("initiative_co_so", f"Cần thêm {k} sáng kiến cấp cơ sở", k))

    branch = _branch_text(by_cstdcs, by_htxs, cstdcs_path, n, span)
    inits = _initiative_text(pool, count, need, reserved, year)
    if value:
        return r.ok(f"Điểm d: {branch}; {inits}")
    if value is None:
        return r.missing(f"Điểm d chưa xác định được: {branch}; {inits}", tuple(gaps))
    return r.judge(f"Chưa đạt điểm d: {branch}; {inits}; {JUDGMENT_PATH}", tuple(gaps))


def _is_htxs(rating: Rating | None) -> Tri:
    return None if rating is None else rating is Rating.HTXS


def _reserved_for_cstdcs(ctx: Ctx, by_htxs: Tri, by_cstdcs: Tri) -> int:
    """One initiative of the review year is spent if the Bằng khen rests on a CSTĐCS decided now
    on the strength of an initiative (Bộ Nội vụ: one initiative, one use)."""
    if by_htxs or not by_cstdcs or ctx.has_title(Award.CSTDCS, ctx.year):
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
        return "thiếu dữ liệu sáng kiến (initiatives)"
    note = (
        f", sau khi để 1 sáng kiến cho Chiến sĩ thi đua cơ sở năm {year} xét đồng thời"
        if reserved
        else ""
    )
    spent = pool.spent_note() if pool else ""
    return f"{count} sáng kiến cấp cơ sở chưa dùng (cần {need}){note}{spent}"


_I = Subject.INDIVIDUAL
_A = Award.BK_NGANH
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
