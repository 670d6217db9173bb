"""Who may act for a unit: the one helper family, for apps on every floor.

The policy (roles granted on units, reaching their subtrees over time) lives in the accounts app
(`tdkt.accounts.access`), which sits above the organisation and the people it grants roles on.
Apps below it (org, people, audit, web) and above it ask through this port, which calls the
module `settings.TDKT_ACCESS_POLICY` names, the way Django's own permission checks go through
AUTHENTICATION_BACKENDS: the import graph between apps stays without cycles.

Whatever a user may not see answers 404, exactly like what does not exist. Services check again
with `ensure_can`: `actor` None is the system (the demo builder, a migration), which may do
anything."""

from __future__ import annotations

import functools
from importlib import import_module
from types import ModuleType
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from tdkt.errors import NotAllowed


@functools.cache
def policy() -> ModuleType:
    return import_module(settings.TDKT_ACCESS_POLICY)


def access_for(user: Any) -> Any:
    """What `user` may reach (an `Access`), computed once per request."""
    return policy().access_for(user)


def can(actor: Any, action: str, unit_id: int | None) -> bool:
    """Whether `actor` may do `action` for the unit (None: the system, which may do anything)."""
    if actor is None:
        return True
    return unit_id is not None and bool(policy().may(actor, action, unit_id))


def acts_for(actor: Any, unit_id: int, action: str = "nominate") -> bool:
    """Whether `actor` acts in the unit's own name (not only from a level above it)."""
    return bool(policy().acts_for(actor, unit_id, action))


def ensure(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise NotAllowed(message or _("Bạn không có quyền thực hiện việc này đối với đơn vị này."))


def ensure_can(actor: Any, action: str, unit_id: int | None, message: str | None = None) -> None:
    ensure(can(actor, action, unit_id), message)


def restrict_units(user: Any, qs: Any = None, action: str = "view") -> Any:
    return policy().restrict_units(user, qs, action)


def restrict_people(user: Any, qs: Any = None, action: str = "view") -> Any:
    return policy().restrict_people(user, qs, action)


def restrict_by_unit(user: Any, qs: Any, field_name: str, action: str = "view") -> Any:
    return policy().restrict_by_unit(user, qs, field_name, action)


def get_unit_for_user(user: Any, pk: Any, action: str = "view") -> Any:
    return policy().get_unit_for_user(user, pk, action)


def get_person_for_user(user: Any, pk: Any, action: str = "view") -> Any:
    return policy().get_person_for_user(user, pk, action)


def require(user: Any, action: str, unit_id: int | None = None) -> Any:
    """For actions not tied to one object (an import screen, the audit trail): else 404."""
    return policy().require(user, action, unit_id)


def action_roles(action: str) -> frozenset[str]:
    """The roles that may do `action` (for finding whom to notify)."""
    return frozenset(policy().ACTION_ROLES[action])
