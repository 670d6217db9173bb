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
STATE_AWARDS = frozenset(
    {Award.CSTD_TQ, Award.CO_CP, Award.BK_TTG, Award.HCLD_1, Award.HCLD_2, Award.HCLD_3}
)

# The awards each kind of dossier may ask for.
_ORDERS = frozenset({Award.HCLD_1, Award.HCLD_2, Award.HCLD_3})
KIND_AWARDS: dict[str, frozenset[Award]] = {
    DossierKind.YEARLY: frozenset(Award) - {Award.KNC_VSNKS},
    DossierKind.MOVEMENT: frozenset(Award) - {Award.KNC_VSNKS},
    DossierKind.SUDDEN: frozenset({Award.GIAY_KHEN, Award.BK_NGANH, Award.BK_TTG} | _ORDERS),
    DossierKind.CONTRIBUTION: _ORDERS,
    DossierKind.COMMEMORATIVE: frozenset({Award.KNC_VSNKS}),
}


def decides(level: str, award: str) -> bool:
    return Award(award) in DECIDES.get(level, frozenset())


def needs_public_comment(awards: set[str] | frozenset[str]) -> bool:
    return any(Award(a) in PUBLIC_COMMENT_REQUIRED for a in awards)


def next_receiver(unit: Unit) -> Unit | None:
    """Where a unit's dossier goes: the nearest unit above that is not one of its departments
    (VKSND khu vực → VKSND tỉnh → VKSND tối cao; a VKSTC department → VKSND tối cao)."""
    parent = unit.parent
    while parent is not None and parent.level == UnitLevel.PHONG:
        parent = parent.parent
    return parent


@dataclass(frozen=True)
class Requirement:
    kind: str
    per_candidate: bool
    generated: bool = False  # the system writes it from the data; a signed copy may replace it
    alternatives: tuple[str, ...] = ()  # another component kind that satisfies it instead


def requirements(kind: str, award: str) -> list[Requirement]:
    """The components one candidate's award needs in a dossier of `kind` (legal-facts §6.4)."""
    a = Award(award)
    out = [Requirement(ComponentKind.PROPOSAL, per_candidate=False, generated=True)]
    if kind in (DossierKind.YEARLY, DossierKind.MOVEMENT, DossierKind.CONTRIBUTION):
        out.append(Requirement(ComponentKind.REPORT, per_candidate=True, generated=True))
    if kind in (DossierKind.YEARLY, DossierKind.MOVEMENT):
        out.append(Requirement(ComponentKind.MINUTES, per_candidate=False))
    if kind == DossierKind.SUDDEN:
        out.append(Requirement(ComponentKind.ACHIEVEMENT, per_candidate=True))
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


def is_title(award: str) -> bool:
    return award_kind(award) is AwardKind.TITLE
