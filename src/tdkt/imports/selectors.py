"""Reads of import jobs, limited to the units the user may import for."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from tdkt.imports.models import ImportJob
from tdkt.workflow.access import restrict_by_unit


def jobs_for_user(user: Any) -> QuerySet[ImportJob]:
    """Imports of the units the user may import for (the user's own and colleagues')."""
    jobs = ImportJob.objects.select_related("unit", "created_by")
    return restrict_by_unit(user, jobs, "unit", action="import").order_by("-created_at", "-id")


def get_job_for_user(user: Any, pk: Any) -> ImportJob:
    try:
        return jobs_for_user(user).get(pk=pk)
    except (ImportJob.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
