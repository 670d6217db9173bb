"""Bằng khen của Thủ tướng Chính phủ (BKTTg), cá nhân.

Luật TĐKT 2022, Điều 73 khoản 1: một trong các tiêu chuẩn — thành tích xuất sắc tiêu biểu (điểm a),
thành tích đột xuất hoặc nhiều thành tích có phạm vi ảnh hưởng (điểm c), đóng góp (điểm d) — cần Hội
đồng đánh giá; hoặc điểm b: đã được tặng Bằng khen cấp bộ, ngành, tỉnh và liên tục từ 05 năm trở lên
đến thời điểm đề nghị được đánh giá hoàn thành tốt nhiệm vụ trở lên, trong thời gian đó có 03 lần
Chiến sĩ thi đua cơ sở. Trước 2024 (Nghị định 91/2017, Điều 38; Nghị định 65/2014, Điều 23): Bằng
khen cấp bộ và 05 năm tiếp theo liên tục hoàn thành xuất sắc nhiệm vụ, có 05 sáng kiến cấp cơ sở.
"""

from __future__ import annotations

from tdkt.rules.chains import RunOutcome, RunSpec, run_after_award
from tdkt.rules.codes import Award, Subject
from tdkt.rules.common import check_discipline
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.verdict import Reason

SPEC = RunSpec(anchor=Award.BK_NGANH, target=Award.BK_TTG, prefix="bk_ttg")
JUDGMENT_PATH = (
    "chỉ còn xét được theo thành tích xuất sắc tiêu biểu, đột xuất hoặc đóng góp "
    "(các điểm a, c, d khoản 1 Điều 73), cần Hội đồng đánh giá"
)
JUDGMENT_TAIL = f"; {JUDGMENT_PATH}"


def merit(ctx: Ctx, r: BoundRule) -> Reason:
    outcome = run_after_award(ctx, SPEC)
    cite = ctx.p.cite("bk_ttg.years")
    if outcome.value:
        return r.ok(_merit_text, "Điểm b: ", outcome, "", citation=cite)
    if outcome.value is None:
        return r.missing(
            _merit_text,
            "Điểm b chưa xác định được: ",
            outcome,
            "",
            gaps=outcome.gaps,
            citation=cite,
        )
    return r.judge(
        _merit_text, "Chưa đạt điểm b: ", outcome, JUDGMENT_TAIL, gaps=outcome.gaps, citation=cite
    )


def _merit_text(head: str, outcome: RunOutcome, tail: str) -> str:
    return f"{head}{outcome.text()}{tail}"


_I = Subject.INDIVIDUAL
_A = Award.BK_TTG
RULES = (
    Rule(
        "bk_ttg.merit",
        _A,
        _I,
        merit,
        {
            "pre-2024": "Nghị định 91/2017/NĐ-CP, Điều 38",
            "2024-01": "Luật TĐKT 2022, Điều 73 khoản 1",
        },
        note="Chuỗi năm bắt đầu từ năm sau năm quyết định Bằng khen cấp bộ: P.",
    ),
    Rule(
        "bk_ttg.no_discipline",
        _A,
        _I,
        check_discipline,
        {
            "pre-2024": "Nghị định 91/2017/NĐ-CP",
            "2024-01": "Luật TĐKT 2022, Điều 73 khoản 1",
            "2025-07": "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4",
        },
        confidence="P",
    ),
)
