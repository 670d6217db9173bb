"""The components of a dossier: uploads (checked, stored with their checksum, never deleted) and
the checklist of what each candidate's award needs, satisfied by an upload, by the generated
document, or by the records themselves (an initiative chosen from the register, an HTXS rating)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.errors import InvalidData, NotAllowed, TransitionNotAllowed
from tdkt.nominations import policy, uploads
from tdkt.nominations.models import (
    EDITABLE,
    Candidate,
    Component,
    ComponentKind,
    Dossier,
    DossierKind,
    DossierStatus,
)
from tdkt.nominations.services.sudden import procedure_on
from tdkt.records.models import Rating
from tdkt.text import clean
from tdkt.workflow.access import can
from tdkt.workflow.machine import user_or_none

PER_CANDIDATE = frozenset(
    {
        ComponentKind.REPORT,
        ComponentKind.INITIATIVE,
        ComponentKind.RATING,
        ComponentKind.ACHIEVEMENT,
    }
)
PER_DOSSIER = frozenset({ComponentKind.PROPOSAL, ComponentKind.MINUTES})


def may_upload(actor: Any, dossier: Dossier) -> bool:
    """The author while the dossier is theirs; the receiving level while it holds it."""
    if dossier.status in EDITABLE:
        return can(actor, "nominate", dossier.unit_id)
    if dossier.status in (DossierStatus.RECEIVED, DossierStatus.COUNCIL_REVIEW):
        return can(actor, "receive", dossier.receiver_id)
    return False


@transaction.atomic
def upload_component(
    *,
    actor: Any,
    dossier: Dossier,
    kind: str,
    upload: Any,
    candidate: Candidate | None = None,
    note: str = "",
) -> Component:
    if kind not in ComponentKind.values:
        raise InvalidData(_("Thành phần hồ sơ không hợp lệ."))
    if not may_upload(actor, dossier):
        if dossier.is_final or dossier.status == DossierStatus.SUBMITTED:
            raise TransitionNotAllowed(
                _("Hồ sơ đang ở trạng thái «%(s)s»: không thêm tệp được.")
                % {"s": dossier.get_status_display()},
                code="not_editable",
            )
        raise NotAllowed(_("Bạn không có quyền thêm tệp vào hồ sơ này."))
    if candidate is not None and candidate.dossier_id != dossier.pk:
        raise InvalidData(_("Người, tập thể này không thuộc hồ sơ."))
    if kind in PER_CANDIDATE and candidate is None:
        raise InvalidData(_("Hãy chọn người, tập thể mà tệp này thuộc về."))
    if kind in PER_DOSSIER and candidate is not None:
        raise InvalidData(_("Tệp này là của cả hồ sơ, không của riêng một người."))
    checked = uploads.check_upload(upload)
    stored = ""
    try:
        with transaction.atomic():
            stored = uploads.store(upload, checked, f"ho-so/{dossier.pk}")
            component = Component.objects.create(
                dossier=dossier,
                candidate=candidate,
                kind=kind,
                file=stored,
                original_name=checked.name,
                content_type=checked.file_type.content_type,
                size=checked.size,
                sha256=checked.sha256,
                note=clean(note)[:300],
                uploaded_by=user_or_none(actor),
            )
            record(
                actor=actor,
                action="dossier.component_uploaded",
                obj=dossier,
                after={
                    "kind": kind,
                    "candidate": candidate.name if candidate else None,
                    "file": checked.name,
                    "size": checked.size,
                    "sha256": checked.sha256,
                },
                unit_id=dossier.unit_id,
            )
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise
    return component


def verify(component: Component) -> bool:
    """The stored file still has the checksum it had when it was uploaded."""
    try:
        return uploads.sha256_of(component.file.name) == component.sha256
    except OSError:
        return False


def latest(dossier: Dossier, kind: str, candidate: Candidate | None = None) -> Component | None:
    return (
        dossier.components.filter(kind=kind, candidate=candidate)
        .order_by("-uploaded_at", "-id")
        .first()
    )


# --- the checklist -------------------------------------------------------------------------------


@dataclass
class ChecklistLine:
    kind: str
    label: str
    candidate: Candidate | None
    generated: bool
    satisfied: bool
    source: str  # "uploaded", "generated", "records" or "" (missing)
    evidence: str = ""
    files: list[Component] = field(default_factory=list)


def checklist(dossier: Dossier, day: dt.date | None = None) -> list[ChecklistLine]:
    """What the dossier's candidates need, as the rules stand on `day` (default: the day it was
    sent, else today) — only a sudden dossier's list depends on the day."""
    procedure = None
    if dossier.kind == DossierKind.SUDDEN:
        procedure = procedure_on(day or dossier.submitted_on or timezone.localdate())
    candidates = list(dossier.candidates.select_related("person").prefetch_related("initiatives"))
    comps = list(dossier.components.order_by("-uploaded_at", "-id"))
    lines: list[ChecklistLine] = []
    seen: set[tuple[str, int | None]] = set()
    for candidate in candidates:
        for req in policy.requirements(dossier.kind, candidate.award, procedure):
            who = candidate if req.per_candidate else None
            key = (req.kind, who.pk if who else None)
            if key in seen:
                continue
            seen.add(key)
            lines.append(_line(dossier, req, who, comps))
    return lines


def _line(
    dossier: Dossier, req: policy.Requirement, who: Candidate | None, comps: list[Component]
) -> ChecklistLine:
    kinds = (req.kind, *req.alternatives)
    files = [c for c in comps if c.kind in kinds and c.candidate_id == (who.pk if who else None)]
    label = " / ".join(str(ComponentKind(k).label) for k in kinds)
    line = ChecklistLine(req.kind, label, who, req.generated, bool(files), "", files=files)
    if files:
        line.source = "uploaded"
    elif req.generated:
        line.satisfied, line.source = True, "generated"
    elif who is not None:
        evidence = _records_evidence(dossier, req, who)
        if evidence:
            line.satisfied, line.source, line.evidence = True, "records", evidence
    return line


def _records_evidence(dossier: Dossier, req: policy.Requirement, who: Candidate) -> str:
    """Proof that the records already hold: the initiatives chosen for the candidate (registered
    with their recognising decision), or, where it may stand instead, an HTXS rating."""
    kinds = (req.kind, *req.alternatives)
    if ComponentKind.INITIATIVE in kinds:
        items = list(who.initiatives.all())
        if items:
            return "; ".join(f"{i.title} ({i.recognizing_decision or i.code})" for i in items)
    if ComponentKind.RATING in kinds and who.person_id is not None:
        htxs = Rating.objects.filter(person_id=who.person_id, year=dossier.year, rating="HTXS")
        if htxs.exists():
            return _("Xếp loại Hoàn thành xuất sắc nhiệm vụ năm %(y)s") % {"y": dossier.year}
    return ""


def missing_components(dossier: Dossier, day: dt.date | None = None) -> list[str]:
    out = []
    for line in checklist(dossier, day):
        if not line.satisfied:
            out.append(f"{line.label} ({line.candidate.name})" if line.candidate else line.label)
    return out
