"""The public site, for a visitor who is not signed in: published examples and decisions only
(everything else is 404, exactly like what does not exist), no personal data, filters by unit
(with its subtree and the units it succeeded), year, movement and words typed without diacritics,
photos served with cache headers, and a bounded number of queries whatever the data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.movements.services import movements as mv
from tdkt.publicity.services import decisions, examples, moves
from tdkt.records import services as records
from tdkt.records.models import AwardDecision
from tests.movements.conftest import data as movement_data
from tests.publicity.builders import NOW, draft, jpeg_upload, published, unpublish

pytestmark = pytest.mark.django_db
REASON = "Ảnh có thông tin cá nhân của người dân, cần thay ảnh khác."


@pytest.fixture
def visitor() -> Client:
    return Client()


def page(client: Client, name: str, *args, **query) -> str:
    response = client.get(reverse(name, args=args), query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def launched_movement(world, name="Phong trào thi đua đặc biệt phòng, chống dịch COVID-19"):
    movement = mv.create_movement(
        actor=None,
        issuer=world.s.vkstc,
        data=movement_data(
            name=name,
            start_year=2021,
            end_year=2021,
            starts_on=dt.date(2021, 1, 1),
            ends_on=dt.date(2021, 11, 30),
            registration_deadline=None,
            answer_deadline=None,
        ),
    )
    return mv.launch_movement(
        actor=None,
        movement=movement,
        target_levels=["tinh"],
        number="9",
        symbol="KH-VKSTC",
        signed_on=dt.date(2021, 1, 1),
    )


def test_a_published_example_is_open_to_everyone_with_its_story_photo_and_links(world, visitor):
    from tdkt.records.models import AwardEntry

    ldtt = AwardEntry.objects.get(person=world.s.an, award="LDTT")
    movement = launched_movement(world)
    example = published(world, awards=[ldtt], movements=[movement])
    examples.record_spread(
        actor=None,
        example=example,
        unit=world.s.quang_tri,
        on=dt.date(2026, 2, 20),
        method="hoi_nghi",
        note="Giới thiệu tại hội nghị điển hình tiên tiến",
        result="Đăng ký học tập",
    )
    body = page(visitor, "public:example_detail", example.pk)
    for shown in (
        example.title,
        "Nguyễn Văn An",
        world.s.kv1.name,
        "Đồng chí luôn gương mẫu",
        "<p>Trong năm, đồng chí trực tiếp",  # paragraphs from the plain text
        "Lao động tiên tiến",
        "12/QĐ-VKS",
        "20/01/2024",
        movement.name,
        "Giới thiệu tại hội nghị điển hình tiên tiến",
        reverse("public:photo", args=[example.photos.get().pk]),
        'name="viewport"',
    ):
        assert shown in body, shown
    for hidden in ("044085001234", "02/04/1985", "Đăng xuất", "tdkt.kv1", "userbox"):
        assert hidden not in body


def test_html_in_a_story_is_shown_as_text(world, visitor):
    example = published(world, story="Câu chuyện <script>alert('x')</script> " + "rất dài " * 20)
    body = page(visitor, "public:example_detail", example.pk)
    assert "<script>alert" not in body and "&lt;script&gt;alert" in body


def at_state(world, state: str):
    """An example with a photo, moved to `state`."""
    example = draft(world)
    examples.add_photo(actor=None, example=example, upload=jpeg_upload(), alt_text="Ảnh")
    ways = {
        "draft": [],
        "submitted": [moves.submit_example],
        "returned": [moves.submit_example, moves.return_example],
        "approved": [moves.submit_example, moves.approve_example],
        "unpublished": [
            moves.submit_example,
            moves.approve_example,
            moves.publish_example,
            moves.unpublish_example,
        ],
    }
    for step in ways[state]:
        step(
            actor=None,
            example=example,
            version=example.version,
            **(
                {"reason_code": "privacy", "reason": REASON}
                if step in (moves.return_example, moves.unpublish_example)
                else {}
            ),
        )
    assert example.status == state
    return example


@pytest.mark.parametrize("state", ["draft", "submitted", "returned", "approved", "unpublished"])
def test_an_example_not_published_is_404_with_its_photos(world, visitor, state):
    example = at_state(world, state)
    assert visitor.get(reverse("public:example_detail", args=[example.pk])).status_code == 404
    for photo in example.photos.all():
        assert visitor.get(reverse("public:photo", args=[photo.pk])).status_code == 404
        assert visitor.get(reverse("public:photo_thumb", args=[photo.pk])).status_code == 404
    assert example.title not in page(visitor, "public:example_list")
    assert example.title not in page(visitor, "public:home")


def test_photos_are_served_with_cache_headers_and_answer_304_when_unchanged(world, visitor):
    photo = published(world).photos.get()
    response = visitor.get(reverse("public:photo", args=[photo.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    assert response.content[:3] == b"\xff\xd8\xff"
    again = visitor.get(
        reverse("public:photo", args=[photo.pk]), HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304
    thumb = visitor.get(reverse("public:photo_thumb", args=[photo.pk]))
    assert thumb.status_code == 200 and thumb["ETag"] != response["ETag"]
    assert not any("media" in v for v in (response.get("Location", ""),))


def test_the_list_finds_examples_without_diacritics_and_by_year_movement_and_kind(world, visitor):
    movement = launched_movement(world)
    an = published(world, photo=False, movements=[movement], year=2021)
    model = published(
        world,
        photo=False,
        kind="model",
        person=None,
        model_name="Phòng tiếp công dân điện tử",
        title="Mô hình tiếp công dân trực tuyến",
        year=2025,
    )

    def found(**query) -> set[str]:
        body = page(visitor, "public:example_list", **query)
        return {e.title for e in (an, model) if e.title in body}

    assert found(q="nguyen van an") == {an.title}
    assert found(q="TIEP CONG DAN TRUC TUYEN") == {model.title}
    assert found(q="tiếp công dân trực tuyến") == {model.title}
    assert found(q="cong dan") == {an.title, model.title}  # every word, anywhere
    assert found(nam="2021") == {an.title}
    assert found(phong_trao=str(movement.pk)) == {an.title}
    assert found(loai="model") == {model.title}
    assert found(q="khong co gi nhu vay") == set()


def test_the_unit_filter_covers_the_subtree_and_the_units_succeeded(world, visitor):
    s = world.s
    regional = published(world, photo=False, title="Điển hình của khu vực 1 sau sáp nhập")
    # Written in 2024 by Quảng Bình (dissolved into the new Quảng Trị) about its district.
    old = published(
        world,
        photo=False,
        unit=s.quang_binh,
        actor=None,
        kind="collective",
        person=None,
        collective=s.dong_hoi,
        title="Tập thể Đồng Hới trước sáp nhập",
        year=2024,
        now=NOW.replace(year=2024),
    )
    elsewhere = published(
        world, photo=False, unit=s.ben_tre, actor=None, person=s.binh, title="Điển hình của Bến Tre"
    )

    def titles(unit) -> set[str]:
        body = page(visitor, "public:example_list", don_vi=str(unit.pk))
        return {e.title for e in (regional, old, elsewhere) if e.title in body}

    assert titles(s.quang_tri) == {regional.title, old.title}
    assert titles(s.quang_binh) == {old.title}
    assert titles(s.kv1) == {regional.title}
    assert titles(s.ben_tre) == {elsewhere.title}
    assert titles(s.vkstc) == {regional.title, old.title, elsewhere.title}
    choices = page(visitor, "public:example_list")
    assert s.quang_tri.name in choices and s.kv1.name in choices


def test_published_decisions_show_names_posts_and_awards_but_no_private_data(world, visitor):
    decision = AwardDecision.objects.get(number="12/QĐ-VKS")
    assert visitor.get(reverse("public:decision_detail", args=[decision.pk])).status_code == 404
    decisions.publish_decision(actor=world.qt_officer, decision=decision, note="Bản chính đã ký")
    body = page(visitor, "public:decision_detail", decision.pk)
    for shown in (
        "12/QĐ-VKS",
        "20/01/2024",
        "Nguyễn Văn An",
        "Kiểm sát viên",
        "Lao động tiên tiến",
        "Tập thể lao động tiên tiến",
        "Bản chính đã ký",
        world.s.quang_binh.name,
    ):
        assert shown in body, shown
    for hidden in ("044085001234", "02/04/1985", "1985", "đ</td>", "Đăng xuất"):
        assert hidden not in body, hidden
    listing = page(visitor, "public:decision_list", q="12/QĐ")
    assert "12/QĐ-VKS" in listing
    assert "12/QĐ-VKS" not in page(visitor, "public:decision_list", nam="2023")
    assert "12/QĐ-VKS" in page(visitor, "public:decision_list", co_quan=world.s.quang_binh.name)


def test_a_revoked_line_says_so_and_its_reason_is_not_shown(world, visitor):
    decision = AwardDecision.objects.get(number="12/QĐ-VKS")
    decisions.publish_decision(actor=world.qt_officer, decision=decision)
    records.revoke_award(
        actor=None,
        entry=decision.entries.get(person=world.s.an),
        revoked_on=dt.date(2025, 3, 1),
        reason="Vi phạm kỷ luật phát hiện sau khi khen thưởng, lý do nội bộ.",
        revocation_decision="5/QĐ-VKS",
    )
    body = page(visitor, "public:decision_detail", decision.pk)
    # The public was told of the award: it is told of its annulment, not of the internal reason.
    assert "lý do nội bộ" not in body
    assert "<s>Lao động tiên tiến</s>" in body and "Đã hủy bỏ ngày 01/03/2025 (5/QĐ-VKS)" in body
    assert "Tập thể lao động tiên tiến" in body and 'id="revoked"' not in body


def test_an_unpublished_decision_is_404_and_leaves_the_lists(world, visitor):
    decision = AwardDecision.objects.get(number="12/QĐ-VKS")
    publication = decisions.publish_decision(actor=world.qt_officer, decision=decision)
    assert "12/QĐ-VKS" in page(visitor, "public:home")
    unpublish(world, publication, REASON)
    assert visitor.get(reverse("public:decision_detail", args=[decision.pk])).status_code == 404
    assert "12/QĐ-VKS" not in page(visitor, "public:decision_list")
    assert "12/QĐ-VKS" not in page(visitor, "public:home")


def test_the_home_page_links_the_candidate_lists_open_for_comment(world, visitor):
    body = page(visitor, "public:home")
    assert reverse("nominations:public_list") in body
    comment_page = page(visitor, "nominations:public_list")
    assert 'class="pub-header"' in comment_page and reverse("public:home") in comment_page


def test_only_reads_are_answered(world, visitor):
    assert visitor.post(reverse("public:home")).status_code == 405


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_public_pages_need_the_same_few_queries_for_two_examples_or_ten(world, visitor):
    from tdkt.records.models import AwardEntry

    ldtt = AwardEntry.objects.get(person=world.s.an, award="LDTT")
    decision = AwardDecision.objects.get(number="12/QĐ-VKS")
    decisions.publish_decision(actor=None, decision=decision)
    first = published(world, awards=[ldtt])
    published(world)
    urls = [
        reverse("public:home"),
        reverse("public:example_list"),
        reverse("public:example_list") + f"?q=tam+guong&nam=2025&don_vi={world.s.quang_tri.pk}",
        reverse("public:example_detail", args=[first.pk]),
        reverse("public:decision_list"),
        reverse("public:decision_detail", args=[decision.pk]),
    ]
    before = {url: _queries(visitor, url) for url in urls}
    for _ in range(8):
        published(world, awards=[ldtt])
    for i in range(3):
        extra = examples.record_spread(
            actor=None,
            example=first,
            unit=world.s.kv1,
            on=dt.date(2026, 2, 1 + i),
            method="bai_viet",
        )
        assert extra
    after = {url: _queries(visitor, url) for url in urls}
    assert after == before
    assert max(after.values()) <= 10, after
