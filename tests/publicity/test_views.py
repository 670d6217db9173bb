"""The staff screens: drafting through the form, uploading, the actions by state, the queue of
the level above, the decision publication page; a GET to an action answers 404 to whoever may
not act and 405 to whoever may."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.publicity.models import DecisionPublication, Example
from tdkt.publicity.services import decisions
from tests.conftest import login
from tests.publicity.builders import STORY, draft, jpeg_bytes, published, submitted
from tests.publicity.permissions import PUBLICITY_POST_ONLY, qb_decision

pytestmark = pytest.mark.django_db


def form(world, **changes):
    values = {
        "unit": world.s.kv1.pk,
        "kind": "person",
        "person": world.s.an.pk,
        "title": "Kiểm sát viên giỏi tranh tụng",
        "year": 2025,
        "summary": "Đạt giải Nhất hội thi Kiểm sát viên giỏi cấp tỉnh.",
        "story": STORY,
    }
    values.update(changes)
    return values


def test_an_officer_drafts_through_the_form_and_sees_the_example(world):
    client = login(world.kv1_officer)
    assert client.get(reverse("publicity:example_create")).status_code == 200
    response = client.post(reverse("publicity:example_create"), form(world))
    example = Example.objects.get(title="Kiểm sát viên giỏi tranh tụng")
    assert response.status_code == 302 and response.url == reverse(
        "publicity:example_detail", args=[example.pk]
    )
    body = client.get(response.url).content.decode()
    assert (
        "Gửi cấp trên duyệt" in body
        and "Tải ảnh lên" in body
        and "Duyệt" not in body.replace("duyệt", "")
    )


def test_the_form_refreshes_the_people_when_the_unit_changes(world):
    client = login(world.qt_officer)
    response = client.get(
        reverse("publicity:example_create"),
        {"unit": world.s.kv1.pk, "title": "Đang gõ dở"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "Đang gõ dở" in body
    # The person picker now searches the new unit: Nguyễn Văn An of Khu vực 1 is found there.
    assert f'"within": "{world.s.kv1.pk}"' in body
    search = {"q": "nguyen van an", "action": "edit", "within": world.s.kv1.pk}
    assert "Nguyễn Văn An" in client.get(reverse("people:person_search"), search).content.decode()


def test_a_short_story_is_refused_with_the_reason_on_the_form(world):
    response = login(world.kv1_officer).post(
        reverse("publicity:example_create"), form(world, story="Ngắn.")
    )
    assert response.status_code == 200
    assert "ít nhất 100 ký tự" in response.content.decode()
    assert not Example.objects.exists()


def test_an_upload_that_is_not_an_image_is_refused_with_a_vietnamese_message(world):
    example = draft(world)
    client = login(world.kv1_officer)
    fake = SimpleUploadedFile("chan-dung.jpg", b"MZ\x90\x00 this is an executable")
    response = client.post(
        reverse("publicity:photo_add", args=[example.pk]),
        {"file": fake, "alt_text": "Chân dung", "version": example.version},
        follow=True,
    )
    assert "không phải là ảnh" in response.content.decode()
    assert not example.photos.exists()
    good = SimpleUploadedFile("chan-dung.jpg", jpeg_bytes())
    client.post(
        reverse("publicity:photo_add", args=[example.pk]),
        {
            "file": good,
            "alt_text": "Chân dung",
            "caption": "Tại trụ sở",
            "order": "3",
            "version": 1,
        },
    )
    photo = example.photos.get()
    shown = client.get(reverse("publicity:photo_thumb", args=[photo.pk]))
    assert shown.status_code == 200 and "private" in shown["Cache-Control"]
    wide = SimpleUploadedFile("toan-canh.jpg", jpeg_bytes(color="#225588"))
    client.post(
        reverse("publicity:photo_add", args=[example.pk]),
        {"file": wide, "alt_text": "Toàn cảnh", "order": "", "version": 2},
    )
    assert [(p.alt_text, p.order) for p in example.photos.all()] == [
        ("Toàn cảnh", 1),
        ("Chân dung", 3),
    ]


def test_the_level_above_sees_the_queue_and_acts(world):
    example = submitted(world)
    client = login(world.qt_officer)
    queue = client.get(reverse("publicity:example_list"), {"cho_duyet": "1"}).content.decode()
    assert example.title in queue
    body = client.get(reverse("publicity:example_detail", args=[example.pk])).content.decode()
    assert "Duyệt" in body and "Trả lại" in body
    client.post(
        reverse("publicity:example_approve", args=[example.pk]), {"version": example.version}
    )
    example.refresh_from_db()
    client.post(
        reverse("publicity:example_publish", args=[example.pk]), {"version": example.version}
    )
    example.refresh_from_db()
    assert example.status == "published"
    assert (
        example.title
        not in client.get(reverse("publicity:example_list"), {"cho_duyet": "1"}).content.decode()
    )


def test_a_return_without_reason_shows_the_error_and_changes_nothing(world):
    example = submitted(world)
    response = login(world.qt_officer).post(
        reverse("publicity:example_return", args=[example.pk]),
        {"version": example.version, "reason_code": "incomplete", "reason": "Thiếu"},
        follow=True,
    )
    assert "ít nhất 20 ký tự" in response.content.decode()
    example.refresh_from_db()
    assert example.status == "submitted"


def test_the_list_filters_by_status_and_answers_htmx_with_the_table_only(world):
    draft(world, title="Bản nháp của khu vực 1 về tiếp dân")
    done = published(world, title="Điển hình đã công bố về tiếp dân")
    client = login(world.qt_officer)
    partial = client.get(
        reverse("publicity:example_list"),
        {"trang_thai": "published", "q": "tiep dan"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert done.title in partial and "Bản nháp" not in partial and "<html" not in partial
    outsider = login(world.outsider).get(reverse("publicity:example_list")).content.decode()
    assert done.title not in outsider


@pytest.mark.parametrize("name", sorted(PUBLICITY_POST_ONLY))
def test_a_get_to_an_action_is_404_to_outsiders_and_405_to_those_who_may_act(world, name):
    kwargs = PUBLICITY_POST_ONLY[name](world.s)
    if name == "publicity:decision_unpublish":
        decisions.publish_decision(actor=None, decision=qb_decision(world.s))
    url = reverse(name, kwargs=kwargs)
    assert login(world.outsider).get(url).status_code == 404
    actor = world.kv1_officer if name in OWNER_ACTIONS else world.qt_officer
    assert login(actor).get(url).status_code == 405


OWNER_ACTIONS = {
    "publicity:example_submit",
    "publicity:photo_add",
    "publicity:photo_remove",
    "publicity:spread_add",
    "publicity:example_unpublish",
}


def test_the_unit_cannot_approve_its_own_example(world):
    example = submitted(world)
    client = login(world.kv1_officer)
    assert client.post(reverse("publicity:example_approve", args=[example.pk])).status_code == 404
    assert (
        "Duyệt</button>"
        not in client.get(reverse("publicity:example_detail", args=[example.pk])).content.decode()
    )


def test_a_decision_is_published_from_its_page(world):
    decision = qb_decision(world.s)
    client = login(world.qt_officer)
    body = client.get(reverse("publicity:decision_detail", args=[decision.pk])).content.decode()
    assert "Công bố trên trang công khai" in body and "Nguyễn Văn An" in body
    client.post(reverse("publicity:decision_publish", args=[decision.pk]), {"note": "Bản chính"})
    publication = DecisionPublication.objects.get(decision=decision)
    assert publication.is_public and publication.note == "Bản chính"
    listing = client.get(reverse("publicity:decision_list"), {"cong_bo": "yes"}).content.decode()
    assert "12/QĐ-VKS" in listing
    client.post(
        reverse("publicity:decision_unpublish", args=[decision.pk]),
        {
            "version": publication.version,
            "reason_code": "other",
            "reason": "Đăng nhầm bản dự thảo, sẽ đăng lại.",
        },
    )
    publication.refresh_from_db()
    assert not publication.is_public
    assert (
        login(world.kv1_officer)
        .post(reverse("publicity:decision_publish", args=[decision.pk]))
        .status_code
        == 404
    )
