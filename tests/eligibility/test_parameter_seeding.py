"""The shipped parameters come back after every migrate and every flush (post_migrate)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tdkt.eligibility.models import Parameter
from tdkt.rules.params import default_parameters

pytestmark = pytest.mark.django_db(transaction=True)  # flushes: a module of its own


def test_a_flushed_database_gets_the_shipped_parameters_back() -> None:
    call_command("flush", interactive=False, verbosity=0)
    assert Parameter.objects.count() == len(list(default_parameters().records()))


def test_an_administrators_correction_survives_the_next_migrate() -> None:
    row = Parameter.objects.order_by("key", "valid_from").first()
    assert row is not None
    Parameter.objects.filter(pk=row.pk).update(note="Đã đối chiếu công báo.")
    call_command("migrate", interactive=False, verbosity=0)
    assert Parameter.objects.get(pk=row.pk).note == "Đã đối chiếu công báo."
    assert Parameter.objects.count() == len(list(default_parameters().records()))
