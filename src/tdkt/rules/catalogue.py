"""Every rule the engine knows, gathered from the award modules (one module per title or form)."""

from __future__ import annotations

from tdkt.rules.codes import Award, Subject
from tdkt.rules.collective import bk_nganh as c_bk_nganh
from tdkt.rules.collective import bk_ttg as c_bk_ttg
from tdkt.rules.collective import co_cp, co_nganh, ttldtt, ttldxs
from tdkt.rules.collective import giay_khen as c_giay_khen
from tdkt.rules.engine import Rule
from tdkt.rules.individual import (
    bk_nganh,
    bk_ttg,
    cstd_nganh,
    cstd_tq,
    cstdcs,
    giay_khen,
    hcld,
    knc,
    ldtt,
)

MODULES = (
    ldtt,
    cstdcs,
    cstd_nganh,
    cstd_tq,
    giay_khen,
    bk_nganh,
    bk_ttg,
    hcld,
    knc,
    ttldtt,
    ttldxs,
    co_nganh,
    co_cp,
    c_giay_khen,
    c_bk_nganh,
    c_bk_ttg,
)


def all_rules() -> tuple[Rule, ...]:
    rules = tuple(rule for module in MODULES for rule in module.RULES)
    keys = [(rule.code, rule.subject) for rule in rules]
    if len(set(keys)) != len(keys):
        raise ValueError("Mã quy tắc bị trùng trong danh mục")
    return rules


# The awards the engine encodes, lowest first: what a scan or a due list looks at by default.
INDIVIDUAL_AWARDS = (
    Award.LDTT,
    Award.CSTDCS,
    Award.CSTD_NGANH,
    Award.CSTD_TQ,
    Award.GIAY_KHEN,
    Award.BK_NGANH,
    Award.BK_TTG,
    Award.HCLD_3,
    Award.KNC_VSNKS,
)
COLLECTIVE_AWARDS = (
    Award.TTLDTT,
    Award.TTLDXS,
    Award.CO_NGANH,
    Award.CO_CP,
    Award.GIAY_KHEN,
    Award.BK_NGANH,
    Award.BK_TTG,
)


def default_awards(subject: Subject) -> tuple[Award, ...]:
    return INDIVIDUAL_AWARDS if subject is Subject.INDIVIDUAL else COLLECTIVE_AWARDS
