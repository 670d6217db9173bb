"""The small demo's exemplary models and public site: every state of the way, both eras (the
COVID-19 movement and 2025), drawn photos that are real JPEGs, spreading records, published
decisions; the public pages open for an anonymous visitor with few queries."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from tdkt.demo.build import build_demo
from tdkt.publicity.models import DecisionPublication, Example, Photo, SpreadRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_demo(size="small", say=lambda _m: None)


def test_the_demo_has_examples_in_every_state_of_both_eras(demo):
    states = Counter(Example.objects.values_list("status", flat=True))
    assert set(states) == {"draft", "submitted", "returned", "approved", "published", "unpublished"}
    assert states["published"] > sum(n for s, n in states.items() if s != "published")
    assert {2021, 2025} <= set(Example.objects.values_list("year", flat=True))
    assert set(Example.objects.values_list("kind", flat=True)) == {"person", "collective", "model"}
    covid = Example.objects.filter(year=2021).first()
    assert "COVID-19" in covid.movements.get().name and covid.movements.get().status == "closed"
    recent = Example.objects.filter(year=2025).first()
    assert recent.movements.get().name == "Phong trào thi đua năm 2025"
    assert SpreadRecord.objects.exists()
    assert DecisionPublication.objects.filter(status="published").count() >= 5
    assert demo.counts["examples"] == Example.objects.count()
    # The demo accounts find their work: Khu vực 1 drafts, its province has one to approve.
    kv1 = Counter(
        Example.objects.filter(unit__code="kv-quang-tri-01").values_list("status", flat=True)
    )
    assert {"draft", "submitted", "returned", "published"} <= set(kv1)


def test_the_demo_photos_are_jpegs_with_thumbnails(demo):
    photos = list(Photo.objects.all())
    assert photos and all(p.alt_text for p in photos)
    for path in {p.image.name for p in photos}:
        with default_storage.open(path) as handle:
            assert Image.open(io.BytesIO(handle.read())).format == "JPEG"


def test_a_visitor_reads_the_demo_public_site_with_few_queries(demo):
    visitor = Client()
    published = Example.objects.filter(status="published").order_by("pk")
    decision = DecisionPublication.objects.filter(status="published").order_by("pk").first()
    urls = [
        reverse("public:home"),
        reverse("public:example_list"),
        reverse("public:example_list") + "?q=phong+chong+dich",
        reverse("public:decision_list"),
        reverse("public:decision_detail", args=[decision.decision_id]),
        *[reverse("public:example_detail", args=[e.pk]) for e in published],
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = visitor.get(url)
        assert response.status_code == 200, url
        assert len(queries) <= 10, (url, len(queries))
    hidden = Example.objects.exclude(status="published").first()
    assert visitor.get(reverse("public:example_detail", args=[hidden.pk])).status_code == 404
