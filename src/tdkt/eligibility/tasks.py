"""Background work of eligibility, run by Django's task framework (a database queue in production:
`tdkt worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def compute_snapshot(snapshot_id: int) -> str:
    """Scan one queued snapshot's subtree and store its verdicts; returns its final status."""
    from tdkt.eligibility.snapshots import compute

    return compute(snapshot_id)
