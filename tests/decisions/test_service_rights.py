"""The decisions' services refuse, by themselves, an actor without the right on the issuer (to
draft and pay: "decide"; to sign and revoke: "sign"): NotAllowed, and nothing written."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest

from tdkt.audit.models import AuditEntry
from tdkt.decisions import layouts, services
from tdkt.decisions.models import Awardee, CertificateLayout, Decision
from tdkt.errors import NotAllowed
from tdkt.workflow.clock import at_noon
from tests.decisions.conftest import SIGNED

pytestmark = pytest.mark.django_db
LATER = dt.date(2026, 3, 1)
REASON = "Kết luận thanh tra xác định thành tích năm 2025 được kê khai không trung thực."
REVOKE = {"ground": "a_khai_man", "reason": REASON, "revoked_on": LATER, "now": at_noon(LATER)}

CALLS = {
    "draft_decision": lambda d, a: services.draft_decision(actor=a, meeting=d.meeting),
    "update_decision": lambda d, a: services.update_decision(
        actor=a, decision=d, version=d.version, title="Trích yếu khác"
    ),
    "submit_for_signature": lambda d, a: services.submit_for_signature(
        actor=a, decision=d, version=d.version
    ),
    "return_decision": lambda d, a: services.return_decision(
        actor=a, decision=d, version=d.version, reason_code="other", reason=REASON
    ),
    "sign_decision": lambda d, a: services.sign_decision(
        actor=a,
        decision=d,
        version=d.version,
        number="16",
        signed_on=SIGNED,
        signer_name="Nguyễn Huy Tiến",
        now=at_noon(SIGNED),
    ),
    "revoke_decision": lambda d, a: services.revoke_decision(
        actor=a, decision=d, version=d.version, **REVOKE
    ),
    "revoke_awardee": lambda d, a: services.revoke_awardee(
        actor=a, awardee=d.awardees.first(), version=d.version, **REVOKE
    ),
    "record_payment": lambda d, a: services.record_payment(
        actor=a, awardee=d.awardees.first(), paid_on=LATER
    ),
    "record_recovery": lambda d, a: services.record_recovery(actor=a, awardee=d.awardees.first()),
    "mark_printed": lambda d, a: services.mark_printed(
        actor=a, decision=d, awardees=list(d.awardees.all())
    ),
    "save_layout": lambda d, a: layouts.save_layout(actor=a, issuer=d.issuer, name_size_pt=30),
}


def _state(decision: Decision) -> tuple:
    decision.refresh_from_db()
    lines = Awardee.objects.order_by("pk").values_list("money_status", "paid_on", "printed_at")
    counts = tuple(m.objects.count() for m in (AuditEntry, Decision, CertificateLayout))
    return counts, decision.status, decision.version, decision.title, list(lines)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_an_actor_without_the_right_on_the_issuer_is_refused_and_nothing_is_written(
    world, decision, outsider, name
):
    before = _state(decision)
    # Another province; the unit whose people the decision names (it sees the decision).
    for actor in (outsider, world.kv1_officer):
        with pytest.raises(NotAllowed):
            CALLS[name](decision, actor)
    assert _state(decision) == before


def test_the_issuers_officer_marks_the_certificates_printed(world, decision):
    services.mark_printed(
        actor=world.vkstc_officer, decision=decision, awardees=[decision.awardees.first()]
    )
    printed = decision.awardees.values_list("printed_at", flat=True)
    assert sorted(p is not None for p in printed) == [False, True]
    assert AuditEntry.objects.filter(action="certificate.printed").count() == 1


def test_every_decision_service_that_takes_an_actor_is_in_this_test():
    acting = {
        name
        for module in (services, layouts)
        for name, value in vars(module).items()
        if inspect.isfunction(value)
        and not name.startswith("_")
        and value.__module__ == module.__name__
        and "actor" in inspect.signature(value).parameters
    }
    assert acting == set(CALLS)
