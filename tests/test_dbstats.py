"""Planner statistics are refreshed after bulk writes (tdkt.dbstats): without them PostgreSQL
planned the root unit's ledger table as if the tables were empty (25 s instead of 78 ms)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from tdkt import dbstats
from tdkt.dbstats import refresh_statistics

pytestmark = pytest.mark.django_db(transaction=True)


def _analysed() -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # -1: never analysed (PostgreSQL 14 and later); 0 or more once ANALYZE has run.
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'records_awardentry'")
            return cursor.fetchone()[0] >= 0
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        return cursor.fetchone()[0] == 1


def test_statistics_are_refreshed_only_once_the_bulk_write_has_committed() -> None:
    with transaction.atomic():
        refresh_statistics()
        # Nothing runs before the rows are committed: ANALYZE would not count them.
        assert [f for _sids, f, *_ in connection.run_on_commit] == [dbstats._analyze]
    assert _analysed()
