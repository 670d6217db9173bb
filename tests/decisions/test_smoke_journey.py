from __future__ import annotations

import datetime as dt

import pytest

from tests.nominations.builders import (
    close,
    new_dossier,
    signed_decision,
    sitting,
    to_vkstc_council,
    vote_all,
)

pytestmark = pytest.mark.django_db


def test_smoke(world):
    dossier = new_dossier(world)
    to_vkstc_council(world, dossier)
    meeting = sitting(world, dossier)
    vote_all(world, meeting, {"Nguyễn Văn An": 10, "Lê Thị Cúc": 9})
    close(world, meeting)
    decision = signed_decision(world, meeting, dt.date(2026, 1, 20))
    print([(a.name, a.amount, a.coefficient, a.base_salary) for a in decision.awardees.all()])
    dossier.refresh_from_db()
    assert dossier.status == "decided"
