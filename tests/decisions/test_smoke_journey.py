from __future__ import annotations

import datetime as dt

import pytest

from tests.nominations.builders import signed_decision, voted

pytestmark = pytest.mark.django_db


def test_smoke(world):
    meeting = voted(world, {"Nguyễn Văn An": 10, "Lê Thị Cúc": 9})
    decision = signed_decision(world, meeting, dt.date(2026, 1, 20))
    print([(a.name, a.amount, a.coefficient, a.base_salary) for a in decision.awardees.all()])
    dossier = meeting.items.first().candidate.dossier  # read afresh
    assert dossier.status == "decided"
