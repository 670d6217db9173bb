"""Reads of registrations: scoped lists, the level above's queue, and the roll-up totals."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tdkt.movements.models import (
    COLLECTIVE_TITLES,
    INDIVIDUAL_TITLES,
    Registration,
    RegistrationLine,
    RegistrationStatus,
)
from tdkt.movements.selectors.base import get_or_404
from tdkt.org.models import (
    Succession,
    Unit,
    UnitLevel,
    UnitLink,
    UnitScope,
)
from tdkt.rules.codes import award_name
from tdkt.workflow.access import access_for, can


@dataclass
class RegistrationFilters:
    year: int | None = None
    movement_id: int | None = None
    unit_id: int | None = None  # this unit and everything under it
    award: str = ""
    status: str = ""
    level: str = ""
    flagged: bool = False


def registrations_for(user: Any, action: str = "view") -> QuerySet[Registration]:
    return (
        Registration.objects.filter(access_for(user).unit_filter(action, "unit"))
        .select_related("unit", "movement")
        .order_by("-year", "unit__sort_key", "id")
    )


def get_registration_for_user(user: Any, pk: Any, action: str = "view") -> Registration:
    """`view`/`edit`: the registering unit is in scope; `approve`: the user may approve for the
    level above it (the unit's parent). The supreme procuracy, which has no level above in the
    system, is approved at its own level."""
    if action != "approve":
        return get_or_404(registrations_for(user, action), pk)
    registration = get_or_404(Registration.objects.select_related("unit", "movement"), pk)
    if not may_approve(user, registration):
        raise Http404
    return registration


def may_approve(user: Any, registration: Registration) -> bool:
    """Whether `user` (None: the system) decides on the register, for the level above its unit."""
    return can(user, "approve", registration.unit.parent_id or registration.unit_id)


def awaiting_approval(user: Any) -> QuerySet[Registration]:
    """Registers sent up by the units directly below the user's units."""
    access = access_for(user)
    below = access.unit_filter("approve", "unit__parent")
    root_own = Q(unit__parent__isnull=True) & access.unit_filter("approve", "unit")
    return (
        Registration.objects.filter(below | root_own, status=RegistrationStatus.SUBMITTED)
        .select_related("unit", "movement")
        .order_by("submitted_at", "id")
    )


def lines_for(user: Any, filters: RegistrationFilters) -> QuerySet[RegistrationLine]:
    qs = RegistrationLine.objects.filter(
        access_for(user).unit_filter("view", "registration__unit")
    ).select_related("registration__unit", "registration__movement", "person", "unit")
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.movement_id:
        qs = qs.filter(movement_id=filters.movement_id)
    if filters.unit_id:
        below = UnitScope.objects.filter(ancestor_id=filters.unit_id).values("descendant_id")
        qs = qs.filter(registration__unit__in=below)
    if filters.award:
        qs = qs.filter(award=filters.award)
    if filters.status:
        qs = qs.filter(registration__status=filters.status)
    if filters.level:
        qs = qs.filter(registration__unit__level=filters.level)
    if filters.flagged:
        qs = qs.filter(check_status="ineligible")
    return qs.order_by("registration__unit__sort_key", "award", "person__sort_key", "id")


@dataclass
class RollupRow:
    unit: Unit
    counts: dict[str, int] = field(default_factory=dict)  # award → lines
    approved: dict[str, int] = field(default_factory=dict)
    registers: Counter[str] = field(default_factory=Counter)  # status → registers

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def approved_total(self) -> int:
        return sum(self.approved.values())

    @property
    def register_counts(self) -> list[tuple[str, int]]:
        """(status, registers), in the order of the statuses (templates cannot read a Counter)."""
        return [(s, self.registers[s]) for s in RegistrationStatus.values if self.registers[s]]


@dataclass
class Rollup:
    root: Unit
    year: int
    awards: list[tuple[str, str]]
    own: RollupRow  # the root unit's own register
    rows: list[RollupRow]  # one per unit directly below, each over its whole subtree
    total: RollupRow
    by_level: list[tuple[str, str, dict[str, int]]]
    sentence: str


def rollup(root: Unit, year: int, movement_id: int | None = None) -> Rollup:
    """Registration totals of a unit's subtree for a year, as seed 003 reports them: the unit's
    own titles, and per unit directly below it (over that unit's whole subtree), per title."""
    below = UnitScope.objects.filter(ancestor=root).values("descendant_id")
    lines = RegistrationLine.objects.filter(year=year, registration__unit__in=below)
    if movement_id:
        lines = lines.filter(movement_id=movement_id)
    data = list(
        lines.values_list(
            "award",
            "registration__unit_id",
            "registration__unit__level",
            "registration__status",
            "unit_id",
        )
    )
    registers = Registration.objects.filter(year=year, unit__in=below)
    if movement_id:
        registers = registers.filter(movement_id=movement_id)
    children = _rows_below(root)
    rows = {u.pk: RollupRow(u) for u in children}
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    top_of = {u: _top(u, root.pk, rows, parents) for u in {d[1] for d in data}}
    top_of.update(
        {u: _top(u, root.pk, rows, parents) for u in registers.values_list("unit_id", flat=True)}
    )
    own, total = RollupRow(root), RollupRow(root)
    level_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for award, unit_id, level, status, _subject in data:
        target = own if unit_id == root.pk else rows.get(top_of.get(unit_id, -1))
        for row in (target, total):
            if row is None:
                continue
            row.counts[award] = row.counts.get(award, 0) + 1
            if status == RegistrationStatus.APPROVED:
                row.approved[award] = row.approved.get(award, 0) + 1
        level_counts[level][award] += 1
    for unit_id, status in registers.values_list("unit_id", "status"):
        target = own if unit_id == root.pk else rows.get(top_of.get(unit_id, -1))
        if target is not None:
            target.registers[status] += 1
        total.registers[status] += 1
    present = {a for a, *_rest in data}
    awards = [(a, award_name(a)) for a in INDIVIDUAL_TITLES + COLLECTIVE_TITLES if a in present]
    by_level = [
        (lv, str(UnitLevel(lv).label), dict(level_counts[lv]))
        for lv in UnitLevel.values
        if lv in level_counts
    ]
    kept = [r for r in rows.values() if r.total or r.registers]
    return Rollup(root, year, awards, own, kept, total, by_level, _sentence(root, own, data))


def _rows_below(root: Unit) -> list[Unit]:
    """The units a roll-up shows one row for: those that stood directly under the root at any
    time, and the units merged into it (whose history it carries)."""
    ids = set(UnitLink.objects.filter(parent=root).values_list("unit_id", flat=True))
    ids |= set(Unit.objects.filter(parent=root).values_list("pk", flat=True))
    ids |= set(Succession.objects.filter(successor=root).values_list("predecessor_id", flat=True))
    return list(Unit.objects.filter(pk__in=ids).order_by("dissolved_on", "sort_key", "id"))


def _top(unit_id: int, root_id: int, rows: dict[int, RollupRow], parents: dict[int, Any]) -> int:
    """The row a unit's registrations count in: the first unit of `rows` up its parent chain."""
    seen = set()
    current: int | None = unit_id
    while current is not None and current not in seen:
        if current in rows:
            return current
        if current == root_id:
            return -1
        seen.add(current)
        current = parents.get(current)
    return -1


def _sentence(root: Unit, own: RollupRow, data: list[tuple[Any, ...]]) -> str:
    """ "VKSND tỉnh … đăng ký danh hiệu «Cờ thi đua của Chính phủ»; 29 đơn vị đăng ký «Tập thể lao
    động xuất sắc» …; 122 đồng chí đăng ký «Lao động tiên tiến» …" — the way seed 003 writes it."""
    parts = []
    own_titles = [award_name(a) for a in COLLECTIVE_TITLES if own.counts.get(a)]
    if own_titles:
        parts.append(
            _("%(unit)s đăng ký danh hiệu %(titles)s")
            % {"unit": root.name, "titles": ", ".join(f"«{t}»" for t in own_titles)}
        )
    units_by_award: dict[str, set[int]] = defaultdict(set)
    people_by_award: Counter[str] = Counter()
    for award, unit_id, _level, _status, subject_unit in data:
        if subject_unit is not None and unit_id != root.pk:
            units_by_award[award].add(unit_id)
        elif subject_unit is None:
            people_by_award[award] += 1
    for award in COLLECTIVE_TITLES:
        if units_by_award.get(award):
            parts.append(
                _("%(n)s đơn vị đăng ký danh hiệu «%(t)s»")
                % {"n": len(units_by_award[award]), "t": award_name(award)}
            )
    for award in INDIVIDUAL_TITLES:
        if people_by_award.get(award):
            parts.append(
                _("%(n)s đồng chí đăng ký danh hiệu «%(t)s»")
                % {"n": people_by_award[award], "t": award_name(award)}
            )
    return "; ".join(parts) + ("." if parts else "")
