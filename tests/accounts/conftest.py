from __future__ import annotations

from typing import Any

import pytest

# The project's order (default first, the one-time hasher after) with a cheap default, so that
# tests run fast; tests/accounts/test_password.py checks the real list once.
FAST_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "tdkt.accounts.hashers.OneTimePasswordHasher",
]


@pytest.fixture(autouse=True)
def _fast_hashers(settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS
