"""Bằng khen của Thủ tướng Chính phủ, tập thể.

Luật TĐKT 2022, Điều 73 khoản 2: the text was not retrieved (legal-facts §4.3, M). The engine does
not invent criteria: it answers `needs_review` and says why.
"""

from __future__ import annotations

from tdkt.rules.codes import Award, Subject
from tdkt.rules.common import judgment_only
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.verdict import Reason


def merit(ctx: Ctx, r: BoundRule) -> Reason:
    return judgment_only(
        ctx,
        r,
        "tiêu chuẩn Bằng khen Thủ tướng cho tập thể (Điều 73 khoản 2) chưa được đối chiếu văn bản "
        "nên động cơ không tự chấm",
    )


RULES = (
    Rule(
        "bk_ttg.collective_criteria",
        Award.BK_TTG,
        Subject.COLLECTIVE,
        merit,
        {
            "pre-2024": "Nghị định 91/2017/NĐ-CP, Điều 38",
            "2024-01": "Luật TĐKT 2022, Điều 73 khoản 2",
        },
        confidence="M",
    ),
)
