"""The small demo sector, built once for a test module and rolled back after it.

A rollback, not a flush: flushing would also delete the rows the migrations seed (the eligibility
parameters), which later tests read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from tdkt.demo.build import build_demo

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """`tdkt demo --size small` inside a transaction the module's tests nest in (each test's own
    transaction is a savepoint), undone when the module is done."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        transaction.atomic(),
    ):
        build_demo(size="small", say=lambda _m: None)
        yield
        transaction.set_rollback(True)
