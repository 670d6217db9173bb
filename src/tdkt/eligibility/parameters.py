"""The dated parameters as the engine reads them: the database table over the shipped defaults.

Every evaluation (screens, API, commands) asks `current_engine()`, which reads the table (one small
query) and rebuilds the engine only when a row changed. A key the table does not hold yet (a key
added to `tdkt/rules/parameters.json` by a newer engine) is read from the defaults until
`seed_missing_keys` stores it; a key the table holds takes exactly the table's records.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from django.db import DatabaseError

from tdkt.rules.engine import Engine
from tdkt.rules.params import Parameter as ParamRecord
from tdkt.rules.params import ParameterSet, default_parameters

FIELDS = ("key", "value", "valid_from", "valid_to", "citation", "confidence", "note")

_lock = threading.Lock()
_cached: tuple[tuple[Any, ...], Engine] | None = None


def seed_missing_keys(model: Any = None) -> int:
    """Store the shipped records of every key the table does not hold yet; idempotent. Keys
    already stored are left alone, so an administrator's corrections are never overwritten.
    `model` lets the data migration pass its historical model."""
    if model is None:
        from tdkt.eligibility.models import Parameter as model
    present = set(model.objects.values_list("key", flat=True).distinct())
    new = [
        model(
            key=p.key,
            value=p.value,
            valid_from=p.valid_from,
            valid_to=p.valid_to,
            citation=p.citation,
            confidence=p.confidence,
            note=p.note,
        )
        for p in default_parameters().records()
        if p.key not in present
    ]
    model.objects.bulk_create(new)
    return len(new)


def stored_rows() -> tuple[tuple[Any, ...], ...]:
    from tdkt.eligibility.models import Parameter

    return tuple(Parameter.objects.order_by("key", "valid_from").values_list(*FIELDS))


def build_set(rows: tuple[tuple[Any, ...], ...]) -> ParameterSet:
    stored = [ParamRecord.from_record(dict(zip(FIELDS, row, strict=True))) for row in rows]
    return default_parameters().override(stored)


def current_parameters() -> ParameterSet:
    return current_engine().params


def current_engine() -> Engine:
    """The engine bound to the parameters in the database now (rebuilt only after a change)."""
    global _cached
    try:
        rows = stored_rows()
    except DatabaseError:  # a database not migrated yet: the shipped defaults
        rows = ()
    cached = _cached
    if cached is not None and cached[0] == rows:
        return cached[1]
    with _lock:
        engine = Engine(build_set(rows) if rows else default_parameters())
        _cached = (rows, engine)
    return engine


def emulation_period(engine: Engine, year: int, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of emulation year `year` under the parameters in force on `as_of`."""
    _regime, legal_date = engine.choose(as_of)
    month, day = engine.periods(engine.params.at(legal_date))
    return dt.date(year - 1, month, day) + dt.timedelta(days=1), dt.date(year, month, day)
