"""Bằng khen của Viện trưởng Viện kiểm sát nhân dân tối cao, tập thể.

Luật TĐKT 2022, Điều 74 (as restated by Bắc Ninh QĐ 86/2025, P): một trong các tiêu chuẩn — thành
tích xuất sắc, đột xuất, đóng góp (Hội đồng đánh giá), hoặc 02 năm liên tục hoàn thành xuất sắc
nhiệm vụ hoặc Tập thể lao động xuất sắc, kèm thực hiện tốt dân chủ cơ sở, chăm lo đời sống, thực
hành tiết kiệm, chống tham nhũng (Hội đồng bình xét). A year counts when the unit was rated HTXS or
holds TTLĐXS or a higher collective title for it; years counted for an earlier Bằng khen are not
reused.
"""

from __future__ import annotations

from tdkt.rules.codes import Award, Rating, Subject
from tdkt.rules.common import Tri, all3, years_text
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.verdict import Gap, Reason

EXCELLENT_TITLES = (Award.TTLDXS, Award.CO_NGANH, Award.CO_CP)
JUDGMENT_PATH = (
    "chỉ còn xét được theo thành tích xuất sắc, đột xuất hoặc đóng góp, cần Hội đồng đánh giá"
)


def merit(ctx: Ctx, r: BoundRule) -> Reason:
    n = int(ctx.p["bk_nganh.consecutive_years"])
    year = ctx.year
    first = year - n + 1
    span = years_text(first, year)
    earlier = ctx.earlier_forms(r)
    if earlier is None:
        return r.missing("Thiếu dữ liệu khen thưởng đã nhận")
    reused = sorted(a.year for a in ctx.merit_only(earlier) if first <= a.year <= year)
    if reused:
        return r.judge(
            f"Các năm {span} đã được tính cho Bằng khen năm {reused[-1]}; {JUDGMENT_PATH}"
        )
    years = [(y, _excellent(ctx, y)) for y in range(first, year + 1)]
    value = all3(v for _, v in years)
    short = sum(v is not True for _, v in years)
    gap = Gap("htxs_years", f"Cần thêm {short} năm Hoàn thành xuất sắc nhiệm vụ liên tục", short)
    text = f"{n} năm liên tục ({span}) hoàn thành xuất sắc nhiệm vụ hoặc Tập thể lao động xuất sắc"
    if value:
        return r.ok(f"Đạt {text}")
    if value is None:
        unknown = ", ".join(str(y) for y, v in years if v is None)
        return r.missing(f"Chưa có kết quả xếp loại năm {unknown} (cần {text})", gaps=gap)
    return r.judge(f"Chưa đạt {text}; {JUDGMENT_PATH}", gaps=gap)


def _excellent(ctx: Ctx, year: int) -> Tri:
    if any(ctx.has_title(code, year) for code in EXCELLENT_TITLES):
        return True
    rating = ctx.rating(year)
    return None if rating is None else rating is Rating.HTXS


_C = Subject.COLLECTIVE
RULES = (
    Rule(
        "bk_nganh.merit",
        Award.BK_NGANH,
        _C,
        merit,
        {
            "pre-2024": "Nghị định 91/2017/NĐ-CP, Điều 39 (chưa đối chiếu)",
            "2024-01": "Luật TĐKT 2022, Điều 74",
        },
        confidence="P",
    ),
)
