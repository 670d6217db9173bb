"""Writing the in-memory sector to the database, the demo accounts, emptying, and a digest."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models

from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.demo.model import DPerson, Post
from tdkt.org.models import (
    Cluster,
    ClusterMember,
    Succession,
    Unit,
    UnitLink,
    UnitName,
)
from tdkt.org.services import unit_keys
from tdkt.people.models import LEADER_POSTS, Person, Position, ServicePeriod
from tdkt.people.services import person_keys
from tdkt.records.models import AwardDecision, AwardEntry, Discipline, Initiative, Leave, Rating
from tdkt.text import search_key

PASSWORD = "demo12345"
BATCH = 2000

# Columns that change from one run to the next whatever the seed (timestamps, salted hashes).
VOLATILE = {
    "people.person": {"updated_at"},
    "accounts.user": {"password", "last_login", "date_joined"},
    "accounts.rolegrant": {"granted_at"},
    "audit.auditentry": {"at", "request_id"},
    # Rebuilt by org.services.rebuild_scope, whose row order follows the database's: compared as
    # a set of (ancestor, descendant) pairs.
    "org.unitscope": {"id"},
    # The nomination services stamp their rows with the clock, store uploads under random names
    # and give each comment period a random public address.
    "nominations.dossier": {"created_at"},
    "nominations.dossiertransition": {"at"},
    "nominations.dossierhop": {"sent_at", "received_at", "closed_at"},
    "nominations.component": {"file", "uploaded_at"},
    "nominations.commentperiod": {"token", "published_at"},
    "nominations.publiccomment": {"created_at"},
    "notifications.notification": {"created_at"},
}
# Keys of JSON columns that carry such values (the audit entry of a publication names its token).
VOLATILE_KEYS: dict[str, dict[str, set[str]]] = {
    "audit.auditentry": {"after": {"token"}},
}


# Configuration that migrations seed and administrators edit (rule parameters and regimes, the
# Government's days off), not sector data: a demo reset keeps it (it must not reopen a regime an
# administrator closed), and the digest leaves it out.
CONFIGURATION = {"eligibility.parameter", "eligibility.regime", "workdays.adjustedday"}


def domain_models() -> list[type[models.Model]]:
    """Every data table of the project's own apps (not the demo, not Django's or third parties',
    not the configuration tables)."""
    result = []
    for config in apps.get_app_configs():
        if not config.name.startswith("tdkt.") or config.name == "tdkt.demo":
            continue
        for model in config.get_models(include_auto_created=True):
            if model._meta.label_lower in CONFIGURATION:
                continue
            if model._meta.managed and not model._meta.proxy:
                result.append(model)
    return result


def existing_data() -> dict[str, int]:
    counts = {
        "đơn vị": Unit.objects.count(),
        "cán bộ": Person.objects.count(),
        "tài khoản": User.objects.count(),
        "mục khen thưởng": AwardEntry.objects.count(),
    }
    return {k: v for k, v in counts.items() if v}


def empty_domain_tables() -> None:
    """Delete every row of the project's tables and restart their ids (so that the same seed
    gives the same ids). Runs inside the caller's transaction: foreign keys are deferred."""
    tables = [m._meta.db_table for m in domain_models()]
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE refuses tables with deferred foreign-key checks still pending in this
            # transaction (rows written earlier in it): run those checks first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(qn(t) for t in tables)} RESTART IDENTITY CASCADE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            return
        for table in tables:
            cursor.execute(f"DELETE FROM {qn(table)}")
    if connection.vendor == "sqlite":
        _forget_sqlite_counters(tables)


def reset_sequences(model_list: Iterable[type[models.Model]]) -> None:
    """Make the next id of each table the one after its largest present id: after inserting
    explicit ids (PostgreSQL needs it), and before a build, so that ids taken by rows deleted
    earlier (a flushed test database) do not shift the new ones."""
    model_list = list(model_list)
    if connection.vendor == "sqlite":
        _forget_sqlite_counters([m._meta.db_table for m in model_list])
        return
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _forget_sqlite_counters(tables: list[str]) -> None:
    """SQLite's AUTOINCREMENT takes the larger of the counter kept in sqlite_sequence and the
    largest present id: without the counter, the next id follows the rows present."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
        if cursor.fetchone():
            marks = ", ".join(["%s"] * len(tables))
            cursor.execute(f"DELETE FROM sqlite_sequence WHERE name IN ({marks})", tables)


@dataclass
class Written:
    counts: dict[str, int]


class Writer:
    def __init__(self, structure, staffing, ledger, say: Callable[[str], None]) -> None:
        self.s = structure
        self.st = staffing
        self.lg = ledger
        self.say = say
        self.counts: dict[str, int] = {}

    def _bulk(self, model: type[models.Model], objs: Sequence[models.Model], label: str) -> None:
        model._default_manager.bulk_create(objs, batch_size=BATCH)
        self.counts[label] = self.counts.get(label, 0) + len(objs)

    def write(self) -> None:
        self._units()
        self._people()
        self._records()
        reset_sequences(
            [
                Unit,
                UnitName,
                UnitLink,
                Succession,
                Person,
                Position,
                ServicePeriod,
                Rating,
                Discipline,
                Leave,
                AwardDecision,
                AwardEntry,
                Initiative,
                Initiative.authors.through,
                Cluster,
                ClusterMember,
            ]
        )

    def _units(self) -> None:
        units: list[Unit] = []
        names: list[UnitName] = []
        links: list[UnitLink] = []
        succs: list[Succession] = []
        for u in self.s.units:
            units.append(
                Unit(
                    id=u.id,
                    code=u.code,
                    level=u.level,
                    name=u.name,
                    short_name=u.short,
                    parent_id=u.parent_id,
                    established_on=u.established,
                    dissolved_on=u.dissolved,
                    **unit_keys(u.name, u.short, u.code),
                )
            )
            for name, short, start, stop in u.names:
                names.append(
                    UnitName(
                        id=len(names) + 1,
                        unit_id=u.id,
                        name=name,
                        short_name=short,
                        valid_from=start,
                        valid_to=stop,
                    )
                )
            for parent, start, stop in u.links:
                links.append(
                    UnitLink(
                        id=len(links) + 1,
                        unit_id=u.id,
                        parent_id=parent,
                        valid_from=start,
                        valid_to=stop,
                    )
                )
        for i, x in enumerate(self.s.successions, start=1):
            succs.append(
                Succession(
                    id=i,
                    predecessor_id=x.predecessor,
                    successor_id=x.successor,
                    effective_on=x.day,
                    kind=x.kind,
                    legal_basis=x.basis,
                )
            )
        self._bulk(Unit, units, "units")
        self._bulk(UnitName, names, "unit_names")
        self._bulk(UnitLink, links, "unit_links")
        self._bulk(Succession, succs, "successions")

    def _people(self) -> None:
        persons: list[Person] = []
        positions: list[Position] = []
        periods: list[ServicePeriod] = []
        for p in self.st.people:
            segs = self.st.segments[p.id]
            last_unit, last_post = segs[-1][2], segs[-1][3]
            persons.append(
                Person(
                    id=p.id,
                    full_name=p.full_name,
                    gender="female" if p.female else "male",
                    birth_date=p.birth,
                    citizen_id=p.cccd,
                    recruited_on=p.recruited,
                    left_on=p.left,
                    unit_id=last_unit,
                    post=last_post.text,
                    is_leader=last_post.kind in LEADER_POSTS,
                    **person_keys(p.full_name, p.cccd),
                )
            )
            for start, stop, unit, post in segs:
                positions.append(
                    Position(
                        id=len(positions) + 1,
                        person_id=p.id,
                        unit_id=unit,
                        post_kind=post.kind,
                        post=post.text,
                        is_leader=post.kind in LEADER_POSTS,
                        is_unit_head=post.head,
                        valid_from=start,
                        valid_to=stop,
                    )
                )
        for i, (pid, kind, org, start, stop) in enumerate(self.st.service, start=1):
            periods.append(
                ServicePeriod(
                    id=i,
                    person_id=pid,
                    kind=kind,
                    organisation=org,
                    valid_from=start,
                    valid_to=stop,
                )
            )
        self._bulk(Person, persons, "people")
        self._bulk(Position, positions, "positions")
        self._bulk(ServicePeriod, periods, "service_periods")

    def _holder(self, e: Any, signed: dict[int, dt.date]) -> tuple[int | None, bool]:
        """The unit and leadership of the holder on the signing day, as `records.holders`."""
        if e.person is None:
            return e.unit, False
        held = None
        for start, _stop, unit, post in self.st.segments[e.person]:
            if start > signed[e.decision]:
                break
            held = (unit, post.kind in LEADER_POSTS)
        return held or (self.st.segments[e.person][-1][2], False)

    def _records(self) -> None:
        lg = self.lg
        ratings = [
            Rating(id=i, person_id=pid, year=year, rating=code)
            for i, ((pid, year), code) in enumerate(sorted(lg.rating.items()), start=1)
        ]
        self.counts["ratings_people"] = len(ratings)
        start = len(ratings) + 1
        unit_ratings = [
            Rating(id=start + i, unit_id=uid, year=year, rating=code)
            for i, ((uid, year), code) in enumerate(sorted(lg.urating.items()))
        ]
        self.counts["ratings_units"] = len(unit_ratings)
        Rating.objects.bulk_create(ratings + unit_ratings, batch_size=BATCH)
        disciplines = [
            Discipline(
                id=i,
                person_id=d.person,
                level=d.level,
                decided_on=d.decided,
                ends_on=d.ends,
                decision_number=d.number,
                reason=d.reason,
            )
            for i, d in enumerate(
                sorted(self.st.disciplines, key=lambda d: (d.decided, d.person)), start=1
            )
        ]
        self._bulk(Discipline, disciplines, "disciplines")
        leaves: list[Leave] = []
        for p in self.st.people:
            for kind, a, b in p.leaves:
                leaves.append(
                    Leave(id=len(leaves) + 1, person_id=p.id, kind=kind, starts_on=a, ends_on=b)
                )
        self._bulk(Leave, leaves, "leaves")
        self._bulk(
            AwardDecision,
            [
                AwardDecision(
                    id=d.id,
                    number=d.number,
                    signed_on=d.signed,
                    signer_name=d.signer_name,
                    signer_title=d.signer_title,
                    issuer_id=d.issuer,
                    issuer_name=d.issuer_name,
                    level=d.level,
                    summary=d.summary,
                )
                for d in lg.decisions
            ],
            "decisions",
        )
        signed = {d.id: d.signed for d in lg.decisions}
        self._bulk(
            AwardEntry,
            [
                AwardEntry(
                    id=e.id,
                    holder_unit_id=holder[0],
                    holder_leader=holder[1],
                    award=e.award,
                    kind=e.kind,
                    person_id=e.person,
                    unit_id=e.unit,
                    year=e.year,
                    decision_id=e.decision,
                    revoked_on=e.revoked_on,
                    revocation_reason=e.revocation_reason,
                    revocation_decision=e.revocation_decision,
                )
                for e in lg.entries
                for holder in [self._holder(e, signed)]
            ],
            "award_entries",
        )
        self._bulk(
            Initiative,
            [
                Initiative(
                    id=x.id,
                    code=x.code,
                    kind=x.kind,
                    title=x.title,
                    scope=x.scope,
                    year=x.year,
                    recognized_on=x.recognized,
                    recognizing_decision=x.decision,
                    used_for_id=x.used_for,
                    search_text=search_key(x.code, x.title),
                )
                for x in lg.initiatives
            ],
            "initiatives",
        )
        through = Initiative.authors.through
        links: list[models.Model] = []
        for x in lg.initiatives:
            for pid in x.authors:
                links.append(through(id=len(links) + 1, initiative_id=x.id, person_id=pid))
        self._bulk(through, links, "initiative_authors")
        clusters: list[Cluster] = []
        members: list[ClusterMember] = []
        for c in lg.clusters:
            clusters.append(
                Cluster(id=c.id, year=c.year, kind=c.kind, name=c.name, organizer_id=c.organizer)
            )
            for uid in c.members:
                role = "head" if uid == c.head else "deputy" if uid == c.deputy else "member"
                members.append(
                    ClusterMember(id=len(members) + 1, cluster_id=c.id, unit_id=uid, role=role)
                )
        self._bulk(Cluster, clusters, "clusters")
        self._bulk(ClusterMember, members, "cluster_members")


# -- accounts --------------------------------------------------------------------------------


@dataclass
class Account:
    username: str
    role: str
    unit_code: str
    person_id: int | None
    full_name: str
    unit_name: str = ""
    person_unit: str = ""


def pick_accounts(structure, staffing) -> list[Account]:
    """The demo accounts and the staff they belong to (chosen among people active today)."""
    people = staffing.people

    def current(unit_code: str) -> list[DPerson]:
        unit = structure.by_code[unit_code]
        return [p for p in people if p.left is None and staffing.segments[p.id][-1][2] == unit.id]

    def post(p: DPerson) -> Post:
        return staffing.segments[p.id][-1][3]

    def first(group: list[DPerson], want: tuple[str, ...], skip: set[int]) -> DPerson:
        for kinds in (want, ("chuyen_vien", "kiem_tra_vien", "kiem_sat_vien", "nhan_vien")):
            for p in group:
                if p.id not in skip and post(p).kind in kinds and not post(p).head:
                    return p
        return next(p for p in group if p.id not in skip)

    new_qt = "t25-quang-tri"
    kv1 = structure.unit(structure.regionals["quang-tri"][0]).code
    vp, tccb = current("vkstc-vp"), current("vkstc-tccb")
    # The TĐKT staff of VKSND tối cao: Vụ Thi đua - Khen thưởng until 2025-06-30, then the Phòng
    # Thi đua - Khen thưởng of Văn phòng.
    tdkt_id = structure.by_code["vkstc-tdkt"].id if "vkstc-tdkt" in structure.by_code else 0
    vp = sorted(vp, key=lambda p: (all(s[2] != tdkt_id for s in staffing.segments[p.id]), p.id))
    used: set[int] = set()
    officer = first(vp, ("chuyen_vien",), used)
    used.add(officer.id)
    secretary = first(vp, ("chuyen_vien",), used)
    used.add(secretary.id)
    member = next((p for p in tccb if post(p).head), None) or first(tccb, ("vu_truong",), used)
    used.add(member.id)
    province_officer = first(current(f"{new_qt}-vp"), ("chuyen_vien",), used)
    used.add(province_officer.id)
    leader = next(p for p in current(new_qt) if post(p).head)
    used.add(leader.id)
    kv_people = current(kv1)
    kv_officer = first(kv_people, ("chuyen_vien", "kiem_tra_vien"), used)
    used.add(kv_officer.id)
    kv_staff = first(kv_people, ("kiem_sat_vien",), used)
    rows = [
        ("quantri", Role.ADMIN, "vkstc", None),
        ("tdkt.vkstc", Role.OFFICER, "vkstc", officer),
        ("tdkt.quangtri", Role.OFFICER, new_qt, province_officer),
        ("tdkt.kv1quangtri", Role.OFFICER, kv1, kv_officer),
        ("lanhdao.quangtri", Role.LEADER, new_qt, leader),
        ("thuky.hd", Role.SECRETARY, "vkstc", secretary),
        ("uyvien.hd", Role.COUNCIL_MEMBER, "vkstc", member),
        ("canbo.kv1quangtri", Role.STAFF, kv1, kv_staff),
    ]
    return [
        Account(
            username,
            str(role),
            code,
            p.id if p else None,
            p.full_name if p else "Quản trị hệ thống",
            structure.by_code[code].short,
            structure.unit(staffing.segments[p.id][-1][2]).short if p else "",
        )
        for username, role, code, p in rows
    ]


DEMO_USERNAMES = (
    "quantri",
    "tdkt.vkstc",
    "tdkt.quangtri",
    "tdkt.kv1quangtri",
    "lanhdao.quangtri",
    "thuky.hd",
    "uyvien.hd",
    "canbo.kv1quangtri",
)


def accounts_in_db() -> list[Account]:
    """The demo accounts as they stand in the database (for `--keep-existing`)."""
    found = []
    users = User.objects.filter(username__in=DEMO_USERNAMES).select_related("person__unit")
    by_name = {u.username: u for u in users}
    for username in DEMO_USERNAMES:
        user = by_name.get(username)
        grant = (
            user.grants.filter(revoked_at__isnull=True).select_related("unit").first()
            if user
            else None
        )
        if user is None or grant is None:
            continue
        person = user.person
        found.append(
            Account(
                username,
                grant.role,
                grant.unit.code,
                person.pk if person else None,
                user.get_full_name(),
                grant.unit.short_name or grant.unit.name,
                (person.unit.short_name if person and person.unit else ""),
            )
        )
    return found


def demo_password_hash() -> str:
    """PASSWORD hashed once, with the default hasher, then given as it is to every demo account.

    Acceptable for demo data only: one encoded hash (one salt) for all of them shows that they
    share a password, which `tdkt demo` prints anyway, and saves hashing it with PBKDF2 for each
    of a few hundred accounts (seconds). Real accounts never share a hash."""
    return make_password(PASSWORD)


def create_accounts(accounts: list[Account], structure, password_hash: str | None = None) -> None:
    password_hash = password_hash or demo_password_hash()
    for account in accounts:
        user = User.objects.create(
            username=account.username,
            password=password_hash,
            full_name=account.full_name,
            person_id=account.person_id if account.role != Role.ADMIN else None,
        )
        RoleGrant.objects.create(
            user=user, role=account.role, unit_id=structure.by_code[account.unit_code].id
        )


# -- digest ----------------------------------------------------------------------------------


def data_digest() -> str:
    """SHA-256 over every row of the project's tables (ordered by id), leaving out timestamps and
    password hashes: the same seed must give the same digest."""
    digest = hashlib.sha256()
    for model in sorted(domain_models(), key=lambda m: m._meta.label_lower):
        label = model._meta.label_lower
        skip = VOLATILE.get(label, set())
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in skip]
        digest.update(label.encode())
        order = fields if "id" in skip else ["pk"]
        keys = VOLATILE_KEYS.get(label, {})
        drop = [keys.get(name, set()) for name in fields]
        for row in model._default_manager.order_by(*order).values_list(*fields):
            values = (_plain(_without(v, d)) for v, d in zip(row, drop, strict=True))
            digest.update(repr(tuple(values)).encode())
    return digest.hexdigest()


def _without(value: object, keys: set[str]) -> object:
    if keys and isinstance(value, dict):
        return {k: v for k, v in value.items() if k not in keys}
    return value


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return value


def count_rows() -> dict[str, int]:
    return {m._meta.label_lower: m._default_manager.count() for m in domain_models()}
