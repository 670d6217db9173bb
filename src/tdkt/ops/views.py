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

    200 when the database answers and the background worker beat recently; 503 otherwise."""
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
    return JsonResponse(body, status=200 if worker == "ok" else 503)
