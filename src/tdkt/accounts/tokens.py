"""Bearer tokens for the REST API: issued to a user, stored as a hash, revoked, never shown again.

A token acts with exactly its user's grants (the same access helpers as the screens)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.models import ApiToken, User
from tdkt.audit.services import record
from tdkt.errors import Conflict

PREFIX_LENGTH = 8


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # the token itself, shown once


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@transaction.atomic
def issue_token(*, actor: Any, user: User, name: str = "") -> IssuedToken:
    if not user.is_active:
        raise Conflict(_("Tài khoản %(u)s đã bị khoá.") % {"u": user.username})
    secret = "tdkt_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=secret[:PREFIX_LENGTH], key_hash=_hash(secret)
    )
    record(
        actor=actor,
        action="api_token.issued",
        obj=token,
        after={"user_id": user.pk, "name": token.name, "prefix": token.prefix},
    )
    return IssuedToken(token, secret)


@transaction.atomic
def revoke_token(*, actor: Any, token: ApiToken) -> ApiToken:
    if token.revoked_at is not None:
        raise Conflict(_("Khoá này đã bị thu hồi."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(
        actor=actor,
        action="api_token.revoked",
        obj=token,
        before={"revoked_at": None},
        after={"revoked_at": token.revoked_at},
    )
    return token


def user_for_token(secret: str) -> User | None:
    """The active user a valid, unrevoked token belongs to, or None."""
    if not secret:
        return None
    found = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if found is None:
        return None
    now = timezone.now()
    if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
    return found.user
