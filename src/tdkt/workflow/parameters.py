"""The dated rule parameters in force (the engine's shipped defaults under the administrators'
corrections), for apps below the eligibility app that keeps them: the records' year grid shows
the share of "Hoàn thành xuất sắc" ratings a unit may give. The store is the function
`settings.TDKT_PARAMETERS` names, so that those apps ask without importing eligibility, which
reads their records."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string

from tdkt.rules.params import ParameterSet


def current_parameters() -> ParameterSet:
    return _store()()


@functools.cache
def _store() -> Callable[[], ParameterSet]:
    return import_string(settings.TDKT_PARAMETERS)  # type: ignore[no-any-return]
