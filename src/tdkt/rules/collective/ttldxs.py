"""Danh hiệu "Tập thể lao động xuất sắc" (TTLĐXS).

Luật TĐKT 2022, Điều 27: hoàn thành xuất sắc nhiệm vụ (ngành Kiểm sát: vượt chỉ tiêu, nhiệm vụ của
chương trình, kế hoạch công tác năm — Thông tư 02/2024/TT-VKSTC, Điều 18 khoản 1); 100% cá nhân
hoàn thành nhiệm vụ, trong đó ít nhất 70% đạt Lao động tiên tiến; có cá nhân đạt Chiến sĩ thi đua
cơ sở; nội bộ đoàn kết (Hội đồng bình xét). Luật 2003 thêm: không có cá nhân bị kỷ luật từ cảnh cáo
trở lên. Tỷ lệ: không quá 20% số tập thể đạt TTLĐTT, tối thiểu 1 (Điều 18 khoản 2) — kiểm trong lô
(caps.py). Quyết định sản phẩm: đơn vị có vi phạm trong năm không được xét.
"""

from __future__ import annotations

from tdkt.rules.codes import RATING_NAMES, Award, Rating, Subject
from tdkt.rules.collective.members import check_ldtt_share, check_member_discipline, members
from tdkt.rules.common import PRODUCT_VIOLATION, check_unit_violation
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.verdict import Gap, Reason


def rating(ctx: Ctx, r: BoundRule) -> Reason:
    found = ctx.rating(ctx.year)
    if found is None:
        return r.missing(f"Chưa có kết quả xếp loại của đơn vị năm {ctx.year}")
    text = f"Đơn vị xếp loại {RATING_NAMES[found]} năm {ctx.year}"
    if found is Rating.HTXS:
        return r.ok(text)
    return r.fail(f"{text}, chưa hoàn thành xuất sắc nhiệm vụ")


def completed(ctx: Ctx, r: BoundRule) -> Reason:
    m = members(ctx)
    if m is None or m.completed_tasks is None:
        return r.missing("Thiếu số thành viên hoàn thành nhiệm vụ")
    text = f"{m.completed_tasks}/{m.total} thành viên hoàn thành nhiệm vụ"
    if m.completed_tasks >= m.total:
        return r.ok(f"{text} (100%)")
    return r.fail(f"{text}, chưa đạt 100%")


def ldtt_share(ctx: Ctx, r: BoundRule) -> Reason:
    return check_ldtt_share(ctx, r, "ttldxs.min_ldtt_share")


def cstdcs_member(ctx: Ctx, r: BoundRule) -> Reason:
    key = "ttldxs.min_cstdcs_members"
    need = int(ctx.p[key])
    cite = ctx.p.cite(key)
    m = members(ctx)
    if m is None or m.cstdcs is None:
        return r.missing("Thiếu số thành viên đạt Chiến sĩ thi đua cơ sở", citation=cite)
    text = f"{m.cstdcs} thành viên đạt Chiến sĩ thi đua cơ sở năm {ctx.year}"
    if m.cstdcs >= need:
        return r.ok(text, citation=cite)
    k = need - m.cstdcs
    gap = Gap("cstdcs_members", f"Cần thêm {k} thành viên đạt Chiến sĩ thi đua cơ sở", k)
    return r.fail(f"{text} (cần ít nhất {need})", gaps=gap, citation=cite)


def member_discipline(ctx: Ctx, r: BoundRule) -> Reason | None:
    return check_member_discipline(ctx, r, "ttldxs.member_discipline_bar")


_C = Subject.COLLECTIVE
_A = Award.TTLDXS
_CITE = {
    "pre-2024": "Luật TĐKT 2003, Điều 27",
    "2024-01": "Luật TĐKT 2022, Điều 27",
}
RULES = (
    Rule(
        "ttldxs.rating",
        _A,
        _C,
        rating,
        {**_CITE, "2024-10": "Luật TĐKT 2022, Điều 27; Thông tư 02/2024/TT-VKSTC, Điều 18 khoản 1"},
    ),
    Rule("ttldxs.members_completed", _A, _C, completed, _CITE),
    Rule("ttldxs.members_ldtt", _A, _C, ldtt_share, _CITE),
    Rule("ttldxs.members_cstdcs", _A, _C, cstdcs_member, _CITE),
    Rule("ttldxs.members_discipline", _A, _C, member_discipline, _CITE, confidence="P"),
    Rule("ttldxs.unit_violation", _A, _C, check_unit_violation, {"pre-2024": PRODUCT_VIOLATION}),
)
