"""The demo sector in memory: plain objects with explicit ids, written to the database last."""

from __future__ import annotations

import bisect
import datetime as dt
import random
from dataclasses import dataclass, field

ONE_DAY = dt.timedelta(days=1)
FIRST_YEAR = 2016
LAST_YEAR = 2025
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
# Nothing in the demo happens after this day (decisions on 2025's achievements are signed in the
# first half of 2026).
HORIZON = dt.date(2026, 6, 30)


def rand_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A uniformly drawn day in [start, end]."""
    span = (end - start).days
    return start + dt.timedelta(days=rng.randint(0, max(span, 0)))


def add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    last = [
        31,
        29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return dt.date(year, month, min(day.day, last))


def add_years(day: dt.date, years: int) -> dt.date:
    return add_months(day, 12 * years)


def year_end(year: int) -> dt.date:
    """The day a year's emulation results are taken (the sector's year runs 01/12 – 30/11)."""
    return dt.date(year, 11, 30)


@dataclass
class DUnit:
    id: int
    code: str
    level: str
    kind: str  # root, dept, high, newhigh, prov, office, district, regional
    names: list[list] = field(default_factory=list)  # [name, short, valid_from, valid_to]
    links: list[list] = field(default_factory=list)  # [parent_id, valid_from, valid_to]
    established: dt.date | None = None
    dissolved: dt.date | None = None
    province: str = ""  # slug of the (old or new) province it belongs to
    prov_id: int | None = None  # the provincial unit it belongs to (itself for a province)
    region: str = "N"
    cccd: str = "001"
    staff: int = 0
    head_kind: str = "vien_truong"
    head_post: str = "Viện trưởng"
    deputy_kind: str = "pho_vien_truong"
    deputy_post: str = "Phó Viện trưởng"
    profile: str = "ksv"  # staff mix: ksv, admin, school, press, investig
    ksv_rank: str = "sơ cấp"
    abbr: str = ""
    office: str = ""  # office slug for a phòng
    successors: list[int] = field(default_factory=list)
    quality: float = 0.0
    vp_suffix: bool = False

    @property
    def name(self) -> str:
        return self.names[-1][0]

    @property
    def short(self) -> str:
        return self.names[-1][1]

    @property
    def parent_id(self) -> int | None:
        return self.links[-1][0] if self.links else None

    def name_on(self, day: dt.date) -> tuple[str, str]:
        for name, short, start, end in self.names:
            if (start is None or start <= day) and (end is None or day <= end):
                return name, short
        return self.name, self.short

    def active_on(self, day: dt.date) -> bool:
        started = self.established is None or self.established <= day
        return started and (self.dissolved is None or day <= self.dissolved)


@dataclass
class Succ:
    predecessor: int
    successor: int
    day: dt.date
    kind: str
    basis: str


@dataclass
class Move:
    """People of `preds` move to `succs` on `day` (a reorganisation)."""

    day: dt.date
    preds: list[int]
    succs: list[int]
    new_succ: bool  # the successor is a new unit (else an existing one absorbs the preds)


@dataclass
class Post:
    kind: str
    text: str
    head: bool = False


@dataclass
class DPerson:
    id: int
    full_name: str
    female: bool
    birth: dt.date
    cccd: str | None
    recruited: dt.date
    quality: float
    home_cccd: str = "001"
    left: dt.date | None = None
    left_reason: str = ""
    units: list[tuple[dt.date, int]] = field(default_factory=list)
    post_days: list[dt.date] = field(default_factory=list)
    post_vals: list[Post] = field(default_factory=list)
    prior: tuple[dt.date, dt.date, str] | None = None
    leaves: list[tuple[str, dt.date, dt.date]] = field(default_factory=list)

    def unit_on(self, day: dt.date) -> int:
        i = bisect.bisect_right(self.units, (day, 1 << 62)) - 1
        return self.units[max(i, 0)][1]

    def post_on(self, day: dt.date) -> Post:
        i = bisect.bisect_right(self.post_days, day) - 1
        return self.post_vals[max(i, 0)]

    def add_unit(self, day: dt.date, unit_id: int) -> None:
        bisect.insort(self.units, (day, unit_id))

    def add_post(self, day: dt.date, post: Post) -> None:
        i = bisect.bisect_right(self.post_days, day)
        self.post_days.insert(i, day)
        self.post_vals.insert(i, post)

    def active_on(self, day: dt.date) -> bool:
        return self.recruited <= day and (self.left is None or day <= self.left)

    def segments(self) -> list[tuple[dt.date, dt.date | None, int, Post]]:
        """The positions held: (from, to, unit, post), merged from unit and post changes."""
        end = self.left
        days = sorted({d for d, _ in self.units} | set(self.post_days))
        days = [d for d in days if end is None or d <= end]
        out: list[tuple[dt.date, dt.date | None, int, Post]] = []
        for day in days:
            unit, post = self.unit_on(day), self.post_on(day)
            if out and out[-1][2] == unit and out[-1][3] == post:
                continue
            out.append((day, None, unit, post))
        result = []
        for i, (start, _none, unit, post) in enumerate(out):
            stop = out[i + 1][0] - ONE_DAY if i + 1 < len(out) else end
            result.append((start, stop, unit, post))
        return result


@dataclass
class DDiscipline:
    person: int
    level: str
    decided: dt.date
    ends: dt.date | None
    number: str
    reason: str


@dataclass
class DDecision:
    id: int
    key: tuple
    number: str = ""
    signed: dt.date = dt.date(2000, 1, 1)
    signer_name: str = ""
    signer_title: str = ""
    issuer: int | None = None
    issuer_name: str = ""
    level: str = "nganh"
    summary: str = ""


@dataclass
class DEntry:
    id: int
    award: str
    kind: str
    person: int | None
    unit: int | None
    year: int
    decision: int
    revoked_on: dt.date | None = None
    revocation_reason: str = ""
    revocation_decision: str = ""


@dataclass
class DInitiative:
    id: int
    code: str
    kind: str
    title: str
    scope: str
    year: int
    recognized: dt.date
    decision: str
    authors: list[int]
    used_for: int | None = None


@dataclass
class DCluster:
    id: int
    year: int
    kind: str
    name: str
    organizer: int
    members: list[int]
    head: int | None = None
    deputy: int | None = None
