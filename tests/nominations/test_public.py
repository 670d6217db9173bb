"""Public comment: the list published on a page anyone may open, for a set number of working days;
comments taken in (CSRF, length, rate), shown to the officers and the council, never in public;
no council before the period ends."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tdkt.errors import Conflict, InvalidData, TransitionNotAllowed
from tdkt.nominations.models import PublicComment
from tdkt.nominations.services import moves, publicity
from tdkt.workflow.clock import at_noon
from tests.conftest import login
from tests.nominations.builders import DAY, new_dossier

pytestmark = pytest.mark.django_db
COMMENT = "Tôi xác nhận đồng chí An nhiều năm liền hoàn thành xuất sắc nhiệm vụ."


def received(world, awards=None):
    dossier = new_dossier(world, awards=awards or {world.s.an: "LDTT", world.cuc: "CSTDCS"})
    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    moves.receive_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
    return dossier


def publish(world, dossier, days=5, start=DAY):
    return publicity.publish_for_comment(
        actor=world.qt_officer,
        dossier=dossier,
        version=dossier.version,
        working_days=days,
        starts_on=start,
        now=at_noon(start),
    )


def test_the_period_counts_its_first_day_and_skips_weekends_and_holidays():
    monday = dt.date(2026, 1, 12)
    assert publicity.period_end(monday, 5) == dt.date(2026, 1, 16)
    assert publicity.period_end(monday, 10) == dt.date(2026, 1, 23)
    assert publicity.period_end(dt.date(2026, 1, 17), 1) == dt.date(2026, 1, 19)
    # Opening on 30/4/2026 (a holiday, then 1/5): ten working days run 4/5 to 15/5.
    assert publicity.period_end(dt.date(2026, 4, 30), 10) == dt.date(2026, 5, 15)


def test_publishing_sets_the_period_and_refuses_a_second_or_a_short_one(world):
    dossier = received(world)
    with pytest.raises(InvalidData, match="ít nhất 5") as short:
        publish(world, dossier, days=3)
    assert short.value.code == "too_short"
    period = publish(world, dossier)
    assert (period.starts_on, period.ends_on, period.working_days) == (DAY, dt.date(2026, 1, 16), 5)
    with pytest.raises(Conflict):
        publish(world, dossier)


def test_awards_that_require_consultation_need_ten_working_days_and_block_the_council(world):
    dossier = received(world, awards={world.s.an: "CSTD_TQ"})
    with pytest.raises(TransitionNotAllowed, match="phải được công khai") as refused:
        moves.send_to_council(
            actor=world.qt_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
        )
    assert refused.value.code == "comment_period"
    with pytest.raises(InvalidData, match="ít nhất 10"):
        publish(world, dossier, days=9)
    period = publish(world, dossier, days=10)
    assert period.ends_on == dt.date(2026, 1, 23)


def test_the_council_waits_for_the_end_of_the_period(world):
    dossier = received(world)
    period = publish(world, dossier)
    for day in (period.starts_on, period.ends_on):
        with pytest.raises(TransitionNotAllowed, match="Đang lấy ý kiến"):
            moves.send_to_council(
                actor=world.qt_officer, dossier=dossier, version=dossier.version, now=at_noon(day)
            )
    moves.send_to_council(
        actor=world.qt_officer,
        dossier=dossier,
        version=dossier.version,
        now=at_noon(period.ends_on + dt.timedelta(days=1)),
    )
    assert dossier.status == "council_review"


def test_only_a_received_dossier_is_published(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    with pytest.raises(Exception):  # noqa: B017 — NotAllowed before it is sent: nobody holds it
        publish(world, dossier)
    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    with pytest.raises(TransitionNotAllowed):
        publish(world, dossier)


def test_the_public_page_shows_only_the_published_list(world):
    dossier = received(world)
    dossiers_candidate = dossier.candidates.get(person=world.s.an)
    dossiers_candidate.justification = "Giải trình nội bộ không được công khai ra ngoài."
    dossiers_candidate.save()
    period = publish(world, dossier)
    publicity.add_public_comment(
        period=period,
        stance="oppose",
        text="Ý kiến riêng gửi Hội đồng, không được hiện công khai.",
        now=dt.datetime(2026, 1, 13, 9, tzinfo=dt.UTC),
    )
    anonymous = Client()
    with time_machine.travel(dt.datetime(2026, 1, 13, 9, tzinfo=dt.UTC), tick=False):
        listing = anonymous.get(reverse("nominations:public_list"))
        page = anonymous.get(reverse("nominations:public_detail", args=[period.token]))
    assert listing.status_code == 200 and dossier.title in listing.content.decode()
    body = page.content.decode()
    assert page.status_code == 200
    for shown in (
        "Nguyễn Văn An",
        "Lê Thị Cúc",
        "Lao động tiên tiến",
        "Chiến sĩ thi đua cơ sở",
        "Hoàn thành xuất sắc nhiệm vụ năm 2025",
        world.s.kv1.name,
    ):
        assert shown in body
    for hidden in (
        "044085001234",
        "02/04/1985",
        "Giải trình nội bộ",
        "không được hiện công khai",
        "Đủ điều kiện",
        "ldtt.rating",
        "Đăng xuất",
    ):
        assert hidden not in body
    with time_machine.travel(dt.datetime(2026, 1, 11, 9, tzinfo=dt.UTC), tick=False):
        assert (
            anonymous.get(reverse("nominations:public_detail", args=[period.token])).status_code
            == 404
        )
        assert (
            dossier.title not in anonymous.get(reverse("nominations:public_list")).content.decode()
        )


def test_a_comment_needs_the_csrf_token_and_enough_text(world):
    period = publish(world, received(world))
    url = reverse("nominations:public_detail", args=[period.token])
    strict = Client(enforce_csrf_checks=True)
    with time_machine.travel(dt.datetime(2026, 1, 13, 9, tzinfo=dt.UTC), tick=False):
        assert strict.post(url, {"stance": "approve", "text": COMMENT}).status_code == 403
        page = strict.get(url)
        token = page.cookies["csrftoken"].value
        short = strict.post(
            url, {"stance": "approve", "text": "Đồng ý", "csrfmiddlewaretoken": token}
        )
        assert short.status_code == 200 and "ít nhất 20" in short.content.decode()
        sent = strict.post(
            url,
            {
                "stance": "approve",
                "text": COMMENT,
                "name": "Trần Văn Dân",
                "candidate": period.dossier.candidates.get(person=world.s.an).pk,
                "csrfmiddlewaretoken": token,
            },
        )
        assert sent.status_code == 302
    comment = PublicComment.objects.get()
    assert comment.text == COMMENT and comment.name == "Trần Văn Dân"
    assert comment.candidate.person == world.s.an and len(comment.client_key) == 64


def test_comments_are_rate_limited_and_refused_outside_the_period(world):
    period = publish(world, received(world))
    now = dt.datetime(2026, 1, 13, 9, tzinfo=dt.UTC)
    for _ in range(publicity.COMMENTS_PER_HOUR):
        publicity.add_public_comment(
            period=period, stance="approve", text=COMMENT, client="k", now=now
        )
    with pytest.raises(InvalidData) as limited:
        publicity.add_public_comment(
            period=period, stance="approve", text=COMMENT, client="k", now=now
        )
    assert limited.value.code == "rate_limited"
    publicity.add_public_comment(
        period=period, stance="approve", text=COMMENT, client="other", now=now
    )
    late = dt.datetime(2026, 1, 20, 9, tzinfo=dt.UTC)
    with pytest.raises(TransitionNotAllowed):
        publicity.add_public_comment(
            period=period, stance="approve", text=COMMENT, client="z", now=late
        )


def test_officers_and_the_council_read_the_comments(world):
    dossier = received(world)
    period = publish(world, dossier)
    publicity.add_public_comment(
        period=period,
        stance="opinion",
        text="Đề nghị Hội đồng xác minh thêm thành tích năm 2025.",
        now=dt.datetime(2026, 1, 13, 9, tzinfo=dt.UTC),
    )
    for user in (world.qt_officer, world.kv1_officer, world.secretary):
        body = (
            login(user)
            .get(reverse("nominations:dossier_detail", args=[dossier.pk]))
            .content.decode()
        )
        assert "Đề nghị Hội đồng xác minh thêm" in body


def test_one_address_rotating_its_user_agent_is_still_rate_limited(world):
    period = publish(world, received(world))
    url = reverse("nominations:public_detail", args=[period.token])
    with time_machine.travel(dt.datetime(2026, 1, 13, 9, tzinfo=dt.UTC), tick=False):
        for i in range(publicity.COMMENTS_PER_HOUR + 2):
            Client(HTTP_USER_AGENT=f"Trình duyệt {i}").post(
                url, {"stance": "approve", "text": COMMENT}
            )
    assert PublicComment.objects.count() == publicity.COMMENTS_PER_HOUR
