"""The onboarding views (accounts from one .xlsx file) for the project's permission registry
(tests/test_permissions.py). Whoever manages accounts opens them, an outsider officer too (he
onboards into his own subtree only: tests/accounts/test_onboarding.py); a staff member gets 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ONBOARDING_VIEWS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "accounts:onboarding": lambda s: {},
    "accounts:onboarding_template": lambda s: {},
}
# The upload form shows nothing of any unit.
ONBOARDING_LISTS = {"accounts:onboarding"}
# A blank template (an .xlsx, not a page), for whoever manages accounts in any unit.
ONBOARDING_OPEN = {"accounts:onboarding_template"}
