"""Legal regimes: which law, decree and sector circular are in force on a day (legal-facts.md §1.4).

Regimes are data (`regimes.json`): an id, a start date, the instruments, a confidence tag and a
note. A regime ends where the next one starts. Rules name the regime from which they apply (and,
rarely, the last one), so a new regime added to the data inherits every open-ended rule and
parameter; only a rule whose logic changes needs code.

Transitional rule: a regime may say that it is chosen by the day a complete dossier was received
(`dossier_rule`): Law 06/2026/QH16 is reported to keep dossiers received before 2026-10-01 under the
unamended law. When such a regime is in force on `as_of` and the case carries an earlier
`dossier_received_on`, the regime in force on that day decides, and parameters are read on that day.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from tdkt.rules.dates import parse_iso
from tdkt.rules.errors import RuleDataError


@dataclass(frozen=True, slots=True)
class Regime:
    id: str
    starts_on: date
    label: str
    instruments: tuple[str, ...]
    confidence: str
    note: str = ""
    dossier_rule: bool = False

    @classmethod
    def from_record(cls, rec: Mapping[str, Any]) -> Regime:
        try:
            return cls(
                id=rec["id"],
                starts_on=parse_iso(rec["starts_on"]),
                label=rec["label"],
                instruments=tuple(rec["instruments"]),
                confidence=rec["confidence"],
                note=rec.get("note", ""),
                dossier_rule=bool(rec.get("dossier_rule", False)),
            )
        except (KeyError, ValueError) as exc:
            raise RuleDataError(f"Chế độ pháp lý không hợp lệ: {dict(rec)!r}") from exc


class RegimeTable:
    """Regimes ordered by start date."""

    def __init__(self, regimes: Iterable[Regime | Mapping[str, Any]]) -> None:
        items = sorted(
            (r if isinstance(r, Regime) else Regime.from_record(r) for r in regimes),
            key=lambda r: r.starts_on,
        )
        if not items:
            raise RuleDataError("Cần ít nhất một chế độ pháp lý")
        ids = [r.id for r in items]
        if len(set(ids)) != len(ids):
            raise RuleDataError(f"Mã chế độ pháp lý bị trùng: {ids}")
        self.regimes: tuple[Regime, ...] = tuple(items)
        self._starts = [r.starts_on for r in items]
        self._index = {r.id: i for i, r in enumerate(items)}

    @property
    def first_day(self) -> date:
        return self._starts[0]

    def index(self, regime_id: str) -> int:
        try:
            return self._index[regime_id]
        except KeyError:
            raise RuleDataError(f"Không có chế độ pháp lý '{regime_id}'") from None

    def in_force(self, on: date) -> Regime | None:
        i = bisect.bisect_right(self._starts, on) - 1
        return self.regimes[i] if i >= 0 else None

    def choose(self, as_of: date, dossier_received_on: date | None = None) -> tuple[Regime, date]:
        """The regime that decides a case, and the day on which its parameters are read."""
        regime = self.in_force(as_of)
        if regime is None:
            raise LookupError(as_of)
        if (
            regime.dossier_rule
            and dossier_received_on is not None
            and dossier_received_on < regime.starts_on
        ):
            earlier = self.in_force(dossier_received_on)
            if earlier is not None:
                return earlier, dossier_received_on
        return regime, as_of


@lru_cache(maxsize=1)
def default_regimes() -> RegimeTable:
    text = resources.files("tdkt.rules").joinpath("regimes.json").read_text(encoding="utf-8")
    return RegimeTable(json.loads(text)["regimes"])
