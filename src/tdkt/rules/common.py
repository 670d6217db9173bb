"""Checks shared by several awards: ratings, discipline, the unit-violation bar, initiatives.

Three-valued logic throughout: True, False, or None for "cannot tell from the facts given".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tdkt.rules.codes import (
    DISCIPLINE_NAMES,
    RATING_NAMES,
    RATING_RANK,
    Award,
    InitiativeScope,
    Rating,
    award_name,
)
from tdkt.rules.dates import add_months, vn
from tdkt.rules.engine import BoundRule, Ctx
from tdkt.rules.facts import Facts, Initiative, PersonFacts, record_id, record_name
from tdkt.rules.verdict import Gap, Reason

Tri = bool | None

# Product decision (eligibility-contract.md, last section; seed 003), cited as an officer reads it.
PRODUCT_VIOLATION = (
    "Quy định của hệ thống (theo kết luận của Ngành về trách nhiệm người đứng đầu): đơn vị có vi "
    "phạm trong năm không được xét danh hiệu cao, khen thưởng đột xuất; người đứng đầu chịu trách "
    "nhiệm về vi phạm của đơn vị"
)
HEAD_BARRED_ABOVE_LDTT = "Người đứng đầu không được xét danh hiệu cao hơn Lao động tiên tiến"
PRODUCT_INITIATIVE = (
    "Công văn 5007/BNV-TĐKT (2023); Luật TĐKT 2022, Điều 5 khoản 2 điểm c: "
    "mỗi sáng kiến chỉ được dùng làm căn cứ khen thưởng một lần"
)

NO_DISCIPLINE = "Không bị kỷ luật trong năm {}"

SCOPE_RANK: dict[InitiativeScope, int] = {
    InitiativeScope.CO_SO: 0,
    InitiativeScope.NGANH: 1,
    InitiativeScope.TOAN_QUOC: 2,
}
SCOPE_WORDS: dict[InitiativeScope, str] = {
    InitiativeScope.CO_SO: "cấp cơ sở",
    InitiativeScope.NGANH: "cấp ngành",
    InitiativeScope.TOAN_QUOC: "phạm vi toàn quốc",
}


def all3(values: Iterable[Tri]) -> Tri:
    unknown = False
    for v in values:
        if v is False:
            return False
        if v is None:
            unknown = True
    return None if unknown else True


def any3(values: Iterable[Tri]) -> Tri:
    unknown = False
    for v in values:
        if v is True:
            return True
        if v is None:
            unknown = True
    return None if unknown else False


def tally3(values: list[Tri]) -> tuple[Tri, int]:
    """`all3(values)`, and how many of the values are not True."""
    short = len(values) - values.count(True)
    if not short:
        return True, 0
    return (False if False in values else None), short


def at_least(rating: Rating | None, minimum: Rating) -> Tri:
    return None if rating is None else RATING_RANK[rating] >= RATING_RANK[minimum]


def check_rating_at_least(ctx: Ctx, r: BoundRule, minimum: Rating) -> Reason:
    """Xếp loại năm xét từ `minimum` trở lên."""
    year = ctx.year
    rating = ctx.rating(year)
    if rating is None:
        return r.shared("missing", "Chưa có kết quả xếp loại chất lượng năm {}", year)
    if RATING_RANK[rating] >= RATING_RANK[minimum]:
        return r.shared("ok", "Xếp loại {} năm {}", RATING_NAMES[rating], year)
    return r.shared(
        "fail",
        "Xếp loại {} năm {}, chưa đạt mức {} trở lên",
        RATING_NAMES[rating],
        year,
        RATING_NAMES[minimum],
    )


def check_discipline(ctx: Ctx, r: BoundRule) -> Reason:
    """No discipline decided in the year; from ND 152 (Art. 4(4)) none still executed in it."""
    facts = ctx.facts
    assert isinstance(facts, PersonFacts)
    disciplines = facts.disciplines
    if disciplines is None:
        return r.missing("Thiếu dữ liệu kỷ luật")
    if not disciplines:
        return r.shared("ok", NO_DISCIPLINE, ctx.year)
    in_force_bars = bool(ctx.p["discipline.bars_while_in_force"])
    decided: list[str] = []
    running: list[str] = []
    unclear: list[str] = []
    for d in disciplines:
        name = DISCIPLINE_NAMES[d.level]
        if ctx.start <= d.decided_on <= ctx.end:
            decided.append(f"{name} (quyết định ngày {vn(d.decided_on)})")
        elif in_force_bars and d.decided_on < ctx.start:
            if d.ends_on is None:
                window = int(ctx.p["discipline.unknown_end_window_months"])
                if d.decided_on >= add_months(ctx.start, -window):
                    unclear.append(f"{name} (quyết định ngày {vn(d.decided_on)})")
            elif d.ends_on >= ctx.start:
                running.append(f"{name} (thi hành đến {vn(d.ends_on)})")
    if decided:
        return r.fail(f"Bị kỷ luật trong năm {ctx.year}: {', '.join(decided)}")
    if running:
        return r.fail(
            f"Đang thi hành kỷ luật trong năm {ctx.year}: {', '.join(running)}; thành tích chỉ "
            "được tính từ khi chấp hành xong kỷ luật",
            citation=ctx.p.cite("discipline.bars_while_in_force"),
        )
    if unclear:
        return r.missing(
            f"Kỷ luật {', '.join(unclear)} chưa ghi ngày chấp hành xong; cần xác định còn thi hành "
            f"trong năm {ctx.year} hay không",
            citation=ctx.p.cite("discipline.unknown_end_window_months"),
        )
    return r.shared("ok", NO_DISCIPLINE, ctx.year)


def check_head_violation(
    ctx: Ctx, r: BoundRule, consequence: str = HEAD_BARRED_ABOVE_LDTT
) -> Reason | None:
    """A unit head whose unit had a violation that year gets no title above LĐTT (product rule);
    `consequence` says what the bar means for the award evaluated."""
    facts = ctx.facts
    assert isinstance(facts, PersonFacts)
    head = facts.is_unit_head
    if head is None:
        return r.missing("Thiếu thông tin có phải thủ trưởng đơn vị hay không")
    if not head:
        return None
    years = facts.unit_violation_years
    if years is None:
        return r.missing(
            "Thiếu dữ liệu vi phạm năm {} của đơn vị do đồng chí đứng đầu",
            ctx.year,
        )
    if ctx.year in years:
        named = violations_named(facts, ctx.year)
        return r.fail(
            "Đơn vị do đồng chí đứng đầu có vi phạm năm {}{}. {}",
            ctx.year,
            f": {named}" if named else "",
            consequence,
        )
    return r.ok("Đơn vị do đồng chí đứng đầu không có vi phạm năm {}", ctx.year)


def violations_named(facts: Facts, year: int) -> str:
    """The described violations of `year` ("để lọt tội phạm — Kết luận …; …"), or ""."""
    described = facts.unit_violations
    if not described:
        return ""
    return "; ".join(v.description for v in described if v.year == year)


def check_unit_violation(ctx: Ctx, r: BoundRule) -> Reason:
    """A unit with an entry in unit_violation_years for the year gets no TTLĐXS or flag."""
    years = ctx.facts.unit_violation_years
    if years is None:
        return r.missing("Thiếu dữ liệu vi phạm của đơn vị năm {}", ctx.year)
    if ctx.year in years:
        named = violations_named(ctx.facts, ctx.year)
        if named:
            return r.fail("Đơn vị có vi phạm năm {}: {}", ctx.year, named)
        return r.fail(
            "Đơn vị có vi phạm năm {} (án oan, bỏ lọt tội phạm, tham nhũng hoặc vi phạm của thành "
            "viên bị tính cho đơn vị)",
            ctx.year,
        )
    return r.ok("Đơn vị không có vi phạm bị tính năm {}", ctx.year)


def judgment_only(ctx: Ctx, r: BoundRule, what: str, *args: Any) -> Reason:
    """A criterion that only people can weigh: never answered `eligible` by the engine. `what`
    is a template of scalar `args` (the text itself when there are none)."""
    template = _JUDGED.get(what)
    if template is None:
        template = _JUDGED[what] = "Cần Hội đồng đánh giá: " + what
    return r.shared("judge", template, *args)


_JUDGED: dict[str, str] = {}  # what → its message template (the same few texts every time)


def holds_text(code: Award, year: int, held: Tri, recorded: Tri) -> str:
    name = award_name(code)
    if held and recorded:
        return f"Đã được công nhận {name} năm {year}"
    if held:
        return f"Đủ điều kiện {name} năm {year} (xét đồng thời)"
    if held is None:
        return f"Chưa xác định được {name} năm {year}"
    return f"Không đạt {name} năm {year}"


class InitiativePool:
    """The initiatives a rule may count (`usable`) and those it may not, already spent."""

    __slots__ = ("spent", "usable")

    def __init__(self, usable: tuple[Initiative, ...], spent: tuple[Initiative, ...]) -> None:
        self.usable = usable
        self.spent = spent

    def ids(self) -> str:
        return ", ".join(i.id for i in self.usable)

    def spent_note(self) -> str:
        if not self.spent:
            return ""
        items = ", ".join(
            f"{i.id} (đã dùng cho {record_name(i.used_for or '')})" for i in self.spent
        )
        return f"; không tính lại sáng kiến đã dùng: {items}"


NO_INITIATIVES = InitiativePool((), ())


def initiatives(
    ctx: Ctx, first_year: int, last_year: int, min_scope: InitiativeScope, award: Award
) -> InitiativePool | None:
    """Initiatives of at least `min_scope` recognised in the emulation years given, split into
    those `award` may still count and those already spent (one initiative, one use). One spent
    on the candidate's own record of `award` for the year under review is counted: that decision
    is being re-checked (see `Ctx.earlier_titles`); spent on anything else, it is not."""
    facts = ctx.facts
    assert isinstance(facts, PersonFacts)
    given = facts.initiatives
    if not given:
        return None if given is None else NO_INITIATIVES
    floor = SCOPE_RANK[min_scope]
    as_of = ctx.as_of
    own: str | None = None
    usable: list[Initiative] = []
    spent: list[Initiative] = []
    for i in given:
        if SCOPE_RANK[i.scope] < floor or i.recognized_on > as_of:
            continue
        if not first_year <= ctx.year_of(i.recognized_on) <= last_year:
            continue
        used = i.used_for
        if used is not None:
            if own is None:
                own = record_id(award, ctx.year) if ctx.is_decided(award) else ""
            if used != own:
                spent.append(i)
                continue
        usable.append(i)
    if not usable and not spent:
        return NO_INITIATIVES
    return InitiativePool(tuple(usable), tuple(spent))


def check_initiative(
    ctx: Ctx, r: BoundRule, first: int, min_scope: InitiativeScope, scope_text: str, gap: Gap
) -> Reason:
    """An initiative of at least `min_scope`, not spent yet, recognised from `first` to the year
    under review; `scope_text` names that scope in the verdict."""
    year = ctx.year
    pool = initiatives(ctx, first, year, min_scope, r.award)
    if pool is None:
        return r.missing("Thiếu dữ liệu sáng kiến", gaps=gap)
    if pool.usable:
        return r.ok(_initiative_found, scope_text, first, year, pool)
    return r.fail(_initiative_missing, scope_text, first, year, pool, gaps=gap)


def _initiative_found(scope_text: str, first: int, year: int, pool: InitiativePool) -> str:
    span = years_text(first, year)
    return f"Có sáng kiến, đề tài {scope_text} được công nhận {span}: {pool.ids()}"


def _initiative_missing(scope_text: str, first: int, year: int, pool: InitiativePool) -> str:
    span = years_text(first, year)
    return (
        f"Không có sáng kiến, đề tài {scope_text} (chưa dùng) được công nhận {span}"
        f"{pool.spent_note()}"
    )


def years_text(first: int, last: int) -> str:
    return f"năm {first}" if first == last else f"các năm {first}–{last}"
