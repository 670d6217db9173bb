"""The one business event of operations: data brought back from an archive (see backup.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from tdkt.audit.services import record
from tdkt.ops.models import Restoration


@transaction.atomic
def record_restoration(
    *,
    actor: Any,
    archive_name: str,
    archive_created_at: dt.datetime,
    engine: str,
    rows: int,
    files: int,
) -> Restoration:
    """The trace of a restore in the restored database itself, written after the archive was
    verified: the audit trail then says that what came after the archive's date is not there.

    (`tdkt backup` writes nothing: it reads a snapshot and must leave the data as it found it.)"""
    restoration = Restoration.objects.create(
        archive_name=archive_name[:255],
        archive_created_at=archive_created_at,
        engine=engine,
        rows=rows,
        files=files,
    )
    record(
        actor=actor,
        action="system.restored",
        obj=restoration,
        after={
            "archive": restoration.archive_name,
            "archive_created_at": archive_created_at,
            "rows": rows,
            "files": files,
        },
    )
    return restoration
