from __future__ import annotations

from django.db import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from tdkt.ops.heartbeat import worker_status


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """For a load balancer: no login, one query, nothing but the three fields.

    200 when the database answers, whatever the worker: one stale background worker must not take
    every application host out of the balancer. `?worker=1` (for the monitoring that raises the
    alarm) answers 503 as well when the worker has not beaten recently."""
    try:
        worker, seen = worker_status(timezone.now())
    except DatabaseError:
        body = {"database": "error", "worker": "unknown", "worker_seen_at": None}
        return JsonResponse(body, status=503)
    body = {
        "database": "ok",
        "worker": worker,
        "worker_seen_at": seen.isoformat() if seen else None,
    }
    strict = request.GET.get("worker") == "1"
    return JsonResponse(body, status=503 if strict and worker != "ok" else 200)
