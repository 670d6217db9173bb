"""Background work of the periodic reports, run by Django's task framework (a database queue in
production: `tdkt db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_report(job_id: int) -> str:
    """Make one queued report and store its file; returns the job's final status."""
    from tdkt.reports.services import run_job

    return run_job(job_id)
