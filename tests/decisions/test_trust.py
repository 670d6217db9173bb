"""Issue 12 (trust), point 5 for decisions: one awardee of a signed decision is revoked and the rest
stands, audited, with the money and the ledger consistent; the public page of a revoked decision
or line says so instead of showing an empty list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.audit.models import AuditEntry
from tdkt.decisions import services
from tdkt.decisions.models import DecisionStatus, MoneyStatus
from tdkt.errors import Conflict, NotAllowed, TransitionNotAllowed
from tdkt.notifications.models import Notification
from tdkt.publicity.services import decisions as publicity
from tdkt.records.models import AwardEntry
from tdkt.workflow.clock import at_noon
from tests.conftest import login
from tests.decisions.conftest import REASON, revoke

pytestmark = pytest.mark.django_db
LATER = dt.date(2026, 3, 1)


def revoke_one(world, awardee, **kw):
    return services.revoke_awardee(
        actor=kw.pop("actor", world.leader),
        awardee=awardee,
        version=kw.pop("version", awardee.decision.version),
        ground="a_khai_man",
        reason=REASON,
        revoked_on=LATER,
        revocation_number="41/QĐ-VKSTC",
        now=at_noon(LATER),
        **kw,
    )


def test_one_awardee_is_revoked_and_the_rest_of_the_decision_stands(world, decision):
    an = decision.awardees.get(person=world.s.an)
    cuc = decision.awardees.get(person=world.cuc)
    services.record_payment(actor=world.vkstc_officer, awardee=an, paid_on=dt.date(2026, 1, 25))
    an.refresh_from_db()
    with pytest.raises(NotAllowed):  # the officer drafts; the leader signs and revokes
        revoke_one(world, an, actor=world.vkstc_officer)
    revoke_one(world, an)
    decision.refresh_from_db()
    an.refresh_from_db()
    cuc.refresh_from_db()
    assert decision.status == DecisionStatus.SIGNED
    assert an.entry.revoked_on == LATER and an.entry.revocation_decision == "41/QĐ-VKSTC"
    assert an.money_status == MoneyStatus.TO_RECOVER and an.amount  # paid: to recover
    assert cuc.entry.revoked_on is None and cuc.money_status == MoneyStatus.UNPAID
    audit = AuditEntry.objects.get(action="awardee.revoked")
    assert audit.reason == REASON and audit.after["awardee"] == "Nguyễn Văn An"
    assert Notification.objects.filter(action="awardee.revoked", recipient=world.kv1_officer)
    # Once only, and a stale page is refused.
    with pytest.raises(TransitionNotAllowed):
        revoke_one(world, an)
    with pytest.raises(Conflict):
        revoke_one(world, cuc, version=decision.version - 1)
    # An unpaid line revoked is not paid; its certificate is not printed.
    revoke_one(world, cuc)
    cuc.refresh_from_db()
    assert cuc.money_status == MoneyStatus.CANCELLED
    with pytest.raises(TransitionNotAllowed):
        services.record_payment(actor=world.vkstc_officer, awardee=cuc, paid_on=LATER)
    response = login(world.leader).get(reverse("decisions:certificate_pdf", args=[cuc.pk]))
    assert response.status_code == 302


def test_revoking_the_decision_later_keeps_each_lines_money_state(world, decision):
    an = decision.awardees.get(person=world.s.an)
    services.record_payment(actor=world.vkstc_officer, awardee=an, paid_on=dt.date(2026, 1, 25))
    an.refresh_from_db()
    revoke_one(world, an)
    services.record_recovery(actor=world.vkstc_officer, awardee=an)
    decision.refresh_from_db()
    revoke(decision, actor=world.leader, version=decision.version, revocation_number="42/QĐ-VKSTC")
    money = dict(decision.awardees.values_list("person__full_name", "money_status"))
    assert money == {"Nguyễn Văn An": MoneyStatus.RECOVERED, "Lê Thị Cúc": MoneyStatus.CANCELLED}
    # The line revoked first keeps its own revocation.
    assert AwardEntry.objects.get(awardee=an).revocation_decision == "41/QĐ-VKSTC"


def test_the_screen_revokes_one_awardee(world, decision):
    an = decision.awardees.get(person=world.s.an)
    client = login(world.leader)
    page = client.get(reverse("decisions:decision_detail", args=[decision.pk])).content.decode()
    assert reverse("decisions:awardee_revoke", args=[an.pk]) in page
    prefix = f"kt{an.pk}"
    response = client.post(
        reverse("decisions:awardee_revoke", args=[an.pk]),
        {
            f"{prefix}-version": decision.version,
            f"{prefix}-ground": "a_khai_man",
            f"{prefix}-reason": REASON,
            f"{prefix}-revoked_on": LATER.strftime("%d/%m/%Y")
            if dt.date.today() >= LATER
            else dt.date.today().strftime("%d/%m/%Y"),
            f"{prefix}-revocation_number": "41/QĐ-VKSTC",
        },
    )
    assert response.status_code == 302
    an.refresh_from_db()
    assert an.entry.revoked_on is not None
    assert (
        login(world.vkstc_officer)
        .post(reverse("decisions:awardee_revoke", args=[an.pk]))
        .status_code
        == 404
    )


def test_the_public_page_of_a_revoked_line_says_so(world, decision):
    publicity.publish_decision(actor=world.vkstc_officer, decision=decision.record)
    url = reverse("public:decision_detail", args=[decision.record_id])
    revoke_one(world, decision.awardees.get(person=world.s.an))
    body = Client().get(url).content.decode()
    assert "Đã hủy bỏ ngày 01/03/2026 (41/QĐ-VKSTC)" in body and 'id="revoked"' not in body
    assert "Lê Thị Cúc" in body and REASON not in body


def test_the_public_page_of_a_revoked_decision_says_so(world, decision):
    publicity.publish_decision(actor=world.vkstc_officer, decision=decision.record)
    url = reverse("public:decision_detail", args=[decision.record_id])
    revoke(decision, actor=world.leader, version=decision.version, revocation_number="42/QĐ-VKSTC")
    body = Client().get(url).content.decode()
    assert 'id="revoked"' in body
    assert "Quyết định này đã bị hủy bỏ ngày 01/03/2026" in body and "42/QĐ-VKSTC" in body
    assert "Danh sách không còn người, tập thể nào" not in body
    assert "Nguyễn Văn An" in body and "Lê Thị Cúc" in body and REASON not in body
