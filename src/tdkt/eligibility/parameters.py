"""The dated parameters and the legal regimes as the engine reads them: the database tables over
the shipped defaults.

Every evaluation (screens, API, commands) asks `current_engine()`, which reads both tables (two
small queries) and rebuilds the engine only when a row changed; `current_parameters()` reads the
parameters alone (one query), for the screens that need a value and no verdict. A key the table
does not hold yet (a key added to `tdkt/rules/parameters.json` by a newer engine) is read from the
defaults until `seed_missing_keys` stores it; a key the table holds takes exactly the table's
records. Regimes the same way, by code (`seed_missing_regimes`): a regime an administrator closed
stays closed, whatever the shipped `regimes.json` says of it.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from django.db import DatabaseError

from tdkt.rules.engine import Engine
from tdkt.rules.params import Parameter as ParamRecord
from tdkt.rules.params import ParameterSet, default_parameters
from tdkt.rules.regimes import RegimeTable, default_regimes

FIELDS = ("key", "value", "valid_from", "valid_to", "citation", "confidence", "note")
REGIME_FIELDS = (
    "code",
    "starts_on",
    "label",
    "instruments",
    "confidence",
    "note",
    "dossier_rule",
    "valid_to",
    "ceased",
)

_lock = threading.Lock()
_cached: tuple[tuple[Any, ...], Engine] | None = None
_cached_params: tuple[tuple[Any, ...], ParameterSet] | None = None


def seed_missing_keys(model: Any = None) -> int:
    """Store the shipped records of every key the table does not hold yet; idempotent. Keys
    already stored are left alone, so an administrator's corrections are never overwritten.
    `model` lets the post_migrate handler pass the migration state's historical model."""
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


def seed_missing_regimes(model: Any = None) -> int:
    """Store the shipped regimes whose code the table does not hold yet; idempotent. A regime
    already stored is left alone: one an administrator closed stays closed."""
    if model is None:
        from tdkt.eligibility.models import Regime as model
    present = set(model.objects.values_list("code", flat=True))
    new = [
        model(
            code=r.id,
            starts_on=r.starts_on,
            valid_to=r.valid_to,
            label=r.label,
            instruments=list(r.instruments),
            confidence=r.confidence,
            note=r.note,
            dossier_rule=r.dossier_rule,
            ceased=list(r.ceased),
        )
        for r in default_regimes().regimes
        if r.id not in present
    ]
    model.objects.bulk_create(new)
    return len(new)


def stored_regime_rows() -> tuple[tuple[Any, ...], ...]:
    from tdkt.eligibility.models import Regime

    rows = Regime.objects.order_by("starts_on").values_list(*REGIME_FIELDS)
    return tuple((*row[:3], tuple(row[3] or ()), *row[4:8], tuple(row[8] or ())) for row in rows)


def build_regimes(rows: tuple[tuple[Any, ...], ...]) -> RegimeTable:
    """The stored regimes, or the shipped ones when none is stored (a database not seeded)."""
    if not rows:
        return default_regimes()
    keys = ["id" if f == "code" else f for f in REGIME_FIELDS]
    return RegimeTable(dict(zip(keys, row, strict=True)) for row in rows)


def current_regimes() -> RegimeTable:
    return current_engine().regimes


_labels: dict[str, str] = {}


def regime_labels(code: str) -> dict[str, str]:
    """Every regime's label by code, read again only when `code` is not among them: a stored
    regime is never renamed (the services close a regime and open new ones, and `open_regime`
    calls `forget_regime_labels`), so a page showing many stored verdicts reads the tables once
    rather than once a row."""
    if code not in _labels:
        _labels.update({r.id: r.label for r in current_regimes().regimes})
    return _labels


def forget_regime_labels() -> None:
    _labels.clear()


def stored_rows() -> tuple[tuple[Any, ...], ...]:
    from tdkt.eligibility.models import Parameter

    return tuple(Parameter.objects.order_by("key", "valid_from").values_list(*FIELDS))


def build_set(rows: tuple[tuple[Any, ...], ...]) -> ParameterSet:
    stored = [ParamRecord.from_record(dict(zip(FIELDS, row, strict=True))) for row in rows]
    return default_parameters().override(stored)


def current_parameters() -> ParameterSet:
    """The parameters in the database now (the same object until a row changes)."""
    global _cached_params
    try:
        rows = stored_rows()
    except DatabaseError:  # a database not migrated yet: the shipped defaults
        rows = ()
    cached = _cached_params
    if cached is not None and cached[0] == rows:
        return cached[1]
    params = build_set(rows) if rows else default_parameters()
    _cached_params = (rows, params)
    return params


def current_engine() -> Engine:
    """The engine bound to the parameters in the database now (rebuilt only after a change)."""
    global _cached
    params = current_parameters()
    try:
        regimes = stored_regime_rows()
    except DatabaseError:  # a database not migrated yet: the shipped regimes
        regimes = ()
    cached = _cached
    key = (id(params), regimes)
    if cached is not None and cached[0] == key and cached[1].params is params:
        return cached[1]
    with _lock:
        engine = Engine(params, build_regimes(regimes))
        _cached = (key, engine)
    return engine


def emulation_period(engine: Engine, year: int, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of emulation year `year` under the parameters in force on `as_of`
    (also on a day no regime covers)."""
    return engine.emulation_period(year, as_of)
