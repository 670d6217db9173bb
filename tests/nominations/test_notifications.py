"""Each move tells the people concerned, in the application and by e-mail where configured."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from tdkt.nominations.services import moves
from tdkt.notifications.models import Notification
from tdkt.workflow.clock import at_noon
from tests.conftest import login
from tests.nominations.builders import DAY, MISSING_MINUTES, new_dossier, return_to_kv1

pytestmark = pytest.mark.django_db
REASON = MISSING_MINUTES


def test_sending_tells_the_receiving_level_and_returning_tells_the_author(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    to_province = Notification.objects.get(recipient=world.qt_officer)
    assert "gửi hồ sơ" in to_province.text and to_province.link.endswith(f"/ho-so/{dossier.pk}/")
    assert not Notification.objects.filter(recipient=world.kv1_officer).exists()  # the actor
    moves.receive_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
    return_to_kv1(world, dossier)
    texts = list(
        Notification.objects.filter(recipient=world.kv1_officer).values_list("text", flat=True)
    )
    assert any("đã tiếp nhận" in t for t in texts)
    assert any(REASON in t for t in texts)


def test_the_bell_counts_and_the_list_marks_read(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    client = login(world.qt_officer)
    home = client.get(reverse("home")).content.decode()
    assert 'id="unread-count">1<' in home
    note = Notification.objects.get(recipient=world.qt_officer)
    opened = client.get(reverse("notifications:open", args=[note.pk]))
    assert opened.status_code == 302 and opened["Location"] == note.link
    note.refresh_from_db()
    assert note.is_read
    assert (
        login(world.kv1_officer).get(reverse("notifications:open", args=[note.pk])).status_code
        == 404
    )
    assert client.get(reverse("notifications:mark_read")).status_code == 405
    assert client.post(reverse("notifications:mark_read")).status_code == 302


def test_mail_goes_out_only_when_configured(world, settings, django_capture_on_commit_callbacks):
    world.qt_officer.email = "tdkt.quangtri@example.vn"
    world.qt_officer.save()
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    settings.EMAIL_HOST = ""
    with django_capture_on_commit_callbacks(execute=True):
        moves.submit_dossier(
            actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
        )
    assert mail.outbox == []
    settings.EMAIL_HOST = "smtp.example.vn"
    with django_capture_on_commit_callbacks(execute=True):
        moves.receive_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
        return_to_kv1(world, dossier, reason_code="other")
    assert mail.outbox == []  # the author has no address
    world.kv1_officer.email = "kv1@example.vn"
    world.kv1_officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        moves.submit_dossier(
            actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
        )
    assert [m.to for m in mail.outbox] == [["tdkt.quangtri@example.vn"]]
    assert "gửi hồ sơ" in mail.outbox[0].subject
