"""Danh hiệu "Chiến sĩ thi đua cơ sở" (CSTĐCS).

Luật TĐKT 2022, Điều 23: đạt tiêu chuẩn Lao động tiên tiến (khoản 1) và hoàn thành xuất sắc nhiệm
vụ, hoặc có sáng kiến được công nhận, hoặc đề tài, đề án đã nghiệm thu (khoản 2). Trước 2024 (Luật
2003, Điều 23; Nghị định 91/2017, Điều 9) sáng kiến là bắt buộc. Thông tư 02/2024/TT-VKSTC, Điều 14
khoản 2: thủ trưởng đơn vị thì đơn vị phải hoàn thành xuất sắc nhiệm vụ hoặc đạt Tập thể lao động
xuất sắc trở lên. Tỷ lệ phiếu của Hội đồng (Điều 14 khoản 1) được kiểm bằng câu hỏi biểu quyết.
"""

from __future__ import annotations

from tdkt.rules.codes import RATING_NAMES, Award, InitiativeScope, Rating, Subject, award_name
from tdkt.rules.common import PRODUCT_VIOLATION, all3, any3, check_head_violation, initiatives
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.errors import RuleDataError
from tdkt.rules.facts import PersonFacts
from tdkt.rules.verdict import Gap, Reason, Status

# A head's unit counts if rated HTXS or holding TTLĐXS or a higher collective title.
HEAD_UNIT_ENOUGH = frozenset({"HTXS", "TTLDXS", "CO_NGANH", "CO_CP"})
MERIT_RULES = ("initiative", "htxs_or_initiative", "htxs_and_initiative")


def requires_ldtt(ctx: Ctx, r: BoundRule) -> Reason:
    year = ctx.year
    if ctx.has_title(Award.LDTT, year):
        return r.ok(f"Đã được công nhận Lao động tiên tiến năm {year}")
    verdict = ctx.verdict(Award.LDTT)
    if verdict.status is Status.ELIGIBLE:
        return r.ok(f"Đạt tiêu chuẩn Lao động tiên tiến năm {year}")
    detail = "; ".join(_lower_first(x.message) for x in verdict.reasons if x.passed is not True)
    if verdict.status is Status.INELIGIBLE:
        return r.fail(f"Không đạt tiêu chuẩn Lao động tiên tiến năm {year}: {detail}")
    return r.missing(f"Chưa xác định được tiêu chuẩn Lao động tiên tiến năm {year}: {detail}")


def merit(ctx: Ctx, r: BoundRule) -> Reason:
    key = "cstdcs.merit_rule"
    mode = ctx.p[key]
    cite = ctx.p.cite(key)
    year = ctx.year
    rating = ctx.rating(year)
    htxs = None if rating is None else rating is Rating.HTXS
    pool = initiatives(ctx, year, year, InitiativeScope.CO_SO)
    has_initiative = None if pool is None else bool(pool.usable)
    if mode == "initiative":
        value = has_initiative
    elif mode == "htxs_or_initiative":
        value = any3((htxs, has_initiative))
    elif mode == "htxs_and_initiative":
        value = all3((htxs, has_initiative))
    else:
        raise RuleDataError(f"{key}: giá trị '{mode}' không thuộc {MERIT_RULES}")

    spent = pool.spent_note() if pool else ""
    if value:
        parts = []
        if htxs and mode != "initiative":
            parts.append(f"Xếp loại {RATING_NAMES[Rating.HTXS]} năm {year}")
        if has_initiative and pool and (mode != "htxs_or_initiative" or not htxs):
            parts.append(f"Có sáng kiến được công nhận năm {year}: {pool.ids()}")
        return r.ok("; ".join(parts), citation=cite)

    want = {
        "initiative": "1 sáng kiến cấp cơ sở (bắt buộc trước năm 2024)",
        "htxs_or_initiative": "xếp loại Hoàn thành xuất sắc nhiệm vụ hoặc 1 sáng kiến cấp cơ sở",
        "htxs_and_initiative": "xếp loại Hoàn thành xuất sắc nhiệm vụ và 1 sáng kiến cấp cơ sở",
    }[mode]
    gap = Gap("cstdcs_merit", f"Cần {want}", 1)
    have = []
    if rating is None:
        have.append(f"chưa có xếp loại năm {year}")
    else:
        have.append(f"xếp loại {RATING_NAMES[rating]} năm {year}")
    if pool is None:
        have.append("thiếu dữ liệu sáng kiến (initiatives)")
    elif not pool.usable:
        have.append(f"không có sáng kiến chưa dùng được công nhận năm {year}")
    if value is None:
        return r.missing(f"Chưa xác định được: {', '.join(have)}{spent}", gap, cite)
    return r.fail(f"Chưa đạt: cần {want}; {', '.join(have)}{spent}", gap, cite)


def unit_head(ctx: Ctx, r: BoundRule) -> Reason | None:
    facts = ctx.facts
    assert isinstance(facts, PersonFacts)
    if facts.is_unit_head is None:
        return r.missing("Thiếu thông tin có phải thủ trưởng đơn vị hay không (is_unit_head)")
    if not facts.is_unit_head:
        return None
    unit = (facts.head_unit_ratings or {}).get(ctx.year)
    if unit is None:
        return r.missing(
            f"Thiếu kết quả xếp loại năm {ctx.year} của đơn vị do đồng chí đứng đầu "
            "(head_unit_ratings)"
        )
    name = _unit_result_name(unit)
    if unit in HEAD_UNIT_ENOUGH:
        return r.ok(f"Đơn vị do đồng chí đứng đầu đạt {name} năm {ctx.year}")
    return r.fail(
        f"Đơn vị do đồng chí đứng đầu đạt {name} năm {ctx.year}; thủ trưởng đơn vị cần đơn vị "
        "hoàn thành xuất sắc nhiệm vụ hoặc đạt Tập thể lao động xuất sắc trở lên"
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
