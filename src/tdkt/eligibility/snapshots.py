"""Stored verdicts (issue 16): the unit screen reads a scan computed once, not one per request.

A `ScanSnapshot` holds one scan of a unit's subtree (`run_scan(unit_id=unit)`, exactly what the
screen ran on every request before) for one year and one day of evaluation; its names are rows of
`StoredVerdict`, indexed by award and result so that each list of the screen is one page of an
index. Choices:

- **Per unit, not one sector snapshot filtered.** A subtree's scan is not the sector's scan cut
  down: the caps count the candidates of the scan, and a unit's count of members holding LĐTT or
  CSTĐCS counts only the members the scan evaluated. So each unit screen has its own snapshot, and
  the snapshot is looked up by the unit the access helper returned (never by an id from the
  request): what a screen shows is what a live scan of that subtree would show, no more.
- **Facts stamp.** `FactsStamp` is a counter bumped once after every committed transaction that
  changed a fact a scan reads (units, successions, clusters; people, positions, service periods;
  every record of `records`; parameters and regimes; cluster scores and flag votes), by signals on
  those models, and by an import job reaching "done" (imports write in bulk, without signals). It
  is sector-wide, not per year: a rating of 2023 changes the consecutive-year chains of 2025, and a
  position changes every year it overlaps. A snapshot keeps the counter read before its facts were
  loaded; a higher counter means "Kết quả có thể đã cũ".
- **Missing snapshot.** A subtree of at most `TDKT_ELIGIBILITY_INLINE_PEOPLE` people (default
  2,500: every province of the full demo, the biggest being Hồ Chí Minh's 928, computed and
  stored in about 2 s on a busy machine) is computed inside the request; a bigger one (the
  sector: 15,291 people, 94,000 rows, 5 s of CPU) is queued for the worker and the screen shows
  its progress (`bench/bench_eligibility_screen.py`). A stale snapshot is computed again when
  its screen is next opened, the same way: inline for a small subtree (the screen shows it
  fresh), queued for a big one (the stale verdicts are shown, with their warning and the
  progress, until the worker is done). "Tính lại" forces it.
- **Day of evaluation.** The default day (today, or 31/12 of a year that is over) moves every day
  in the current year: while the snapshot of today is computed, the latest snapshot of an earlier
  default day is shown with its own day named. A custom day (`ngay`) gets a snapshot of its own
  like any other day (inline when small, queued when big), so its verdicts are always those of the
  day asked.
- **Nothing switches the collector.** The scan runs with the collector on, in a request or in the
  worker (`tests/eligibility/test_collector.py`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Model
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.eligibility.models import (
    ACTIVE_SNAPSHOT,
    SNAPSHOT_MACHINE,
    FactsStamp,
    ScanSnapshot,
    SnapshotStatus,
    StoredVerdict,
)
from tdkt.eligibility.scan import ScanResult, run_scan, undecided
from tdkt.errors import DomainError
from tdkt.org.models import Unit, UnitScope
from tdkt.people.models import Person
from tdkt.rules.catalogue import COLLECTIVE_AWARDS, INDIVIDUAL_AWARDS
from tdkt.rules.due import single_gap
from tdkt.rules.verdict import Status
from tdkt.text import collation_key, person_sort_key, split_full_name
from tdkt.workflow.machine import move

logger = logging.getLogger(__name__)

INLINE_PEOPLE = 2500
BATCH = 5000
STUCK_AFTER = timedelta(hours=1)  # an active snapshot older than this is taken as failed
KEEP_DAYS = 5  # custom days of evaluation kept per unit and year, besides the default day's
AWARD_ORDER = {str(a): i for i, a in enumerate((*INDIVIDUAL_AWARDS, *COLLECTIVE_AWARDS))}


# --- the facts stamp ----------------------------------------------------------------------------

# app label → the models whose rows a scan reads (None: every model of the app).
FACT_MODELS: dict[str, tuple[str, ...] | None] = {
    "org": ("unit", "unitname", "unitlink", "succession", "cluster", "clustermember"),
    "people": ("person", "position", "serviceperiod"),
    "records": None,
    "eligibility": ("parameter", "regime"),
    "movements": ("scoresheet", "score", "flagballot", "flagvote"),
}


def connect_signals() -> None:
    """Called once from `EligibilityConfig.ready`. Each fact model gets its own receivers (a
    receiver for every sender would stop Django's fast deletes everywhere)."""
    for label, names in FACT_MODELS.items():
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            if names is None or model._meta.model_name in names:
                uid = f"tdkt.eligibility.facts.{model._meta.label_lower}"
                post_save.connect(_fact_changed, sender=model, dispatch_uid=uid + ".save")
                post_delete.connect(_fact_changed, sender=model, dispatch_uid=uid + ".delete")
    try:
        job = apps.get_model("imports", "ImportJob")
    except LookupError:
        return
    post_save.connect(_import_finished, sender=job, dispatch_uid="tdkt.eligibility.facts.import")


def _fact_changed(**_kwargs: Any) -> None:
    facts_changed()


def _import_finished(instance: Model, **_kwargs: Any) -> None:
    """An import applies its rows in bulk (no signals): its job reaching "done" says they are in."""
    if getattr(instance, "status", None) == "done":
        facts_changed()


def facts_changed() -> None:
    """Bump the stamp once the current transaction commits (once per transaction, however many
    rows it changed; nothing if it rolls back)."""
    if facts_pending():
        return
    transaction.on_commit(_bump)


def facts_pending() -> bool:
    """Whether the current transaction changed facts it has not committed yet (the stamp does
    not show them: whatever is kept under the stamp must be computed afresh)."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        entry[1] is _bump for entry in connection.run_on_commit
    )


def _bump() -> None:
    now = timezone.now()
    if not FactsStamp.objects.filter(pk=1).update(version=F("version") + 1, changed_at=now):
        FactsStamp.objects.get_or_create(pk=1, defaults={"version": 1, "changed_at": now})


def facts_stamp() -> tuple[int, datetime | None]:
    """The counter and the moment of the last change of the facts (0, None: none recorded)."""
    row = FactsStamp.objects.filter(pk=1).values_list("version", "changed_at").first()
    return row if row is not None else (0, None)


# --- what a screen shows ------------------------------------------------------------------------


@dataclass
class Shown:
    """The snapshots behind one screen: the one shown (done), the one being computed, the last
    attempt that failed after it, and whether the one shown may be out of date."""

    done: ScanSnapshot | None
    active: ScanSnapshot | None
    failed: ScanSnapshot | None
    version: int
    changed_at: datetime | None

    @property
    def stale(self) -> bool:
        return self.done is not None and self.done.facts_version < self.version

    def other_day(self, as_of: date) -> bool:
        return self.done is not None and self.done.as_of != as_of

    @property
    def attempted(self) -> bool:
        """Being computed, or failed within the hour (a screen does not start the same failing
        computation on every view; after an hour it tries again by itself)."""
        failed = self.failed
        recent = failed is not None and failed.requested_at >= timezone.now() - STUCK_AFTER
        return self.active is not None or recent


def lookup(unit: Unit, year: int, as_of: date, default_day: bool) -> Shown:
    """The snapshots of `unit`'s own screen for `year` on `as_of`; on the default day, the last
    one of an earlier default day stands in until today's is done."""
    version, changed_at = facts_stamp()
    mine = ScanSnapshot.objects.filter(unit=unit, year=year).defer("texts")
    exact = list(mine.filter(as_of=as_of).order_by("-requested_at", "-id")[:10])
    for s in exact:
        if s.is_active and s.requested_at < timezone.now() - STUCK_AFTER:
            _fail(s, _("Quá thời gian tính (tiến trình nền có thể đã dừng); hãy bấm «Tính lại»."))
    done = next((s for s in exact if s.status == SnapshotStatus.DONE), None)
    active = next((s for s in exact if s.is_active), None)
    failed = next(
        (
            s
            for s in exact
            if s.status == SnapshotStatus.FAILED and (done is None or s.pk > done.pk)
        ),
        None,
    )
    if done is None and default_day:
        done = (
            mine.filter(status=SnapshotStatus.DONE, default_day=True)
            .order_by("-computed_at", "-id")
            .first()
        )
    return Shown(done, active, failed, version, changed_at)


def people_estimate(unit: Unit) -> int:
    """How many people the unit's subtree holds now: what decides computing inline or queuing."""
    below = UnitScope.objects.filter(ancestor_id=unit.pk).values("descendant_id")
    return Person.objects.filter(unit_id__in=below).count()


def is_small(unit: Unit) -> bool:
    limit = getattr(settings, "TDKT_ELIGIBILITY_INLINE_PEOPLE", INLINE_PEOPLE)
    return people_estimate(unit) <= limit


# --- computing ----------------------------------------------------------------------------------


def start(
    unit: Unit, year: int, as_of: date, *, default_day: bool, actor: Any = None
) -> tuple[ScanSnapshot, bool]:
    """A pending snapshot for the day, created; or the one already pending or running."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            created = ScanSnapshot.objects.create(
                unit=unit,
                year=year,
                as_of=as_of,
                default_day=default_day,
                requested_by=user,
                stage=_("Đang chờ đến lượt"),
            )
    except IntegrityError:
        found = ScanSnapshot.objects.filter(
            unit=unit, year=year, as_of=as_of, status__in=ACTIVE_SNAPSHOT
        ).first()
        if found is None:
            raise
        if found.requested_at >= timezone.now() - STUCK_AFTER:
            return found, False
        _fail(found, _("Quá thời gian tính (tiến trình nền có thể đã dừng)."))
        return start(unit, year, as_of, default_day=default_day, actor=actor)
    return created, True


def enqueue(snapshot: ScanSnapshot) -> None:
    from tdkt.eligibility.tasks import compute_snapshot

    compute_snapshot.enqueue(snapshot.pk)


def compute_now(
    unit: Unit, year: int, as_of: date, *, actor: Any = None, default_day: bool = True
) -> ScanSnapshot:
    """Compute a snapshot in this process (a small subtree, the benchmark); returns it done or
    failed, or still active if another request is computing the same day."""
    snapshot, created = start(unit, year, as_of, default_day=default_day, actor=actor)
    if created:
        compute(snapshot.pk)
    snapshot.refresh_from_db()
    return snapshot


def set_progress(snapshot: ScanSnapshot, percent: int, stage: str) -> None:
    """A short write of its own, so that the screen polling it shows it at once."""
    ScanSnapshot.objects.filter(pk=snapshot.pk, status=SnapshotStatus.RUNNING).update(
        progress=max(0, min(int(percent), 99)), stage=stage[:200]
    )


def compute(snapshot_id: int) -> str:
    """Scan the snapshot's subtree and store its verdicts; returns its final status."""
    snapshot = ScanSnapshot.objects.select_related("unit").get(pk=snapshot_id)
    if snapshot.status != SnapshotStatus.PENDING:
        return snapshot.status  # delivered twice
    with transaction.atomic():
        move(
            SNAPSHOT_MACHINE,
            snapshot,
            SnapshotStatus.RUNNING,
            actor=None,
            fields={
                "started_at": timezone.now(),
                "progress": 5,
                "stage": _("Đang nạp dữ liệu và xét điều kiện"),
            },
        )
    version = facts_stamp()[0]  # read before the facts: a change after it makes this stale
    try:
        result = run_scan(year=snapshot.year, as_of=snapshot.as_of, unit_id=snapshot.unit_id)
        set_progress(snapshot, 60, _("Đang lưu kết quả"))
        rows, due, texts = _store(snapshot, result)
    except DomainError as exc:
        return _fail(snapshot, exc.message)
    except Exception:
        logger.exception("Eligibility snapshot %s failed", snapshot.pk)
        return _fail(
            snapshot,
            _(
                "Lỗi hệ thống khi xét điều kiện; chưa có kết quả nào được lưu. Hãy thử lại, nếu "
                "vẫn lỗi hãy báo quản trị hệ thống."
            ),
        )
    regime = result.regime
    with transaction.atomic():
        move(
            SNAPSHOT_MACHINE,
            snapshot,
            SnapshotStatus.DONE,
            actor=None,
            fields={
                "progress": 100,
                "stage": _("Đã xong"),
                "facts_version": version,
                "rows": rows,
                "texts": texts,
                "totals": {**result.totals(), "due": due},
                "caps": [c.to_json() for c in result.caps],
                "regime": {"code": regime.id, "label": regime.label, "gap": regime.gap},
            },
        )
        _drop_replaced(snapshot)
    return snapshot.status


def _fail(snapshot: ScanSnapshot, message: str) -> str:
    StoredVerdict.objects.filter(snapshot=snapshot).delete()
    with transaction.atomic():
        move(
            SNAPSHOT_MACHINE,
            snapshot,
            SnapshotStatus.FAILED,
            actor=None,
            fields={"error": message or _("Lỗi"), "stage": ""},
        )
    return snapshot.status


def _drop_replaced(snapshot: ScanSnapshot) -> None:
    """The snapshots this one replaces: those of the same day, on the default day the earlier
    default days' (the one shown until now), and the custom days' beyond the last KEEP_DAYS."""
    finished = ScanSnapshot.objects.filter(
        unit_id=snapshot.unit_id, year=snapshot.year, pk__lt=snapshot.pk
    ).exclude(status__in=ACTIVE_SNAPSHOT)
    ids = set(finished.filter(as_of=snapshot.as_of).values_list("pk", flat=True))
    if snapshot.default_day:
        ids.update(finished.filter(default_day=True).values_list("pk", flat=True))
    custom = finished.filter(default_day=False).exclude(pk__in=ids).order_by("-pk")
    ids.update(custom.values_list("pk", flat=True)[KEEP_DAYS:])
    if ids:
        StoredVerdict.objects.filter(snapshot_id__in=ids).delete()
        ScanSnapshot.objects.filter(pk__in=ids).delete()


COLUMNS = (
    "snapshot_id",
    "kind",
    "subject_id",
    "name",
    "unit_id",
    "unit_name",
    "award",
    "award_order",
    "status",
    "reasons",
    "due",
    "sort_key",
    "position",
)


class _Texts:
    """The undecided reasons, each kept once per snapshot (a sector scan repeats some 200 texts
    60,000 times); a row names them by their place in `ScanSnapshot.texts`."""

    def __init__(self) -> None:
        self.places: dict[tuple[str, str, str], int] = {}

    def place(self, rule: str, message: str, citation: str) -> int:
        key = (rule, message, citation)
        found = self.places.get(key)
        if found is None:
            found = self.places[key] = len(self.places)
        return found

    def as_list(self) -> list[dict[str, str]]:
        return [{"rule": r, "message": m, "citation": c} for r, m, c in self.places]


def _store(snapshot: ScanSnapshot, result: ScanResult) -> tuple[int, int, list[dict[str, str]]]:
    """Write the rows in batches (each its own short statement, progress between them; COPY on
    PostgreSQL, no model objects built); rows of a snapshot that is not done are never read.
    Returns the rows written, how many of them are lines of the due list, and the texts."""
    texts = _Texts()
    written = due = 0
    batch: list[tuple[Any, ...]] = []
    total = len(result.people) * 4 + len(result.units) * 7 or 1  # about; for the progress only
    for row in _rows(snapshot.pk, result, texts):
        batch.append(row)
        due += row[10] != ""
        if len(batch) >= BATCH:
            _insert(batch)
            written += len(batch)
            batch = []
            set_progress(snapshot, 60 + 39 * min(written, total) // total, _("Đang lưu kết quả"))
    if batch:
        _insert(batch)
        written += len(batch)
    if connection.vendor == "postgresql" and written > BATCH:
        with connection.cursor() as cursor:  # the planner must know the new rows at once
            cursor.execute(f"ANALYZE {StoredVerdict._meta.db_table}")
    return written, due, texts.as_list()


def _insert(rows: list[tuple[Any, ...]]) -> None:
    table = connection.ops.quote_name(StoredVerdict._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(COLUMNS))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _rows(snapshot_id: int, result: ScanResult, texts: _Texts) -> Iterator[tuple[Any, ...]]:
    people = sorted(
        ((person_sort_key(*split_full_name(o.name)), o.id, o) for o in result.people),
        key=lambda t: (t[0], t[1]),
    )
    for position, (key, _id, o) in enumerate(people):
        for v in o.verdicts:
            gap = single_gap(v)
            if v.status is Status.INELIGIBLE and gap is None:
                continue  # only counted (the snapshot's totals)
            yield _row(snapshot_id, "person", o, v, gap, key, position, texts)
    for position, o in enumerate(result.units):
        key = collation_key(o.name)
        for v in o.verdicts:
            yield _row(snapshot_id, "unit", o, v, single_gap(v), key, position, texts)


def _row(
    snapshot_id: int,
    kind: str,
    o: Any,
    v: Any,
    gap: Any,
    key: str,
    position: int,
    texts: _Texts,
) -> tuple[Any, ...]:
    award = str(v.award)
    status = v.status
    reasons = (
        [texts.place(r.rule, r.message, r.citation) for r in undecided(v)]
        if status is Status.NEEDS_REVIEW
        else []
    )
    return (
        snapshot_id,
        kind,
        o.id,
        o.name[:300],
        o.unit_id,
        (o.unit_name or "")[:300],
        award,
        AWARD_ORDER.get(award, 99),
        str(status),
        json.dumps(reasons),
        gap.text if gap is not None else "",
        key[:600],
        position,
    )
