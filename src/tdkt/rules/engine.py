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
(the head-of-unit rule for someone who heads nothing). It decides the outcome and hands over the
message as a template (or a function) and its arguments: the text is written when read, so a scan
that only counts statuses writes none. The arguments are values, never the context (which holds
the verdicts: a cycle the paused collector would not free).

A day that no regime covers (after a regime an administrator closed, with nothing following) gets a
gap regime with no rules: every verdict is "needs review" and names the text that ended.

A sudden commendation (khen thưởng đột xuất) is asked with `Ctx.sudden_verdict`: its own rules
(`sudden.py`), no chain of earlier titles, and the judgment of the act left to people.

The question asked for award A and year Y is whether A is within reach for Y on the facts. A
record of A itself for Y is therefore the decision being re-checked, not an earlier grant: a rule
reads A's earlier grants through `Ctx.earlier_titles` / `earlier_forms`, and an initiative spent
on that record counts again for A, and for no other award (`common.initiatives`). The verdict then
carries an informational reason, `common.already_granted`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Generic, TypeVar

from tdkt.rules.codes import Award, Rating, Subject, award_fits, award_name
from tdkt.rules.dates import vn
from tdkt.rules.errors import MissingParameter, RuleDataError
from tdkt.rules.facts import AwardRecord, Facts, SuddenAct
from tdkt.rules.params import ParameterSet, ParamView, default_parameters
from tdkt.rules.regimes import Regime, RegimeTable, default_regimes
from tdkt.rules.verdict import (
    FACT,
    JUDGMENT,
    Gap,
    Reason,
    Status,
    Text,
    Verdict,
    new_reason,
    new_verdict,
)

Check = Callable[["Ctx", "BoundRule"], Reason | None]
_ONE_DAY = timedelta(days=1)
_ELIGIBLE, _INELIGIBLE, _NEEDS_REVIEW = Status.ELIGIBLE, Status.INELIGIBLE, Status.NEEDS_REVIEW
_NO_YEARS: frozenset[int] = frozenset()
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
    """A rule as it stands in one regime: its code, its award and that regime's citation.

    `ok`, `fail`, `missing` and `judge` take a message as `Reason` does: the text, or a template
    (or function) followed by its arguments, written only when read. `shared` gives the reason
    one of them gives when it is the same for thousands of candidates."""

    __slots__ = ("_shared", "award", "citation", "code", "rule")

    def __init__(self, rule: Rule, citation: str) -> None:
        self.rule = rule
        self.code = rule.code
        self.award = rule.award
        self.citation = citation
        self._shared: dict[tuple[Any, ...], Reason] = {}

    def ok(self, message: Text, *args: Any, citation: str | None = None) -> Reason:
        return new_reason(
            self.code, True, message, citation or self.citation, (), None, args or None
        )

    def fail(
        self, message: Text, *args: Any, gaps: Gaps = None, citation: str | None = None
    ) -> Reason:
        gaps = () if gaps is None else (gaps,) if isinstance(gaps, Gap) else gaps
        return new_reason(
            self.code, False, message, citation or self.citation, gaps, None, args or None
        )

    def missing(
        self, message: Text, *args: Any, gaps: Gaps = None, citation: str | None = None
    ) -> Reason:
        gaps = () if gaps is None else (gaps,) if isinstance(gaps, Gap) else gaps
        return new_reason(
            self.code, None, message, citation or self.citation, gaps, FACT, args or None
        )

    def judge(
        self, message: Text, *args: Any, gaps: Gaps = None, citation: str | None = None
    ) -> Reason:
        gaps = () if gaps is None else (gaps,) if isinstance(gaps, Gap) else gaps
        return new_reason(
            self.code, None, message, citation or self.citation, gaps, JUDGMENT, args or None
        )

    def shared(self, kind: str, template: str, *args: Any, citation: str | None = None) -> Reason:
        """What `ok`, `fail`, `missing` or `judge` (`kind`) gives for a template of scalar
        arguments and no gap, built once per rule, arguments and citation and then the same
        object for every candidate. Reasons are immutable, and a sector's commonest answers (no
        discipline in the year, a rating) would otherwise be built ~15,000 times each."""
        key = (kind, template, args, citation)
        found = self._shared.get(key)
        if found is None:
            found = self._shared[key] = getattr(self, kind)(template, *args, citation=citation)
        return found


Gaps = Gap | tuple[Gap, ...] | None


Bound = tuple[tuple[Check, BoundRule], ...]


class Ctx:
    """One candidate, one year, one regime: the facts plus memoised sub-verdicts.

    `rating(year)` is the rating of a year (None when unknown); `title_years`, `has_title` and
    `holds` read the titles. A scan builds one context and then a `sibling` per candidate, so
    that what depends only on the year and the day is worked out once."""

    __slots__ = (
        "_decided",
        "_memo",
        "_periods",
        "_titles",
        "act",
        "as_of",
        "end",
        "engine",
        "facts",
        "legal_date",
        "p",
        "rating",
        "regime",
        "rules",
        "start",
        "year",
    )
    rating: Callable[[int], Rating | None]
    rules: dict[Award, Bound]  # this candidate's rules in this regime, by award

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
        self.year = year
        self.as_of = as_of
        self.regime = regime
        self.legal_date = legal_date
        self.p: ParamView = engine.params.at(legal_date)
        self._periods = engine.periods_on(regime, legal_date)
        self.start, self.end = self.period(year)
        self._memo: dict[Award, Verdict] = {}
        self.act: SuddenAct | None = None  # the act of the sudden verdict being evaluated
        self._set_facts(facts)

    def _set_facts(self, facts: Facts, rules: dict[Award, Bound] | None = None) -> None:
        self.facts = facts
        self.rules = rules or self.engine.table(self.regime.id, facts.subject)
        ratings = facts.ratings
        self.rating = _no_rating if ratings is None else ratings.get
        titles = self._titles = facts.title_index()
        # The titles and forms already decided for the year under review (form → its record).
        year = self.year
        decided: dict[Award, AwardRecord | None] = _NOTHING_DECIDED
        if titles:
            for code, years in titles.items():
                if year in years:
                    if decided is _NOTHING_DECIDED:
                        decided = {}
                    decided[code] = None
        for form in facts.awards or ():
            if form.year == year:
                if decided is _NOTHING_DECIDED:
                    decided = {}
                decided[form.code] = form
        self._decided = decided

    def sibling(self, facts: Facts) -> Ctx:
        """Another candidate evaluated for the same year, on the same day, in the same regime."""
        ctx = Ctx.__new__(Ctx)
        ctx.engine = self.engine
        ctx.year = self.year
        ctx.as_of = self.as_of
        ctx.regime = self.regime
        ctx.legal_date = self.legal_date
        ctx.p = self.p
        ctx._periods = self._periods
        ctx.start = self.start
        ctx.end = self.end
        ctx._memo = {}
        ctx.act = None
        ctx._set_facts(facts, self.rules if facts.subject is self.facts.subject else None)
        return ctx

    @property
    def counted_until(self) -> date:
        """The last day months of work in the year are counted to: the end of the year, or the
        day of evaluation when earlier (months not yet served never count; a product decision,
        eligibility-contract.md)."""
        return self.end if self.end <= self.as_of else self.as_of

    def period(self, year: int) -> tuple[date, date]:
        """Emulation year `year`: by default the calendar year (parameter emulation_year.end)."""
        month, day = self._periods
        return date(year - 1, month, day) + _ONE_DAY, date(year, month, day)

    def year_of(self, d: date) -> int:
        month, day = self._periods
        return d.year + 1 if (d.month, d.day) > (month, day) else d.year

    def title_years(self, code: Award) -> AbstractSet[int] | None:
        """The years for which title `code` is held; None when titles were not given."""
        titles = self._titles
        return None if titles is None else titles.get(code, _NO_YEARS)

    def is_decided(self, award: Award) -> bool:
        """A record of `award` for the year under review is among the facts (title or form)."""
        return award in self._decided

    def earlier_titles(self, r: BoundRule) -> AbstractSet[int] | None:
        """The years for which the title that rule `r` evaluates was conferred before: a record
        of it for the year under review is the decision being re-checked, not an earlier grant
        (the question is whether the award is within reach for that year on these facts)."""
        years = self.title_years(r.award)
        if years and r.award in self._decided:
            return years - {self.year}
        return years

    def earlier_forms(self, r: BoundRule) -> tuple[AwardRecord, ...] | None:
        """The form that rule `r` evaluates as received before, oldest first (as
        `earlier_titles`: its record of the year under review is not an earlier grant)."""
        forms = self.facts.awards_of(r.award)
        if forms and r.award in self._decided:
            return tuple(a for a in forms if a.year != self.year)
        return forms

    def merit_only(self, forms: tuple[AwardRecord, ...]) -> tuple[AwardRecord, ...]:
        """`forms` without the sudden commendations when these are no basis for a merit
        proposal (ND 152/2025 Art. 4(3); parameter `sudden.counts_toward_merit`)."""
        if not any(a.sudden for a in forms) or self.p["sudden.counts_toward_merit"]:
            return forms
        return tuple(a for a in forms if not a.sudden)

    def has_title(self, code: Award, year: int) -> bool | None:
        titles = self._titles
        if titles is None:
            return None
        years = titles.get(code)
        return years is not None and year in years

    def verdict(self, award: Award) -> Verdict:
        """This candidate's verdict on an award for the year (memoised; rules of one award ask
        for others): every rule of the award is run, never stopping at a failure."""
        found = self._memo.get(award)
        if found is not None:
            return found
        bound = self.rules.get(award)
        found = _not_encoded(self, award) if bound is None else self._run(award, bound)
        self._memo[award] = found
        return found

    def sudden_verdict(self, award: Award, act: SuddenAct) -> Verdict:
        """The verdict on a sudden commendation `award` for `act` (not memoised: another act
        gives another verdict). Raises ValueError for an award given only on merit."""
        bound = self.engine.sudden_table(self.regime.id, self.facts.subject).get(award)
        if bound is None:
            if self.regime.is_gap:
                return _not_encoded(self, award)
            raise ValueError(f"{award_name(award)} không xét khen thưởng đột xuất")
        self.act = act
        try:
            return self._run(award, bound)
        finally:
            self.act = None

    def _run(self, award: Award, bound: Bound) -> Verdict:
        reasons: list[Reason] = []
        add = reasons.append
        status = _ELIGIBLE  # any failure: ineligible; else anything undecided: needs review
        for check, b in bound:
            try:
                reason = check(self, b)
            except MissingParameter as exc:  # a value ended with its text, none entered since
                reason = _parameter_ended(self.engine.params, b, exc)
            if reason is not None:
                add(reason)
                if reason.passed is not True:
                    if reason.passed is False:
                        status = _INELIGIBLE
                    elif status is _ELIGIBLE:
                        status = _NEEDS_REVIEW
        if award in self._decided:
            add(_already_granted(self, award))
        return new_verdict(award, self.regime.id, tuple(reasons), status)

    def holds(self, code: Award, year: int) -> bool | None:
        """Holds title `code` for `year`: recorded, or (for the year under review) eligible now."""
        titles = self._titles
        if titles is not None:
            years = titles.get(code)
            if years is not None and year in years:
                return True
        if year == self.year:
            status = self.verdict(code).status
            if status is _ELIGIBLE:
                return True
            return None if status is _NEEDS_REVIEW else False
        return None if titles is None else False


def _no_rating(year: int) -> Rating | None:
    return None


_NOTHING_DECIDED: dict[Award, AwardRecord | None] = {}  # shared, never written to
ALREADY_GRANTED = "common.already_granted"


def _already_granted(ctx: Ctx, award: Award) -> Reason:
    """Information for screens, not a condition: the award is already decided for the year."""
    form = ctx._decided[award]
    return _granted(award, ctx.year, None if form is None else form.decided_on)


@lru_cache(maxsize=4096)
def _granted(award: Award, year: int, decided_on: date | None) -> Reason:
    return Reason(ALREADY_GRANTED, True, _granted_text, "", (), None, (award, year, decided_on))


def _granted_text(award: Award, year: int, decided_on: date | None) -> str:
    text = f"Đã có quyết định tặng {award_name(award)} năm {year}"
    return f"{text} (quyết định ngày {vn(decided_on)})" if decided_on else text


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
        from tdkt.rules.sudden import sudden_rules  # it imports this module

        self._sudden = self._bind(sudden_rules())
        self._citations: dict[tuple[str, date], dict[str, str]] = {}

    def _bind(self, rules: Sequence[Rule]) -> dict[str, dict[Subject, dict[Award, Bound]]]:
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
        # (check, bound) pairs by regime, subject and award: the evaluation loop is the hot path
        # of a sector-wide scan, and each context keeps the table of its regime and subject.
        out: dict[str, dict[Subject, dict[Award, Bound]]] = {}
        for rid, by in table.items():
            subjects = out[rid] = {Subject.INDIVIDUAL: {}, Subject.COLLECTIVE: {}}
            for (award, subject), bound in by.items():
                subjects.setdefault(subject, {})[award] = tuple((b.rule.check, b) for b in bound)
        return out

    @staticmethod
    def periods(p: ParamView) -> tuple[int, int]:
        """(month, day) on which the emulation year ends, read once per legal date."""
        return p.derived("emulation_year.end", _month_day)  # type: ignore[no-any-return]

    def periods_on(self, regime: Regime, legal_date: date) -> tuple[int, int]:
        """`periods` on a legal date; on a day no regime covers (where the parameter may have
        ended too) the last value known before it, so that the year can still be shown."""
        p = self.params.at(legal_date)
        if not regime.is_gap or p.find("emulation_year.end") is not None:
            return self.periods(p)
        known = [r for r in self.params.history("emulation_year.end") if r.valid_from <= legal_date]
        return _month_day_of(known[-1].value) if known else (12, 31)

    def emulation_period(self, year: int, as_of: date) -> tuple[date, date]:
        """First and last day of emulation year `year` under the parameters in force on `as_of`."""
        regime, legal_date = self.choose(as_of)
        month, day = self.periods_on(regime, legal_date)
        return date(year - 1, month, day) + _ONE_DAY, date(year, month, day)

    def citations(self, regime_id: str, on: date) -> Mapping[str, str]:
        """Citation text → the weakest confidence (C, P, M) of the rules of a regime and of the
        parameters in force on `on` that cite it, so that a screen can mark a citation not yet
        checked against the official gazette. Built once per regime and day."""
        key = (regime_id, on)
        found = self._citations.get(key)
        if found is None:
            found = {}
            for table in (self._bound, self._sudden):
                for by_award in table.get(regime_id, {}).values():
                    for bound in by_award.values():
                        for _check, b in bound:
                            _weakest(found, b.citation, b.rule.confidence)
            for name in self.params.names():
                record = self.params.find(name, on)
                if record is not None:
                    _weakest(found, record.citation, record.confidence)
            if len(self._citations) > 64:
                self._citations.clear()
            self._citations[key] = found
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
        return tuple(b for _, b in self.table(regime_id, subject).get(award, ()))

    def table(self, regime_id: str, subject: Subject) -> dict[Award, Bound]:
        """The rules of a regime for individuals or collectives, by award (none for a gap)."""
        return self._bound.get(regime_id, _NO_RULES)[subject]

    def sudden_table(self, regime_id: str, subject: Subject) -> dict[Award, Bound]:
        """The rules of a sudden commendation in a regime, by award (none for a gap)."""
        return self._sudden.get(regime_id, _NO_RULES)[subject]

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

    def evaluate_sudden(
        self,
        facts: Facts,
        award: Award | str,
        act: SuddenAct,
        year: int,
        as_of: date,
        dossier_received_on: date | None = None,
    ) -> Verdict:
        """The verdict on a sudden commendation (khen thưởng đột xuất) for `act`."""
        ctx = self.context(facts, year, as_of, dossier_received_on)
        return ctx.sudden_verdict(Award(award), act)

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
        the candidate's kind.
        """
        from tdkt.rules.catalogue import default_awards

        asked = None if awards is None else tuple(Award(a) for a in awards)
        # The awards of each kind of candidate, the regime and its legal date: once per scan.
        by_subject: dict[Subject, tuple[Award, ...]] = {}
        for subject in (Subject.INDIVIDUAL, Subject.COLLECTIVE):
            base = default_awards(subject) if asked is None else asked
            by_subject[subject] = tuple(a for a in base if award_fits(a, subject))
        first: Ctx | None = None
        rows: list[ScanRow[K]] = []
        append = rows.append
        for key, facts in candidates:
            if first is None:
                ctx = first = self.context(facts, year, as_of, dossier_received_on)
            else:
                ctx = first.sibling(facts)
            verdict = ctx.verdict
            append(ScanRow(key, ctx, [verdict(a) for a in by_subject[facts.subject]]))
        return rows


@dataclass(slots=True)
class ScanRow(Generic[K]):
    key: K
    ctx: Ctx
    verdicts: list[Verdict]


def _month_day(p: ParamView) -> tuple[int, int]:
    return _month_day_of(p["emulation_year.end"])


def _month_day_of(value: Any) -> tuple[int, int]:
    month, day = (int(x) for x in str(value).split("-"))
    return month, day


_RANK = {"C": 0, "P": 1, "M": 2}
_NO_RULES: dict[Subject, dict[Award, Bound]] = {Subject.INDIVIDUAL: {}, Subject.COLLECTIVE: {}}


def _weakest(found: dict[str, str], citation: str, confidence: str) -> None:
    known = found.get(citation)
    if citation and (known is None or _RANK.get(confidence, 2) > _RANK[known]):
        found[citation] = confidence if confidence in _RANK else "M"


def _not_encoded(ctx: Ctx, award: Award) -> Verdict:
    """An award with no rule in the regime, or a day no regime covers: the verdict says so
    (needs review), naming the rules or the legal text that is missing."""
    subject = ctx.facts.subject
    if not award_fits(award, subject):
        raise ValueError(f"{award} không xét cho {subject}")
    regime = ctx.regime
    if regime.is_gap:
        reason = _no_regime(regime)
    else:
        who = "cá nhân" if subject is Subject.INDIVIDUAL else "tập thể"
        reason = Reason(
            "engine.not_encoded",
            None,
            f"Chưa có quy tắc xét {award_name(award)} cho {who} theo {regime.label}; "
            "cần xem xét thủ công",
            regime.label,
            (),
            JUDGMENT,
        )
    if award in ctx._decided:
        return Verdict(award, ctx.regime.id, (reason, _already_granted(ctx, award)))
    return Verdict(award, ctx.regime.id, (reason,))


def _parameter_ended(params: ParameterSet, b: BoundRule, exc: MissingParameter) -> Reason:
    """A rule whose parameter has no value on the legal date (closed with the text it cited, no
    new one entered): needs review, naming the text that ended, never the parameter's key."""
    earlier = [r for r in params.history(exc.key) if r.valid_from <= exc.on]
    last = earlier[-1] if earlier else None
    if last is not None and last.valid_to is not None:
        ended = last.valid_to + _ONE_DAY
        text = (
            f"Chưa đủ dữ liệu để kết luận: chưa có quy định áp dụng cho ngày {vn(exc.on)} thay "
            f"cho {last.citation} (hết hiệu lực từ {vn(ended)})"
        )
        return Reason(b.code, None, text, last.citation, (), FACT)
    text = (
        f"Chưa đủ dữ liệu để kết luận: chưa có quy định áp dụng cho ngày {vn(exc.on)} "
        f"về một điều kiện của quy tắc theo {b.citation}"
    )
    return Reason(b.code, None, text, b.citation, (), FACT)


@lru_cache(maxsize=64)
def _no_regime(regime: Regime) -> Reason:
    return Reason("engine.no_regime", None, regime.gap, regime.note, (), FACT)


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
