"""The evaluation loop: rules declared as data around small checks, bound per regime once, never
stopping at the first failure.

A `Rule` has a stable code, the award and subject it belongs to, a check function, and its
citations by regime: `cite={"pre-2024": "...", "2024-01": "..."}` means "applies from regime
pre-2024, cited so until 2024-01, then cited so". A regime added later in `regimes.json` inherits
the last citation. `Engine` binds every rule to every regime it applies to once, so evaluating one
person is a loop over a precomputed tuple (the benchmark runs ~15,000 people and ~700 units in one
pass).

A check receives the case context and its bound rule, and returns a `Reason` built with the bound
rule's `ok` / `fail` / `missing` / `judge`, or None when the rule does not concern this candidate
(the head-of-unit rule for someone who heads nothing).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Generic, TypeVar

from tdkt.rules.codes import Award, Rating, Subject, award_fits, award_name
from tdkt.rules.errors import RuleDataError
from tdkt.rules.facts import Facts
from tdkt.rules.params import ParameterSet, ParamView, default_parameters
from tdkt.rules.regimes import Regime, RegimeTable, default_regimes
from tdkt.rules.verdict import FACT, JUDGMENT, Gap, Reason, Status, Verdict

Check = Callable[["Ctx", "BoundRule"], Reason | None]
_ONE_DAY = timedelta(days=1)
K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    award: Award
    subject: Subject
    check: Check
    cite: Mapping[str, str]
    until: str | None = None  # the last regime it applies to; None = still applies
    confidence: str = "C"
    note: str = ""


class BoundRule:
    """A rule as it stands in one regime: its code and that regime's citation."""

    __slots__ = ("citation", "code", "rule")

    def __init__(self, rule: Rule, citation: str) -> None:
        self.rule = rule
        self.code = rule.code
        self.citation = citation

    def ok(self, message: str, citation: str | None = None) -> Reason:
        return Reason(self.code, True, message, citation or self.citation)

    def fail(self, message: str, gaps: Gaps = None, citation: str | None = None) -> Reason:
        return Reason(self.code, False, message, citation or self.citation, _gaps(gaps))

    def missing(self, message: str, gaps: Gaps = None, citation: str | None = None) -> Reason:
        return Reason(self.code, None, message, citation or self.citation, _gaps(gaps), FACT)

    def judge(self, message: str, gaps: Gaps = None, citation: str | None = None) -> Reason:
        return Reason(self.code, None, message, citation or self.citation, _gaps(gaps), JUDGMENT)


Gaps = Gap | tuple[Gap, ...] | None


def _gaps(gaps: Gaps) -> tuple[Gap, ...]:
    if gaps is None:
        return ()
    return (gaps,) if isinstance(gaps, Gap) else gaps


Bound = tuple[tuple[Check, BoundRule], ...]


class Ctx:
    """One candidate, one year, one regime: the facts plus memoised sub-verdicts."""

    __slots__ = (
        "_memo",
        "_periods",
        "as_of",
        "end",
        "engine",
        "facts",
        "legal_date",
        "p",
        "regime",
        "start",
        "year",
    )

    def __init__(
        self,
        engine: Engine,
        facts: Facts,
        year: int,
        as_of: date,
        regime: Regime,
        legal_date: date,
    ) -> None:
        self.engine = engine
        self.facts = facts
        self.year = year
        self.as_of = as_of
        self.regime = regime
        self.legal_date = legal_date
        self.p: ParamView = engine.params.at(legal_date)
        self._memo: dict[Award, Verdict] = {}
        self._periods = engine.periods(self.p)
        self.start, self.end = self.period(year)

    def period(self, year: int) -> tuple[date, date]:
        """Emulation year `year`: by default the calendar year (parameter emulation_year.end)."""
        month, day = self._periods
        return date(year - 1, month, day) + _ONE_DAY, date(year, month, day)

    def year_of(self, d: date) -> int:
        month, day = self._periods
        return d.year + 1 if (d.month, d.day) > (month, day) else d.year

    def rating(self, year: int) -> Rating | None:
        ratings = self.facts.ratings
        return None if ratings is None else ratings.get(year)

    def has_title(self, code: Award, year: int) -> bool | None:
        years = self.facts.title_years(code)
        return None if years is None else year in years

    def verdict(self, award: Award) -> Verdict:
        """This candidate's verdict on another award for the same year (memoised)."""
        found = self._memo.get(award)
        if found is None:
            found = self._memo[award] = self.engine.judge(self, award)
        return found

    def holds(self, code: Award, year: int) -> bool | None:
        """Holds title `code` for `year`: recorded, or (for the year under review) eligible now."""
        held = self.has_title(code, year)
        if held:
            return True
        if year == self.year:
            status = self.verdict(code).status
            if status is Status.ELIGIBLE:
                return True
            return None if status is Status.NEEDS_REVIEW else False
        return held


class Engine:
    """Parameters, regimes and the rule catalogue, bound together once."""

    def __init__(
        self,
        params: ParameterSet | None = None,
        regimes: RegimeTable | None = None,
        rules: Iterable[Rule] | None = None,
    ) -> None:
        self.params = params or default_parameters()
        self.regimes = regimes or default_regimes()
        if rules is None:
            from tdkt.rules.catalogue import all_rules  # the award modules import this module

            rules = all_rules()
        self.rules = tuple(rules)
        self._bound = self._bind(self.rules)

    def _bind(self, rules: Sequence[Rule]) -> dict[str, dict[tuple[Award, Subject], Bound]]:
        table: dict[str, dict[tuple[Award, Subject], list[BoundRule]]] = {
            r.id: {} for r in self.regimes.regimes
        }
        for rule in rules:
            starts = sorted(((self.regimes.index(k), v) for k, v in rule.cite.items()))
            if not starts:
                raise RuleDataError(f"Quy tắc {rule.code} không có căn cứ")
            last = len(self.regimes.regimes) - 1
            if rule.until is not None:
                last = self.regimes.index(rule.until)
            for i in range(starts[0][0], last + 1):
                citation = [c for j, c in starts if j <= i][-1]
                regime_id = self.regimes.regimes[i].id
                table[regime_id].setdefault((rule.award, rule.subject), []).append(
                    BoundRule(rule, citation)
                )
        # (check, bound) pairs: the evaluation loop is the hot path of a sector-wide scan
        return {
            rid: {k: tuple((b.rule.check, b) for b in v) for k, v in by.items()}
            for rid, by in table.items()
        }

    @staticmethod
    def periods(p: ParamView) -> tuple[int, int]:
        """(month, day) on which the emulation year ends, read once per legal date."""
        return p.derived("emulation_year.end", _month_day)  # type: ignore[no-any-return]

    def choose(self, as_of: date, dossier_received_on: date | None = None) -> tuple[Regime, date]:
        return self.regimes.choose(as_of, dossier_received_on)

    def context(
        self,
        facts: Facts,
        year: int,
        as_of: date,
        dossier_received_on: date | None = None,
    ) -> Ctx:
        regime, legal_date = self.choose(as_of, dossier_received_on)
        return Ctx(self, facts, year, as_of, regime, legal_date)

    def rules_for(self, regime_id: str, award: Award, subject: Subject) -> tuple[BoundRule, ...]:
        return tuple(b for _, b in self._bound[regime_id].get((award, subject), ()))

    def judge(self, ctx: Ctx, award: Award) -> Verdict:
        """Run every rule of `award` for the candidate in `ctx`; never stops at a failure."""
        subject = ctx.facts.subject
        bound = self._bound[ctx.regime.id].get((award, subject))
        if bound is None:
            if not award_fits(award, subject):
                raise ValueError(f"{award} không xét cho {subject}")
            return Verdict(award, ctx.regime.id, (_not_encoded(ctx, award),))
        reasons: list[Reason] = []
        add = reasons.append
        for check, b in bound:
            reason = check(ctx, b)
            if reason is not None:
                add(reason)
        return Verdict(award, ctx.regime.id, tuple(reasons))

    def evaluate(
        self,
        facts: Facts,
        awards: Iterable[Award],
        year: int,
        as_of: date,
        dossier_received_on: date | None = None,
    ) -> list[Verdict]:
        ctx = self.context(facts, year, as_of, dossier_received_on)
        return [ctx.verdict(Award(a)) for a in awards]

    def scan(
        self,
        candidates: Iterable[tuple[K, Facts]],
        year: int,
        as_of: date,
        awards: Iterable[Award] | None = None,
        dossier_received_on: date | None = None,
    ) -> list[ScanRow[K]]:
        """Many candidates at once (a unit, a province, the whole sector) for one year.

        `awards` are kept per candidate when they fit its kind; None means every encoded award of
        the candidate's kind. The cyclic garbage collector is paused during the loop: the engine
        creates no cycles, and with tens of thousands of facts alive its passes cost ~15 %.
        """
        from tdkt.rules.catalogue import default_awards

        asked = None if awards is None else tuple(Award(a) for a in awards)
        # The awards of each kind of candidate, the regime and its legal date: once per scan.
        by_subject: dict[Subject, tuple[Award, ...]] = {}
        for subject in (Subject.INDIVIDUAL, Subject.COLLECTIVE):
            base = default_awards(subject) if asked is None else asked
            by_subject[subject] = tuple(a for a in base if award_fits(a, subject))
        chosen: tuple[Regime, date] | None = None
        rows: list[ScanRow[K]] = []
        append = rows.append
        paused = gc.isenabled()
        gc.disable()
        try:
            for key, facts in candidates:
                if chosen is None:
                    chosen = self.choose(as_of, dossier_received_on)
                ctx = Ctx(self, facts, year, as_of, chosen[0], chosen[1])
                verdict = ctx.verdict
                append(ScanRow(key, ctx, [verdict(a) for a in by_subject[facts.subject]]))
        finally:
            if paused:
                gc.enable()
        return rows


@dataclass(frozen=True, slots=True)
class ScanRow(Generic[K]):
    key: K
    ctx: Ctx
    verdicts: list[Verdict]


def _month_day(p: ParamView) -> tuple[int, int]:
    month, day = (int(x) for x in str(p["emulation_year.end"]).split("-"))
    return month, day


def _not_encoded(ctx: Ctx, award: Award) -> Reason:
    who = "cá nhân" if ctx.facts.subject is Subject.INDIVIDUAL else "tập thể"
    return Reason(
        "engine.not_encoded",
        None,
        f"Chưa có quy tắc xét {award_name(award)} cho {who} theo chế độ {ctx.regime.id}; "
        "cần xem xét thủ công",
        ctx.regime.label,
        (),
        JUDGMENT,
    )


_default: Engine | None = None


def default_engine() -> Engine:
    global _default
    if _default is None:
        _default = Engine()
    return _default


def engine_for(params: ParameterSet | None) -> Engine:
    """The default engine, or one bound to other parameters. Only the last such engine is kept:
    a caller with its own parameters (the Django side) should build one `Engine` and reuse it."""
    global _last
    if params is None or params is default_parameters():
        return default_engine()
    if _last is None or _last.params is not params:
        _last = Engine(params)
    return _last


_last: Engine | None = None


def evaluate(
    facts: Facts,
    awards: Iterable[Award | str],
    year: int,
    as_of: date,
    params: ParameterSet | None = None,
    *,
    dossier_received_on: date | None = None,
) -> list[Verdict]:
    """Verdicts for one candidate on the awards asked, for achievement year `year`."""
    return engine_for(params).evaluate(
        facts, [Award(a) for a in awards], year, as_of, dossier_received_on
    )
