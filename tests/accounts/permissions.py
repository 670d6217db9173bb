"""The account administration views for the project's permission registry
(tests/test_permissions.py): the account of a leader of Khu vực 1, inside the Quảng Trị officer's
subtree, outside the Bến Tre officer's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def kv1_leader(s: Any) -> Any:
    from tdkt.accounts.models import Role, RoleGrant, User

    user, created = User.objects.get_or_create(
        username="lanhdao.kv1", defaults={"full_name": "Lãnh đạo Khu vực 1"}
    )
    if created:
        RoleGrant.objects.create(user=user, role=Role.LEADER, unit=s.kv1)
    return user


ACCOUNT_VIEWS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "accounts:account_list": lambda s: {},
    "accounts:account_create": lambda s: {},
    "accounts:account_detail": lambda s: {"pk": kv1_leader(s).pk},
    "accounts:role_grant": lambda s: {"pk": kv1_leader(s).pk},
    "accounts:person_link": lambda s: {"pk": kv1_leader(s).pk},
}
# An outsider opens them and sees only the accounts of his own subtree.
ACCOUNT_LISTS = {"accounts:account_list", "accounts:account_create"}
# POST-only actions, tested in tests/accounts/test_views.py.
ACCOUNT_POST_ONLY = {
    "accounts:role_revoke",
    "accounts:account_deactivate",
    "accounts:account_reactivate",
    "accounts:password_reset",
    "accounts:login_unlock",  # tests/accounts/test_login_throttle.py
}
# Every signed-in user changes his own password: tests/accounts/test_password.py.
ACCOUNT_OTHER = {"password_change"}
