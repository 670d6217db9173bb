"""Danh hiệu "Chiến sĩ thi đua ngành Kiểm sát nhân dân" (= Chiến sĩ thi đua cấp bộ, ngành).

Luật TĐKT 2022, Điều 22 khoản 1: có 03 lần liên tục đạt Chiến sĩ thi đua cơ sở (điểm a) và sáng kiến
được áp dụng hiệu quả, có khả năng nhân rộng trong ngành, hoặc đề tài, đề án có phạm vi ảnh hưởng
trong ngành (điểm b). Trước 2024: Thông tư 01/2019/TT-VKSTC, Điều 16 khoản 1 (cùng cấu trúc).
Năm thứ ba có thể là năm đang xét (xét đồng thời); các năm đã dùng cho một lần CSTĐ ngành trước
không được dùng lại (legal-facts §2.3, P). Tỷ lệ phiếu 90% được kiểm bằng câu hỏi biểu quyết.
"""

from __future__ import annotations

from tdkt.rules.codes import Award, InitiativeScope, Subject
from tdkt.rules.common import (
    PRODUCT_VIOLATION,
    all3,
    check_discipline,
    check_head_violation,
    initiatives,
    years_text,
)
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.verdict import Gap, Reason

CSTDCS_NAME = "Chiến sĩ thi đua cơ sở"


def chain(ctx: Ctx, r: BoundRule) -> Reason:
    key = "cstd_nganh.consecutive_cstdcs"
    n = int(ctx.p[key])
    year = ctx.year
    first = year - n + 1
    span = years_text(first, year)
    earlier = ctx.facts.title_years(Award.CSTD_NGANH)
    if earlier is None:
        return r.missing("Thiếu dữ liệu danh hiệu đã đạt (titles)")
    reused = sorted(z for z in earlier if first <= z <= year + n - 1)
    if reused:
        return r.fail(
            f"Các năm CSTĐCS {span} trùng với thời gian đã tính cho Chiến sĩ thi đua ngành năm "
            f"{reused[0]}; mỗi lần CSTĐ ngành cần {n} năm CSTĐCS liên tục mới"
        )
    held = [(y, ctx.holds(Award.CSTDCS, y)) for y in range(first, year + 1)]
    value = all3(v for _, v in held)
    if value:
        now = "" if ctx.has_title(Award.CSTDCS, year) else f" (năm {year} xét đồng thời)"
        return r.ok(f"Đạt {CSTDCS_NAME} {n} năm liên tục, {span}{now}")
    short = sum(v is not True for _, v in held)
    gap = Gap("cstdcs_years", f"Cần thêm {short} năm {CSTDCS_NAME}", short)
    if value is None:
        unknown = ", ".join(str(y) for y, v in held if v is None)
        return r.missing(
            f"Chưa xác định được {CSTDCS_NAME} năm {unknown} (cần {n} năm liên tục {span})", gap
        )
    absent = ", ".join(str(y) for y, v in held if v is False)
    return r.fail(f"Chưa đủ {n} năm liên tục {CSTDCS_NAME} ({span}): thiếu năm {absent}", gap)


def initiative(ctx: Ctx, r: BoundRule) -> Reason:
    n = int(ctx.p["cstd_nganh.consecutive_cstdcs"])
    first = ctx.year - n + 1
    span = years_text(first, ctx.year)
    pool = initiatives(ctx, first, ctx.year, InitiativeScope.NGANH)
    gap = Gap("initiative_nganh", "Cần 1 sáng kiến cấp ngành", 1)
    if pool is None:
        return r.missing("Thiếu dữ liệu sáng kiến (initiatives)", gap)
    if pool.usable:
        return r.ok(f"Có sáng kiến, đề tài cấp ngành trở lên được công nhận {span}: {pool.ids()}")
    return r.fail(
        f"Không có sáng kiến, đề tài cấp ngành trở lên (chưa dùng) được công nhận {span}"
        f"{pool.spent_note()}",
        gap,
    )


_I = Subject.INDIVIDUAL
_A = Award.CSTD_NGANH
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
