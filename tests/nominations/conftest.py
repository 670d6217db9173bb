from __future__ import annotations

from tests.nominations.builders import fast_hashing, world

__all__ = ["fast_hashing", "world"]  # the award workflow's shared fixtures
