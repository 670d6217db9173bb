"""What the benchmarks share: a migrated database holding the full demo sector."""

from __future__ import annotations

import sys
from collections.abc import Callable


def ensure_sector(say: Callable[[str], None]) -> None:
    """Migrate; if the database holds no people, build the full demo sector into it."""
    from django.conf import settings
    from django.core.management import call_command

    from tdkt.people.models import Person

    call_command("migrate", interactive=False, verbosity=0)
    if Person.objects.exists():
        return
    if "tdkt.demo" not in settings.INSTALLED_APPS:
        sys.exit("The database is empty and tdkt.demo is not installed: build the demo first.")
    say("The database holds no people: building the full demo sector (tdkt demo --size full)…")
    call_command("demo", "--size", "full", stdout=sys.stderr)
