"""What the people screens answer in other apps' templates: the unit page's "Tiếp nhận cán bộ"
and its count of serving staff (the org app sits below people and does not import it)."""

from __future__ import annotations

from typing import Any

from django import template

from tdkt.people.selectors import staff_count
from tdkt.workflow.access import access_for

register = template.Library()


@register.filter
def may_edit_people_of(user: Any, unit_id: Any) -> bool:
    """Whether `user` may recruit into and keep the careers of unit `unit_id`."""
    return isinstance(unit_id, int) and access_for(user).can("edit", unit_id)


@register.filter
def serving_staff(unit: Any) -> int:
    """People now serving in `unit` or anywhere under it."""
    return staff_count(unit)
