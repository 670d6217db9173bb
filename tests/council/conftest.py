from __future__ import annotations

from typing import Any

import pytest

from tests.nominations.builders import World, build_world


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(sector: Any, officer: Any) -> World:
    return build_world(sector, officer)
