from __future__ import annotations

from typing import Any

import pytest

from tdkt.accounts.models import Role, User
from tests.conftest import make_user
from tests.nominations.builders import World, fast_hashing, world

__all__ = ["fast_hashing", "world"]  # the award workflow's fixtures: decisions of VKSND tối cao


@pytest.fixture
def finance(world: World) -> User:
    """The finance officer of VKSND tối cao, who keeps its fund."""
    return make_user("ketoan.vkstc", Role.FINANCE, world.s.vkstc)


@pytest.fixture
def qt_finance(sector: Any) -> User:
    """The finance officer of VKSND tỉnh Quảng Trị."""
    return make_user("ketoan.quangtri", Role.FINANCE, sector.quang_tri)
