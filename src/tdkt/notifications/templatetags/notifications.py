from __future__ import annotations

from typing import Any

from django import template

from tdkt.notifications.models import Notification

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context: Any) -> dict[str, Any]:
    user = context["request"].user
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    return {"unread": unread}
