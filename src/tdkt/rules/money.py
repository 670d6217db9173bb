"""Reward money (tiền thưởng): coefficient × base salary in force on the decision date, rounded.

Nghị định 152/2025/NĐ-CP, Điều 49 (Nghị định 98/2023, Điều 53; Nghị định 91/2017, Điều 68): mức
tiền thưởng tính trên mức lương cơ sở có hiệu lực vào thời điểm ban hành quyết định khen thưởng,
"làm tròn số lên hàng chục nghìn đồng". The rounding mode is a parameter (`money.rounding`: "ceil"
— the product's default —, "nearest", "none") because practice varies (legal-facts §7.1, P).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from math import ceil, floor
from typing import Any

from tdkt.rules.codes import Award, Subject, award_fits
from tdkt.rules.errors import RuleDataError
from tdkt.rules.params import ParameterSet, default_parameters


@dataclass(frozen=True, slots=True)
class MoneyResult:
    award: Award
    subject: Subject
    amount: int
    coefficient: float
    base_salary: int
    citation: str

    def to_json(self) -> dict[str, Any]:
        return {
            "award": str(self.award),
            "amount": self.amount,
            "coefficient": self.coefficient,
            "base_salary": self.base_salary,
            "citation": self.citation,
        }


def round_amount(raw: Fraction, mode: str, step: int) -> int:
    if mode == "ceil":
        return ceil(raw / step) * step
    if mode == "nearest":
        return floor(raw / step + Fraction(1, 2)) * step
    if mode == "none":
        return floor(raw + Fraction(1, 2))
    raise RuleDataError(f"money.rounding: '{mode}' không thuộc ceil, nearest, none")


def reward(
    award: Award | str,
    subject: Subject | str,
    decided_on: date,
    params: ParameterSet | None = None,
) -> MoneyResult:
    """Raises ValueError when the award is not given to that subject, MissingParameter when no
    coefficient or base salary covers the decision date."""
    params = params or default_parameters()
    award, subject = Award(award), Subject(subject)
    if subject is Subject.BOTH or not award_fits(award, subject):
        raise ValueError(f"{award} không xét cho {subject}")
    coef = params.record(f"money.coef.{subject}.{award}", decided_on)
    base = params.record("money.base_salary", decided_on)
    mode = params.record("money.rounding", decided_on)
    step = int(params.get("money.rounding_step", decided_on))
    raw = Fraction(str(coef.value)) * int(base.value)
    return MoneyResult(
        award=award,
        subject=subject,
        amount=round_amount(raw, str(mode.value), step),
        coefficient=float(coef.value),
        base_salary=int(base.value),
        citation=(
            f"{coef.citation} (hệ số); {base.citation} (mức lương cơ sở); "
            f"{mode.citation} (làm tròn)"
        ),
    )
