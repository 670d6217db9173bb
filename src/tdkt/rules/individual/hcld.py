"""Huân chương Lao động hạng Ba (HCLĐ hạng Ba), cá nhân — con đường công trạng.

Luật TĐKT 2022, Điều 44 khoản 1 điểm e (P: theo bản tiếng Anh câu trả lời của Bộ Nội vụ): đã được
tặng Bằng khen của Thủ tướng Chính phủ, sau đó liên tục từ 05 năm trở lên đến thời điểm đề nghị
được đánh giá hoàn thành tốt nhiệm vụ trở lên, trong đó có ít nhất 01 năm hoàn thành xuất sắc nhiệm
vụ và 03 lần Chiến sĩ thi đua cơ sở. Trước 2024 (Nghị định 91/2017, Điều 24): Bằng khen Thủ tướng
và 05 năm tiếp theo liên tục lập được thành tích xuất sắc, có 02 sáng kiến có phạm vi ảnh hưởng
trong ngành. Các con đường khác (thành tích đặc biệt xuất sắc, quá trình cống hiến theo Nghị định
152/2025 Điều 21) cần Hội đồng xem xét. Hạng Nhì, hạng Nhất chưa được mã hoá (động cơ trả "cần xem
xét").
"""

from __future__ import annotations

from tdkt.rules.chains import RunOutcome, RunSpec, run_after_award
from tdkt.rules.codes import Award, Subject
from tdkt.rules.common import check_discipline
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.verdict import Reason

SPEC = RunSpec(anchor=Award.BK_TTG, target=Award.HCLD_3, prefix="hcld3")
JUDGMENT_PATH = (
    "chỉ còn xét được theo thành tích đặc biệt xuất sắc, đột xuất hoặc quá trình cống hiến, "
    "cần Hội đồng đánh giá"
)
JUDGMENT_TAIL = f"; {JUDGMENT_PATH}"


def merit(ctx: Ctx, r: BoundRule) -> Reason:
    outcome = run_after_award(ctx, SPEC)
    cite = ctx.p.cite("hcld3.years")
    if outcome.value:
        return r.ok(_merit_text, "Công trạng: ", outcome, "", citation=cite)
    if outcome.value is None:
        return r.missing(
            _merit_text, "Chưa xác định được: ", outcome, "", gaps=outcome.gaps, citation=cite
        )
    return r.judge(
        _merit_text, "Chưa đạt: ", outcome, JUDGMENT_TAIL, gaps=outcome.gaps, citation=cite
    )


def _merit_text(head: str, outcome: RunOutcome, tail: str) -> str:
    return f"{head}{outcome.text()}{tail}"


_I = Subject.INDIVIDUAL
_A = Award.HCLD_3
RULES = (
    Rule(
        "hcld3.merit",
        _A,
        _I,
        merit,
        {
            "pre-2024": "Nghị định 91/2017/NĐ-CP, Điều 24",
            "2024-01": "Luật TĐKT 2022, Điều 44 khoản 1 điểm e",
        },
        confidence="P",
    ),
    Rule(
        "hcld3.no_discipline",
        _A,
        _I,
        check_discipline,
        {
            "pre-2024": "Nghị định 91/2017/NĐ-CP",
            "2024-01": "Luật TĐKT 2022, Điều 44 khoản 1",
            "2025-07": "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4",
        },
        confidence="P",
    ),
)
