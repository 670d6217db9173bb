"""What the law asks of a dossier, as data: the components of each award, who may decide which
award, which awards need public consultation, and where a dossier goes next.

Sources: legal-facts.md §5 (kinds, simplified procedure), §6.1 (who decides), §6.3 (publicity),
§6.4 (components); workflows.md §5–§6."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from tdkt.nominations.models import ComponentKind, DossierKind
from tdkt.org.models import Unit, UnitLevel
from tdkt.rules.codes import Award, AwardKind, award_kind
from tdkt.rules.sudden import SimplifiedProcedure

# Awards whose candidate list must be posted for public consultation before the council sits
# (ND 98/2023 Art. 46(2), carried over as ND 152/2025 Art. 44(2)): orders and the national title.
PUBLIC_COMMENT_REQUIRED = frozenset({Award.CSTD_TQ, Award.HCLD_1, Award.HCLD_2, Award.HCLD_3})
PUBLIC_COMMENT_CITATION = _(
    "Nghị định 152/2025/NĐ-CP, Điều 44 khoản 2 (Nghị định 98/2023, Điều 46)"
)
# At least 10 working days before the council for the awards above; an internal publicity of
# other lists defaults to 5 working days (workflows §6(a), a parameter in practice [?]).
MIN_WORKING_DAYS_REQUIRED = 10
MIN_WORKING_DAYS_OPTIONAL = 5

# Which awards a level decides itself (TT 02/2024/TT-VKSTC; legal-facts §6.1). The State's forms
# and titles (CSTĐ toàn quốc, Cờ của Chính phủ, Bằng khen Thủ tướng, Huân chương) are proposed
# upward and decided outside the sector.
_BASIC = frozenset({Award.LDTT, Award.CSTDCS, Award.TTLDTT, Award.GIAY_KHEN})
DECIDES: dict[str, frozenset[Award]] = {
    UnitLevel.TOI_CAO: _BASIC
    | {Award.CSTD_NGANH, Award.TTLDXS, Award.CO_NGANH, Award.BK_NGANH, Award.KNC_VSNKS},
    UnitLevel.TINH: _BASIC,
    UnitLevel.CAP_CAO: _BASIC,
    UnitLevel.DON_VI_TRUC_THUOC: _BASIC,
}
_ORDERS = frozenset({Award.HCLD_1, Award.HCLD_2, Award.HCLD_3})
# Who decides them (legal-facts §6.1, TT 02/2024): the Prime Minister the national title, the
# Government's flag and his Bằng khen; the President the orders, proposed through the Prime
# Minister. Viện trưởng VKSND tối cao proposes, after the sector's council.
PRIME_MINISTER_DECIDES = frozenset({Award.CSTD_TQ, Award.CO_CP, Award.BK_TTG})
PRESIDENT_DECIDES = _ORDERS
STATE_AWARDS = PRIME_MINISTER_DECIDES | PRESIDENT_DECIDES
# Where the sector sends them (workflows §0.1: VKSTC → Ban TĐKT Trung ương / Bộ Nội vụ).
STATE_BODY = _("Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)")

# The awards each kind of dossier may ask for.
KIND_AWARDS: dict[str, frozenset[Award]] = {
    DossierKind.YEARLY: frozenset(Award) - {Award.KNC_VSNKS},
    DossierKind.MOVEMENT: frozenset(Award) - {Award.KNC_VSNKS},
    DossierKind.SUDDEN: frozenset({Award.GIAY_KHEN, Award.BK_NGANH, Award.BK_TTG} | _ORDERS),
    DossierKind.CONTRIBUTION: _ORDERS,
    DossierKind.COMMEMORATIVE: frozenset({Award.KNC_VSNKS}),
}


def decides(level: str, award: str) -> bool:
    return Award(award) in DECIDES.get(level, frozenset())


def is_state_award(award: str) -> bool:
    return Award(award) in STATE_AWARDS


def deciding_level(unit: Unit, awards: set[str] | frozenset[str]) -> Unit | None:
    """Where a sudden dossier goes: straight to the nearest level above `unit` that decides every
    award asked (the simplified procedure proposes to the competent level, not hop by hop); to
    VKSND tối cao, which proposes them upward, for the State's forms."""
    here = unit.reports_to()
    while here is not None:
        upper = here.reports_to()
        if upper is None or all(decides(here.level, a) for a in awards):
            return here
        here = upper
    return None


def needs_public_comment(awards: set[str] | frozenset[str]) -> bool:
    return any(Award(a) in PUBLIC_COMMENT_REQUIRED for a in awards)


@dataclass(frozen=True)
class Requirement:
    kind: str
    per_candidate: bool
    generated: bool = False  # the system writes it from the data; a signed copy may replace it
    alternatives: tuple[str, ...] = ()  # another component kind that satisfies it instead


def requirements(
    kind: str, award: str, procedure: SimplifiedProcedure | None = None
) -> list[Requirement]:
    """The components one candidate's award needs in a dossier of `kind` (legal-facts §6.4);
    `procedure`, the simplified procedure in force on the day, for a sudden dossier."""
    a = Award(award)
    out = [Requirement(ComponentKind.PROPOSAL, per_candidate=False, generated=True)]
    if kind == DossierKind.SUDDEN:
        return out + _sudden_requirements(a, procedure)
    if kind in (DossierKind.YEARLY, DossierKind.MOVEMENT, DossierKind.CONTRIBUTION):
        out.append(Requirement(ComponentKind.REPORT, per_candidate=True, generated=True))
    if kind in (DossierKind.YEARLY, DossierKind.MOVEMENT):
        out.append(Requirement(ComponentKind.MINUTES, per_candidate=False))
    if a is Award.CSTDCS:
        out.append(
            Requirement(
                ComponentKind.INITIATIVE,
                per_candidate=True,
                alternatives=(ComponentKind.RATING,),
            )
        )
    elif a in (Award.CSTD_NGANH, Award.CSTD_TQ):
        out.append(Requirement(ComponentKind.INITIATIVE, per_candidate=True))
    return out


def _sudden_requirements(award: Award, procedure: SimplifiedProcedure | None) -> list[Requirement]:
    """The simplified procedure (legal-facts §5; Luật TĐKT 2022 Điều 85, ND 91 Art. 55 as the old
    model): the tờ trình with its list and, for each candidate, a short account of the act
    confirmed by the proposing head. The unit's minutes only when the parameter
    `sudden.requires_council_minutes` asks them (M today). The State's forms also want the
    achievement report (QĐ 311/QĐ-BNV for Bằng khen Thủ tướng đột xuất, C; the ND 152 annex has
    a form for it); the ministry council's minutes QĐ 311 asks for are those of VKSND tối cao's
    own sitting, not a component the proposing unit uploads."""
    out = [Requirement(ComponentKind.ACHIEVEMENT, per_candidate=True)]
    if award in STATE_AWARDS:
        out.append(Requirement(ComponentKind.REPORT, per_candidate=True, generated=True))
    if procedure is not None and procedure.requires_council_minutes:
        out.append(Requirement(ComponentKind.MINUTES, per_candidate=False))
    return out


def is_title(award: str) -> bool:
    return award_kind(award) is AwardKind.TITLE
