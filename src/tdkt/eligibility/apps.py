from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "tdkt.eligibility"
    verbose_name = _("Xét điều kiện")

    def ready(self) -> None:
        post_migrate.connect(_seed_shipped_parameters, sender=self)
        # Stored verdicts go stale when the facts change (issue 16).
        from tdkt.eligibility.snapshots import connect_signals

        connect_signals()


def _seed_shipped_parameters(*, apps: Any = None, **_kwargs: Any) -> None:
    """After every migrate and every flush (which sends post_migrate too, as it does for content
    types), store the shipped records of any key the table lacks, and the shipped regimes of any
    code it lacks: a new key in parameters.json reaches the database without a data migration of
    its own, and a test that flushes the database (a transactional test) leaves the parameters in
    place for the tests after it. Idempotent; an administrator's corrections, and a regime closed,
    are never overwritten."""
    from tdkt.eligibility.parameters import seed_missing_keys, seed_missing_regimes

    for name, seed in (("Parameter", seed_missing_keys), ("Regime", seed_missing_regimes)):
        try:
            model = apps.get_model("eligibility", name) if apps else None
        except LookupError:  # migrated back to before the table existed
            continue
        seed(model)
