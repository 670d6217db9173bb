"""Writing notifications: `notify` is called by the workflow services inside their transaction."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.notifications.models import Notification
from tdkt.org.models import UnitScope
from tdkt.workflow.access import action_roles

logger = logging.getLogger(__name__)


def users_who_can(action: str, unit_id: int) -> list[User]:
    """Users holding, on `unit_id` or a unit above it, a role that may do `action`. System
    administrators are left out: they are not a party to the work."""
    roles = action_roles(action) - {Role.ADMIN}
    ancestors = UnitScope.objects.filter(descendant_id=unit_id).values("ancestor_id")
    user_ids = RoleGrant.objects.filter(
        revoked_at__isnull=True, role__in=roles, unit_id__in=ancestors
    ).values("user_id")
    return list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


def users_of(action: str, unit_ids: Iterable[int]) -> list[User]:
    """Users holding, on one of these units itself (not above it), a role that may do `action`:
    the people who work for the units, rather than everyone who oversees them."""
    roles = action_roles(action) - {Role.ADMIN}
    user_ids = RoleGrant.objects.filter(
        revoked_at__isnull=True, role__in=roles, unit_id__in=list(unit_ids)
    ).values("user_id")
    return list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


def notify(*, recipients: Iterable[Any], action: str, text: str, link: str = "") -> int:
    """One notification per distinct recipient (the actor's own action is not notified back to
    the actor by the callers). E-mail copies go out after the commit, when mail is configured."""
    users = {u.pk: u for u in recipients if u is not None and getattr(u, "pk", None)}
    now = timezone.now()
    rows = [
        Notification(recipient_id=pk, action=action, text=text[:500], link=link, created_at=now)
        for pk in sorted(users)
    ]
    Notification.objects.bulk_create(rows)
    addresses = sorted({u.email for u in users.values() if u.email})
    if addresses and settings.EMAIL_HOST:
        transaction.on_commit(lambda: _mail(addresses, text, link))
    return len(rows)


def _mail(addresses: list[str], text: str, link: str) -> None:
    body = f"{text}\n\n{settings.TDKT_SITE_URL.rstrip('/')}{link}" if link else text
    try:
        send_mail(text[:150], body, None, addresses, fail_silently=False)
    except Exception:  # mail is a courtesy copy: the notification is already in the application
        logger.exception("Gửi thư thông báo không thành công")


def mark_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())
