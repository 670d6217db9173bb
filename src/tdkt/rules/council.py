"""The council's vote (Hội đồng Thi đua - Khen thưởng), counted on the WHOLE membership.

Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7: bỏ phiếu kín; CSTĐ toàn quốc và CSTĐ bộ, ngành cần từ 90%
tổng số thành viên Hội đồng; CSTĐCS, Cờ thi đua bộ, ngành và Cờ thi đua của Chính phủ cần từ 80%;
thành viên vắng mặt cho ý kiến bằng văn bản. Thông tư 02/2024/TT-VKSTC, Điều 14 khoản 1 repeats 80%
for CSTĐCS. An absence without a written opinion and an abstention count against the candidate.
Thresholds are parameters `council.min_share.<AWARD>` (fallback `council.min_share.default`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from tdkt.rules.codes import Award
from tdkt.rules.params import Parameter, ParameterSet, default_parameters

APPROVE = "approve"
REJECT = "reject"


@dataclass(frozen=True, slots=True)
class TallyResult:
    award: Award
    passed: bool
    required_share: float
    approve_share: float
    citation: str
    approvals: int
    council_size: int

    def to_json(self) -> dict[str, Any]:
        return {
            "award": str(self.award),
            "passed": self.passed,
            "required_share": self.required_share,
            "approve_share": self.approve_share,
            "citation": self.citation,
        }


def threshold(award: Award, on: date, params: ParameterSet | None = None) -> Parameter:
    params = params or default_parameters()
    return params.find(f"council.min_share.{award}", on) or params.record(
        "council.min_share.default", on
    )


def tally(
    award: Award | str,
    as_of: date,
    council_size: int,
    approve: int,
    reject: int = 0,
    absent_written: Sequence[str] = (),
    params: ParameterSet | None = None,
) -> TallyResult:
    """`approve`/`reject` are the ballots at the sitting; `absent_written` the written opinions of
    absent members ("approve" or "reject"), counted in addition."""
    award = Award(award)
    if council_size < 1:
        raise ValueError("council_size")
    if approve < 0 or reject < 0 or approve + reject + len(absent_written) > council_size:
        raise ValueError("votes")
    approvals = approve + sum(1 for v in absent_written if v == APPROVE)
    rec = threshold(award, as_of, params)
    required = Fraction(str(rec.value))
    return TallyResult(
        award=award,
        passed=Fraction(approvals, council_size) >= required,
        required_share=float(rec.value),
        approve_share=round(approvals / council_size, 3),
        citation=rec.citation,
        approvals=approvals,
        council_size=council_size,
    )
