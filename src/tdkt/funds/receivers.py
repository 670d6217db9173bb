"""The decisions' money events (tdkt.decisions.signals) posted to the fund, inside the event's own
transaction: a refusal here (a payment beyond the balance) rolls the event back."""

from __future__ import annotations

from typing import Any

from tdkt.decisions import signals
from tdkt.funds import services


def on_signed(sender: Any, *, decision: Any, actor: Any, now: Any = None, **_: Any) -> None:
    services.post_commitments(actor=actor, decision=decision, now=now)


def on_paid(sender: Any, *, awardee: Any, actor: Any, now: Any = None, **_: Any) -> None:
    services.post_payment(actor=actor, awardee=awardee, now=now)


def on_revoked(sender: Any, *, awardee: Any, actor: Any, now: Any = None, **_: Any) -> None:
    services.post_revocation(actor=actor, awardee=awardee, now=now)


def on_recovered(sender: Any, *, awardee: Any, actor: Any, now: Any = None, **_: Any) -> None:
    services.post_recovery(actor=actor, awardee=awardee, now=now)


def connect() -> None:
    signals.decision_signed.connect(on_signed, dispatch_uid="funds.on_signed")
    signals.awardee_paid.connect(on_paid, dispatch_uid="funds.on_paid")
    signals.awardee_revoked.connect(on_revoked, dispatch_uid="funds.on_revoked")
    signals.awardee_recovered.connect(on_recovered, dispatch_uid="funds.on_recovered")
