"""Dated parameters, OpenFisca-style: every threshold, coefficient, base salary and cap is data.

A parameter record carries its value, the days it is valid, its legal citation, a confidence tag (C
confirmed, P partial, M from memory, as in shared/domain/legal-facts.md) and a note; P and M
records must say in the note what is uncertain. Rules never hold such numbers as literals: they ask
a `ParamView` for the value in force on the legal date of the case.

The defaults ship as `parameters.json` beside this module. The Django side builds a `ParameterSet`
from its own (audited, editable) table with the same record shape and passes it in.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

from tdkt.rules.dates import parse_iso
from tdkt.rules.errors import MissingParameter, RuleDataError

CONFIDENCES = ("C", "P", "M")
_MAX_VIEWS = 512


@dataclass(frozen=True, slots=True)
class Parameter:
    key: str
    value: Any
    valid_from: date
    valid_to: date | None  # inclusive; None = still in force
    citation: str
    confidence: str
    note: str = ""

    def covers(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    @classmethod
    def from_record(cls, rec: Mapping[str, Any]) -> Parameter:
        """A record as stored in parameters.json or a database row turned into a dict."""
        unknown = set(rec) - {
            "key",
            "value",
            "valid_from",
            "valid_to",
            "citation",
            "confidence",
            "note",
        }
        if unknown:
            raise RuleDataError(f"Tham số có khoá lạ: {sorted(unknown)}")
        try:
            return cls(
                key=rec["key"],
                value=rec["value"],
                valid_from=_as_date(rec["valid_from"]),
                valid_to=None if rec.get("valid_to") is None else _as_date(rec["valid_to"]),
                citation=rec["citation"],
                confidence=rec["confidence"],
                note=rec.get("note") or "",
            )
        except KeyError as exc:
            raise RuleDataError(f"Tham số thiếu khoá {exc.args[0]!r}: {dict(rec)!r}") from exc

    def to_record(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "value": self.value,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": None if self.valid_to is None else self.valid_to.isoformat(),
            "citation": self.citation,
            "confidence": self.confidence,
            "note": self.note,
        }


def _as_date(value: date | str) -> date:
    if isinstance(value, date):
        return value
    try:
        return parse_iso(value)
    except (TypeError, ValueError) as exc:
        raise RuleDataError(f"Ngày không hợp lệ trong tham số: {value!r}") from exc


class ParameterSet:
    """All records of all keys; answers `get(key, on=date)`. Immutable once built."""

    def __init__(self, records: Iterable[Parameter | Mapping[str, Any]]) -> None:
        by_key: dict[str, list[Parameter]] = {}
        for rec in records:
            param = rec if isinstance(rec, Parameter) else Parameter.from_record(rec)
            _validate(param)
            by_key.setdefault(param.key, []).append(param)
        for key, items in by_key.items():
            items.sort(key=lambda p: p.valid_from)
            for before, after in pairwise(items):
                if before.valid_to is None or before.valid_to >= after.valid_from:
                    raise RuleDataError(
                        f"Tham số '{key}': khoảng hiệu lực từ {before.valid_from} chồng lên "
                        f"khoảng từ {after.valid_from}"
                    )
        self._by_key = by_key
        self._starts = {key: [p.valid_from for p in items] for key, items in by_key.items()}
        self._views: dict[date, ParamView] = {}

    def find(self, key: str, on: date) -> Parameter | None:
        starts = self._starts.get(key)
        if not starts:
            return None
        i = bisect.bisect_right(starts, on) - 1
        if i < 0:
            return None
        param = self._by_key[key][i]
        return param if param.covers(on) else None

    def record(self, key: str, on: date) -> Parameter:
        param = self.find(key, on)
        if param is None:
            raise MissingParameter(key, on)
        return param

    def get(self, key: str, on: date) -> Any:
        return self.record(key, on).value

    def at(self, on: date) -> ParamView:
        """A cached view of the values in force on one day (one per batch, not one per person)."""
        view = self._views.get(on)
        if view is None:
            if len(self._views) >= _MAX_VIEWS:  # a long-running process asks for many days
                self._views.clear()
            view = self._views[on] = ParamView(self, on)
        return view

    def names(self) -> list[str]:
        return sorted(self._by_key)

    def records(self) -> Iterator[Parameter]:
        for key in self.names():
            yield from self._by_key[key]

    def history(self, key: str) -> tuple[Parameter, ...]:
        return tuple(self._by_key.get(key, ()))

    def override(self, records: Iterable[Parameter | Mapping[str, Any]]) -> ParameterSet:
        """A new set in which every key present in `records` takes exactly those records."""
        new = [r if isinstance(r, Parameter) else Parameter.from_record(r) for r in records]
        replaced = {p.key for p in new}
        kept = [p for p in self.records() if p.key not in replaced]
        return ParameterSet([*kept, *new])


def _validate(param: Parameter) -> None:
    if param.confidence not in CONFIDENCES:
        raise RuleDataError(f"Tham số '{param.key}': độ tin cậy phải là C, P hoặc M")
    if param.confidence != "C" and not param.note.strip():
        raise RuleDataError(f"Tham số '{param.key}' ({param.confidence}) phải có ghi chú")
    if not param.citation.strip():
        raise RuleDataError(f"Tham số '{param.key}' phải có căn cứ pháp lý")
    if param.valid_to is not None and param.valid_to < param.valid_from:
        raise RuleDataError(f"Tham số '{param.key}': ngày kết thúc trước ngày bắt đầu")


class ParamView:
    """The values in force on one day, every key resolved once when the view is built."""

    __slots__ = ("_cited", "_derived", "_fractions", "_records", "_values", "on")

    def __init__(self, params: ParameterSet, on: date) -> None:
        self.on = on
        records = {key: params.find(key, on) for key in params.names()}
        self._records = {k: r for k, r in records.items() if r is not None}
        self._values = {k: r.value for k, r in self._records.items()}
        self._fractions: dict[str, Fraction] = {}
        self._derived: dict[str, Any] = {}
        self._cited: dict[str, tuple[Any, str]] = {}

    def find(self, key: str) -> Parameter | None:
        return self._records.get(key)

    def record(self, key: str) -> Parameter:
        try:
            return self._records[key]
        except KeyError:
            raise MissingParameter(key, self.on) from None

    def __getitem__(self, key: str) -> Any:
        try:
            return self._values[key]
        except KeyError:
            raise MissingParameter(key, self.on) from None

    def get(self, key: str, default: Any = None) -> Any:
        return self._values.get(key, default)

    def fraction(self, key: str) -> Fraction:
        """A share or coefficient as an exact fraction: 0.7 × 10 must be exactly 7."""
        try:
            return self._fractions[key]
        except KeyError:
            frac = self._fractions[key] = Fraction(str(self[key]))
            return frac

    def cite(self, key: str) -> str:
        return self.record(key).citation

    def cited(self, key: str) -> tuple[Any, str]:
        """(value, citation) of one key, in one look-up (rules ask for both on every case)."""
        try:
            return self._cited[key]
        except KeyError:
            record = self.record(key)
            pair = self._cited[key] = (record.value, record.citation)
            return pair

    def derived(self, name: str, build: Callable[..., Any], *args: Any) -> Any:
        """A value computed from parameters once per view (e.g. a rule's bundle of thresholds):
        `build(self, *args)`, kept under `name` (which must name the build and its arguments)."""
        try:
            return self._derived[name]
        except KeyError:
            value = self._derived[name] = build(self, *args)
            return value


def load_parameter_records(text: str) -> list[dict[str, Any]]:
    data = json.loads(text)
    records = data["parameters"] if isinstance(data, dict) else data
    return list(records)


@lru_cache(maxsize=1)
def default_parameters() -> ParameterSet:
    """The shipped defaults (parameters.json); read once per process."""
    text = resources.files("tdkt.rules").joinpath("parameters.json").read_text(encoding="utf-8")
    return ParameterSet(load_parameter_records(text))
