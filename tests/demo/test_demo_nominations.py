"""The demo's nomination dossiers: several states, comment periods open today on the public page,
candidates from the proposing unit."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tdkt.nominations.models import Candidate, CommentPeriod, Dossier, DossierStatus
from tdkt.nominations.selectors import open_periods
from tdkt.org.models import UnitScope

pytestmark = pytest.mark.django_db


def test_dossiers_in_several_states(small):
    statuses = set(Dossier.objects.values_list("status", flat=True))
    assert {DossierStatus.DRAFT, DossierStatus.SUBMITTED, DossierStatus.RECEIVED} <= statuses
    assert Candidate.objects.count() >= 2 * Dossier.objects.count()
    sent = Dossier.objects.exclude(status=DossierStatus.DRAFT)
    assert all(d.receiver_id is not None and d.submitted_on is not None for d in sent)
    # Quảng Trị's region 1 proposes to its province, as the demo account of that region.
    home = Dossier.objects.get(unit__code="kv-quang-tri-01")
    assert home.receiver.code == "t25-quang-tri"
    assert home.created_by.username == "tdkt.kv1quangtri"


def test_open_comment_periods_on_the_public_page(small):
    periods = list(open_periods(timezone.localdate()))
    assert len(periods) >= 2
    assert all(p.dossier.status == DossierStatus.RECEIVED for p in periods)
    response = Client().get(reverse("nominations:public_list"))
    assert response.status_code == 200
    page = response.content.decode()
    for period in periods:
        # The list names each dossier and links to its page, which lists the candidates.
        assert period.dossier.title in page
        detail = reverse("nominations:public_detail", args=[period.token])
        assert detail in page
        shown = Client().get(detail).content.decode()
        for candidate in period.dossier.candidates.all():
            assert candidate.name in shown
    assert CommentPeriod.objects.filter(comments__isnull=False).exists()


def test_candidates_belong_to_the_sending_unit(small):
    assert Dossier.objects.exists()
    for dossier in Dossier.objects.prefetch_related("candidates__person"):
        subtree = set(
            UnitScope.objects.filter(ancestor_id=dossier.unit_id).values_list(
                "descendant_id", flat=True
            )
        )
        for candidate in dossier.candidates.all():
            assert candidate.person is not None
            assert candidate.person.unit_id in subtree, (dossier.code, candidate.name)
