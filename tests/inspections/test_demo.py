"""The small demo's inspection: VKSND tỉnh Quảng Trị's 2025 work inspected within its 2025
emulation cluster, concluded, with one limitation and two recommendations (one fixed and
accepted, one past its deadline), and its pages open for the province's officer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.accounts.models import User
from tdkt.demo.build import build_demo
from tdkt.inspections.models import Inspection
from tdkt.inspections.selectors import overdue_recommendations
from tdkt.workflow.clock import at_noon

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_demo(size="small", say=lambda _m: None)


def test_the_demo_inspection_is_concluded_with_one_fixed_and_one_overdue_recommendation(demo):
    inspection = Inspection.objects.get()
    assert inspection.status == "da_ket_luan"
    assert inspection.cluster is not None and inspection.cluster.year == 2025
    target = inspection.targets.get()
    assert target.unit.code == "t25-quang-tri"
    assert target.self_report_submitted_at is not None
    assert target.self_report_figures["registrations_total"] > 0
    assert inspection.team.filter(role="truong_doan").count() == 1
    verdicts = set(target.findings.values_list("verdict", flat=True))
    assert verdicts == {"dat", "han_che"}
    assert sorted(target.recommendations.values_list("status", flat=True)) == [
        "da_chap_nhan",
        "dang_khac_phuc",
    ]
    officer = User.objects.get(username="tdkt.quangtri")
    late = overdue_recommendations(officer, now=at_noon(dt.date(2026, 12, 1)))
    assert [r.text for r in late] == [
        "Bố trí công chức chuyên trách công tác thi đua, khen thưởng."
    ]
    client = Client()
    client.force_login(officer)
    page = client.get(
        reverse("inspections:inspection_detail", args=[inspection.pk]), {"tab": "kien-nghi"}
    )
    assert page.status_code == 200
    assert demo.counts["inspections"] == 1
