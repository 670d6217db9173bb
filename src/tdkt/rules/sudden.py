"""Khen thưởng đột xuất: a form of commendation for one outstanding act (simplified procedure).

Luật TĐKT 2022, Điều 8 (khen thưởng đột xuất is a type of its own) and Điều 85 (thủ tục đơn giản,
P); each form's criteria name the outstanding act: Giấy khen (Điều 75), Bằng khen cấp bộ, ngành
(Điều 74 khoản 1), Bằng khen Thủ tướng (Điều 73 khoản 1 điểm c), Huân chương Lao động (Điều 44).
Nghị định 152/2025/NĐ-CP, Điều 4: a higher form needs no lower one first (khoản 1), and the results
of sudden commendations are no basis for a merit proposal (khoản 3; `sudden.counts_toward_merit`,
read by `Ctx.merit_only` wherever a chain counts earlier awards).

The rules: no chain of earlier titles or forms; the act itself is weighed by people, so the verdict
is never `eligible` (the reason says what the council must judge); discipline and the unit-violation
veto still apply; how soon after the act the simplified procedure is used is a parameter
(`sudden.max_days_after_act`: the old model says "right after the achievement", no number is known).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tdkt.rules.codes import Award, Subject, award_fits, award_name
from tdkt.rules.common import (
    PRODUCT_VIOLATION,
    check_discipline,
    check_head_violation,
    check_unit_violation,
)
from tdkt.rules.dates import vn
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.facts import SuddenAct
from tdkt.rules.params import ParameterSet
from tdkt.rules.verdict import Reason

# The forms a sudden commendation may take, with the article of Luật TĐKT 2022 naming the act.
SUDDEN_FORMS: dict[Award, str] = {
    Award.GIAY_KHEN: "Điều 75",
    Award.BK_NGANH: "Điều 74 khoản 1",
    Award.BK_TTG: "Điều 73 khoản 1 điểm c",
    Award.HCLD_3: "Điều 44",
    Award.HCLD_2: "Điều 44",
    Award.HCLD_1: "Điều 44",
}
OLD_LAW = "Luật TĐKT 2003 (khen thưởng đột xuất, chưa đối chiếu)"
HEAD_BARRED = "Người đứng đầu không được đề nghị khen thưởng đột xuất trong năm đơn vị có vi phạm"


def act(ctx: Ctx, r: BoundRule) -> Reason:
    """The act, named for the council to weigh; without a description nothing can be weighed."""
    given = ctx.act
    description = ((given.description if given else None) or "").strip()
    if not description:
        return r.missing(
            "Chưa đủ dữ liệu để kết luận: thiếu mô tả thành tích đột xuất (việc đã làm, kết quả, "
            "phạm vi ảnh hưởng)"
        )
    return r.judge(_act_text, description, given.happened_on if given else None, r.award)


def _act_text(description: str, happened_on: date | None, award: Award) -> str:
    when = f" (ngày {vn(happened_on)})" if happened_on else ""
    return (
        f"Hội đồng cần đánh giá thành tích đột xuất: {description}{when} — có phải là thành tích "
        f"xuất sắc, đột xuất, có tác dụng nêu gương, xứng đáng {award_name(award)} hay không"
    )


def no_chain(ctx: Ctx, r: BoundRule) -> Reason:
    counts = bool(ctx.p["sudden.counts_toward_merit"])
    tail = (
        "" if counts else "; kết quả không dùng làm căn cứ đề nghị khen thưởng công trạng sau này"
    )
    return r.shared(
        "ok",
        "Khen thưởng đột xuất: không xét danh hiệu, hình thức khen thưởng đã có hay số năm liên "
        "tục{}",
        tail,
    )


def timing(ctx: Ctx, r: BoundRule) -> Reason:
    """How long after the act the proposal comes (the simplified procedure is for right after)."""
    limit, cite = ctx.p.cited("sudden.max_days_after_act")
    happened = ctx.act.happened_on if ctx.act else None
    if happened is None:
        return r.missing(
            "Chưa đủ dữ liệu để kết luận: thiếu ngày lập thành tích đột xuất", citation=cite
        )
    days = (ctx.as_of - happened).days
    if days < 0:
        return r.fail(
            "Ngày lập thành tích ({}) sau ngày xét ({})", vn(happened), vn(ctx.as_of), citation=cite
        )
    if limit is None:
        return r.judge(_timing_open, happened, days, citation=cite)
    if days <= int(limit):
        return r.ok(
            "Đề nghị sau {} ngày kể từ ngày lập thành tích ({}), trong thời hạn {} ngày của thủ "
            "tục đơn giản",
            days,
            vn(happened),
            int(limit),
            citation=cite,
        )
    return r.judge(_timing_late, happened, days, int(limit), citation=cite)


def _timing_open(happened: date, days: int) -> str:
    return (
        f"Đề nghị sau {days} ngày kể từ ngày lập thành tích ({vn(happened)}); thủ tục đơn giản "
        "áp dụng khi đề nghị ngay sau khi lập thành tích, thời hạn cụ thể chưa được xác định: "
        "Hội đồng xem xét tính kịp thời"
    )


def _timing_late(happened: date, days: int, limit: int) -> str:
    return (
        f"Đề nghị sau {days} ngày kể từ ngày lập thành tích ({vn(happened)}), quá thời hạn "
        f"{limit} ngày của thủ tục đơn giản: Hội đồng xem xét đề nghị theo thủ tục thông thường"
    )


def head_veto(ctx: Ctx, r: BoundRule) -> Reason | None:
    return check_head_violation(ctx, r, HEAD_BARRED)


# code, check, subjects, citations by regime (each award's article filled in), confidence
_SPECS: tuple[tuple[str, Any, tuple[Subject, ...], dict[str, str], str], ...] = (
    (
        "sudden.act",
        act,
        (Subject.INDIVIDUAL, Subject.COLLECTIVE),
        {"pre-2024": OLD_LAW, "2024-01": "Luật TĐKT 2022, Điều 8 và {article}"},
        "P",
    ),
    (
        "sudden.no_chain",
        no_chain,
        (Subject.INDIVIDUAL, Subject.COLLECTIVE),
        {
            "pre-2024": OLD_LAW,
            "2024-01": "Luật TĐKT 2022, Điều 8",
            "2025-07": "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 1 và khoản 3",
        },
        "P",
    ),
    (
        "sudden.no_discipline",
        check_discipline,
        (Subject.INDIVIDUAL,),
        {
            "pre-2024": OLD_LAW,
            "2024-01": "Luật TĐKT 2022, {article} (gương mẫu chấp hành pháp luật)",
            "2025-07": "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4",
        },
        "P",
    ),
    ("sudden.unit_head", head_veto, (Subject.INDIVIDUAL,), {"pre-2024": PRODUCT_VIOLATION}, "C"),
    (
        "sudden.unit_violation",
        check_unit_violation,
        (Subject.COLLECTIVE,),
        {"pre-2024": PRODUCT_VIOLATION},
        "C",
    ),
    (
        "sudden.timing",
        timing,
        (Subject.INDIVIDUAL, Subject.COLLECTIVE),
        {"pre-2024": OLD_LAW, "2024-01": "Luật TĐKT 2022, Điều 85"},
        "P",
    ),
)


def sudden_rules() -> tuple[Rule, ...]:
    """The rules of a sudden commendation, for each form and subject it may be given to."""
    return tuple(
        Rule(
            code,
            award,
            subject,
            check,
            {regime: text.format(article=article) for regime, text in cite.items()},
            confidence=confidence,
        )
        for award, article in SUDDEN_FORMS.items()
        for code, check, subjects, cite, confidence in _SPECS
        for subject in subjects
        if award_fits(award, subject)
    )


@dataclass(frozen=True, slots=True)
class SimplifiedProcedure:
    """What the simplified procedure asks on a day, for the dossier side: the days allowed after
    the act (None: "right after", no number known) and whether the council's minutes are part of
    the dossier (the old model: a proposal with the list and a short account of the act
    confirmed by the proposing head)."""

    max_days_after_act: int | None
    requires_council_minutes: bool
    citation: str


def simplified_procedure(on: date, params: ParameterSet | None = None) -> SimplifiedProcedure:
    from tdkt.rules.params import default_parameters

    params = params or default_parameters()
    days = params.record("sudden.max_days_after_act", on)
    minutes = params.record("sudden.requires_council_minutes", on)
    citation = (
        days.citation
        if days.citation == minutes.citation
        else (f"{days.citation}; {minutes.citation}")
    )
    return SimplifiedProcedure(
        None if days.value is None else int(days.value), bool(minutes.value), citation
    )


__all__ = [
    "SUDDEN_FORMS",
    "SimplifiedProcedure",
    "SuddenAct",
    "simplified_procedure",
    "sudden_rules",
]
