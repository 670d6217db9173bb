"""Planner statistics after bulk writes.

A database filled in one go (the demo sector, a restore, a large import) has no statistics on its
new rows until autovacuum gets round to it — and some servers run with autovacuum off. Without them
PostgreSQL plans joins over the ledger as if the tables were empty: the root unit's page took 25 s
on the full demo sector before its first ANALYZE and 78 ms after (issue 16). SQLite's planner
reads the same statement's `sqlite_stat1` table."""

from __future__ import annotations

from django.db import connection, transaction

# An import smaller than this changes the statistics too little to matter.
BULK_ROWS = 1000


def refresh_statistics() -> None:
    """ANALYZE every table, once the current transaction (if any) has committed, so that the
    statistics count the new rows (0.6 s on the full demo sector on PostgreSQL)."""
    transaction.on_commit(_analyze)


def _analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
