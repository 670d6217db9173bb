from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tdkt.people import services as people
from tdkt.people.models import Person
from tests.conftest import Sector

# The project's order (default first, the one-time hasher after) with a cheap default, so that
# tests run fast; tests/accounts/test_password.py checks the real list once.
FAST_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "tdkt.accounts.hashers.OneTimePasswordHasher",
]


@pytest.fixture(autouse=True)
def _fast_hashers(settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def kv1_head(sector: Sector) -> Person:
    """Nguyễn Văn An, Viện trưởng of Khu vực 1 from 05/01/2026: the person who leads the unit."""
    people.assign_position(
        actor=None,
        person=sector.an,
        unit=sector.kv1,
        post_kind="vien_truong",
        valid_from=dt.date(2026, 1, 5),
    )
    return sector.an
