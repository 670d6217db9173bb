"""Publishing award decisions of the ledger on the public site, and taking them off.

Who: whoever may `decide` (officers who draft decisions) or `sign` (leaders) on the issuing unit
(administrators hold both). A decision of a state authority (Prime Minister, President), which
has no issuer in the sector, is published by the supreme procuracy. A decision signed through
`tdkt.decisions` is an AwardDecision of the ledger like any other: the same service publishes
it, nothing is hooked into the signing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.errors import Conflict, InvalidData, NotAllowed
from tdkt.org.models import Unit, UnitLevel
from tdkt.publicity.models import (
    PUBLICATION_MACHINE,
    DecisionPublication,
    PublicationStatus,
    PublicationTransition,
)
from tdkt.records.models import AwardDecision
from tdkt.text import clean
from tdkt.workflow import clock
from tdkt.workflow.access import can
from tdkt.workflow.machine import actor_name, move, user_or_none
from tdkt.workflow.reasons import clean_text

NOTE_MAX = 500
P = PublicationStatus


def publisher_unit_id(decision: AwardDecision) -> int | None:
    if decision.issuer_id is not None:
        return decision.issuer_id
    root = Unit.objects.filter(level=UnitLevel.TOI_CAO, parent__isnull=True).order_by("pk")
    return root.values_list("pk", flat=True).first()


def may_publish(actor: Any, decision: AwardDecision) -> bool:
    unit_id = publisher_unit_id(decision)
    return can(actor, "decide", unit_id) or can(actor, "sign", unit_id)


@transaction.atomic
def publish_decision(
    *,
    actor: Any,
    decision: AwardDecision,
    note: str = "",
    version: int | None = None,
    now: dt.datetime | None = None,
) -> DecisionPublication:
    """Put the decision (its number, date, issuer, summary and the names on its list) on the
    public site; again, after it was taken off."""
    _ensure(actor, decision)
    now = clock.now(now)
    if not decision.entries.filter(revoked_on__isnull=True).exists():
        raise InvalidData(
            _("Quyết định không còn người, tập thể nào được khen thưởng: không công bố."),
            code="nothing_to_publish",
        )
    fields = {
        "note": clean(note)[:NOTE_MAX],
        "published_at": now,
        "published_by": user_or_none(actor),
    }
    existing = DecisionPublication.objects.filter(decision=decision).first()
    if existing is None:
        publication = _first(actor, decision, fields, now)
        before = ""
    else:
        publication = existing
        before = move(
            PUBLICATION_MACHINE,
            publication,
            P.PUBLISHED,
            actor=actor,
            now=now,
            version=version,
            fields=fields,
        )
    record(
        actor=actor,
        action="award_decision.published",
        obj=decision,
        before={"status": before} if before else None,
        after={"status": P.PUBLISHED, "note": publication.note},
        unit_id=decision.issuer_id,
    )
    return publication


@transaction.atomic
def unpublish_decision(
    *,
    actor: Any,
    publication: DecisionPublication,
    reason_code: str,
    reason: str,
    version: int | None = None,
    now: dt.datetime | None = None,
) -> DecisionPublication:
    decision = publication.decision
    _ensure(actor, decision)
    before = move(
        PUBLICATION_MACHINE,
        publication,
        P.UNPUBLISHED,
        actor=actor,
        now=now,
        reason_code=reason_code,
        reason=reason,
        version=version,
    )
    record(
        actor=actor,
        action="award_decision.unpublished",
        obj=decision,
        before={"status": before},
        after={"status": P.UNPUBLISHED},
        reason=f"{reason_code}: {clean_text(reason)}",
        unit_id=decision.issuer_id,
    )
    return publication


def _ensure(actor: Any, decision: AwardDecision) -> None:
    if not may_publish(actor, decision):
        raise NotAllowed(
            _("Chỉ người soạn thảo, ký quyết định của cơ quan ban hành mới công bố được.")
        )


def _first(
    actor: Any, decision: AwardDecision, fields: dict[str, Any], now: dt.datetime
) -> DecisionPublication:
    """The first publication: the row is born published, with a transition row from nothing."""
    try:
        with transaction.atomic():
            publication = DecisionPublication.objects.create(decision=decision, **fields)
    except IntegrityError as exc:
        raise Conflict(
            _("Quyết định vừa được người khác công bố."), code="already_published"
        ) from exc
    PublicationTransition.objects.create(
        publication=publication,
        from_status="",
        to_status=P.PUBLISHED,
        at=now,
        actor=user_or_none(actor),
        actor_name=actor_name(actor),
    )
    return publication
