from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tdkt.audit.models import AuditEntry
from tdkt.audit.services import ACTIONS, describe
from tdkt.web.pagination import paginate
from tdkt.web.search import filter_terms
from tdkt.workflow.access import require


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    """The audit trail, for administrators only."""
    require(request.user, "audit")
    entries = AuditEntry.objects.all()
    action = request.GET.get("hanh_dong", "")
    actor = request.GET.get("nguoi", "").strip()
    obj = request.GET.get("doi_tuong", "").strip()
    if action in ACTIONS:
        entries = entries.filter(action=action)
    # Diacritics ignored: "nguyen van an" finds "Nguyễn Văn An".
    entries = filter_terms(filter_terms(entries, actor, "actor_key"), obj, "object_key")
    page = paginate(request, entries)
    for entry in page:
        entry.sentence = describe(entry.action)  # type: ignore[attr-defined]
        entry.changes = _changes(entry.before, entry.after)  # type: ignore[attr-defined]
    context = {
        "page": page,
        "actions": sorted((k, describe(k)) for k in ACTIONS),
        "action": action,
        "actor": actor,
        "obj": obj,
        "searched": " ".join(t for t in (actor, obj) if t),
    }
    return render(request, "audit/entry_list.html", context)


def _changes(before, after):  # type: ignore[no-untyped-def]
    before, after = before or {}, after or {}
    keys = sorted(set(before) | set(after))
    return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
