"""Giấy khen cho tập thể.

Luật TĐKT 2022, Điều 75 (P): hoàn thành tốt nhiệm vụ, nội bộ đoàn kết, và có thành tích trong phong
trào thi đua hoặc thành tích đột xuất — the last needs judgment, so the best answer is
`needs_review`.
"""

from __future__ import annotations

from tdkt.rules.codes import Award, Rating, Subject
from tdkt.rules.common import check_rating_at_least, judgment_only
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.verdict import Reason

OLD = "Luật TĐKT 2003 (điều khoản về Giấy khen, chưa đối chiếu)"
NEW = "Luật TĐKT 2022, Điều 75"


def rating(ctx: Ctx, r: BoundRule) -> Reason:
    return check_rating_at_least(ctx, r, Rating.HTT)


def merit(ctx: Ctx, r: BoundRule) -> Reason:
    return judgment_only(
        ctx,
        r,
        "thành tích của tập thể trong phong trào thi đua hoặc thành tích đột xuất năm {}",
        ctx.year,
    )


_C = Subject.COLLECTIVE
_A = Award.GIAY_KHEN
RULES = (
    Rule("giay_khen.rating", _A, _C, rating, {"pre-2024": OLD, "2024-01": NEW}, confidence="P"),
    Rule("giay_khen.merit", _A, _C, merit, {"pre-2024": OLD, "2024-01": NEW}, confidence="P"),
)
