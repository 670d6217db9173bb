"""Facts for the engine, loaded from the database in bulk: a fixed, small number of queries (one per
table, `values_list`, no model instances) whatever the number of people, then dicts built in
Python. The whole sector (~15,000 people, ~700 units, ten years of records) loads in one pass.

What counts, and the choices made where the texts leave room (see also `eligibility/README.md`):

- The emulation year runs from `start` to `end` (the engine's `emulation_year.end` parameter).
- A person's unit of the year is the unit of his or her latest position that overlaps the year; a
  person is a candidate of a subtree when that unit is in it. Nobody is counted twice.
- `is_unit_head`: that latest position of the year is a head position (Position.is_unit_head; a
  head who left the post during the year is not answerable as head for it). The headed unit gives
  `head_unit_ratings` (its best collective result of the year: a flag or TTLĐXS, else its
  rating, else TTLĐTT) and `unit_violation_years` (the headed unit's); anyone else gets an
  empty set, so the head-of-unit rules do not concern them. `unit_violations` describes those
  violations (kind and basis, `records.models.describe_violation`) so that the reasons name them.
- Titles and forms: ledger entries not revoked, including those of the year under review (the
  engine does not count an award's own record of that year as an earlier grant of it). An
  initiative spent on an entry of its author names it as `record_id(award, year)`
  ("CSTDCS-2024"); spent on a co-author's or a unit's entry, by name only; spent on an entry that
  was revoked, it is usable again. Uses are never hidden here: only the engine knows which award
  it is re-checking, and frees an initiative for that award's own record only.
- Service periods: none recorded at all means unknown (None), not "no service".
- Candidate units: the units of the subtree that exist at the end of the year.
- A unit's members (the `members` block): the people whose position overlapped the year in the unit
  itself or in one of its departments (level `phong`, which are parts of it, not separate
  procuracies). `completed_tasks` is None when a member has no rating for the year; `ldtt` and
  `cstdcs` count titles recorded for the year (the scan then adds members found eligible now).
- History across restructurings: for the years before a succession took effect, a unit's rating is
  the lowest rating among its predecessors that have one, a collective title counts when every
  predecessor with a record that year holds it, and the predecessors' forms of commendation and
  violation years are all carried over (chains, such as the Bằng khen's consecutive years, never
  start over because a unit merged, and never claim more than all merged units earned together).
- Cluster rank, size and flag approvals come from the registered provider (movements' scoring
  and flag vote, see `providers.py`); a unit outside any scored cluster keeps `cluster` None and the
  engine names it as missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from tdkt.eligibility import providers
from tdkt.org.models import Succession, Unit, UnitLevel, UnitScope
from tdkt.people.models import Person, Position, ServiceKind, ServicePeriod
from tdkt.records.models import (
    AwardEntry,
    Discipline,
    Initiative,
    Leave,
    Rating,
    UnitViolation,
    describe_violation,
)
from tdkt.rules import codes
from tdkt.rules.codes import Award
from tdkt.rules.facts import (
    AwardRecord,
    DisciplineRecord,
    Members,
    Period,
    PersonFacts,
    TitleRecord,
    UnitFacts,
    record_id,
)
from tdkt.rules.facts import Initiative as InitiativeFact
from tdkt.rules.facts import (
    Leave as LeaveFact,
)
from tdkt.rules.facts import Violation as ViolationFact

RATINGS = {r.value: r for r in codes.Rating}
AWARDS = {a.value: a for a in Award}
DISCIPLINES = {d.value: d for d in codes.Discipline}
LEAVES = {k.value: k for k in codes.LeaveKind}
SCOPES = {s.value: s for s in codes.InitiativeScope}
TITLE = codes.AwardKind.TITLE.value
HT_OR_BETTER = frozenset({codes.Rating.HTXS, codes.Rating.HTT, codes.Rating.HT})
# A head's unit: the best collective result of the year, flags first.
HEAD_TITLES = (Award.CO_CP, Award.CO_NGANH, Award.TTLDXS)
NO_YEARS: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class PersonInfo:
    id: int
    full_name: str
    sort_key: str
    unit_id: int | None  # the unit of the year (None: no position in the year)


@dataclass(frozen=True, slots=True)
class UnitInfo:
    id: int
    code: str
    name: str
    level: str
    parent_id: int | None
    sort_key: str
    established_on: date | None
    dissolved_on: date | None


@dataclass
class SectorFacts:
    """What one load produced: the candidates' facts, and what reports need to name them."""

    year: int
    start: date
    end: date
    people: dict[int, PersonFacts] = field(default_factory=dict)
    units: dict[int, UnitFacts] = field(default_factory=dict)
    person_info: dict[int, PersonInfo] = field(default_factory=dict)
    unit_info: dict[int, UnitInfo] = field(default_factory=dict)
    # For the scan's second step: each candidate unit's members, and the titles every loaded
    # person holds for the year.
    members: dict[int, tuple[int, ...]] = field(default_factory=dict)
    year_titles: dict[int, frozenset[Award]] = field(default_factory=dict)


class _Scope:
    """Which rows to read: the whole sector, a unit's subtree over time, one unit with its
    departments, or a few people."""

    def __init__(
        self,
        start: date,
        end: date,
        unit_id: int | None,
        person_ids: Iterable[int] | None,
        subtree: bool,
    ) -> None:
        self.start, self.end = start, end
        self.unit_id = unit_id
        self.whole_subtree = subtree
        self.person_ids = None if person_ids is None else sorted(set(person_ids))
        self.units: set[int] | None = None  # the units whose people and units are candidates
        self._people: Any = None

    def people(self, qs: QuerySet[Any], field_name: str = "person_id") -> QuerySet[Any]:
        if self.person_ids is not None:
            return qs.filter(**{f"{field_name}__in": self.person_ids})
        if self.unit_id is None:
            return qs
        if self._people is None:
            below: Any = (
                UnitScope.objects.filter(ancestor_id=self.unit_id).values("descendant_id")
                if self.whole_subtree
                else sorted(self.units or ())
            )
            self._people = overlapping(
                Position.objects.filter(unit_id__in=below), self.start, self.end
            ).values("person_id")
        return qs.filter(**{f"{field_name}__in": self._people})


def overlapping(qs: QuerySet[Any], start: date, end: date) -> QuerySet[Any]:
    return qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start), valid_from__lte=end)


def load_facts(
    *,
    year: int,
    start: date,
    end: date,
    unit_id: int | None = None,
    subtree: bool = True,
    person_ids: Iterable[int] | None = None,
) -> SectorFacts:
    """Facts of the candidates of `year` (emulation year `start`..`end`, both included).

    `unit_id`: the people and units of that unit's subtree over time (with the units it
    succeeded), or with `subtree=False` that unit alone with the people of it and of its
    departments; `person_ids`: only those people (no units); neither: the whole sector."""
    scope = _Scope(start, end, unit_id, person_ids, subtree)
    out = SectorFacts(year, start, end)
    units = _units(out)
    predecessors = _predecessors()
    if unit_id is not None and subtree:
        scope.units = set(
            UnitScope.objects.filter(ancestor_id=unit_id).values_list("descendant_id", flat=True)
        )
    elif unit_id is not None:
        scope.units = {unit_id} | {
            u.id for u in units.values() if u.parent_id == unit_id and u.level == UnitLevel.PHONG
        }

    # People: positions of the year, then every table keyed by person.
    year_unit, heads, members_of_unit = _positions(scope)
    candidates = _candidate_people(scope, year_unit)
    ratings = _person_ratings(scope)
    titles, forms, year_titles = _person_awards(scope, year)
    disciplines = _disciplines(scope)
    out.year_titles = year_titles

    # Units: the candidates, the units headed by candidates, and their histories.
    unit_candidates = [] if person_ids is not None else _candidate_units(scope, units, end)
    if unit_id is not None and not subtree:
        unit_candidates = [u for u in unit_candidates if u == unit_id]
    headed = {heads[p] for p in candidates if p in heads}
    everything = unit_id is None and person_ids is None
    history = _UnitHistory(predecessors, set(unit_candidates) | headed, everything)
    history.load()

    _people_facts(
        out, scope, candidates, year_unit, heads, ratings, titles, forms, disciplines, history
    )
    if unit_candidates:
        _unit_facts(out, unit_candidates, units, members_of_unit, ratings, disciplines, history)
    return out


# --- units ---------------------------------------------------------------------------------------


def _units(out: SectorFacts) -> dict[int, UnitInfo]:
    rows = Unit.objects.values_list(
        "id", "code", "name", "level", "parent_id", "sort_key", "established_on", "dissolved_on"
    )
    out.unit_info = {row[0]: UnitInfo(*row) for row in rows}
    return out.unit_info


def _predecessors() -> dict[int, list[tuple[int, int]]]:
    """successor → [(predecessor, year from which the successor keeps its own record)]."""
    found: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for old, new, effective in Succession.objects.values_list(
        "predecessor_id", "successor_id", "effective_on"
    ):
        found[new].append((old, effective.year))
    return found


def _candidate_units(scope: _Scope, units: dict[int, UnitInfo], end: date) -> list[int]:
    wanted = scope.units if scope.units is not None else units.keys()
    out = []
    for uid in wanted:
        u = units.get(uid)
        if u is None:
            continue
        if u.established_on is not None and u.established_on > end:
            continue
        if u.dissolved_on is not None and u.dissolved_on < end:
            continue
        out.append(uid)
    return sorted(out, key=lambda i: units[i].sort_key)


class _UnitHistory:
    """Ratings, titles, forms and violation years of units, with what their predecessors earned
    before each succession took effect (see the module docstring)."""

    def __init__(
        self,
        predecessors: dict[int, list[tuple[int, int]]],
        wanted: set[int],
        everything: bool = False,
    ) -> None:
        self.predecessors = predecessors
        self.ids = self._lineage(wanted)
        self.everything = everything  # the whole sector: read every unit's rows, no id list
        self.ratings: dict[int, dict[int, codes.Rating]] = defaultdict(dict)
        self.titles: dict[int, dict[int, set[Award]]] = defaultdict(lambda: defaultdict(set))
        self.forms: dict[int, list[AwardRecord]] = defaultdict(list)
        self.violations: dict[int, set[ViolationFact]] = defaultdict(set)
        self._done: dict[int, tuple[Any, ...]] = {}

    def _lineage(self, wanted: set[int]) -> list[int]:
        seen = set(wanted)
        stack = list(wanted)
        while stack:
            for old, _ in self.predecessors.get(stack.pop(), ()):
                if old not in seen:
                    seen.add(old)
                    stack.append(old)
        return sorted(seen)

    def load(self) -> None:
        if not self.ids:
            return
        units = {"unit_id__isnull": False} if self.everything else {"unit_id__in": self.ids}
        for uid, year, rating in Rating.objects.filter(**units).values_list(
            "unit_id", "year", "rating"
        ):
            self.ratings[uid][year] = RATINGS[rating]
        entries = AwardEntry.objects.filter(**units, revoked_on__isnull=True)
        for uid, award, kind, year, decided_on, sudden in entries.values_list(
            "unit_id", "award", "kind", "year", "decision__signed_on", "sudden"
        ):
            code = AWARDS[award]
            if kind == TITLE:
                self.titles[uid][year].add(code)
            else:
                self.forms[uid].append(AwardRecord(code, year, decided_on, sudden))
        rows = UnitViolation.objects.filter(**units).values_list(
            "unit_id", "year", "kind", "basis_kind", "basis_number", "basis_date", "basis_issuer"
        )
        for uid, year, kind, basis, number, day, issuer in rows:
            text = describe_violation(kind, basis, number, day, issuer)
            self.violations[uid].add(ViolationFact(year, text))

    def of(
        self, uid: int, _path: frozenset[int] = frozenset()
    ) -> tuple[
        dict[int, codes.Rating], dict[int, frozenset[Award]], list[AwardRecord], set[ViolationFact]
    ]:
        """(ratings by year, titles by year, forms, violations), predecessors included."""
        done = self._done.get(uid)
        if done is not None:
            return done  # type: ignore[return-value]
        ratings = dict(self.ratings.get(uid, {}))
        titles = {y: frozenset(c) for y, c in self.titles.get(uid, {}).items()}
        forms = list(self.forms.get(uid, ()))
        violations = set(self.violations.get(uid, ()))
        olds = [(o, y) for o, y in self.predecessors.get(uid, ()) if o not in _path]
        if olds:
            path = _path | {uid}
            parts = [(self.of(o, path), before) for o, before in olds]
            years = {y for (r, t, _f, _v), before in parts for y in (*r, *t) if y < before}
            for y in years - ratings.keys():
                found = [r[y] for (r, _t, _f, _v), before in parts if y < before and y in r]
                if found:
                    ratings[y] = min(found, key=codes.RATING_RANK.__getitem__)
            for y in years - titles.keys():
                present = [
                    t.get(y, frozenset())
                    for (r, t, _f, _v), before in parts
                    if y < before and (y in r or y in t)
                ]
                if present:
                    common = frozenset.intersection(*present)
                    if common:
                        titles[y] = common
            for (_r, _t, f, v), before in parts:
                forms.extend(a for a in f if a.year < before)
                violations.update(x for x in v if x.year < before)
        result = (ratings, titles, forms, violations)
        self._done[uid] = result
        return result

    def head_result(self, uid: int, year: int) -> str | None:
        """The headed unit's result of `year` as the contract's head_unit_ratings value."""
        ratings, titles, _forms, _v = self.of(uid)
        held = titles.get(year, frozenset())
        for code in HEAD_TITLES:
            if code in held:
                return code.value
        rating = ratings.get(year)
        if rating is not None:
            return rating.value
        return Award.TTLDTT.value if Award.TTLDTT in held else None


def _unit_facts(
    out: SectorFacts,
    candidates: list[int],
    units: dict[int, UnitInfo],
    members_of_unit: dict[int, set[int]],
    person_ratings: dict[int, dict[int, codes.Rating]],
    disciplines: dict[int, list[DisciplineRecord]],
    history: _UnitHistory,
) -> None:
    year, start, end = out.year, out.start, out.end
    departments: dict[int, list[int]] = defaultdict(list)
    for u in units.values():
        if u.parent_id is not None and u.level == UnitLevel.PHONG:
            departments[u.parent_id].append(u.id)
    year_titles = out.year_titles
    clusters = providers.cluster_facts(year, candidates)
    for uid in candidates:
        member_ids: set[int] = set(members_of_unit.get(uid, ()))
        for dept in departments.get(uid, ()):
            member_ids |= members_of_unit.get(dept, set())
        members = tuple(sorted(member_ids))
        out.members[uid] = members
        completed: int | None = 0
        ldtt = cstdcs = 0
        levels: list[codes.Discipline] = []
        for pid in members:
            rating = person_ratings.get(pid, {}).get(year)
            if rating is None:
                completed = None
            elif completed is not None and rating in HT_OR_BETTER:
                completed += 1
            held = year_titles.get(pid)
            if held:
                ldtt += Award.LDTT in held
                cstdcs += Award.CSTDCS in held
            for d in disciplines.get(pid, ()):
                if start <= d.decided_on <= end:
                    levels.append(d.level)
        ratings, titles, forms, violations = history.of(uid)
        out.units[uid] = UnitFacts(
            ratings=ratings,
            titles=tuple(TitleRecord(c, y) for y, cs in titles.items() for c in cs),
            awards=tuple(forms),
            unit_violation_years=frozenset(v.year for v in violations),
            unit_violations=_described(violations),
            members=Members(
                total=len(members),
                completed_tasks=completed,
                ldtt=ldtt,
                cstdcs=cstdcs,
                disciplined=tuple(levels),
            ),
            cluster=clusters.get(uid),
        )


# --- people --------------------------------------------------------------------------------------


def _positions(
    scope: _Scope,
) -> tuple[dict[int, int], dict[int, int], dict[int, set[int]]]:
    """(person → unit of the year, head → headed unit, unit → people placed in it that year)."""
    rows = scope.people(overlapping(Position.objects.all(), scope.start, scope.end)).values_list(
        "person_id", "unit_id", "valid_from", "id", "is_unit_head"
    )
    latest: dict[int, tuple[date, int, int, bool]] = {}
    members: dict[int, set[int]] = defaultdict(set)
    for pid, uid, valid_from, pos_id, head in rows:
        members[uid].add(pid)
        key = (valid_from, pos_id, uid, head)
        seen = latest.get(pid)
        if seen is None or key > seen:
            latest[pid] = key
    year_unit = {pid: k[2] for pid, k in latest.items()}
    heads = {pid: k[2] for pid, k in latest.items() if k[3]}
    return year_unit, heads, members


def _candidate_people(scope: _Scope, year_unit: dict[int, int]) -> list[int]:
    if scope.person_ids is not None:
        return scope.person_ids
    if scope.units is None:
        return sorted(year_unit)
    wanted = scope.units
    return sorted(p for p, u in year_unit.items() if u in wanted)


def _person_ratings(scope: _Scope) -> dict[int, dict[int, codes.Rating]]:
    found: dict[int, dict[int, codes.Rating]] = defaultdict(dict)
    rows = scope.people(Rating.objects.filter(person_id__isnull=False)).values_list(
        "person_id", "year", "rating"
    )
    for pid, year, rating in rows:
        found[pid][year] = RATINGS[rating]
    return found


def _person_awards(
    scope: _Scope, year: int
) -> tuple[dict[int, list[TitleRecord]], dict[int, list[AwardRecord]], dict[int, frozenset[Award]]]:
    titles: dict[int, list[TitleRecord]] = defaultdict(list)
    forms: dict[int, list[AwardRecord]] = defaultdict(list)
    this_year: dict[int, set[Award]] = defaultdict(set)
    # Records are immutable: one object per distinct value (a few hundred for ~130,000 rows).
    title_records: dict[tuple[str, int], TitleRecord] = {}
    form_records: dict[tuple[str, int, date | None, bool], AwardRecord] = {}
    entries = AwardEntry.objects.filter(person_id__isnull=False, revoked_on__isnull=True)
    for pid, award, kind, y, decided_on, sudden in scope.people(entries).values_list(
        "person_id", "award", "kind", "year", "decision__signed_on", "sudden"
    ):
        if kind == TITLE:
            record = title_records.get((award, y))
            if record is None:
                record = title_records[award, y] = TitleRecord(AWARDS[award], y)
            titles[pid].append(record)
            if y == year:
                this_year[pid].add(record.code)
        else:
            key = (award, y, decided_on, sudden)
            form = form_records.get(key)
            if form is None:
                form = form_records[key] = AwardRecord(AWARDS[award], y, decided_on, sudden)
            forms[pid].append(form)
    return titles, forms, {p: frozenset(c) for p, c in this_year.items()}


def _people_facts(
    out: SectorFacts,
    scope: _Scope,
    candidates: list[int],
    year_unit: dict[int, int],
    heads: dict[int, int],
    ratings: dict[int, dict[int, codes.Rating]],
    titles: dict[int, list[TitleRecord]],
    forms: dict[int, list[AwardRecord]],
    disciplines: dict[int, list[DisciplineRecord]],
    history: _UnitHistory,
) -> None:
    year = out.year
    wanted = set(candidates)
    service = _service(scope)
    initiatives = _initiatives(scope)
    leaves: dict[int, list[LeaveFact]] = defaultdict(list)
    for pid, kind, starts_on, ends_on in scope.people(Leave.objects.all()).values_list(
        "person_id", "kind", "starts_on", "ends_on"
    ):
        leaves[pid].append(LeaveFact(LEAVES[kind], starts_on, ends_on))

    people = scope.people(Person.objects.all(), "id").values_list(
        "id", "full_name", "sort_key", "gender", "birth_date", "recruited_on", "left_on"
    )
    rows = [row for row in people if row[0] in wanted]
    rows.sort(key=_by_sort_key)
    empty: tuple[()] = ()
    for pid, full_name, sort_key, gender, birth_date, recruited_on, left_on in rows:
        if scope.person_ids is None and left_on is not None and left_on < out.start:
            continue
        headed = heads.get(pid)
        if headed is None:
            head_results: dict[int, str] = {}
            violations = NO_YEARS
            described: tuple[ViolationFact, ...] = ()
        else:
            result = history.head_result(headed, year)
            head_results = {} if result is None else {year: result}
            found = history.of(headed)[3]
            violations = frozenset(v.year for v in found)
            described = _described(found)
        procuracy, other = service.get(pid, (None, None))
        out.person_info[pid] = PersonInfo(pid, full_name, sort_key, year_unit.get(pid))
        out.people[pid] = PersonFacts(
            ratings=ratings.get(pid, {}),
            titles=tuple(titles.get(pid, empty)),
            awards=tuple(forms.get(pid, empty)),
            unit_violation_years=violations,
            unit_violations=described,
            gender=gender,
            birth_date=birth_date,
            recruited_on=recruited_on,
            procuracy_service=procuracy,
            other_legal_service=other,
            is_unit_head=headed is not None,
            initiatives=tuple(initiatives.get(pid, empty)),
            disciplines=tuple(disciplines.get(pid, empty)),
            leaves=tuple(leaves.get(pid, empty)),
            head_unit_ratings=head_results,
        )


def _described(violations: Iterable[ViolationFact]) -> tuple[ViolationFact, ...]:
    return tuple(sorted(violations, key=_by_year_and_text))


def _by_year_and_text(v: ViolationFact) -> tuple[int, str]:
    return v.year, v.description


def _by_sort_key(row: tuple[Any, ...]) -> tuple[str, int]:
    return row[2], row[0]


def _disciplines(scope: _Scope) -> dict[int, list[DisciplineRecord]]:
    found: dict[int, list[DisciplineRecord]] = defaultdict(list)
    for pid, level, decided_on, ends_on in scope.people(Discipline.objects.all()).values_list(
        "person_id", "level", "decided_on", "ends_on"
    ):
        found[pid].append(DisciplineRecord(DISCIPLINES[level], decided_on, ends_on))
    return found


def _service(
    scope: _Scope,
) -> dict[int, tuple[tuple[Period, ...] | None, tuple[Period, ...] | None]]:
    procuracy: dict[int, list[Period]] = defaultdict(list)
    other: dict[int, list[Period]] = defaultdict(list)
    rows = scope.people(ServicePeriod.objects.all()).values_list(
        "person_id", "kind", "valid_from", "valid_to"
    )
    for pid, kind, valid_from, valid_to in rows:
        target = procuracy if kind == ServiceKind.PROCURACY else other
        target[pid].append(Period(valid_from, valid_to))
    out: dict[int, tuple[tuple[Period, ...] | None, tuple[Period, ...] | None]] = {}
    for pid in procuracy.keys() | other.keys():
        p = procuracy.get(pid)
        out[pid] = (tuple(p) if p else None, tuple(other.get(pid, ())))
    return out


def _initiatives(scope: _Scope) -> dict[int, list[InitiativeFact]]:
    found: dict[int, list[InitiativeFact]] = defaultdict(list)
    through = Initiative.authors.through.objects.all()
    rows = scope.people(through).values_list(
        "person_id",
        "initiative__code",
        "initiative__scope",
        "initiative__recognized_on",
        "initiative__used_for__award",
        "initiative__used_for__year",
        "initiative__used_for__revoked_on",
        "initiative__used_for__person_id",
    )
    for pid, code, scope_code, recognized_on, award, year, revoked_on, owner in rows:
        used = None
        if award is not None and revoked_on is None:
            used = _use(award, year, owner, pid)
        found[pid].append(InitiativeFact(code, SCOPES[scope_code], recognized_on, used))
    return found


def _use(award: str, year: int, owner: int | None, pid: int) -> str:
    """`used_for` as seen by author `pid`: the author's own entry by its `record_id` (its re-check
    may count the initiative again); a co-author's or a unit's entry by name only (spent)."""
    if owner == pid:
        return record_id(award, year)
    whose = "đồng tác giả" if owner is not None else "tập thể"
    return f"{codes.award_name(award)} năm {year} của {whose}"
