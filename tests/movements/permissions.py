"""The movement views for the project's permission registry (tests/test_permissions.py).

Every object belongs to the insiders' side: a movement of the new VKSND tỉnh Quảng Trị launched to
its Khu vực 1 (answered, reviewed), Khu vực 1's register, and the 2024 cluster of the provinces
merged into Quảng Trị with a scoring sheet in draft. Builders find what an earlier one made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone

NOW = timezone.make_aware(dt.datetime(2026, 1, 10, 9, 0))


def qt_movement(s: Any) -> Any:
    from tdkt.movements.models import Movement
    from tdkt.movements.services import answers, reviews
    from tdkt.movements.services import movements as services
    from tests.movements.conftest import data

    found = Movement.objects.filter(
        issuer=s.quang_tri, name="Phong trào thi đua năm 2026 của tỉnh"
    ).first()
    if found:
        return found
    movement = services.create_movement(
        actor=None,
        issuer=s.quang_tri,
        data=data(name="Phong trào thi đua năm 2026 của tỉnh", symbol="KH-VKS"),
        now=NOW,
    )
    services.launch_movement(
        actor=None,
        movement=movement,
        target_levels=["khu_vuc"],
        number="01",
        symbol="KH-VKS",
        signed_on=dt.date(2026, 1, 10),
        now=NOW,
    )
    services.start_movement(actor=None, movement=movement, now=NOW)
    answer = movement.answers.get(unit=s.kv1)
    answers.answer_with_plan(
        actor=None,
        answer=answer,
        plan=answers.PlanData(number="02", symbol="KH-VKS", signed_on=dt.date(2026, 1, 12)),
        now=NOW,
    )
    reviews.record_review(
        actor=None,
        movement=movement,
        data=reviews.ReviewData(kind="interim", held_on=dt.date(2026, 7, 1), symbol="BC-VKS"),
        now=NOW,
    )
    return movement


def qt_draft(s: Any) -> Any:
    from tdkt.movements.models import Movement
    from tdkt.movements.services import movements as services
    from tests.movements.conftest import data

    found = Movement.objects.filter(issuer=s.quang_tri, status="draft").first()
    return found or services.create_movement(
        actor=None, issuer=s.quang_tri, data=data(name="Dự thảo của tỉnh"), now=NOW
    )


def kv1_answer(s: Any) -> Any:
    return qt_movement(s).answers.get(unit=s.kv1)


def qt_review(s: Any) -> Any:
    return qt_movement(s).reviews.first()


def kv1_registration(s: Any) -> Any:
    from tdkt.movements.services import registrations as services

    movement = qt_movement(s)
    registration = services.open_registration(
        actor=None, movement=movement, unit=s.kv1, year=2026, now=NOW
    )
    if not registration.lines.exists():
        services.add_registration_lines(
            actor=None,
            registration=registration,
            people=[services.PersonLine(s.an, "LDTT")],
            now=NOW,
        )
    return registration


def old_cluster(s: Any) -> Any:
    """The 2024 cluster of Quảng Bình and the old Quảng Trị, with its sheet in draft."""
    from tdkt.movements.services.clusters import DEFAULT_CRITERIA, define_sheet
    from tests.org.permissions import qt_cluster

    cluster = qt_cluster(s)
    if not hasattr(cluster, "score_sheet"):
        define_sheet(actor=None, cluster=cluster, criteria=list(DEFAULT_CRITERIA), now=NOW)
    return cluster


MOVEMENT_VIEWS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "movements:movement_list": lambda s: {},
    "movements:movement_create": lambda s: {},
    "movements:movement_detail": lambda s: {"pk": qt_movement(s).pk},
    "movements:movement_edit": lambda s: {"pk": qt_draft(s).pk},
    "movements:movement_launch": lambda s: {"pk": qt_draft(s).pk},
    "movements:review_create": lambda s: {"pk": qt_movement(s).pk},
    "movements:movement_docx": lambda s: {"pk": qt_movement(s).pk},
    "movements:review_detail": lambda s: {"pk": qt_review(s).pk},
    "movements:review_docx": lambda s: {"pk": qt_review(s).pk},
    "movements:inbox": lambda s: {},
    "movements:answer_detail": lambda s: {"pk": kv1_answer(s).pk},
    "movements:answer_results": lambda s: {"pk": kv1_answer(s).pk},
    "movements:answer_docx": lambda s: {"pk": kv1_answer(s).pk},
    "movements:registration_list": lambda s: {},
    "movements:registration_rollup": lambda s: {},
    "movements:registration_open": lambda s: {},
    "movements:registration_approvals": lambda s: {},
    "movements:registration_detail": lambda s: {"pk": kv1_registration(s).pk},
    "movements:cluster_work": lambda s: {"pk": old_cluster(s).pk},
    "movements:pledge_edit": lambda s: {"pk": old_cluster(s).pk},
    "movements:sheet_edit": lambda s: {"pk": old_cluster(s).pk},
    "movements:score_entry": lambda s: {"pk": old_cluster(s).pk, "unit_pk": s.quang_binh.pk},
    "movements:score_history": lambda s: {"pk": old_cluster(s).pk},
    "movements:ranking_xlsx": lambda s: {"pk": old_cluster(s).pk},
}
# Lists and forms an outsider opens too, seeing only his or her own units' rows.
MOVEMENT_LISTS = {
    "movements:movement_list",
    "movements:movement_create",
    "movements:inbox",
    "movements:registration_list",
    "movements:registration_rollup",
    "movements:registration_open",
    "movements:registration_approvals",
}
# Actions answer 404 to a GET from whoever may not act (tests/movements/test_views.py).
MOVEMENT_POST_ONLY = {
    "movements:movement_start",
    "movements:movement_cancel",
    "movements:answer_acknowledge",
    "movements:answer_child",
    "movements:registration_submit",
    "movements:registration_approve",
    "movements:registration_return",
    "movements:registration_line_remove",
    "movements:cluster_leaders",
    "movements:pledge_sign",
    "movements:scores_confirm",
    "movements:sheet_open",
    "movements:sheet_lock",
    "movements:ballot_open",
    "movements:ballot_vote",
    "movements:ballot_close",
}
