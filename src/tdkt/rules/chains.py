"""Chains of consecutive years after an earlier award (Bằng khen Thủ tướng, Huân chương Lao động).

Luật TĐKT 2022, Điều 73 khoản 1 điểm b and Điều 44 khoản 1 điểm e have the same shape: already hold
an award, then at least N consecutive years up to the review, each rated at least some level, with
at least so many HTXS years, CSTĐCS titles and (old regime) initiatives inside the run. The run
starts the year after the earlier award's decision year (legal-facts §4.3, P) and after any earlier
award of the same kind (one achievement, one reward). Sudden commendations neither open nor close a
chain: they are no basis for a merit proposal (ND 152/2025 Art. 4(3), `Ctx.merit_only`).

Unknown facts (a missing rating, a CSTĐCS not yet decided, a missing decision date) are evaluated
twice, assuming the best and the worst; only when both agree is the answer True or False.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from tdkt.rules.codes import RATING_NAMES, RATING_RANK, Award, InitiativeScope, Rating, award_name
from tdkt.rules.common import Tri, initiatives, years_text
from tdkt.rules.engine import Ctx
from tdkt.rules.facts import AwardRecord, PersonFacts
from tdkt.rules.params import ParamView
from tdkt.rules.verdict import Gap, Text

_HTXS = Rating.HTXS
_CSTDCS = Award.CSTDCS


@dataclass(frozen=True, slots=True)
class RunSpec:
    anchor: Award  # the award that opens the chain
    target: Award  # the award being considered (its earlier grants close older chains)
    prefix: str  # parameter prefix: years, min_rating, min_htxs_years, min_cstdcs, ...


class RunOutcome:
    """The chain's answer; `text()` describes it, written when read as a reason's message is."""

    __slots__ = ("_args", "_text", "gaps", "value")

    def __init__(self, value: Tri, gaps: tuple[Gap, ...], text: Text, *args: Any) -> None:
        self.value = value
        self.gaps = gaps
        self._text = text
        self._args = args

    def text(self) -> str:
        text = self._text
        return text(*self._args) if callable(text) else text


class _Tally:
    """One count of the run: `first` year (year + 1 when the run is empty), its length, the
    HTXS years, CSTĐCS titles and initiatives inside it; `guessed` when an unknown fact was
    assumed (then the best and the worst case may differ)."""

    __slots__ = ("anchor_year", "cstdcs", "first", "guessed", "htxs", "initiatives", "length")

    def __init__(
        self,
        first: int,
        length: int,
        htxs: int,
        cstdcs: int,
        initiatives: int,
        anchor_year: int,
        guessed: bool,
    ) -> None:
        self.first = first
        self.length = length
        self.htxs = htxs
        self.cstdcs = cstdcs
        self.initiatives = initiatives
        self.anchor_year = anchor_year
        self.guessed = guessed

    def ok(self, need: _Need) -> bool:
        return (
            self.length >= need.years
            and self.htxs >= need.htxs
            and self.cstdcs >= need.cstdcs
            and self.initiatives >= need.initiatives
        )


@dataclass(frozen=True, slots=True)
class _Need:
    years: int
    rating: Rating
    htxs: int
    cstdcs: int
    initiatives: int
    scope: InitiativeScope


def run_after_award(ctx: Ctx, spec: RunSpec) -> RunOutcome:
    facts = ctx.facts
    assert isinstance(facts, PersonFacts)
    need: _Need = ctx.p.derived(spec.prefix, _needs, spec.prefix)
    anchors = facts.awards_of(spec.anchor)
    earlier = facts.awards_of(spec.target)
    if anchors is None or earlier is None:
        return RunOutcome(None, (), "thiếu dữ liệu khen thưởng đã nhận")
    year = ctx.year
    earlier = ctx.merit_only(earlier)
    if anchors:
        anchors = tuple(a for a in ctx.merit_only(anchors) if a.year <= year)
    if not anchors:
        return _no_anchor(spec.anchor)
    anchor = max(anchors, key=_latest)
    closed = max((a.year for a in earlier if a.year < year), default=None)
    worst = _tally(ctx, spec, need, anchor, closed, assume=False)
    best = _tally(ctx, spec, need, anchor, closed, assume=True) if worst.guessed else worst
    value: Tri = True if worst.ok(need) else (False if not best.ok(need) else None)
    if anchor.decided_on is None and value is not False:
        value = None  # the run's first year depends on the decision date
    gaps = () if value else _gaps(need, worst)
    return RunOutcome(value, gaps, _describe, year, need, anchor, worst)


@cache
def _no_anchor(anchor: Award) -> RunOutcome:
    name = award_name(anchor)
    gap = Gap(f"{anchor.lower()}_award", f"Cần có {name}", 1)
    return RunOutcome(False, (gap,), f"chưa được tặng {name}")


def _latest(a: AwardRecord) -> tuple[int, date]:
    return a.year, a.decided_on or date.min


def _needs(p: ParamView, prefix: str) -> _Need:
    return _Need(
        years=int(p[f"{prefix}.years"]),
        rating=Rating(p[f"{prefix}.min_rating"]),
        htxs=int(p[f"{prefix}.min_htxs_years"]),
        cstdcs=int(p[f"{prefix}.min_cstdcs"]),
        initiatives=int(p[f"{prefix}.min_initiatives"]),
        scope=InitiativeScope(p[f"{prefix}.initiative_scope"]),
    )


def _tally(
    ctx: Ctx, spec: RunSpec, need: _Need, anchor: AwardRecord, closed: int | None, assume: bool
) -> _Tally:
    decided = anchor.decided_on
    anchor_year = ctx.year_of(decided) if decided else anchor.year
    start = max(anchor_year, closed or 0) + 1
    floor = RATING_RANK[need.rating]
    rating_of = ctx.rating
    holds = ctx.holds if need.cstdcs else None
    guessed = False
    y = ctx.year
    htxs = cstdcs = 0
    while y >= start:
        rating = rating_of(y)
        if rating is None:
            guessed = True
            if not assume:
                break
            htxs += 1
        else:
            if RATING_RANK[rating] < floor:
                break
            htxs += rating is _HTXS
        if holds is not None:
            held = holds(_CSTDCS, y)
            if held is None:
                guessed = True
                cstdcs += assume
            else:
                cstdcs += held
        y -= 1
    first = y + 1
    count = 0
    if need.initiatives:
        pool = initiatives(ctx, first, ctx.year, need.scope, spec.target)
        if pool is None:
            guessed = True
            count = need.initiatives if assume else 0
        else:
            count = len(pool.usable)
    return _Tally(first, ctx.year - y, htxs, cstdcs, count, anchor_year, guessed)


def _describe(year: int, need: _Need, anchor: AwardRecord, t: _Tally) -> str:
    decided = f"quyết định ngày {anchor.decided_on:%d/%m/%Y}" if anchor.decided_on else "năm "
    if not anchor.decided_on:
        decided += f"{anchor.year}, thiếu ngày quyết định"
    head = f"đã được tặng {award_name(anchor.code)} ({decided})"
    floor = RATING_NAMES[need.rating]
    run = (
        f"{t.length} năm liên tục {years_text(t.first, year)} xếp loại từ {floor} trở lên"
        if t.length
        else f"năm {year} chưa xếp loại từ {floor} trở lên (hoặc chưa có xếp loại)"
    )
    counts = []
    if need.htxs:
        counts.append(f"{t.htxs} năm Hoàn thành xuất sắc nhiệm vụ (cần {need.htxs})")
    if need.cstdcs:
        counts.append(f"{t.cstdcs} lần Chiến sĩ thi đua cơ sở (cần {need.cstdcs})")
    if need.initiatives:
        counts.append(f"{t.initiatives} sáng kiến chưa dùng (cần {need.initiatives})")
    inside = f", trong đó {', '.join(counts)}" if counts else ""
    return f"{head}; {run} (cần {need.years} năm){inside}"


def _gaps(need: _Need, t: _Tally) -> tuple[Gap, ...]:
    gaps = []
    if t.length < need.years:
        k = need.years - t.length
        gaps.append(Gap("consecutive_years", f"Cần thêm {k} năm liên tục đạt xếp loại", k))
    if t.htxs < need.htxs:
        k = need.htxs - t.htxs
        gaps.append(Gap("htxs_years", f"Cần thêm {k} năm Hoàn thành xuất sắc nhiệm vụ", k))
    if t.cstdcs < need.cstdcs:
        k = need.cstdcs - t.cstdcs
        gaps.append(Gap("cstdcs_years", f"Cần thêm {k} năm Chiến sĩ thi đua cơ sở", k))
    if t.initiatives < need.initiatives:
        k = need.initiatives - t.initiatives
        gaps.append(Gap("initiative_" + need.scope, f"Cần thêm {k} sáng kiến", k))
    return tuple(gaps)
