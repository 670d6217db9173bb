"""Object access: one helper family. Whatever a user may not see answers 404, exactly like
what does not exist, so that probing reveals nothing.

Roles are granted on a unit and reach its whole subtree over time, including the units it
succeeded (`org.UnitScope`). A STAFF grant reaches only the user's own record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from tdkt.accounts.models import Role, RoleGrant
from tdkt.org.models import Unit, UnitScope
from tdkt.people.models import Person

M = TypeVar("M", bound=Model)

# Which roles may do what. "view" is reading records of units in scope.
ACTION_ROLES: dict[str, frozenset[str]] = {
    "view": frozenset({Role.ADMIN, Role.OFFICER, Role.LEADER, Role.SECRETARY, Role.COUNCIL_MEMBER}),
    "edit": frozenset({Role.ADMIN, Role.OFFICER}),
    "import": frozenset({Role.ADMIN, Role.OFFICER}),
    "export": frozenset({Role.ADMIN, Role.OFFICER, Role.LEADER, Role.SECRETARY}),
    "audit": frozenset({Role.ADMIN}),
    # Launching a movement of the unit, recording its reviews and closing it.
    "launch": frozenset({Role.ADMIN, Role.OFFICER}),
    # Deciding on what a unit below sends up (emulation registers).
    "approve": frozenset({Role.ADMIN, Role.OFFICER, Role.LEADER}),
    "admin": frozenset({Role.ADMIN}),
    # Recomputing a unit's stored eligibility verdicts ("Tính lại" on the eligibility screen).
    "scan": frozenset({Role.ADMIN, Role.OFFICER, Role.LEADER}),
    # The accounts screens: an officer manages the accounts of his subtree (accounts.selectors).
    "accounts": frozenset({Role.ADMIN, Role.OFFICER}),
    # The award workflow (nominations, council, decisions): preparing and sending a unit's
    # dossiers; taking in, returning, forwarding and publishing what reaches the unit; running the
    # unit's council sittings; drafting decisions; signing and revoking them.
    "nominate": frozenset({Role.ADMIN, Role.OFFICER}),
    "receive": frozenset({Role.ADMIN, Role.OFFICER, Role.SECRETARY}),
    "council": frozenset({Role.ADMIN, Role.OFFICER, Role.SECRETARY}),
    "decide": frozenset({Role.ADMIN, Role.OFFICER}),
    "sign": frozenset({Role.ADMIN, Role.LEADER}),
    # The emulation and commendation fund (tdkt.funds): read by the unit's leaders, TĐKT and
    # finance officers (and the levels above); kept by finance.
    "fund.view": frozenset({Role.ADMIN, Role.OFFICER, Role.LEADER, Role.FINANCE}),
    "fund.manage": frozenset({Role.ADMIN, Role.FINANCE}),
    # Inspecting emulation work (kiểm tra công tác thi đua, khen thưởng): planning, running and
    # following up an inspection on the inspecting unit; approving the plan and signing the
    # conclusion (its leaders); the inspected unit's self-report and the fixes it reports.
    "inspection.plan": frozenset({Role.ADMIN, Role.OFFICER, Role.LEADER}),
    "inspection.approve": frozenset({Role.ADMIN, Role.LEADER}),
    "inspection.report": frozenset({Role.ADMIN, Role.OFFICER}),
}


@dataclass
class Access:
    """What one user may reach; computed once per request."""

    user_id: int | None
    person_id: int | None
    grants: dict[str, list[int]] = field(default_factory=dict)  # role → unit ids
    # Django's superuser (`tdkt createsuperuser`) administers every unit, and may act before any
    # unit exists: that is how a sector starts from an empty database.
    superuser: bool = False

    def roles(self) -> set[str]:
        return set(self.grants)

    def units_for(self, action: str) -> list[int]:
        return sorted({u for r in ACTION_ROLES[action] for u in self.grants.get(r, [])})

    def can(self, action: str, unit_id: int | None = None) -> bool:
        roots = self.units_for(action)
        if not roots:
            return self.superuser and unit_id is None
        if unit_id is None:
            return True
        return UnitScope.objects.filter(ancestor_id__in=roots, descendant_id=unit_id).exists()

    def unit_filter(self, action: str, field_name: str = "unit") -> Q:
        """A Q on `field_name` (a FK to Unit) limited to the units reachable for `action`."""
        roots = self.units_for(action)
        if not roots:
            return Q(pk__in=[])
        reachable = UnitScope.objects.filter(ancestor_id__in=roots).values("descendant_id")
        return Q(**{f"{field_name}__in": reachable})


def access_for(user: Any) -> Access:
    if not getattr(user, "is_authenticated", False):
        return Access(user_id=None, person_id=None)
    cached = getattr(user, "_tdkt_access", None)
    if cached is not None:
        return cached
    grants: dict[str, list[int]] = {}
    for role, unit_id in RoleGrant.objects.filter(user=user, revoked_at__isnull=True).values_list(
        "role", "unit_id"
    ):
        grants.setdefault(role, []).append(unit_id)
    if user.is_superuser:
        roots = Unit.objects.filter(parent__isnull=True).values_list("pk", flat=True)
        grants[Role.ADMIN] = sorted({*grants.get(Role.ADMIN, []), *roots})
    access = Access(
        user_id=user.pk, person_id=user.person_id, grants=grants, superuser=user.is_superuser
    )
    user._tdkt_access = access
    return access


def may(actor: Any, action: str, unit_id: int) -> bool:
    """The service-side check: "nominate" is the proposing unit's own right, which the levels
    above that receive its dossiers do not hold (`acts_for`); every other action reaches the
    subtree of the unit it is granted on."""
    if action == "nominate":
        return acts_for(actor, unit_id)
    return access_for(actor).can(action, unit_id)


def acts_for(actor: Any, unit_id: int, action: str = "nominate") -> bool:
    """Whether the actor acts in the unit's own name: a grant for `action` on the unit itself (or
    on a department between it and the level it reports to). A grant on the level above reaches
    the unit too, but that level receives, returns or forwards the unit's dossier, and opens and
    locks a cluster's scoring: it does not write, send or sign for the unit (issue 12, point 4)."""
    roots = access_for(actor).units_for(action)
    if not roots:
        return False
    reaching = set(
        UnitScope.objects.filter(ancestor_id__in=roots, descendant_id=unit_id).values_list(
            "ancestor_id", flat=True
        )
    )
    unit = Unit.objects.filter(pk=unit_id).select_related("parent").first()
    receiver = unit.reports_to() if unit is not None else None
    if not reaching or receiver is None:
        return bool(reaching)
    above = set(
        UnitScope.objects.filter(ancestor_id__in=reaching, descendant=receiver).values_list(
            "ancestor_id", flat=True
        )
    )
    return bool(reaching - above)


def restrict_units(
    user: Any, qs: QuerySet[Unit] | None = None, action: str = "view"
) -> QuerySet[Unit]:
    qs = Unit.objects.all() if qs is None else qs
    return qs.filter(_unit_pk_filter(access_for(user), action))


def _unit_pk_filter(access: Access, action: str) -> Q:
    roots = access.units_for(action)
    if not roots:
        return Q(pk__in=[])
    return Q(pk__in=UnitScope.objects.filter(ancestor_id__in=roots).values("descendant_id"))


def restrict_people(
    user: Any, qs: QuerySet[Person] | None = None, action: str = "view"
) -> QuerySet[Person]:
    """People in the user's units; a staff member also reaches his or her own record."""
    qs = Person.objects.all() if qs is None else qs
    access = access_for(user)
    condition = access.unit_filter(action, "unit")
    if action == "view" and access.person_id and Role.STAFF in access.grants:
        condition |= Q(pk=access.person_id)
    return qs.filter(condition)


def restrict_by_unit(
    user: Any, qs: QuerySet[M], field_name: str, action: str = "view"
) -> QuerySet[M]:
    """Any queryset whose rows belong to a unit through `field_name` (e.g. "person__unit")."""
    return qs.filter(access_for(user).unit_filter(action, field_name))


def get_unit_for_user(user: Any, pk: Any, action: str = "view") -> Unit:
    return _get_or_404(restrict_units(user, action=action), pk)


def get_person_for_user(user: Any, pk: Any, action: str = "view") -> Person:
    return _get_or_404(restrict_people(user, action=action), pk)


def require(user: Any, action: str, unit_id: int | None = None) -> Access:
    """For actions not tied to one object (an import screen, the audit trail): else 404."""
    access = access_for(user)
    if not access.can(action, unit_id):
        raise Http404
    return access


def _get_or_404(qs: QuerySet[M], pk: Any) -> M:
    try:
        return qs.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
