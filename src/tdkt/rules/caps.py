"""Caps that count across the candidates of a batch (one unit's proposals, one cluster...).

TTLĐXS: không quá 20% số tập thể đạt TTLĐTT, nếu số tính ra dưới 1 thì được 1 (Thông tư
02/2024/TT-VKSTC, Điều 18 khoản 2). Before 2024: CSTĐCS ≤ 15% of those who reached LĐTT (Nghị định
91/2017, Điều 9 khoản 3); Cờ thi đua của Chính phủ ≤ 20% of collectives meeting the sector flag's
standard (Nghị định 91/2017, Điều 11). Shares and minimums are parameters; a null share means no
cap. The engine reports each cap and does not pick who fits under it: the council chooses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import floor
from typing import Any

from tdkt.rules.codes import Award, Subject, award_fits
from tdkt.rules.engine import Ctx
from tdkt.rules.params import ParamView
from tdkt.rules.verdict import Status, Verdict


@dataclass(frozen=True, slots=True)
class CapSpec:
    award: Award
    basis: Award  # the cap is counted on candidates holding (or now reaching) this title
    share_key: str
    min_key: str


CAPS = (
    CapSpec(Award.TTLDXS, Award.TTLDTT, "cap.ttldxs.max_share_of_ttldtt", "cap.ttldxs.min_count"),
    CapSpec(Award.CSTDCS, Award.LDTT, "cap.cstdcs.max_share_of_ldtt", "cap.cstdcs.min_count"),
    CapSpec(Award.CO_CP, Award.CO_NGANH, "cap.co_cp.max_share_of_co_nganh", "cap.co_cp.min_count"),
)


@dataclass(frozen=True, slots=True)
class CapReport:
    award: Award
    limit: int
    basis: int
    eligible_before_cap: int
    citation: str

    def to_json(self) -> dict[str, Any]:
        return {
            "award": str(self.award),
            "limit": self.limit,
            "basis": self.basis,
            "eligible_before_cap": self.eligible_before_cap,
            "citation": self.citation,
        }


def cap_limit(p: ParamView, spec: CapSpec, basis: int) -> int | None:
    """The number allowed for `basis` qualifying candidates, or None when no cap is in force."""
    if p.get(spec.share_key) is None:
        return None
    limit = floor(p.fraction(spec.share_key) * basis)
    minimum = int(p.get(spec.min_key) or 0)
    if basis > 0 and limit < minimum:
        limit = minimum
    return limit


def apply_caps(
    contexts: Sequence[Ctx], verdicts: Sequence[Sequence[Verdict]], requested: set[Award]
) -> list[CapReport]:
    """One report per cap in force whose award was asked for; `verdicts[i]` belong to
    `contexts[i]`, and all contexts share one legal date (one batch, one as_of)."""
    if not contexts or contexts[0].regime.is_gap:  # no regime covers the day: no cap either
        return []
    p = contexts[0].p
    by_subject: dict[Subject, list[int]] = {}
    for i, c in enumerate(contexts):
        by_subject.setdefault(c.facts.subject, []).append(i)
    reports = []
    for spec in CAPS:
        if spec.award not in requested or p.get(spec.share_key) is None:
            continue
        award, basis_award = spec.award, spec.basis
        fits = [i for s, found in by_subject.items() if award_fits(award, s) for i in found]
        basis = sum(1 for i in fits if contexts[i].holds(basis_award, contexts[i].year) is True)
        limit = cap_limit(p, spec, basis)
        if limit is None:
            continue
        eligible = sum(
            1 for i in fits for v in verdicts[i] if v.award is award and v.status is Status.ELIGIBLE
        )
        reports.append(CapReport(award, limit, basis, eligible, p.cite(spec.share_key)))
    return reports
