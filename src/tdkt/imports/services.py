"""The life of an import: submitted, checked whole in the background, refused with every problem
named, or applied whole in one transaction.

`transition` is the only function that changes a job's status; it moves the job through
IMPORT_MACHINE (the kernel's `move`: table, lock, transition row) and audits the moves that matter.
Every function acting for a unit checks the actor's right to import for it (None: the system)."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.dbstats import BULK_ROWS, refresh_statistics
from tdkt.documents.reader import (
    GUIDE_SHEET,
    MAX_ROWS,
    Problems,
    Row,
    inspect_upload,
    open_table,
)
from tdkt.errors import DomainError, InvalidData, TransitionNotAllowed
from tdkt.imports.awards import AwardsImporter
from tdkt.imports.base import Context, Importer, Plan, build_context
from tdkt.imports.disciplines import DisciplinesImporter, LeavesImporter
from tdkt.imports.initiatives import InitiativesImporter
from tdkt.imports.matching import NEW
from tdkt.imports.models import IMPORT_MACHINE, ImportJob, ImportKind, ImportStatus
from tdkt.imports.ratings import RatingsImporter
from tdkt.imports.staff import StaffImporter
from tdkt.imports.violations import ViolationsImporter
from tdkt.org.models import Unit
from tdkt.workflow import clock
from tdkt.workflow.access import ensure_can
from tdkt.workflow.machine import move

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 500
MIN_YEAR, MAX_YEAR = 1945, 2100
IMPORTERS: dict[str, Importer] = {
    ImportKind.STAFF: StaffImporter(),
    ImportKind.AWARDS: AwardsImporter(),
    ImportKind.RATINGS: RatingsImporter(),
    ImportKind.DISCIPLINES: DisciplinesImporter(),
    ImportKind.LEAVES: LeavesImporter(),
    ImportKind.INITIATIVES: InitiativesImporter(),
    ImportKind.VIOLATIONS: ViolationsImporter(),
}
# The kinds whose facts are of a year: a file without a «Năm» column takes the job's year.
YEARLY = frozenset({ImportKind.RATINGS, ImportKind.INITIATIVES, ImportKind.VIOLATIONS})
_AUDITED: dict[str, str] = {
    ImportStatus.REJECTED: "import.rejected",
    ImportStatus.DONE: "import.applied",
    ImportStatus.CANCELLED: "import.cancelled",
    ImportStatus.FAILED: "import.failed",
}


def importer_for(kind: str) -> Importer:
    try:
        return IMPORTERS[kind]
    except KeyError as exc:
        raise InvalidData(_("Loại dữ liệu nhập không hợp lệ.")) from exc


def template_file(kind: str) -> tuple[str, bytes]:
    importer = importer_for(kind)
    return importer.filename, importer.template()


def submit_import(
    *, actor: Any, kind: str, unit: Unit, upload: UploadedFile, year: int | None = None
) -> ImportJob:
    """Check the upload's size and type, store it with its SHA-256, create the job and queue it;
    all of it or nothing (a stored file whose job was not saved is removed). `year` is the
    facts' year for a file without a «Năm» column."""
    importer_for(kind)
    _ensure_imports_for(actor, unit.pk)
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidData(_("Năm phải từ %(a)s đến %(b)s.") % {"a": MIN_YEAR, "b": MAX_YEAR})
    name = upload.name or ""
    inspect_upload(upload, name, upload.size or 0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    stored = ""
    try:
        with transaction.atomic():
            path = timezone.localdate().strftime(f"imports/%Y/%m/{uuid.uuid4().hex}.xlsx")
            stored = default_storage.save(path, upload)
            job = ImportJob.objects.create(
                kind=kind,
                unit=unit,
                created_by=actor,
                file=stored,
                original_name=name[-255:],
                sha256=digest.hexdigest(),
                year=year,
            )
            record(
                actor=actor,
                action="import.submitted",
                obj=job,
                after={
                    "kind": kind,
                    "file": job.original_name,
                    "sha256": job.sha256,
                    "year": year,
                },
                unit_id=unit.pk,
            )
            _enqueue(job)
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise
    return job


def _ensure_imports_for(actor: Any, unit_id: int) -> None:
    ensure_can(actor, "import", unit_id, _("Bạn không có quyền nhập dữ liệu cho đơn vị này."))


def _enqueue(job: ImportJob) -> None:
    """Queue the job's processing. Called inside the caller's transaction, so that with the
    database queue the task exists exactly when the job does."""
    from tdkt.imports.tasks import run_import

    run_import.enqueue(job.pk)


@transaction.atomic
def transition(
    job: ImportJob, to: str, *, actor: Any = None, reason: str = "", **fields: Any
) -> ImportJob:
    """Move `job` to status `to` (and set `fields`) through IMPORT_MACHINE, or raise
    TransitionNotAllowed; the moves that matter are audited in the same transaction."""
    current = move(IMPORT_MACHINE, job, to, actor=actor, reason=reason, fields=fields)
    if to in _AUDITED:
        record(
            actor=actor or job.created_by,
            action=_AUDITED[to],
            obj=job,
            before={"status": current},
            after=_audit_after(job),
            reason=reason,
            unit_id=job.unit_id,
        )
    return job


def _audit_after(job: ImportJob) -> dict[str, Any]:
    after: dict[str, Any] = {
        "status": job.status,
        "file": job.original_name,
        "sha256": job.sha256,
        "rows": job.total_rows,
    }
    if job.status == ImportStatus.DONE:
        after["summary"] = {k: v for k, v in job.summary.items() if k != "seconds"}
    if job.status in (ImportStatus.REJECTED, ImportStatus.FAILED):
        after["errors"] = len(job.errors)
    return after


def set_progress(job: ImportJob, processed: int, total: int) -> None:
    """A short write of its own (outside the big transaction) so that the job page can show it."""
    total = max(total, processed)
    ImportJob.objects.filter(pk=job.pk).update(processed_rows=processed, total_rows=total)
    job.processed_rows, job.total_rows = processed, total


@dataclass
class Checked:
    problems: Problems
    plan: Plan | None
    rows: int


def process_job(job_id: int) -> str:
    """Check the file; refuse it, ask for resolutions, or apply it. Returns the final status."""
    job = ImportJob.objects.select_related("unit", "created_by").get(pk=job_id)
    if job.status != ImportStatus.QUEUED:
        return job.status  # delivered twice, or cancelled meanwhile
    transition(
        job,
        ImportStatus.VALIDATING,
        processed_rows=0,
        total_rows=0,
        errors=[],
        ambiguities=[],
        summary={},
    )
    started = time.monotonic()
    try:
        checked = check_file(job)
    except Exception:
        logger.exception("Import %s: checking failed", job.pk)
        return _fail(job, _("Lỗi hệ thống khi kiểm tra tệp; không có dữ liệu nào được ghi."))
    seconds = {"validation": round(time.monotonic() - started, 2)}
    if checked.problems or checked.plan is None:
        transition(
            job,
            ImportStatus.REJECTED,
            errors=checked.problems.as_list(),
            summary={"seconds": seconds},
            reason=_("%(n)s lỗi") % {"n": checked.problems.count},
        )
        return job.status
    plan = checked.plan
    if plan.ambiguities:
        transition(
            job,
            ImportStatus.NEEDS_RESOLUTION,
            ambiguities=plan.ambiguities,
            summary={"seconds": seconds},
        )
        return job.status
    return _apply(job, plan, seconds)


def _apply(job: ImportJob, plan: Plan, seconds: dict[str, float]) -> str:
    transition(job, ImportStatus.APPLYING)
    started = time.monotonic()
    try:
        with transaction.atomic():
            summary = importer_for(job.kind).apply(plan, actor=job.created_by)
            seconds["apply"] = round(time.monotonic() - started, 2)
            transition(
                job,
                ImportStatus.DONE,
                summary={**summary, "seconds": seconds},
                processed_rows=job.total_rows,
            )
            if job.total_rows >= BULK_ROWS:
                refresh_statistics()
    except DomainError as exc:
        return _fail(
            job,
            _(
                "Không ghi được dữ liệu (%(reason)s); không có thay đổi nào được "
                "lưu. Hãy nhập lại tệp."
            )
            % {"reason": exc.message},
        )
    except Exception:
        logger.exception("Import %s: applying failed", job.pk)
        return _fail(job, _("Lỗi hệ thống khi ghi dữ liệu; không có thay đổi nào được lưu."))
    return job.status


def _fail(job: ImportJob, message: str) -> str:
    transition(
        job,
        ImportStatus.FAILED,
        errors=[{"row": None, "column": None, "message": message}],
        reason=message,
    )
    return job.status


def check_file(job: ImportJob, now: dt.datetime | None = None) -> Checked:
    """Read every row, check every cell, then check the rows against each other and the
    database. Progress is written every PROGRESS_EVERY rows."""
    importer = importer_for(job.kind)
    ctx = build_context(job, clock.today(now))
    problems = Problems()
    with job.file.open("rb") as stream:
        max_rows = getattr(importer, "max_rows", MAX_ROWS)
        table = open_table(stream, importer.columns, problems, GUIDE_SHEET, max_rows)
        if table is None:
            return Checked(problems, None, 0)
        check_columns = getattr(importer, "check_columns", None)
        if check_columns is not None:
            check_columns(set(table.positions), ctx, problems)
            if problems:
                table.close()
                return Checked(problems, None, 0)
        items, count = _read_rows(job, importer, table, ctx, problems)
    if count == 0:
        problems.file(
            _("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề (dòng %(row)s).")
            % {"row": table.header_row}
        )
        return Checked(problems, None, 0)
    plan = importer.plan(items, ctx, problems)
    return Checked(problems, plan, count)


def _read_rows(
    job: ImportJob, importer: Importer, table: Any, ctx: Context, problems: Problems
) -> tuple[list[Any], int]:
    names = {c.key: c.name for c in importer.columns}
    set_progress(job, 0, table.estimated_rows)
    items: list[Any] = []
    count = 0
    try:
        for number, cells in enumerate(table.rows, start=table.header_row + 1):
            row = Row(number, cells, table.positions, names, problems)
            if row.is_empty():
                continue
            count += 1
            item = importer.read(row, ctx)
            if item is not None:
                items.append(item)
            if count % PROGRESS_EVERY == 0:
                set_progress(job, count, table.estimated_rows)
    finally:
        table.close()
    set_progress(job, count, count)
    return items, count


@transaction.atomic
def resolve_ambiguities(*, actor: Any, job: ImportJob, choices: dict[str, str]) -> ImportJob:
    """The user's answer for each ambiguous row (a candidate's id, or NEW); the job is then
    queued again and re-checked with these answers."""
    _ensure_imports_for(actor, job.unit_id)
    if job.status != ImportStatus.NEEDS_RESOLUTION:
        raise TransitionNotAllowed(_("Lần nhập này không chờ xác định cán bộ."))
    picked: dict[str, str] = {}
    for item in job.ambiguities:
        key = str(item["row"])
        allowed = {str(c["id"]) for c in item["candidates"]}
        if item["allow_new"]:
            allowed.add(NEW)
        value = choices.get(key, "")
        if value not in allowed:
            raise InvalidData(
                _("Dòng %(row)s: hãy chọn một cán bộ trong danh sách%(new)s.")
                % {"row": key, "new": _(" hoặc tạo cán bộ mới") if item["allow_new"] else ""}
            )
        picked[key] = value
    record(
        actor=actor,
        action="import.resolved",
        obj=job,
        after={"resolutions": picked},
        unit_id=job.unit_id,
    )
    transition(
        job,
        ImportStatus.QUEUED,
        actor=actor,
        resolutions={**job.resolutions, **picked},
        ambiguities=[],
        processed_rows=0,
    )
    _enqueue(job)
    return job


def cancel_import(*, actor: Any, job: ImportJob) -> ImportJob:
    _ensure_imports_for(actor, job.unit_id)
    return transition(job, ImportStatus.CANCELLED, actor=actor, reason=_("Người dùng hủy"))
