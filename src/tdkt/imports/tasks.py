"""Background work of imports, run by Django's task framework (a database queue in production:
`tdkt db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import(job_id: int) -> str:
    """Check and apply one queued import; returns its final status."""
    from tdkt.imports.services import process_job

    return process_job(job_id)
