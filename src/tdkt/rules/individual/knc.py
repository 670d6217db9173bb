"""Kỷ niệm chương "Vì sự nghiệp Kiểm sát" (KNC), cá nhân trong ngành.

Thông tư 02/2024/TT-VKSTC, Điều 21: tặng một lần (khoản 2); 15 năm công tác liên tục, hoàn thành
tốt nhiệm vụ (khoản 3 điểm a); thời gian biệt phái, đi học, nghĩa vụ quân sự rồi trở lại được tính;
thời gian thi hành kỷ luật từ khiển trách trở lên không được tính; thời gian công tác pháp luật ở
ngành khác được tính nếu có ít nhất 05 năm trong ngành Kiểm sát; con đường "08 năm liên tục giữ
chức vụ lãnh đạo…" (văn bản bị cắt, P). Trước 01/10/2024 (Thông tư 01/2019/TT-VKSTC): 15 năm và
hoàn thành nhiệm vụ. Service is counted up to `as_of`; service periods are added up (gaps are not
checked).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tdkt.rules.codes import RATING_NAMES, RATING_RANK, Award, Rating, Subject
from tdkt.rules.dates import (
    DAYS_PER_MONTH,
    Interval,
    add_months,
    duration_text,
    measure,
    merge,
    months_and_days,
    subtract,
    vn,
)
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.facts import Period, PersonFacts
from tdkt.rules.params import ParamView
from tdkt.rules.verdict import Gap, Reason

KNC_NAME = "Kỷ niệm chương"
NOT_GIVEN = f"Chưa được tặng {KNC_NAME}"
_A = Award.KNC_VSNKS
_NOTHING = (0, 0)


def once(ctx: Ctx, r: BoundRule) -> Reason:
    given = ctx.earlier_forms(r)
    if given is None:
        return r.missing("Thiếu dữ liệu khen thưởng đã nhận")
    if given:
        return r.shared(
            "fail",
            "Đã được tặng {} năm {}; mỗi người chỉ được tặng một lần",
            KNC_NAME,
            given[0].year,
        )
    return r.shared("ok", NOT_GIVEN)


def rating(ctx: Ctx, r: BoundRule) -> Reason:
    """The review year's rating; while that year is still running, the last finished year's."""
    floor, cite = ctx.p.derived("knc.min_rating", _min_rating)
    year = ctx.year
    found = ctx.rating(year)
    if found is None and ctx.as_of <= ctx.end:
        year -= 1
        found = ctx.rating(year)
    if found is None:
        return r.shared(
            "missing", "Chưa có kết quả xếp loại chất lượng năm {}", year, citation=cite
        )
    if RATING_RANK[found] >= RATING_RANK[floor]:
        return r.shared("ok", "Xếp loại {} năm {}", RATING_NAMES[found], year, citation=cite)
    return r.shared(
        "fail",
        "Xếp loại {} năm {}, chưa đạt mức {} trở lên",
        RATING_NAMES[found],
        year,
        RATING_NAMES[floor],
        citation=cite,
    )


def _min_rating(p: ParamView) -> tuple[Rating, str]:
    value, cite = p.cited("knc.min_rating")
    return Rating(value), cite


class _Count:
    """Service counted up to as_of, as (months, days) pairs, and what was counted (merged)."""

    __slots__ = ("excluded", "inside", "outside", "pieces", "total")

    def __init__(
        self,
        inside: tuple[int, int],
        outside: tuple[int, int],
        total: tuple[int, int],
        excluded: tuple[int, int],
        pieces: tuple[Interval, ...],
    ) -> None:
        self.inside = inside
        self.outside = outside
        self.total = total
        self.excluded = excluded
        self.pieces = pieces


class _Rules:
    """The KNC service parameters in force on one day (see `knc.service`)."""

    __slots__ = ("cite", "exclude", "leader_cite", "leader_years", "min_inside", "need")

    def __init__(self, p: ParamView) -> None:
        years, self.cite = p.cited("knc.min_service_years")
        self.need = int(years) * 12
        self.exclude = p["knc.exclude_discipline_periods"]  # True, False, or None when unknown
        inside = p["knc.min_procuracy_years_with_other_legal"]  # None when the old rule is unknown
        self.min_inside = None if inside is None else int(inside) * 12
        self.leader_years = p.get("knc.leader_years")
        self.leader_cite = "" if self.leader_years is None else p.cite("knc.leader_years")


def service(ctx: Ctx, r: BoundRule) -> Reason:
    facts = ctx.facts
    assert isinstance(facts, PersonFacts)
    k: _Rules = ctx.p.derived("knc.service", _Rules)
    need, cite, exclude = k.need, k.cite, k.exclude
    if facts.procuracy_service is None:
        return r.missing("Thiếu quá trình công tác trong ngành", citation=cite)
    disciplines_unknown = exclude is not False and facts.disciplines is None
    worst = _count(ctx, facts, exclude is not False, False, k.min_inside)
    if worst.total[0] >= need and not disciplines_unknown:
        return r.ok(_enough, ctx.as_of, worst, need, citation=cite)
    # The best case differs only when a discipline may be cut or outside service may count.
    may_differ = bool(facts.disciplines) or (k.min_inside is None and facts.other_legal_service)
    best = _count(ctx, facts, exclude is True, True, k.min_inside) if may_differ else worst
    best_ok = best.total[0] >= need or (
        facts.other_legal_service is None
        and (k.min_inside is None or worst.inside[0] >= k.min_inside)
    )
    gap = Gap("service_months", _left_text, need - worst.total[0], worst, need)
    if best_ok:
        unknown = []
        if disciplines_unknown:
            unknown.append("thiếu dữ liệu kỷ luật")
        if facts.other_legal_service is None:
            unknown.append("thiếu dữ liệu công tác pháp luật ngoài ngành")
        if not unknown:
            unknown.append("quy định cũ về trừ thời gian kỷ luật và tính công tác ngoài ngành")
        tail = f"; chưa xác định được: {'; '.join(unknown)}"
        return r.missing(_counted, ctx.as_of, worst, tail, gaps=gap, citation=cite)
    if facts.is_unit_head and k.leader_years is not None:
        return r.missing(
            _short_of_leader,
            ctx.as_of,
            worst,
            need,
            k.leader_years,
            gaps=gap,
            citation=k.leader_cite,
        )
    return r.fail(_short, ctx.as_of, worst, need, gaps=gap, citation=cite)


def _left(c: _Count, need: int) -> str:
    return duration_text(*_shortfall(c, need))


def _left_text(c: _Count, need: int) -> str:
    return f"Còn thiếu {_left(c, need)} công tác để được xét {KNC_NAME}"


def _enough(as_of: date, c: _Count, need: int) -> str:
    return _counted(as_of, c, f", từ {need // 12} năm trở lên")


def _short(as_of: date, c: _Count, need: int) -> str:
    return _counted(as_of, c, f", còn thiếu {_left(c, need)} để đủ {need // 12} năm")


def _short_of_leader(as_of: date, c: _Count, need: int, leader_years: Any) -> str:
    tail = (
        f", còn thiếu {_left(c, need)}; là thủ trưởng đơn vị nên có thể xét theo điều kiện "
        f"{leader_years} năm liên tục giữ chức vụ lãnh đạo — thiếu dữ liệu thời gian giữ chức vụ"
    )
    return _counted(as_of, c, tail)


def _count(
    ctx: Ctx, facts: PersonFacts, exclude: bool, best: bool, min_inside: int | None
) -> _Count:
    """Service up to as_of. In the `best` case a discipline with no end date ends the day it was
    decided and outside service counts when the old rule is unknown; in the worst case the
    discipline runs until as_of and outside service does not count."""
    periods = facts.procuracy_service or ()
    if len(periods) == 1 and not facts.other_legal_service and not (exclude and facts.disciplines):
        # the common case: one period, nothing cut from it, nothing outside the sector
        start, end, as_of = periods[0].start, periods[0].end, ctx.as_of
        if start > as_of:
            return _Count(_NOTHING, _NOTHING, _NOTHING, _NOTHING, ())
        last = as_of if end is None or end > as_of else end
        length = months_and_days(start, last)
        return _Count(length, _NOTHING, length, _NOTHING, ((start, last),))
    inside = _intervals(ctx, periods)
    cuts: list[Interval] = []
    if exclude:
        for d in facts.disciplines or ():
            end = d.ends_on or (d.decided_on if best else ctx.as_of)
            cuts.append((d.decided_on, end))
    kept = subtract(inside, cuts) if cuts else inside
    inside_len = months_and_days(*kept[0]) if len(kept) == 1 else measure(kept)
    # an unknown old rule counts outside service only in the best case
    counts_outside = best if min_inside is None else inside_len[0] >= min_inside
    outside: list[Interval] = []
    if counts_outside and facts.other_legal_service:
        outside = subtract(_intervals(ctx, facts.other_legal_service), inside)
    pieces = tuple(merge(kept + outside)) if outside else tuple(kept)
    return _Count(
        inside_len,
        measure(outside) if outside else _NOTHING,  # outside
        measure(pieces) if outside else inside_len,  # total
        measure(subtract(inside, kept)) if cuts else _NOTHING,  # excluded
        pieces,
    )


def _shortfall(c: _Count, need: int) -> tuple[int, int]:
    """What is left to serve: exact on the calendar for one unbroken period, otherwise counted
    with 30-day months like the total."""
    if len(c.pieces) == 1:
        reached = add_months(c.pieces[0][0], need)  # first day after `need` months
        return months_and_days(c.pieces[0][1] + timedelta(days=1), reached - timedelta(days=1))
    months, days = c.total
    return (need - months, 0) if not days else (need - months - 1, DAYS_PER_MONTH - days)


def _intervals(ctx: Ctx, periods: tuple[Period, ...]) -> list[Interval]:
    as_of = ctx.as_of
    if len(periods) == 1:
        period = periods[0]
        if period.start > as_of:
            return []
        end = period.end
        return [(period.start, as_of if end is None or end > as_of else end)]
    spans = []
    for period in periods:
        if period.start > as_of:
            continue
        spans.append((period.start, min(period.end or as_of, as_of)))
    return merge(spans)


def _counted(as_of: date, c: _Count, tail: str) -> str:
    parts = [f"trong ngành {duration_text(*c.inside)}"]
    if c.outside != _NOTHING:
        parts.append(f"công tác pháp luật ngoài ngành {duration_text(*c.outside)}")
    if c.excluded != _NOTHING:
        parts.append(f"đã trừ {duration_text(*c.excluded)} thi hành kỷ luật")
    return (
        f"Thời gian công tác được tính đến {vn(as_of)}: {duration_text(*c.total)} "
        f"({', '.join(parts)}){tail}"
    )


_I = Subject.INDIVIDUAL
RULES = (
    Rule(
        "knc.once",
        _A,
        _I,
        once,
        {
            "pre-2024": "Thông tư 01/2019/TT-VKSTC",
            "2024-10": "Thông tư 02/2024/TT-VKSTC, Điều 21 khoản 2",
        },
    ),
    Rule(
        "knc.service",
        _A,
        _I,
        service,
        {
            "pre-2024": "Thông tư 01/2019/TT-VKSTC",
            "2024-10": "Thông tư 02/2024/TT-VKSTC, Điều 21 khoản 3",
        },
    ),
    Rule(
        "knc.rating",
        _A,
        _I,
        rating,
        {
            "pre-2024": "Thông tư 01/2019/TT-VKSTC",
            "2024-10": "Thông tư 02/2024/TT-VKSTC, Điều 21 khoản 3 điểm a",
        },
    ),
)
