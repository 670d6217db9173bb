"""What the people screens ask in other apps' templates (the unit page's "Tiếp nhận cán bộ")."""

from __future__ import annotations

from typing import Any

from django import template

from tdkt.accounts.access import access_for

register = template.Library()


@register.filter
def may_edit_people_of(user: Any, unit_id: Any) -> bool:
    """Whether `user` may recruit into and keep the careers of unit `unit_id`."""
    return isinstance(unit_id, int) and access_for(user).can("edit", unit_id)
