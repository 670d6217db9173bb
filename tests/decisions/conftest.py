from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tdkt.council.models import Meeting
from tdkt.decisions import services
from tdkt.decisions.models import Decision
from tdkt.workflow.clock import at_noon
from tests.nominations.builders import World, fast_hashing, signed_decision, voted, world

__all__ = [
    "closed",
    "decision",
    "fast_hashing",
    "revoke",
    "world",
]  # with the award workflow's fixtures

SIGNED = dt.date(2026, 1, 20)  # the day the decisions of these tests are signed
REVOKED = dt.date(2026, 3, 1)  # the day they are revoked, in the tests that revoke them
REASON = "Kết luận thanh tra xác định thành tích năm 2025 được kê khai không trung thực."


def revoke(
    decision: Decision, *, actor: Any, version: int | None = None, reason: str = REASON, **more: Any
) -> Decision:
    """Revocation on REVOKED (ground a: dishonest declaration), "today" being REVOKED."""
    return services.revoke_decision(
        actor=actor,
        decision=decision,
        version=version,
        ground="a_khai_man",
        reason=reason,
        revoked_on=REVOKED,
        now=at_noon(REVOKED),
        **more,
    )


@pytest.fixture
def closed(world: World) -> Meeting:
    """The sector council's sitting on Khu vực 1's dossier: every member approves both
    candidates (CSTĐ ngành, Bằng khen ngành), and the vote is counted."""
    return voted(world)


@pytest.fixture
def decision(world: World, closed: Meeting) -> Decision:
    """Decision 31/QĐ-VKSTC, signed on SIGNED from that sitting."""
    return signed_decision(world, closed, SIGNED, number="31")
