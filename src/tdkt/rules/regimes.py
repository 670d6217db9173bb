"""Legal regimes: which law, decree and sector circular are in force on a day (legal-facts.md §1.4).

Regimes are data (`regimes.json`, and the Django side's table seeded from it): an id, a start date,
the instruments, a confidence tag and a note. A regime ends where the next one starts, or earlier
when it is closed (`valid_to`, its last day, with the instruments that `ceased` then): ND 152/2025
is reported to expire on 01/03/2027. Rules name the regime from which they apply (and, rarely, the
last one), so a new regime added to the data inherits every open-ended rule and parameter; only a
rule whose logic changes needs code.

A day after a closed regime that no later regime covers is a gap: `choose` answers with a gap regime
(`Regime.gap`, empty id) that names what ended, and the engine answers "needs review" for every
award on it rather than apply an expired text. A day before the first regime is outside what the
engine describes: `choose` raises LookupError, and callers refuse the input.

Transitional rule: a regime may say that it is chosen by the day a complete dossier was received
(`dossier_rule`): Law 06/2026/QH16 is reported to keep dossiers received before 2026-10-01 under the
unamended law. When such a regime is in force on `as_of` and the case carries an earlier
`dossier_received_on`, the regime in force on that day decides, and parameters are read on that day.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

from tdkt.rules.dates import parse_iso, vn
from tdkt.rules.errors import RuleDataError

_ONE_DAY = timedelta(days=1)
# The number of a legal text as citations write it: "152/2025" in "Nghị định 152/2025/NĐ-CP".
_NUMBER = re.compile(r"(?<![\d/])(\d{1,4}/\d{4})(?![\d])")


@dataclass(frozen=True, slots=True)
class Regime:
    id: str
    starts_on: date
    label: str
    instruments: tuple[str, ...]
    confidence: str
    note: str = ""
    dossier_rule: bool = False
    valid_to: date | None = None  # its last day when closed; None = until the next one starts
    ceased: tuple[str, ...] = ()  # the instruments whose end closed it, as the verdicts name them
    # A gap regime (no rules): why no regime covers the day, as a sentence for the verdicts.
    gap: str = ""

    @classmethod
    def from_record(cls, rec: Mapping[str, Any]) -> Regime:
        try:
            valid_to = rec.get("valid_to")
            return cls(
                id=rec["id"],
                starts_on=_as_date(rec["starts_on"]),
                label=rec["label"],
                instruments=tuple(rec["instruments"]),
                confidence=rec["confidence"],
                note=rec.get("note") or "",
                dossier_rule=bool(rec.get("dossier_rule", False)),
                valid_to=None if valid_to is None else _as_date(valid_to),
                ceased=tuple(rec.get("ceased") or ()),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise RuleDataError(f"Chế độ pháp lý không hợp lệ: {dict(rec)!r}") from exc

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "starts_on": self.starts_on.isoformat(),
            "label": self.label,
            "instruments": list(self.instruments),
            "confidence": self.confidence,
            "note": self.note,
            "dossier_rule": self.dossier_rule,
            "valid_to": None if self.valid_to is None else self.valid_to.isoformat(),
            "ceased": list(self.ceased),
        }

    @property
    def is_gap(self) -> bool:
        return bool(self.gap)

    def ended_texts(self) -> str:
        """What ended with this regime, as a sentence names it: the instruments that ceased, or
        the regime's label when none was named."""
        return ", ".join(self.ceased) if self.ceased else self.label


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else parse_iso(value)


def instrument_numbers(text: str) -> set[str]:
    """The numbers of the legal texts a citation or an instrument names ({"152/2025"})."""
    return set(_NUMBER.findall(text))


class RegimeTable:
    """Regimes ordered by start date; each ends the day before the next starts, or on its own
    `valid_to` when closed earlier (the days between are a gap)."""

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
        for r in items:
            if r.valid_to is not None and r.valid_to < r.starts_on:
                raise RuleDataError(f"Chế độ pháp lý {r.label}: ngày kết thúc trước ngày bắt đầu")
        for before, after in pairwise(items):
            if before.starts_on == after.starts_on:
                raise RuleDataError(f"Hai chế độ pháp lý cùng bắt đầu ngày {vn(after.starts_on)}")
            if before.valid_to is not None and before.valid_to >= after.starts_on:
                raise RuleDataError(
                    f"Chế độ pháp lý {before.label} kết thúc ngày {vn(before.valid_to)}, sau ngày "
                    f"chế độ {after.label} bắt đầu ({vn(after.starts_on)})"
                )
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

    def get(self, regime_id: str) -> Regime | None:
        i = self._index.get(regime_id)
        return None if i is None else self.regimes[i]

    def last_day(self, regime: Regime) -> date | None:
        """The last day `regime` applies: its own end, or the day before the next one starts."""
        i = self._index[regime.id]
        if i + 1 < len(self.regimes):
            following = self.regimes[i + 1].starts_on - _ONE_DAY
            return following if regime.valid_to is None else min(regime.valid_to, following)
        return regime.valid_to

    def in_force(self, on: date) -> Regime | None:
        i = bisect.bisect_right(self._starts, on) - 1
        if i < 0:
            return None
        regime = self.regimes[i]
        return None if regime.valid_to is not None and on > regime.valid_to else regime

    def choose(self, as_of: date, dossier_received_on: date | None = None) -> tuple[Regime, date]:
        """The regime that decides a case, and the day on which its parameters are read. A day
        after a closed regime that nothing covers gives a gap regime (see the module docstring);
        a day before the first regime raises LookupError."""
        regime = self.in_force(as_of)
        if regime is None:
            return self.gap(as_of), as_of
        if (
            regime.dossier_rule
            and dossier_received_on is not None
            and dossier_received_on < regime.starts_on
        ):
            earlier = self.in_force(dossier_received_on)
            if earlier is not None:
                return earlier, dossier_received_on
        return regime, as_of

    def gap(self, on: date) -> Regime:
        """The gap regime of a day no regime covers, naming the closed regime before it."""
        i = bisect.bisect_right(self._starts, on) - 1
        if i < 0:
            raise LookupError(on)
        closed = self.regimes[i]
        assert closed.valid_to is not None
        reason = (
            f"Chưa có quy định áp dụng cho ngày {vn(on)}: {closed.ended_texts()} đã hết hiệu lực "
            f"từ {vn(closed.valid_to + _ONE_DAY)} và chưa có văn bản thay thế được nhập vào hệ "
            "thống"
        )
        ended = closed.valid_to + _ONE_DAY
        return Regime(
            id="",
            starts_on=ended,
            label="Chưa có quy định áp dụng",
            instruments=(),
            confidence="C",
            note=f"{closed.ended_texts()} (hết hiệu lực từ {vn(ended)})",
            gap=reason,
        )


def load_regime_records(text: str) -> list[dict[str, Any]]:
    return list(json.loads(text)["regimes"])


@lru_cache(maxsize=1)
def default_regimes() -> RegimeTable:
    text = resources.files("tdkt.rules").joinpath("regimes.json").read_text(encoding="utf-8")
    return RegimeTable(load_regime_records(text))
