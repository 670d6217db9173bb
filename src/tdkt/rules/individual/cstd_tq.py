"""Danh hiệu "Chiến sĩ thi đua toàn quốc" (CSTĐTQ).

Luật TĐKT 2022, Điều 21 (Luật 2003, Điều 21): có 02 lần liên tục đạt Chiến sĩ thi đua cấp bộ, ngành
(ở đây: Chiến sĩ thi đua ngành Kiểm sát nhân dân) và sáng kiến, đề tài có phạm vi ảnh hưởng toàn
quốc. "Liên tục": lần sau cách lần trước đúng một chu kỳ CSTĐ ngành (3 năm CSTĐCS). Đề nghị trong
năm liền kề năm quyết định lần thứ hai (Nghị định 98/2023, Điều 32 khoản 1 điểm a; quá hạn thì
không còn đủ điều kiện theo Nghị định 91/2017, Điều 48). Tỷ lệ phiếu 90% được kiểm bằng câu hỏi
biểu quyết.
"""

from __future__ import annotations

from tdkt.rules.codes import Award, InitiativeScope, Subject
from tdkt.rules.common import (
    PRODUCT_VIOLATION,
    check_discipline,
    check_head_violation,
    initiatives,
    years_text,
)
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.verdict import Gap, Reason

NGANH_NAME = "Chiến sĩ thi đua ngành"


def chain(ctx: Ctx, r: BoundRule) -> Reason:
    width = int(ctx.p["cstd_nganh.consecutive_cstdcs"])
    k = int(ctx.p["cstd_tq.consecutive_nganh"])
    lag_key = "cstd_tq.max_years_after_last_nganh"
    lag = int(ctx.p[lag_key])
    year = ctx.year
    nganh = ctx.facts.title_years(Award.CSTD_NGANH)
    national = ctx.facts.title_years(Award.CSTD_TQ)
    if nganh is None or national is None:
        return r.missing("Thiếu dữ liệu danh hiệu đã đạt (titles)")
    used_until = max(national, default=0)
    recent = sorted((z for z in nganh if year - lag <= z <= year and z > used_until), reverse=True)
    if not recent:
        older = sorted(z for z in nganh if z > used_until)
        if not older:
            return r.fail(f"Chưa có danh hiệu {NGANH_NAME} (chưa dùng cho lần xét trước)")
        return r.fail(
            f"Lần {NGANH_NAME} gần nhất năm {older[-1]}: quá thời hạn đề nghị ({lag} năm sau năm "
            "được công nhận lần thứ hai)",
            citation=ctx.p.cite(lag_key),
        )
    last = recent[0]
    chain_years = [last - i * width for i in range(k)]
    absent = [z for z in chain_years if z not in nganh or z <= used_until]
    listed = ", ".join(str(z) for z in sorted(chain_years))
    if not absent:
        return r.ok(f"Đạt {k} lần liên tục {NGANH_NAME} (các năm {listed})")
    gap = Gap("cstd_nganh_titles", f"Cần thêm {len(absent)} lần {NGANH_NAME}", len(absent))
    return r.fail(
        f"Chưa đủ {k} lần liên tục {NGANH_NAME}: có năm {last}, thiếu năm "
        f"{', '.join(str(z) for z in sorted(absent))}",
        gap,
    )


def initiative(ctx: Ctx, r: BoundRule) -> Reason:
    width = int(ctx.p["cstd_nganh.consecutive_cstdcs"])
    k = int(ctx.p["cstd_tq.consecutive_nganh"])
    lag = int(ctx.p["cstd_tq.max_years_after_last_nganh"])
    first = ctx.year - lag - k * width + 1
    span = years_text(first, ctx.year)
    pool = initiatives(ctx, first, ctx.year, InitiativeScope.TOAN_QUOC)
    gap = Gap("initiative_toan_quoc", "Cần 1 sáng kiến có phạm vi ảnh hưởng toàn quốc", 1)
    if pool is None:
        return r.missing("Thiếu dữ liệu sáng kiến (initiatives)", gap)
    if pool.usable:
        return r.ok(f"Có sáng kiến, đề tài phạm vi toàn quốc được công nhận {span}: {pool.ids()}")
    return r.fail(
        f"Không có sáng kiến, đề tài phạm vi toàn quốc (chưa dùng) được công nhận {span}"
        f"{pool.spent_note()}",
        gap,
    )


_I = Subject.INDIVIDUAL
_A = Award.CSTD_TQ
RULES = (
    Rule(
        "cstd_tq.chain",
        _A,
        _I,
        chain,
        {"pre-2024": "Luật TĐKT 2003, Điều 21", "2024-01": "Luật TĐKT 2022, Điều 21"},
        note="Cách hiểu 'liên tục' và hạn đề nghị: P (legal-facts §2.4, §12 mục 7).",
    ),
    Rule(
        "cstd_tq.initiative",
        _A,
        _I,
        initiative,
        {"pre-2024": "Luật TĐKT 2003, Điều 21", "2024-01": "Luật TĐKT 2022, Điều 21"},
    ),
    Rule(
        "cstd_tq.no_discipline",
        _A,
        _I,
        check_discipline,
        {
            "pre-2024": "Nghị định 91/2017/NĐ-CP",
            "2024-01": "Nghị định 98/2023/NĐ-CP",
            "2025-07": "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4",
        },
        confidence="P",
    ),
    Rule("cstd_tq.unit_violation", _A, _I, check_head_violation, {"pre-2024": PRODUCT_VIOLATION}),
)
