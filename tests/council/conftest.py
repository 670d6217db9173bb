from __future__ import annotations

import pytest

from tdkt.council.models import Meeting
from tests.nominations.builders import World, before_council, fast_hashing, world

__all__ = ["fast_hashing", "meeting", "world"]  # the award workflow's shared fixtures, and:


@pytest.fixture
def meeting(world: World) -> Meeting:
    """The sector council's sitting on Khu vực 1's dossier, open: everyone present, no vote yet."""
    return before_council(world)
