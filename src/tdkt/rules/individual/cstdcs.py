"""Danh hiệu "Chiến sĩ thi đua cơ sở" (CSTĐCS).

Luật TĐKT 2022, Điều 23: đạt tiêu chuẩn Lao động tiên tiến (khoản 1) và hoàn thành xuất sắc nhiệm
vụ, hoặc có sáng kiến được công nhận, hoặc đề tài, đề án đã nghiệm thu (khoản 2). Trước 2024 (Luật
2003, Điều 23; Nghị định 91/2017, Điều 9) sáng kiến là bắt buộc. Thông tư 02/2024/TT-VKSTC, Điều 14
khoản 2: thủ trưởng đơn vị thì đơn vị phải hoàn thành xuất sắc nhiệm vụ hoặc đạt Tập thể lao động
xuất sắc trở lên. Tỷ lệ phiếu của Hội đồng (Điều 14 khoản 1) được kiểm bằng câu hỏi biểu quyết.
"""

from __future__ import annotations

from tdkt.rules.codes import RATING_NAMES, Award, InitiativeScope, Rating, Subject, award_name
from tdkt.rules.common import (
    PRODUCT_VIOLATION,
    InitiativePool,
    all3,
    any3,
    check_head_violation,
    initiatives,
)
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.errors import RuleDataError
from tdkt.rules.facts import PersonFacts
from tdkt.rules.verdict import Gap, Reason, Status

# A head's unit counts if rated HTXS or holding TTLĐXS or a higher collective title.
HEAD_UNIT_ENOUGH = frozenset({"HTXS", "TTLDXS", "CO_NGANH", "CO_CP"})
MERIT_RULES = ("initiative", "htxs_or_initiative", "htxs_and_initiative")
MERIT_WANTS = {
    "initiative": "1 sáng kiến cấp cơ sở (bắt buộc trước năm 2024)",
    "htxs_or_initiative": "xếp loại Hoàn thành xuất sắc nhiệm vụ hoặc 1 sáng kiến cấp cơ sở",
    "htxs_and_initiative": "xếp loại Hoàn thành xuất sắc nhiệm vụ và 1 sáng kiến cấp cơ sở",
}
MERIT_GAPS = {mode: Gap("cstdcs_merit", f"Cần {want}", 1) for mode, want in MERIT_WANTS.items()}
_LDTT = Award.LDTT
_HTXS = Rating.HTXS
_CO_SO = InitiativeScope.CO_SO
_ELIGIBLE, _INELIGIBLE = Status.ELIGIBLE, Status.INELIGIBLE


def requires_ldtt(ctx: Ctx, r: BoundRule) -> Reason:
    year = ctx.year
    if ctx.has_title(_LDTT, year):
        return r.shared("ok", "Đã được công nhận Lao động tiên tiến năm {}", year)
    verdict = ctx.verdict(_LDTT)
    status = verdict.status
    if status is _ELIGIBLE:
        return r.shared("ok", "Đạt tiêu chuẩn Lao động tiên tiến năm {}", year)
    if status is _INELIGIBLE:
        return r.fail(_ldtt_short, "Không đạt", year, verdict.reasons)
    return r.missing(_ldtt_short, "Chưa xác định được", year, verdict.reasons)


def _ldtt_short(head: str, year: int, reasons: tuple[Reason, ...]) -> str:
    detail = "; ".join(_lower_first(x.message) for x in reasons if x.passed is not True)
    return f"{head} tiêu chuẩn Lao động tiên tiến năm {year}: {detail}"


def merit(ctx: Ctx, r: BoundRule) -> Reason:
    key = "cstdcs.merit_rule"
    mode, cite = ctx.p.cited(key)
    year = ctx.year
    rating = ctx.rating(year)
    htxs = None if rating is None else rating is _HTXS
    pool = initiatives(ctx, year, year, _CO_SO, r.award)
    has_initiative = None if pool is None else bool(pool.usable)
    if mode == "initiative":
        value = has_initiative
    elif mode == "htxs_or_initiative":
        value = any3((htxs, has_initiative))
    elif mode == "htxs_and_initiative":
        value = all3((htxs, has_initiative))
    else:
        raise RuleDataError(f"{key}: giá trị '{mode}' không thuộc {MERIT_RULES}")
    if value:
        return r.ok(_merit_met, mode, htxs, pool, year, citation=cite)
    if value is None:
        return r.missing(_merit_short, "", rating, pool, year, gaps=MERIT_GAPS[mode], citation=cite)
    return r.fail(_merit_short, mode, rating, pool, year, gaps=MERIT_GAPS[mode], citation=cite)


def _merit_met(mode: str, htxs: bool | None, pool: InitiativePool | None, year: int) -> str:
    parts = []
    if htxs and mode != "initiative":
        parts.append(f"Xếp loại {RATING_NAMES[Rating.HTXS]} năm {year}")
    if pool and pool.usable and (mode != "htxs_or_initiative" or not htxs):
        parts.append(f"Có sáng kiến được công nhận năm {year}: {pool.ids()}")
    return "; ".join(parts)


def _merit_short(mode: str, rating: Rating | None, pool: InitiativePool | None, year: int) -> str:
    """What is missing; `mode` empty when the answer is not known yet."""
    have = []
    if rating is None:
        have.append(f"chưa có xếp loại năm {year}")
    else:
        have.append(f"xếp loại {RATING_NAMES[rating]} năm {year}")
    if pool is None:
        have.append("thiếu dữ liệu sáng kiến")
    elif not pool.usable:
        have.append(f"không có sáng kiến chưa dùng được công nhận năm {year}")
    spent = pool.spent_note() if pool else ""
    if not mode:
        return f"Chưa xác định được: {', '.join(have)}{spent}"
    return f"Chưa đạt: cần {MERIT_WANTS[mode]}; {', '.join(have)}{spent}"


def unit_head(ctx: Ctx, r: BoundRule) -> Reason | None:
    facts = ctx.facts
    assert isinstance(facts, PersonFacts)
    if facts.is_unit_head is None:
        return r.missing("Thiếu thông tin có phải thủ trưởng đơn vị hay không")
    if not facts.is_unit_head:
        return None
    unit = (facts.head_unit_ratings or {}).get(ctx.year)
    if unit is None:
        return r.missing(
            "Thiếu kết quả xếp loại năm {} của đơn vị do đồng chí đứng đầu",
            ctx.year,
        )
    name = _unit_result_name(unit)
    if unit in HEAD_UNIT_ENOUGH:
        return r.ok("Đơn vị do đồng chí đứng đầu đạt {} năm {}", name, ctx.year)
    return r.fail(
        "Đơn vị do đồng chí đứng đầu đạt {} năm {}; thủ trưởng đơn vị cần đơn vị hoàn thành xuất "
        "sắc nhiệm vụ hoặc đạt Tập thể lao động xuất sắc trở lên",
        name,
        ctx.year,
    )


def _unit_result_name(code: str) -> str:
    if code in RATING_NAMES:
        return RATING_NAMES[Rating(code)]
    return award_name(code)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


_I = Subject.INDIVIDUAL
RULES = (
    Rule(
        "cstdcs.requires_ldtt",
        Award.CSTDCS,
        _I,
        requires_ldtt,
        {"pre-2024": "Luật TĐKT 2003, Điều 23", "2024-01": "Luật TĐKT 2022, Điều 23 khoản 1"},
    ),
    Rule(
        "cstdcs.merit",
        Award.CSTDCS,
        _I,
        merit,
        {
            "pre-2024": "Luật TĐKT 2003, Điều 23; Nghị định 91/2017/NĐ-CP, Điều 9",
            "2024-01": "Luật TĐKT 2022, Điều 23 khoản 2",
        },
    ),
    Rule(
        "cstdcs.unit_head",
        Award.CSTDCS,
        _I,
        unit_head,
        {"2024-10": "Thông tư 02/2024/TT-VKSTC, Điều 14 khoản 2"},
    ),
    Rule(
        "cstdcs.unit_violation",
        Award.CSTDCS,
        _I,
        check_head_violation,
        {"pre-2024": PRODUCT_VIOLATION},
    ),
)
