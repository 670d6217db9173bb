"""What the selector modules share: the 404 helper."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404


def get_or_404(qs: QuerySet[Any], pk: Any) -> Any:
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
