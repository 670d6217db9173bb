"""The evaluation loop: rules as data about code, bound per regime once, run without short-circuit.

A `Rule` has a stable code, the award and subject it belongs to, a check function, and its citations
by regime: `cite={"pre-2024": "...", "2024-01": "..."}` means "applies from regime pre-2024, cited
so until 2024-01, then cited so". A regime added later in `regimes.json` inherits the last citation.
`Engine` binds every rule to every regime it applies to once, so evaluating one person is a loop over
a precomputed tuple (the benchmark runs ~15,000 people and ~700 units in one pass).

A check receives the case context and its bound rule, and returns a `Reason` built with the bound
rule's `ok` / `fail` / `missing` / `judge`, or None when the rule does not concern this candidate
(the head-of-unit rule for someone who heads nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tdkt.rules.codes import Award, Rating, Subject, award_name, award_subject
from tdkt.rules.errors import RuleDataError
from tdkt.rules.facts import Facts
from tdkt.rules.params import ParameterSet, ParamView, default_parameters
from tdkt.rules.regimes import Regime, RegimeTable, default_regimes
from tdkt.rules.verdict import FACT, JUDGMENT, Gap, Reason, Status, Verdict

Check = Callable[["Ctx", "BoundRule"], Reason | None]
_ONE_DAY = timedelta(days=1)


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

    def fail(self, message: str, gap: Gap | None = None, citation: str | None = None) -> Reason:
        return Reason(self.code, False, message, citation or self.citation, gap)

    def missing(self, message: str, gap: Gap | None = None, citation: str | None = None) -> Reason:
        return Reason(self.code, None, message, citation or self.citation, gap, FACT)

    def judge(self, message: str, gap: Gap | None = None, citation: str | None = None) -> Reason:
        return Reason(self.code, None, message, citation or self.citation, gap, JUDGMENT)

    def tri(
        self,
        value: bool | None,
        passed: str,
        failed: str,
        unknown: str,
        gap: Gap | None = None,
        citation: str | None = None,
    ) -> Reason:
        if value is None:
            return self.missing(unknown, gap, citation)
        if value:
            return self.ok(passed, citation)
        return self.fail(failed, gap, citation)


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
        """The emulation year `year`: by default the calendar year (parameter emulation_year.end)."""
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
        self._period_cache: dict[date, tuple[int, int]] = {}

    def _bind(self, rules: Sequence[Rule]) -> dict[str, dict[tuple[Award, Subject], tuple]]:
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
        return {rid: {k: tuple(v) for k, v in by.items()} for rid, by in table.items()}

    def periods(self, p: ParamView) -> tuple[int, int]:
        """(month, day) on which the emulation year ends, read once per legal date."""
        found = self._period_cache.get(p.on)
        if found is None:
            month, day = (int(x) for x in str(p["emulation_year.end"]).split("-"))
            found = self._period_cache[p.on] = (month, day)
        return found

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
        return self._bound[regime_id].get((award, subject), ())

    def judge(self, ctx: Ctx, award: Award) -> Verdict:
        """Run every rule of `award` for the candidate in `ctx`; never stops at a failure."""
        subject = ctx.facts.subject
        fits = award_subject(award)
        if fits is not Subject.BOTH and fits is not subject:
            raise ValueError(f"{award} không xét cho {subject}")
        bound = self._bound[ctx.regime.id].get((award, subject))
        if not bound:
            return Verdict(award, ctx.regime.id, (_not_encoded(ctx, award),))
        reasons = []
        for b in bound:
            reason = b.rule.check(ctx, b)
            if reason is not None:
                reasons.append(reason)
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


def _not_encoded(ctx: Ctx, award: Award) -> Reason:
    who = "cá nhân" if ctx.facts.subject is Subject.INDIVIDUAL else "tập thể"
    return Reason(
        "engine.not_encoded",
        None,
        f"Chưa có quy tắc xét {award_name(award)} cho {who} theo chế độ {ctx.regime.id}; "
        "cần xem xét thủ công",
        ctx.regime.label,
        None,
        JUDGMENT,
    )


_default: Engine | None = None


def default_engine() -> Engine:
    global _default
    if _default is None:
        _default = Engine()
    return _default


def engine_for(params: ParameterSet | None) -> Engine:
    """The default engine, or one bound to other parameters (cached per parameter set)."""
    if params is None or params is default_parameters():
        return default_engine()
    cached = _engines.get(id(params))
    if cached is None or cached.params is not params:
        cached = _engines[id(params)] = Engine(params)
    return cached


_engines: dict[int, Engine] = {}


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
