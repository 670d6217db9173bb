"""Sittings opened before voting rounds existed get their round 1 (open while the sitting is
open, counted once it is closed), so that their vote is counted, verified and listed as before."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)  # migrates backwards: a module of its own

BEFORE = [("council", "0003_kernel_transition_row")]
AFTER = [("council", "0005_rounds_of_earlier_sittings")]
OPENED = dt.datetime(2026, 1, 12, 8, 30, tzinfo=dt.UTC)
CLOSED = dt.datetime(2026, 1, 12, 10, 0, tzinfo=dt.UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_sittings_of_before_the_rounds_get_their_round_one(sector):
    old = _migrate(BEFORE)
    council = old.get_model("council", "Council").objects.create(
        unit_id=sector.vkstc.pk, name="Hội đồng", established_on=dt.date(2020, 1, 1)
    )
    Meeting = old.get_model("council", "Meeting")
    for number, status in (
        ("1", "planned"),
        ("2", "open"),
        ("3", "closed"),
        ("4", "minutes_issued"),
    ):
        Meeting.objects.create(
            council=council,
            number=number,
            held_on=dt.date(2026, 1, 12),
            status=status,
            opened_at=None if status == "planned" else OPENED,
            closed_at=CLOSED if status in ("closed", "minutes_issued") else None,
        )
    new = _migrate(AFTER)
    rounds = new.get_model("council", "VotingRound").objects.order_by("meeting__number")
    assert list(
        rounds.values_list("meeting__number", "number", "status", "opened_at", "counted_at")
    ) == [
        ("2", 1, "open", OPENED, None),
        ("3", 1, "counted", OPENED, CLOSED),
        ("4", 1, "counted", OPENED, CLOSED),
    ]
