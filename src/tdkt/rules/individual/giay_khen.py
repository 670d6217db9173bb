"""Giấy khen cho cá nhân (of Viện trưởng VKSND cấp tỉnh or the head of a VKSTC unit).

Luật TĐKT 2022, Điều 75 (as restated by Bắc Ninh QĐ 86/2025, P): gương mẫu chấp hành, hoàn thành tốt
nhiệm vụ, và có thành tích trong phong trào thi đua hoặc thành tích đột xuất có ảnh hưởng trong đơn
vị. The last criterion is a judgment: the engine never answers `eligible` for a Giấy khen, only
`ineligible` (rating, discipline) or `needs_review`.
"""

from __future__ import annotations

from tdkt.rules.codes import Award, Rating, Subject
from tdkt.rules.common import check_discipline, check_rating_at_least, judgment_only
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.verdict import Reason

OLD = "Luật TĐKT 2003 (điều khoản về Giấy khen, chưa đối chiếu)"
NEW = "Luật TĐKT 2022, Điều 75"

_HTT = Rating.HTT


def rating(ctx: Ctx, r: BoundRule) -> Reason:
    return check_rating_at_least(ctx, r, _HTT)


def merit(ctx: Ctx, r: BoundRule) -> Reason:
    return judgment_only(
        ctx,
        r,
        "thành tích trong phong trào thi đua hoặc thành tích đột xuất năm {} có ảnh hưởng "
        "trong đơn vị",
        ctx.year,
    )


_I = Subject.INDIVIDUAL
_A = Award.GIAY_KHEN
RULES = (
    Rule("giay_khen.rating", _A, _I, rating, {"pre-2024": OLD, "2024-01": NEW}, confidence="P"),
    Rule(
        "giay_khen.no_discipline",
        _A,
        _I,
        check_discipline,
        {"pre-2024": OLD, "2024-01": NEW, "2025-07": "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4"},
        confidence="P",
    ),
    Rule("giay_khen.merit", _A, _I, merit, {"pre-2024": OLD, "2024-01": NEW}, confidence="P"),
)
