"""The exemplary-model views for the project's permission registry (tests/test_permissions.py).

Every object is on the insiders' side: a draft example of Khu vực 1 - Quảng Trị (about Nguyễn Văn
An) with a photo, and the 2024 decision of VKSND tỉnh Quảng Bình, which the new VKSND tỉnh Quảng
Trị succeeded. Builders find what an earlier one made."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

TITLE = "Điển hình kiểm tra quyền truy cập"


def kv1_example(s: Any) -> Any:
    from tdkt.publicity.models import Example
    from tdkt.publicity.services import examples
    from tests.publicity.builders import STORY, jpeg_upload

    found = Example.objects.filter(unit=s.kv1, title=TITLE).first()
    if found:
        return found
    example = examples.create_example(
        actor=None,
        unit=s.kv1,
        data=examples.ExampleData(
            kind="person",
            person=s.an,
            title=TITLE,
            summary="Một điển hình của Khu vực 1.",
            story=STORY,
            year=2025,
        ),
    )
    examples.add_photo(actor=None, example=example, upload=jpeg_upload(), alt_text="Ảnh")
    return example


def kv1_photo(s: Any) -> Any:
    return kv1_example(s).photos.first()


def qb_decision(s: Any) -> Any:
    from tdkt.records.models import AwardDecision

    return AwardDecision.objects.get(issuer=s.quang_binh, number="12/QĐ-VKS")


PUBLICITY_VIEWS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "publicity:example_list": lambda s: {},
    "publicity:example_create": lambda s: {},
    "publicity:example_detail": lambda s: {"pk": kv1_example(s).pk},
    "publicity:example_edit": lambda s: {"pk": kv1_example(s).pk},
    "publicity:photo": lambda s: {"pk": kv1_photo(s).pk},
    "publicity:photo_thumb": lambda s: {"pk": kv1_photo(s).pk},
    "publicity:decision_list": lambda s: {},
    "publicity:decision_detail": lambda s: {"pk": qb_decision(s).pk},
}
# Lists an outsider opens with his own rows only (and the form to draft for his own unit).
PUBLICITY_LISTS = {
    "publicity:example_list",
    "publicity:example_create",
    "publicity:decision_list",
}
# POST-only actions: a GET answers 404 to whoever may not act, 405 to whoever may
# (tests/publicity/test_views.py).
PUBLICITY_POST_ONLY: dict[str, Callable[[Any], dict[str, Any]]] = {
    "publicity:example_submit": lambda s: {"pk": kv1_example(s).pk},
    "publicity:example_approve": lambda s: {"pk": kv1_example(s).pk},
    "publicity:example_return": lambda s: {"pk": kv1_example(s).pk},
    "publicity:example_publish": lambda s: {"pk": kv1_example(s).pk},
    "publicity:example_unpublish": lambda s: {"pk": kv1_example(s).pk},
    "publicity:photo_add": lambda s: {"pk": kv1_example(s).pk},
    "publicity:photo_remove": lambda s: {"pk": kv1_photo(s).pk},
    "publicity:spread_add": lambda s: {"pk": kv1_example(s).pk},
    "publicity:decision_publish": lambda s: {"pk": qb_decision(s).pk},
    "publicity:decision_unpublish": lambda s: {"pk": qb_decision(s).pk},
}
# The public site: no login, only what is published (tests/publicity/test_public.py).
PUBLICITY_PUBLIC = {
    "public:home",
    "public:example_list",
    "public:example_detail",
    "public:photo",
    "public:photo_thumb",
    "public:decision_list",
    "public:decision_detail",
}
