"""The dossier screens as each role sees them, and the POST-only actions (a GET answers 404 to
whoever may not act, 405 to whoever may)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tdkt.accounts.models import Role
from tdkt.workflow.clock import at_noon
from tests.conftest import login, make_user
from tests.nominations.builders import DAY, new_dossier
from tests.nominations.permissions import AWARD_POST_ONLY

pytestmark = pytest.mark.django_db
SIGNER_ACTIONS = {
    "decisions:decision_sign",
    "decisions:decision_return",
    "decisions:decision_revoke",
    "decisions:awardee_revoke",
}
# Writing, sending and withdrawing belong to the proposing unit (Khu vực 1), not to the province
# that receives its dossier (issue 12, point 4).
AUTHOR_ACTIONS = {
    "nominations:dossier_edit",
    "nominations:candidate_add",
    "nominations:candidate_remove",
    "nominations:dossier_check",
    "nominations:dossier_submit",
    "nominations:dossier_withdraw",
}


@pytest.mark.parametrize("name", sorted(AWARD_POST_ONLY))
def test_a_get_to_an_action_answers_405_to_the_officer_and_404_to_the_outsider(
    name, sector, officer, outsider
):
    url = reverse(name, kwargs=AWARD_POST_ONLY[name](sector))
    actor = officer
    if name in SIGNER_ACTIONS:  # signing belongs to the unit's leader, not to its officer
        assert login(officer).get(url).status_code == 404
        actor = make_user("lanhdao.qt", Role.LEADER, sector.quang_tri)
    if name in AUTHOR_ACTIONS:
        assert login(officer).get(url).status_code == 404
        actor = make_user("tdkt.kv1.quyen", Role.OFFICER, sector.kv1)
    assert login(actor).get(url).status_code == 405
    expected = 405 if name in ("notifications:mark_read", "council:council_create") else 404
    assert login(outsider).get(url).status_code == expected


@pytest.mark.parametrize("name", sorted(AWARD_POST_ONLY))
def test_a_post_from_the_outsider_answers_404(name, sector, outsider):
    if name == "notifications:mark_read":
        return
    url = reverse(name, kwargs=AWARD_POST_ONLY[name](sector))
    assert login(outsider).post(url, {"version": 1}).status_code == 404


def test_the_author_builds_and_sends_the_dossier_through_the_screens(world):
    client = login(world.kv1_officer)
    response = client.post(
        reverse("nominations:dossier_create"),
        {"unit": world.s.kv1.pk, "kind": "cong_trang", "year": 2025, "title": ""},
    )
    assert response.status_code == 302
    detail = response["Location"]
    pk = int(detail.rstrip("/").rsplit("/", 1)[1])
    page = client.get(detail).content.decode()
    assert "Thêm người, tập thể" in page and "Gửi hồ sơ lên cấp trên" in page
    added = client.post(
        reverse("nominations:candidate_add", args=[pk]),
        {"person": world.s.an.pk, "award": "LDTT", "achievement": "Hoàn thành tốt.", "version": 1},
        follow=True,
    ).content.decode()
    assert "Đủ điều kiện" in added and "Nguyễn Văn An" in added
    sent = client.post(
        reverse("nominations:dossier_submit", args=[pk]), {"version": 2}, follow=True
    )
    assert "Hồ sơ còn thiếu: Biên bản họp xét" in sent.content.decode()
    stale = client.post(
        reverse("nominations:candidate_add", args=[pk]),
        {"person": world.cuc.pk, "award": "LDTT", "version": 1},
        follow=True,
    ).content.decode()
    assert "người khác thay đổi" in stale


def test_the_receiving_level_sees_its_actions_and_the_reason_banner(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    from tdkt.nominations.services import moves

    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    province = login(world.qt_officer)
    page = province.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Tiếp nhận hồ sơ" in page and "Gửi hồ sơ lên cấp trên" not in page
    province.post(
        reverse("nominations:dossier_receive", args=[dossier.pk]), {"version": dossier.version}
    )
    dossier.refresh_from_db()
    reason = "Thiếu xác nhận thành tích của thủ trưởng đơn vị trong báo cáo."
    province.post(
        reverse("nominations:dossier_return", args=[dossier.pk]),
        {"version": dossier.version, "reason_code": "missing_documents", "reason": reason},
    )
    author = login(world.kv1_officer).get(reverse("nominations:dossier_detail", args=[dossier.pk]))
    assert reason in author.content.decode() and "Hồ sơ bị trả lại" in author.content.decode()


def test_the_documents_download(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    client = login(world.kv1_officer)
    docx = client.get(reverse("nominations:proposal_docx", args=[dossier.pk]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    component = dossier.components.first()
    file = client.get(reverse("nominations:component_download", args=[component.pk]))
    assert file.content.startswith(b"%PDF") and file["X-Checksum-SHA256"] == component.sha256
