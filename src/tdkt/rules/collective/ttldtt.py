"""Danh hiệu "Tập thể lao động tiên tiến" (TTLĐTT).

Luật TĐKT 2022, Điều 28 khoản 1: hoàn thành tốt nhiệm vụ được giao (điểm a); tham gia phong trào thi
đua (điểm b, Hội đồng bình xét); có ít nhất 70% cá nhân đạt Lao động tiên tiến và không có cá nhân
bị kỷ luật từ cảnh cáo trở lên (điểm c); nội bộ đoàn kết (điểm d, Hội đồng bình xét). Trước 2024:
Thông tư 01/2019/TT-VKSTC, Điều 18 khoản 1 ("từ 50%" thành viên đạt LĐTT).
"""

from __future__ import annotations

from tdkt.rules.codes import Award, Rating, Subject
from tdkt.rules.collective.members import check_ldtt_share, check_member_discipline
from tdkt.rules.common import check_rating_at_least
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.verdict import Reason


def rating(ctx: Ctx, r: BoundRule) -> Reason:
    return check_rating_at_least(ctx, r, Rating.HTT)


def ldtt_share(ctx: Ctx, r: BoundRule) -> Reason:
    return check_ldtt_share(ctx, r, "ttldtt.min_ldtt_share")


def member_discipline(ctx: Ctx, r: BoundRule) -> Reason | None:
    return check_member_discipline(ctx, r, "ttldtt.member_discipline_bar")


_C = Subject.COLLECTIVE
_A = Award.TTLDTT
RULES = (
    Rule(
        "ttldtt.rating",
        _A,
        _C,
        rating,
        {
            "pre-2024": "Thông tư 01/2019/TT-VKSTC, Điều 18 khoản 1",
            "2024-01": "Luật TĐKT 2022, Điều 28 khoản 1 điểm a",
        },
    ),
    Rule(
        "ttldtt.members_ldtt",
        _A,
        _C,
        ldtt_share,
        {
            "pre-2024": "Thông tư 01/2019/TT-VKSTC, Điều 18 khoản 1",
            "2024-01": "Luật TĐKT 2022, Điều 28 khoản 1 điểm c",
        },
    ),
    Rule(
        "ttldtt.members_discipline",
        _A,
        _C,
        member_discipline,
        {
            "pre-2024": "Thông tư 01/2019/TT-VKSTC, Điều 18 khoản 1",
            "2024-01": "Luật TĐKT 2022, Điều 28 khoản 1 điểm c",
        },
    ),
)
