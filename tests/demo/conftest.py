from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_app(settings):
    """Make `tdkt demo` findable until "tdkt.demo" is in INSTALLED_APPS; fast password hashing."""
    if "tdkt.demo" not in settings.INSTALLED_APPS:
        settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "tdkt.demo"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def run_demo(demo_app, db):
    def run(*args: str) -> str:
        out = io.StringIO()
        call_command("demo", "--size", "small", *args, stdout=out)
        return out.getvalue()

    return run


@pytest.fixture
def small(run_demo) -> str:
    return run_demo()
