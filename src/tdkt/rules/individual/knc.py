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

from dataclasses import dataclass
from datetime import timedelta

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
from tdkt.rules.verdict import Gap, Reason

KNC_NAME = "Kỷ niệm chương"


def once(ctx: Ctx, r: BoundRule) -> Reason:
    given = ctx.facts.awards_of(Award.KNC_VSNKS)
    if given is None:
        return r.missing("Thiếu dữ liệu khen thưởng đã nhận (awards)")
    if given:
        return r.fail(
            f"Đã được tặng {KNC_NAME} năm {given[0].year}; mỗi người chỉ được tặng một lần"
        )
    return r.ok(f"Chưa được tặng {KNC_NAME}")


def rating(ctx: Ctx, r: BoundRule) -> Reason:
    """The review year's rating; while that year is still running, the last finished year's."""
    key = "knc.min_rating"
    floor = Rating(ctx.p[key])
    cite = ctx.p.cite(key)
    year = ctx.year
    found = ctx.rating(year)
    if found is None and ctx.as_of <= ctx.end:
        year -= 1
        found = ctx.rating(year)
    if found is None:
        return r.missing(f"Chưa có kết quả xếp loại chất lượng năm {year}", citation=cite)
    text = f"Xếp loại {RATING_NAMES[found]} năm {year}"
    if RATING_RANK[found] >= RATING_RANK[floor]:
        return r.ok(text, citation=cite)
    return r.fail(f"{text}, chưa đạt mức {RATING_NAMES[floor]} trở lên", citation=cite)


@dataclass(frozen=True, slots=True)
class _Count:
    inside: tuple[int, int]
    outside: tuple[int, int]
    total: tuple[int, int]
    excluded: tuple[int, int]
    pieces: tuple[Interval, ...]  # what was counted, merged


def service(ctx: Ctx, r: BoundRule) -> Reason:
    facts = ctx.facts
    assert isinstance(facts, PersonFacts)
    p = ctx.p
    need = int(p["knc.min_service_years"]) * 12
    cite = p.cite("knc.min_service_years")
    if facts.procuracy_service is None:
        return r.missing("Thiếu quá trình công tác trong ngành (procuracy_service)", citation=cite)
    exclude = p["knc.exclude_discipline_periods"]  # True, False, or None when unknown
    min_inside = p["knc.min_procuracy_years_with_other_legal"]  # None when the old rule is unknown
    unknown: list[str] = []
    if exclude is not False and facts.disciplines is None:
        unknown.append("thiếu dữ liệu kỷ luật (disciplines)")
    if facts.other_legal_service is None:
        unknown.append("thiếu dữ liệu công tác pháp luật ngoài ngành (other_legal_service)")
    worst = _count(ctx, facts, exclude is not False, False, min_inside)
    worst_ok = worst.total[0] >= need and not (exclude is not False and facts.disciplines is None)
    best_ok = worst_ok or _count(ctx, facts, exclude is True, True, min_inside).total[0] >= need
    best_ok = best_ok or (
        facts.other_legal_service is None
        and (min_inside is None or worst.inside[0] >= int(min_inside) * 12)
    )
    text = _describe(ctx, worst, need)
    if worst_ok:
        return r.ok(f"{text}, từ {need // 12} năm trở lên", citation=cite)
    left = duration_text(*_shortfall(ctx, worst, need))
    short = need - worst.total[0]
    gap = Gap("service_months", f"Còn thiếu {left} công tác để được xét {KNC_NAME}", short)
    if best_ok:
        if not unknown:
            unknown.append("quy định cũ về trừ thời gian kỷ luật và tính công tác ngoài ngành")
        return r.missing(f"{text}; chưa xác định được: {'; '.join(unknown)}", gap, cite)
    if facts.is_unit_head and p.get("knc.leader_years") is not None:
        return r.missing(
            f"{text}, còn thiếu {left}; là thủ trưởng đơn vị nên có thể xét theo điều kiện "
            f"{p['knc.leader_years']} năm liên tục giữ chức vụ lãnh đạo — thiếu dữ liệu thời gian "
            "giữ chức vụ",
            gap,
            p.cite("knc.leader_years"),
        )
    return r.fail(f"{text}, còn thiếu {left} để đủ {need // 12} năm", gap, cite)


def _count(
    ctx: Ctx, facts: PersonFacts, exclude: bool, best: bool, min_inside: int | None
) -> _Count:
    """Service up to as_of. In the `best` case a discipline with no end date ends the day it was
    decided and outside service counts when the old rule is unknown; in the worst case the
    discipline runs until as_of and outside service does not count."""
    inside = _intervals(ctx, facts.procuracy_service or ())
    cuts: list[Interval] = []
    if exclude:
        for d in facts.disciplines or ():
            end = d.ends_on or (d.decided_on if best else ctx.as_of)
            cuts.append((d.decided_on, end))
    kept = subtract(inside, cuts) if cuts else inside
    inside_len = measure(kept)
    # an unknown old rule counts outside service only in the best case
    counts_outside = best if min_inside is None else inside_len[0] >= int(min_inside) * 12
    outside: list[Interval] = []
    if counts_outside and facts.other_legal_service:
        outside = subtract(_intervals(ctx, facts.other_legal_service), inside)
    pieces = tuple(merge(kept + outside)) if outside else tuple(kept)
    return _Count(
        inside=inside_len,
        outside=measure(outside) if outside else (0, 0),
        total=measure(pieces) if outside else inside_len,
        excluded=measure(subtract(inside, kept)) if cuts else (0, 0),
        pieces=pieces,
    )


def _shortfall(ctx: Ctx, c: _Count, need: int) -> tuple[int, int]:
    """What is left to serve: exact on the calendar for one unbroken period, otherwise counted
    with 30-day months like the total."""
    if len(c.pieces) == 1:
        reached = add_months(c.pieces[0][0], need)  # first day after `need` months
        return months_and_days(c.pieces[0][1] + timedelta(days=1), reached - timedelta(days=1))
    months, days = c.total
    return (need - months, 0) if not days else (need - months - 1, DAYS_PER_MONTH - days)


def _intervals(ctx: Ctx, periods: tuple[Period, ...]) -> list[Interval]:
    spans = []
    for period in periods:
        if period.start > ctx.as_of:
            continue
        spans.append((period.start, min(period.end or ctx.as_of, ctx.as_of)))
    return merge(spans)


def _describe(ctx: Ctx, c: _Count, need: int) -> str:
    parts = [f"trong ngành {duration_text(*c.inside)}"]
    if c.outside != (0, 0):
        parts.append(f"công tác pháp luật ngoài ngành {duration_text(*c.outside)}")
    if c.excluded != (0, 0):
        parts.append(f"đã trừ {duration_text(*c.excluded)} thi hành kỷ luật")
    return (
        f"Thời gian công tác được tính đến {vn(ctx.as_of)}: {duration_text(*c.total)} "
        f"({', '.join(parts)})"
    )


_I = Subject.INDIVIDUAL
_A = Award.KNC_VSNKS
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
