"""Checks on a unit's `members` block, shared by TTLĐTT and TTLĐXS."""

from __future__ import annotations

from fractions import Fraction
from math import ceil

from tdkt.rules.codes import DISCIPLINE_NAMES, DISCIPLINE_SEVERITY, Discipline
from tdkt.rules.engine import BoundRule, Ctx
from tdkt.rules.facts import Members, UnitFacts
from tdkt.rules.verdict import Gap, Reason


def members(ctx: Ctx) -> Members | None:
    facts = ctx.facts
    assert isinstance(facts, UnitFacts)
    return facts.members


def percent(share: Fraction) -> str:
    value = float(share * 100)
    return f"{value:.0f}%" if value == int(value) else f"{value:.1f}%".replace(".", ",")


def check_ldtt_share(ctx: Ctx, r: BoundRule, key: str) -> Reason:
    share = ctx.p.fraction(key)
    cite = ctx.p.cite(key)
    m = members(ctx)
    if m is None or m.ldtt is None:
        return r.missing("Thiếu số thành viên đạt Lao động tiên tiến", citation=cite)
    if m.total <= 0:
        return r.missing("Tổng số thành viên phải lớn hơn 0", citation=cite)
    # ldtt / total >= share, in whole numbers
    if m.ldtt * share.denominator >= share.numerator * m.total:
        return r.ok(_ldtt_share_text, m.ldtt, m.total, share, "từ {} trở lên", citation=cite)
    needed = ceil(share * m.total) - m.ldtt
    gap = Gap("ldtt_members", f"Cần thêm {needed} thành viên đạt Lao động tiên tiến", needed)
    return r.fail(_ldtt_share_text, m.ldtt, m.total, share, "dưới {}", gaps=gap, citation=cite)


def _ldtt_share_text(ldtt: int, total: int, share: Fraction, bound: str) -> str:
    have = Fraction(ldtt, total)
    text = f"{ldtt}/{total} thành viên ({percent(have)}) đạt Lao động tiên tiến"
    return f"{text}, {bound.format(percent(share))}"


def check_member_discipline(ctx: Ctx, r: BoundRule, key: str) -> Reason | None:
    """No member disciplined at `key`'s level or above; a null level means the rule is gone."""
    level = ctx.p[key]
    if level is None:
        return None
    floor = Discipline(level)
    cite = ctx.p.cite(key)
    m = members(ctx)
    if m is None or m.disciplined is None:
        return r.missing("Thiếu danh sách thành viên bị kỷ luật", citation=cite)
    heavy = [d for d in m.disciplined if DISCIPLINE_SEVERITY[d] >= DISCIPLINE_SEVERITY[floor]]
    bar = DISCIPLINE_NAMES[floor].lower()
    if heavy:
        names = ", ".join(DISCIPLINE_NAMES[d].lower() for d in heavy)
        return r.fail(
            f"Có {len(heavy)} thành viên bị kỷ luật từ {bar} trở lên năm {ctx.year} ({names})",
            citation=cite,
        )
    return r.ok(f"Không có thành viên bị kỷ luật từ {bar} trở lên năm {ctx.year}", citation=cite)
