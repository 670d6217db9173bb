"""The award figures every dashboard and report is made of, counted from the ledger.

An award counts for the unit its holder belonged to on the day the decision was signed
(`AwardEntry.holder_unit`, see `tdkt.records.holders`) and for every unit that unit stood under or
was taken over by: `org.UnitScope` links a successor to its predecessors, so a province created on
2025-07-01 carries the figures of the provinces and districts it absorbed. Revoked awards are not
counted.

One grouped query gives `Fact` rows; everything else is arithmetic in Python, so a figure on a
dashboard, in a .docx table and in the ledger list behind it come from the same rows. Every
figure has a `LedgerQuery` that opens the list of awards it counts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Case, CharField, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from tdkt.eligibility.snapshots import facts_pending, facts_stamp
from tdkt.movements.models import (
    COLLECTIVE_TITLES,
    INDIVIDUAL_TITLES,
    RegistrationLine,
    RegistrationStatus,
)
from tdkt.org.models import Unit, UnitLevel, UnitScope
from tdkt.records.models import AwardEntry, DecisionLevel
from tdkt.rules import codes
from tdkt.web.http import bounded_int
from tdkt.workflow.clock import review_year

T = TypeVar("T")
STAMPED_SECONDS = 3600  # a figure unused for an hour leaves the cache

# --- Tiers of the sector -------------------------------------------------------------------
# Seed 001 asks to "nâng cao tỉ lệ khen thưởng các tập thể và cá nhân cấp cơ sở, Viện kiểm sát
# địa phương": the grassroots tier is the district units before 2025-07-01 and the regional
# units after; a department (phòng) belongs to the tier of the unit it sits in.

CENTRAL, PROVINCIAL, GRASSROOTS = "trung_uong", "tinh", "co_so"
TIER_NAMES: dict[str, Any] = {
    CENTRAL: _("Trung ương (VKSND tối cao, cấp cao, đơn vị trực thuộc)"),
    PROVINCIAL: _("Cấp tỉnh"),
    GRASSROOTS: _("Cấp cơ sở (cấp huyện, khu vực)"),
}
TIERS = (CENTRAL, PROVINCIAL, GRASSROOTS)
_LEVEL_TIER: dict[str, str] = {
    UnitLevel.TOI_CAO: CENTRAL,
    UnitLevel.DON_VI_TRUC_THUOC: CENTRAL,
    UnitLevel.CAP_CAO: CENTRAL,
    UnitLevel.QUAN_SU: CENTRAL,
    UnitLevel.TINH: PROVINCIAL,
    UnitLevel.HUYEN: GRASSROOTS,
    UnitLevel.KHU_VUC: GRASSROOTS,
}

LEVELS = tuple(DecisionLevel.values)
LEVEL_NAMES: dict[str, Any] = dict(DecisionLevel.choices)
INDIVIDUAL, COLLECTIVE = str(codes.Subject.INDIVIDUAL), str(codes.Subject.COLLECTIVE)


def unit_tiers() -> dict[int, str]:
    """Tier of every unit ever recorded (one query over about 2,000 rows)."""
    rows = {
        pk: (level, parent)
        for pk, level, parent in Unit.objects.values_list("pk", "level", "parent_id")
    }
    tiers: dict[int, str] = {}

    def tier(pk: int, depth: int = 0) -> str:
        if pk in tiers:
            return tiers[pk]
        level, parent = rows[pk]
        found = _LEVEL_TIER.get(level)
        if found is None:
            found = tier(parent, depth + 1) if parent is not None and depth < 20 else CENTRAL
        tiers[pk] = found
        return found

    for pk in rows:
        tier(pk)
    return tiers


# --- Facts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """A number of awards that share every dimension a report can split by."""

    year: int
    award: str
    kind: str  # title | form
    subject: str  # individual | collective
    level: str  # decision level: co_so | tinh | nganh | nha_nuoc
    tier: str  # tier of the holder's unit on the signing day
    leader: bool  # individual held a leading post on the signing day
    female: bool
    count: int


@dataclass(frozen=True)
class Scope:
    """What a report covers: a unit with its subtree and predecessors (None: the whole sector),
    and the years of achievement."""

    unit: Unit | None
    year_from: int
    year_to: int

    @property
    def years(self) -> list[int]:
        return list(range(self.year_from, self.year_to + 1))


def entries_in(scope: Scope) -> QuerySet[AwardEntry]:
    """The active ledger lines a scope counts."""
    qs = AwardEntry.objects.filter(
        revoked_on__isnull=True, year__gte=scope.year_from, year__lte=scope.year_to
    )
    if scope.unit is not None:
        below = UnitScope.objects.filter(ancestor=scope.unit).values("descendant_id")
        qs = qs.filter(holder_unit__in=below)
    return qs


def tier_of_holder(tiers: dict[int, str]) -> Case:
    """The tier of a ledger line's holder unit, in SQL (`tiers` read the same way in Python:
    a unit not found, or no unit, is central)."""
    whens = [
        When(holder_unit__in=units, then=Value(tier))
        for tier in (GRASSROOTS, PROVINCIAL)
        if (units := sorted(pk for pk, t in tiers.items() if t == tier))
    ]
    return Case(*whens, default=Value(CENTRAL), output_field=CharField())


@contextmanager
def _room_to_aggregate() -> Iterator[None]:
    """On PostgreSQL, memory for one reporting query to group in a hash table: with the default
    4 MB it sorts the period's lines on disk first (issue 16: 300–500 ms of the sector
    dashboard's 330–530 ms aggregate)."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        # ... and no JIT compiling: its estimate of the work is far off and compiling took
        # longer than the query.
        cursor.execute("SET LOCAL work_mem = '32MB'; SET LOCAL jit = off")
        yield


def stamped(kind: str, scope: Scope, compute: Callable[[], T]) -> T:
    """`compute()` kept in the cache under the facts stamp (issue 16: the sector dashboard's
    aggregate over five years of the ledger took 300–500 ms on every view). Every committed change
    of a ledger line, a decision, a person or a unit bumps the stamp (`eligibility.snapshots`),
    and imports bump it when they finish, so a figure is never served from before a change; the
    newest ledger line's id is in the key as well, for writers that bypass the signals. Inside a
    transaction that changed facts not yet committed, the figure is computed afresh."""
    if facts_pending():
        return compute()
    version, _changed = facts_stamp()
    newest = AwardEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    unit_id = scope.unit.pk if scope.unit is not None else 0
    key = f"tdkt:reports:{kind}:{unit_id}:{scope.year_from}:{scope.year_to}:{version}:{newest}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, STAMPED_SECONDS)
    return cast(T, found)


def facts(scope: Scope, tiers: dict[int, str] | None = None) -> list[Fact]:
    """The scope's awards grouped by every reporting dimension (one query, grouped by the
    holder's tier in the database: a few hundred rows come back, not one per unit), kept under
    the facts stamp."""
    return stamped("facts", scope, lambda: _facts(scope, tiers))


def _facts(scope: Scope, tiers: dict[int, str] | None = None) -> list[Fact]:
    tiers = tiers if tiers is not None else unit_tiers()
    rows = (
        entries_in(scope)
        .annotate(tier=tier_of_holder(tiers))
        .values("year", "award", "kind", "decision__level", "tier", "holder_leader")
        .annotate(
            individual=Count("id", filter=Q(person__isnull=False)),
            female=Count("id", filter=Q(person__gender="female")),
            collective=Count("id", filter=Q(unit__isnull=False)),
        )
        .order_by()
    )
    counter: Counter[tuple[Any, ...]] = Counter()
    with _room_to_aggregate():
        found = list(rows)
    for row in found:
        tier = row["tier"]
        base = (row["year"], row["award"], row["kind"], row["decision__level"], tier)
        leader = bool(row["holder_leader"])
        if row["female"]:
            counter[(*base, INDIVIDUAL, leader, True)] += row["female"]
        if row["individual"] - row["female"]:
            counter[(*base, INDIVIDUAL, leader, False)] += row["individual"] - row["female"]
        if row["collective"]:
            counter[(*base, COLLECTIVE, False, False)] += row["collective"]
    return [
        Fact(year, award, kind, subject, level, tier, leader, female, n)
        for (year, award, kind, level, tier, subject, leader, female), n in sorted(counter.items())
    ]


# --- Links to the ledger list behind a figure ---------------------------------------------


@dataclass(frozen=True)
class LedgerQuery:
    """The ledger list (khen-thuong/) filtered to exactly the awards a figure counts."""

    unit_id: int | None = None
    year: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    award: str = ""
    kind: str = ""
    subject: str = ""
    level: str = ""
    tier: str = ""
    leader: bool | None = None
    female: bool | None = None
    registered: bool | None = None  # the holder's approved registration named this title and year

    def params(self) -> dict[str, str]:
        values: dict[str, Any] = {
            "tai_don_vi": self.unit_id,
            "nam": self.year,
            "tu_nam": self.year_from,
            "den_nam": self.year_to,
            "danh_hieu": self.award,
            "loai": self.kind,
            "doi_tuong": self.subject,
            "cap": self.level,
            "khoi": self.tier,
            "lanh_dao": None if self.leader is None else int(self.leader),
            "nu": None if self.female is None else int(self.female),
            "da_dang_ky": None if self.registered is None else int(self.registered),
        }
        return {k: str(v) for k, v in values.items() if v not in (None, "")}

    @classmethod
    def parse(cls, data: Mapping[str, str]) -> LedgerQuery:
        """The query a ledger list URL carries (`params` read back); unknown values are dropped."""

        def number(key: str) -> int | None:
            value = data.get(key) or ""
            return bounded_int(value, None, 0, 999_999_999)

        def year(key: str) -> int | None:
            value = number(key)
            return value if value is not None and 1900 <= value <= 2100 else None

        def one_of(key: str, allowed: Iterable[str]) -> str:
            value = data.get(key) or ""
            return value if value in allowed else ""

        def flag(key: str) -> bool | None:
            return {"1": True, "0": False}.get(data.get(key) or "")

        return cls(
            unit_id=number("tai_don_vi"),
            year=year("nam"),
            year_from=year("tu_nam"),
            year_to=year("den_nam"),
            award=one_of("danh_hieu", (str(c) for c in codes.AWARDS)),
            kind=one_of("loai", (str(k) for k in codes.AwardKind)),
            subject=one_of("doi_tuong", (INDIVIDUAL, COLLECTIVE)),
            level=one_of("cap", LEVELS),
            tier=one_of("khoi", TIERS),
            leader=flag("lanh_dao"),
            female=flag("nu"),
            registered=flag("da_dang_ky"),
        )

    def url(self) -> str:
        from django.urls import reverse

        return f"{reverse('reports:award_list')}?{urlencode(self.params())}"

    def describe(self, unit_name: str = "") -> list[tuple[tuple[str, ...], str]]:
        """Each active condition in words, with the URL parameters that carry it (to remove it)."""
        out: list[tuple[tuple[str, ...], Any]] = []
        if self.unit_id is not None:
            out.append(
                (
                    ("tai_don_vi",),
                    _("Tính cho %(unit)s (gồm đơn vị trực thuộc, đơn vị tiền thân)")
                    % {"unit": unit_name or self.unit_id},
                )
            )
        if self.year is not None:
            out.append((("nam",), _("Năm %(y)s") % {"y": self.year}))
        if self.year_from is not None and self.year_to is not None:
            span = _("Từ năm %(a)s đến năm %(b)s") % {"a": self.year_from, "b": self.year_to}
            out.append((("tu_nam", "den_nam"), span))
        elif self.year_from is not None:
            out.append((("tu_nam",), _("Từ năm %(a)s") % {"a": self.year_from}))
        elif self.year_to is not None:
            out.append((("den_nam",), _("Đến năm %(b)s") % {"b": self.year_to}))
        if self.award:
            out.append((("danh_hieu",), codes.award_name(self.award)))
        if self.kind:
            kind = _("Danh hiệu thi đua") if self.kind == "title" else _("Hình thức khen thưởng")
            out.append((("loai",), kind))
        if self.subject:
            subject = _("Cá nhân") if self.subject == INDIVIDUAL else _("Tập thể")
            out.append((("doi_tuong",), subject))
        if self.level:
            out.append((("cap",), _("Quyết định của %(l)s") % {"l": LEVEL_NAMES[self.level]}))
        if self.tier:
            out.append((("khoi",), _("Thuộc: %(t)s") % {"t": TIER_NAMES[self.tier]}))
        if self.leader is not None:
            leader = (
                _("Lãnh đạo, quản lý khi được khen thưởng")
                if self.leader
                else _("Không giữ chức vụ lãnh đạo, quản lý khi được khen thưởng")
            )
            out.append((("lanh_dao",), leader))
        if self.female is not None:
            out.append((("nu",), _("Nữ") if self.female else _("Nam")))
        if self.registered is not None:
            registered = (
                _("Đã đăng ký thi đua danh hiệu này (bản đăng ký được duyệt)")
                if self.registered
                else _("Không đăng ký thi đua danh hiệu này")
            )
            out.append((("da_dang_ky",), registered))
        return [(keys, str(label)) for keys, label in out]


def scope_query(scope: Scope, **kw: Any) -> LedgerQuery:
    """A ledger query for the whole scope narrowed by `kw` (a single year narrows the range)."""
    base = LedgerQuery(
        unit_id=scope.unit.pk if scope.unit is not None else None,
        year_from=scope.year_from,
        year_to=scope.year_to,
    )
    query = replace(base, **kw)
    if query.year is not None:
        query = replace(query, year_from=None, year_to=None)
    return query


def filter_entries(
    qs: QuerySet[AwardEntry], query: LedgerQuery, tiers: dict[int, str] | None = None
) -> QuerySet[AwardEntry]:
    """Apply a ledger query to ledger lines: the inverse of `facts`, used by the list view."""
    if query.unit_id is not None:
        below = UnitScope.objects.filter(ancestor_id=query.unit_id).values("descendant_id")
        qs = qs.filter(holder_unit__in=below)
    if query.year is not None:
        qs = qs.filter(year=query.year)
    if query.year_from is not None:
        qs = qs.filter(year__gte=query.year_from)
    if query.year_to is not None:
        qs = qs.filter(year__lte=query.year_to)
    if query.award:
        qs = qs.filter(award=query.award)
    if query.kind:
        qs = qs.filter(kind=query.kind)
    if query.subject == INDIVIDUAL:
        qs = qs.filter(person__isnull=False)
    elif query.subject == COLLECTIVE:
        qs = qs.filter(unit__isnull=False)
    if query.level:
        qs = qs.filter(decision__level=query.level)
    if query.tier:
        tiers = tiers if tiers is not None else unit_tiers()
        qs = qs.filter(holder_unit__in=[pk for pk, t in tiers.items() if t == query.tier])
    if query.leader is not None:
        qs = qs.filter(person__isnull=False, holder_leader=query.leader)
    if query.female is not None:
        gender = Q(person__gender="female")
        qs = qs.filter(gender if query.female else (Q(person__isnull=False) & ~gender))
    if query.registered is not None:
        lines = RegistrationLine.objects.filter(
            registration__status=RegistrationStatus.APPROVED,
            award=OuterRef("award"),
            year=OuterRef("year"),
        )
        registered = Q(Exists(lines.filter(person=OuterRef("person")))) | Q(
            Exists(lines.filter(unit=OuterRef("unit")))
        )
        qs = qs.filter(registered if query.registered else ~registered)
    return qs


# --- Tallies -------------------------------------------------------------------------------


@dataclass
class Share:
    """`part` of `whole`, with the lists behind both."""

    part: int
    whole: int
    part_query: LedgerQuery
    whole_query: LedgerQuery

    @property
    def percent(self) -> float | None:
        return round(100 * self.part / self.whole, 1) if self.whole else None


@dataclass
class Tally:
    """Sums over facts, by any combination of dimensions."""

    scope: Scope
    rows: list[Fact] = field(default_factory=list)

    def total(self, **where: Any) -> int:
        return sum(f.count for f in self.select(**where))

    def select(self, **where: Any) -> Iterator[Fact]:
        for fact in self.rows:
            if all(getattr(fact, k) == v for k, v in where.items()):
                yield fact

    def by(self, dimension: str, **where: Any) -> dict[Any, int]:
        out: dict[Any, int] = defaultdict(int)
        for fact in self.select(**where):
            out[getattr(fact, dimension)] += fact.count
        return dict(out)

    def table(self, row_dim: str, col_dim: str, **where: Any) -> dict[Any, dict[Any, int]]:
        out: dict[Any, dict[Any, int]] = defaultdict(lambda: defaultdict(int))
        for fact in self.select(**where):
            out[getattr(fact, row_dim)][getattr(fact, col_dim)] += fact.count
        return {k: dict(v) for k, v in out.items()}

    def query(self, **kw: Any) -> LedgerQuery:
        return scope_query(self.scope, **kw)

    # The three shares seed 001 asks to watch, year by year.

    def grassroots_share(self, year: int | None = None) -> Share:
        where = {} if year is None else {"year": year}
        return Share(
            self.total(tier=GRASSROOTS, **where),
            self.total(**where),
            self.query(tier=GRASSROOTS, year=year),
            self.query(year=year),
        )

    def non_leader_share(self, year: int | None = None) -> Share:
        where: dict[str, Any] = {"subject": INDIVIDUAL}
        if year is not None:
            where["year"] = year
        return Share(
            self.total(leader=False, **where),
            self.total(**where),
            self.query(subject=INDIVIDUAL, leader=False, year=year),
            self.query(subject=INDIVIDUAL, year=year),
        )

    def women_share(self, year: int | None = None) -> Share:
        where: dict[str, Any] = {"subject": INDIVIDUAL}
        if year is not None:
            where["year"] = year
        return Share(
            self.total(female=True, **where),
            self.total(**where),
            self.query(subject=INDIVIDUAL, female=True, year=year),
            self.query(subject=INDIVIDUAL, year=year),
        )


def tally(scope: Scope, tiers: dict[int, str] | None = None) -> Tally:
    return Tally(scope, facts(scope, tiers))


def award_order(present: Iterable[str]) -> list[str]:
    """Awards in the order of the contract (titles first, then forms), keeping those present."""
    wanted = set(present)
    return [str(c) for c in codes.AWARDS if str(c) in wanted]


def default_years(today: dt.date | None = None, span: int = 5) -> tuple[int, int]:
    """The last `span` years of achievement up to the year under review, the usual window of a
    dashboard."""
    last = review_year(today)
    return last - span + 1, last


# --- Units side by side --------------------------------------------------------------------


def unit_breakdown(scope: Scope, units: Sequence[Unit]) -> dict[int, dict[int, int]]:
    """Awards per year of each of `units`, each with its subtree and predecessors (what
    `LedgerQuery(unit_id=…)` lists), within the scope. Two queries, whatever the number of units;
    kept under the facts stamp."""
    ids = ",".join(str(u.pk) for u in units)
    digest = hashlib.sha256(ids.encode()).hexdigest()[:16]
    return stamped(f"breakdown:{digest}", scope, lambda: _unit_breakdown(scope, units))


def _unit_breakdown(scope: Scope, units: Sequence[Unit]) -> dict[int, dict[int, int]]:
    above: dict[int, list[int]] = defaultdict(list)  # holder unit → the units of `units` over it
    for ancestor, descendant in UnitScope.objects.filter(ancestor__in=units).values_list(
        "ancestor_id", "descendant_id"
    ):
        above[descendant].append(ancestor)
    out: dict[int, dict[int, int]] = {u.pk: defaultdict(int) for u in units}
    rows = entries_in(scope).values("holder_unit_id", "year").annotate(n=Count("id")).order_by()
    for row in rows:
        for unit_id in above.get(row["holder_unit_id"], ()):
            out[unit_id][row["year"]] += row["n"]
    return {k: dict(v) for k, v in out.items()}


# --- Registrations against results --------------------------------------------------------

TITLES = tuple(INDIVIDUAL_TITLES + COLLECTIVE_TITLES)


@dataclass(frozen=True)
class RegistrationResult:
    """A title of a year: how many registered for it (approved registers of the scope's units),
    how many of the scope's holders of it had registered, and how many hold it in all."""

    scope: Scope
    year: int
    award: str
    registered: int
    achieved: int
    total: int

    @property
    def rate(self) -> float | None:
        return round(100 * self.achieved / self.registered, 1) if self.registered else None

    @property
    def achieved_query(self) -> LedgerQuery:
        return scope_query(self.scope, year=self.year, award=self.award, registered=True)

    @property
    def total_query(self) -> LedgerQuery:
        return scope_query(self.scope, year=self.year, award=self.award)

    def registration_params(self) -> dict[str, str]:
        """The registration list (phong-trao/dang-ky/) filtered to the lines counted."""
        params = {
            "nam": str(self.year),
            "danh_hieu": self.award,
            "trang_thai": str(RegistrationStatus.APPROVED),
        }
        if self.scope.unit is not None:
            params["don_vi"] = str(self.scope.unit.pk)
        return params

    def registration_url(self) -> str:
        from django.urls import reverse

        return f"{reverse('movements:registration_list')}?{urlencode(self.registration_params())}"


def registration_results(scope: Scope, tally: Tally | None = None) -> list[RegistrationResult]:
    """Per year and title with an approved registration or a registered holder: registered,
    achieved among the registered, and all holders (from `tally`, or counted). Two queries."""
    lines = RegistrationLine.objects.filter(
        registration__status=RegistrationStatus.APPROVED,
        year__gte=scope.year_from,
        year__lte=scope.year_to,
    )
    if scope.unit is not None:
        below = UnitScope.objects.filter(ancestor=scope.unit).values("descendant_id")
        lines = lines.filter(registration__unit__in=below)
    registered = {
        (r["year"], r["award"]): r["n"]
        for r in lines.values("year", "award").annotate(n=Count("id")).order_by()
    }
    if not registered:
        return []
    titles = entries_in(scope).filter(year__in={y for y, _a in registered}, award__in=TITLES)
    approved = RegistrationLine.objects.filter(
        registration__status=RegistrationStatus.APPROVED,
        award=OuterRef("award"),
        year=OuterRef("year"),
    )
    # What `LedgerQuery(registered=True)` lists, counted as two semi-joins (people's lines,
    # units' lines) rather than one OR of two subqueries, which the database runs row by row.
    achieved: Counter[tuple[int, str]] = Counter()
    for holders in (
        titles.filter(Exists(approved.filter(person=OuterRef("person")))),
        titles.filter(Exists(approved.filter(unit=OuterRef("unit")))),
    ):
        for r in holders.values("year", "award").annotate(n=Count("id")).order_by():
            achieved[(r["year"], r["award"])] += r["n"]
    tally = tally if tally is not None else Tally(scope, facts(scope))
    keys = sorted(set(registered) | set(achieved), key=lambda k: (k[0], TITLES.index(k[1])))
    return [
        RegistrationResult(
            scope,
            year,
            award,
            registered.get((year, award), 0),
            achieved.get((year, award), 0),
            tally.total(year=year, award=award),
        )
        for year, award in keys
    ]
