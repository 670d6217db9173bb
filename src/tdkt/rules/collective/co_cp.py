"""Danh hiệu "Cờ thi đua của Chính phủ" (Cờ CP).

Luật TĐKT 2003, Điều 25 (C) and Luật TĐKT 2022, Điều 25 (text not retrieved, M): tập thể tiêu biểu
xuất sắc nhất trong phong trào thi đua của bộ, ngành, vượt chỉ tiêu. The engine checks what it can
(the sector flag's standard, the unit-violation decision) and leaves "most outstanding" to the
council, so it never answers `eligible`. Tỷ lệ đề nghị trước 2024: không quá 20% số tập thể đủ tiêu
chuẩn Cờ cấp bộ (Nghị định 91/2017, Điều 11) — kiểm trong lô (caps.py).
"""

from __future__ import annotations

from tdkt.rules.codes import Award, Subject
from tdkt.rules.common import PRODUCT_VIOLATION, check_unit_violation, holds_text, judgment_only
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.verdict import Reason

OLD = "Luật TĐKT 2003, Điều 25; Nghị định 91/2017/NĐ-CP, Điều 11"
NEW = "Luật TĐKT 2022, Điều 25 (chưa đối chiếu văn bản)"


def requires_co_nganh(ctx: Ctx, r: BoundRule) -> Reason:
    held = ctx.holds(Award.CO_NGANH, ctx.year)
    text = holds_text(Award.CO_NGANH, ctx.year, held, ctx.has_title(Award.CO_NGANH, ctx.year))
    if held:
        return r.ok(text)
    return r.missing(text) if held is None else r.fail(text)


def merit(ctx: Ctx, r: BoundRule) -> Reason:
    return judgment_only(
        ctx,
        r,
        "tập thể tiêu biểu xuất sắc nhất trong phong trào thi đua của ngành năm {}",
        ctx.year,
    )


_C = Subject.COLLECTIVE
_A = Award.CO_CP
RULES = (
    Rule(
        "co_cp.requires_co_nganh",
        _A,
        _C,
        requires_co_nganh,
        {"pre-2024": OLD, "2024-01": NEW},
        confidence="P",
        note="Điều kiện đạt tiêu chuẩn Cờ thi đua ngành suy từ Nghị định 91/2017, Điều 11.",
    ),
    Rule("co_cp.merit", _A, _C, merit, {"pre-2024": OLD, "2024-01": NEW}, confidence="M"),
    Rule("co_cp.unit_violation", _A, _C, check_unit_violation, {"pre-2024": PRODUCT_VIOLATION}),
)
