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
    check_initiative,
)
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.params import ParamView
from tdkt.rules.verdict import Gap, Reason

NGANH_NAME = "Chiến sĩ thi đua ngành"
NO_NGANH = f"Chưa có danh hiệu {NGANH_NAME} (chưa dùng cho lần xét trước)"
INITIATIVE_GAP = Gap("initiative_toan_quoc", "Cần 1 sáng kiến có phạm vi ảnh hưởng toàn quốc", 1)
_A = Award.CSTD_TQ
_NGANH = Award.CSTD_NGANH
_TOAN_QUOC = InitiativeScope.TOAN_QUOC


def chain(ctx: Ctx, r: BoundRule) -> Reason:
    width, k, lag, lag_cite = ctx.p.derived("cstd_tq", _params)
    year = ctx.year
    nganh = ctx.title_years(_NGANH)
    national = ctx.earlier_titles(r)
    if nganh is None or national is None:
        return r.missing("Thiếu dữ liệu danh hiệu đã đạt")
    if not nganh:
        return r.shared("fail", NO_NGANH)
    used_until = max(national, default=0)
    recent = sorted((z for z in nganh if year - lag <= z <= year and z > used_until), reverse=True)
    if not recent:
        older = sorted(z for z in nganh if z > used_until)
        if not older:
            return r.fail(NO_NGANH)
        return r.fail(
            "Lần {} gần nhất năm {}: quá thời hạn đề nghị ({} năm sau năm được công nhận lần thứ "
            "hai)",
            NGANH_NAME,
            older[-1],
            lag,
            citation=lag_cite,
        )
    last = recent[0]
    chain_years = [last - i * width for i in range(k)]
    absent = [z for z in chain_years if z not in nganh or z <= used_until]
    if not absent:
        return r.ok(_chain_met, k, chain_years)
    gap = Gap("cstd_nganh_titles", f"Cần thêm {len(absent)} lần {NGANH_NAME}", len(absent))
    return r.fail(_chain_short, k, last, absent, gaps=gap)


def _params(p: ParamView) -> tuple[int, int, int, str]:
    lag, lag_cite = p.cited("cstd_tq.max_years_after_last_nganh")
    return (
        int(p["cstd_nganh.consecutive_cstdcs"]),
        int(p["cstd_tq.consecutive_nganh"]),
        int(lag),
        lag_cite,
    )


def _chain_met(k: int, chain_years: list[int]) -> str:
    listed = ", ".join(str(z) for z in sorted(chain_years))
    return f"Đạt {k} lần liên tục {NGANH_NAME} (các năm {listed})"


def _chain_short(k: int, last: int, absent: list[int]) -> str:
    return (
        f"Chưa đủ {k} lần liên tục {NGANH_NAME}: có năm {last}, thiếu năm "
        f"{', '.join(str(z) for z in sorted(absent))}"
    )


def initiative(ctx: Ctx, r: BoundRule) -> Reason:
    width, k, lag, _ = ctx.p.derived("cstd_tq", _params)
    first = ctx.year - lag - k * width + 1
    return check_initiative(ctx, r, first, _TOAN_QUOC, "phạm vi toàn quốc", INITIATIVE_GAP)


_I = Subject.INDIVIDUAL
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
