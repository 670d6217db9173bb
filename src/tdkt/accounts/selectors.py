"""Which accounts a user may manage, in the access helper family's style: whatever is out of
scope answers 404, exactly like what does not exist.

An administrator manages every account. A unit's TĐKT officer manages the accounts whose person
works in his subtree or whose active grants all lie in it, never one holding an administrator
grant or any grant outside his subtree."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from tdkt.accounts.access import access_for
from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.org.models import Unit, UnitScope
from tdkt.people.models import Person
from tdkt.text import search_terms


def officer_subtree(user: Any) -> QuerySet[UnitScope, Any] | None:
    """The ids of the units under the user's officer grants (a subquery), None if he has none."""
    roots = access_for(user).grants.get(Role.OFFICER, [])
    if not roots:
        return None
    return UnitScope.objects.filter(ancestor_id__in=roots).values("descendant_id")


def is_account_admin(user: Any) -> bool:
    return user is None or access_for(user).can("admin")


def may_manage_accounts(user: Any) -> bool:
    return is_account_admin(user) or officer_subtree(user) is not None


def restrict_accounts(user: Any, qs: QuerySet[User] | None = None) -> QuerySet[User]:
    qs = User.objects.all() if qs is None else qs
    if is_account_admin(user):
        return qs
    subtree = officer_subtree(user)
    if subtree is None:
        return qs.none()
    active = RoleGrant.objects.filter(user=OuterRef("pk"), revoked_at__isnull=True)
    inside = active.filter(unit_id__in=subtree)
    beyond = active.filter(Q(role=Role.ADMIN) | ~Q(unit_id__in=subtree))
    return qs.filter(Q(person__unit_id__in=subtree) | Exists(inside)).exclude(Exists(beyond))


def get_account_for_user(user: Any, pk: Any) -> User:
    try:
        return restrict_accounts(user).get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def can_manage(actor: Any, user: User) -> bool:
    return restrict_accounts(actor).filter(pk=user.pk).exists()


def units_for_accounts(actor: Any) -> QuerySet[Unit]:
    """The units on which `actor` may grant roles (and so pick in forms)."""
    if is_account_admin(actor):
        return Unit.objects.all()
    subtree = officer_subtree(actor)
    return Unit.objects.none() if subtree is None else Unit.objects.filter(pk__in=subtree)


def people_for_accounts(actor: Any) -> QuerySet[Person]:
    """The people for whom `actor` may open or link an account."""
    if is_account_admin(actor):
        return Person.objects.all()
    subtree = officer_subtree(actor)
    return Person.objects.none() if subtree is None else Person.objects.filter(unit_id__in=subtree)


def roles_for(actor: Any) -> list[tuple[str, Any]]:
    """The roles `actor` may grant: all for an administrator, all but administrator otherwise."""
    if is_account_admin(actor):
        return list(Role.choices)
    return [(value, label) for value, label in Role.choices if value != Role.ADMIN]


def search_accounts(
    user: Any,
    *,
    query: str = "",
    unit: Unit | None = None,
    role: str = "",
    active: bool | None = None,
    must_change: bool | None = None,
) -> QuerySet[User]:
    """Accounts in scope whose username or name contains every term, without diacritics; `unit`
    and `role` match accounts with an active grant there (or a person in the unit's subtree)."""
    qs = restrict_accounts(user).select_related("person", "person__unit")
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    grants = RoleGrant.objects.filter(user=OuterRef("pk"), revoked_at__isnull=True)
    if unit is not None:
        below = UnitScope.objects.filter(ancestor=unit).values("descendant_id")
        qs = qs.filter(Q(person__unit_id__in=below) | Exists(grants.filter(unit_id__in=below)))
    if role:
        qs = qs.filter(Exists(grants.filter(role=role)))
    if active is not None:
        qs = qs.filter(is_active=active)
    if must_change is not None:
        qs = qs.filter(must_change_password=must_change)
    return qs.order_by("username")
