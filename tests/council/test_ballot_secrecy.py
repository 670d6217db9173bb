"""The secret ballot against a hostile administrator (issue 12, "Trust", point 1): whoever holds
the whole database — its tables read in every order, on SQLite its file and write-ahead log —
and the server's secret key finds no link between a member and a choice, during the vote or
after the count. While the vote is open nothing counts choices: the verification is refused, the
pages, the API, the minutes, the audit trail and the notifications show only how many voted.
A second voting round at the same sitting (issue 15) is held to the same standard: the attacker
learns from round 2 nothing more than from round 1. The threat model is in
src/tdkt/council/README.md."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import connection, connections
from django.urls import reverse
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, SealedBox
from nacl.secret import SecretBox

from tdkt.audit.models import AuditEntry
from tdkt.council import ballot as ballot_box
from tdkt.council import services
from tdkt.council.documents import minutes_docx
from tdkt.council.models import (
    AgendaItem,
    Ballot,
    BallotKey,
    Meeting,
    MeetingStatus,
    Participation,
    SealedBallot,
)
from tdkt.documents.docx import plain_text
from tdkt.errors import Conflict, InvalidData, TransitionNotAllowed
from tdkt.notifications.models import Notification
from tests.conftest import login
from tests.council.round_builders import ROUND_TWO_PHRASE, capped_sitting, count, next_round
from tests.nominations.builders import BALLOT_PASSPHRASE as PHRASE
from tests.nominations.builders import close, new_dossier, sitting, to_vkstc_council

# Voter i (in casting order) approves An when AN[i] is 1, Cúc when CUC[i] is 1: 4 and 6 of 10,
# so that for the emulation fighter (90 %) with one place nobody passes round 1.
AN = [1, 0, 0, 1, 1, 0, 1, 0, 0, 0]
CUC = [0, 1, 1, 0, 1, 1, 1, 0, 1, 0]
# ... and in round 2.
AN2 = [0, 1, 1, 1, 0, 1, 1, 1, 1, 1]
CUC2 = [1, 1, 0, 0, 1, 0, 1, 1, 0, 1]
MARKERS = (b"approve", b"reject", ballot_box.MARKER)


def _open_sitting(world: Any) -> Meeting:
    dossier = new_dossier(world)
    to_vkstc_council(world, dossier)
    return sitting(world, dossier)


def _items(meeting: Meeting, number: int = 1) -> tuple[AgendaItem, AgendaItem]:
    return (
        meeting.items.get(candidate__name="Nguyễn Văn An", round_number=number),
        meeting.items.get(candidate__name="Lê Thị Cúc", round_number=number),
    )


def _cast_in_order(world: Any, meeting: Meeting, number: int = 1) -> None:
    an, cuc = _items(meeting, number)
    an_pattern, cuc_pattern = (AN, CUC) if number == 1 else (AN2, CUC2)
    for i, voter in enumerate(world.voters):
        services.cast_votes(
            actor=voter,
            meeting=meeting,
            choices={
                an.pk: "approve" if an_pattern[i] else "reject",
                cuc.pk: "approve" if cuc_pattern[i] else "reject",
            },
        )


def _in_round_two(world: Any) -> tuple[Meeting, bytes]:
    """An and Cúc for one place: nobody passes round 1 (cast in the order above), round 2 is
    opened on both under its own passphrase and cast in order too. Also returns round 1's
    private key, as whoever knew round 1's passphrase during round 1 could have taken it."""
    meeting = capped_sitting(world, places=1, three=False)
    _cast_in_order(world, meeting)
    first_key = _private_key(meeting)
    count(world, meeting)
    next_round(world, meeting, ["Nguyễn Văn An", "Lê Thị Cúc"])
    _cast_in_order(world, meeting, 2)
    return meeting, first_key


def _every_order(model: Any) -> dict[str, list[tuple[Any, ...]]]:
    """The table as a hostile administrator reads it: every column (in the model's field order),
    by primary key and in physical order (SQLite's rowid, PostgreSQL's ctid), raw SQL."""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in model._meta.concrete_fields)
    physical = "rowid" if connection.vendor == "sqlite" else "ctid"
    out = {}
    with connection.cursor() as cursor:
        for name, order in (("pk", "id"), ("physical", physical)):
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY {order}")
            out[name] = [tuple(row) for row in cursor.fetchall()]
    return out


def _linked(choices_in_order: list[str], pattern: list[int]) -> bool:
    """Whether pairing the n-th ballot with the n-th member to vote gives away every choice."""
    return [1 if c == "approve" else 0 for c in choices_in_order] == pattern


def _private_key(meeting: Meeting, phrase: str = PHRASE) -> bytes:
    """What only the passphrase yields (the test knows it): the open round's private key."""
    key = BallotKey.objects.get(meeting=meeting)
    wrapping = ballot_box._wrapping_key(phrase, bytes(key.salt), key.opslimit, key.memlimit)
    return SecretBox(wrapping).decrypt(bytes(key.wrapped_private_key))


@pytest.mark.django_db
def test_during_the_vote_the_tables_hold_no_choice_in_clear_in_any_order(world):
    meeting = _open_sitting(world)
    _cast_in_order(world, meeting)
    assert not Ballot.objects.filter(item__meeting=meeting).exists()
    assert set(
        AgendaItem.objects.filter(meeting=meeting).values_list("ballots_approve", "approvals")
    ) == {(None, None)}
    sealed = _every_order(SealedBallot)
    assert len(sealed["pk"]) == 20 and sorted(sealed["pk"]) == sorted(sealed["physical"])
    for _pk, _item, box in sealed["physical"]:
        box = bytes(box)
        assert len(box) == 48 + ballot_box.PAPER.size  # fixed length whatever the choice
        assert not any(marker in box for marker in MARKERS)
    # The participations say who voted on what item and when; they share no column with a box
    # but the item, and the boxes do not open without the private key.
    columns = {
        d.name
        for d in connection.introspection.get_table_description(
            connection.cursor(), Participation._meta.db_table
        )
    }
    assert columns & {"id", "item_id", "box", "choice"} == {"id", "item_id"}
    # Neither the server's secret key nor a guess unwraps the sitting's key.
    key = BallotKey.objects.get(meeting=meeting)
    for guess in (django_settings.SECRET_KEY, "Hội đồng họp sáng thứ Hai 2026"):
        with pytest.raises(InvalidData, match="không đúng"):
            ballot_box._unwrap(key, guess)
    stranger = SealedBox(PrivateKey.generate())
    with pytest.raises(CryptoError):
        stranger.decrypt(bytes(sealed["pk"][0][2]))


@pytest.mark.django_db
def test_after_the_count_no_order_of_the_ballots_follows_the_casting_order(world):
    meeting = _open_sitting(world)
    _cast_in_order(world, meeting)
    sealed_ids = set(SealedBallot.objects.values_list("id", flat=True))
    close(world, meeting)
    an, cuc = _items(meeting)
    assert not SealedBallot.objects.exists() and not BallotKey.objects.exists()
    for order, rows in _every_order(Ballot).items():
        by_item: dict[int, list[str]] = {an.pk: [], cuc.pk: []}
        for pk, item_id, choice in rows:
            by_item[item_id].append(choice)
            assert pk not in sealed_ids  # new keys
        assert sorted(by_item[an.pk]) == sorted("approve" if a else "reject" for a in AN)
        # Pairing the n-th ballot with the n-th voter (the participations' order) gives away
        # nothing: not both items' choices, in this order or reversed (the chance that a random
        # shuffle does so is about 1 in 44,000).
        for way in (1, -1):
            assert not (
                _linked(by_item[an.pk][::way], AN) and _linked(by_item[cuc.pk][::way], CUC)
            ), order
    voters = _every_order(Participation)["pk"]
    assert len(voters) == 20  # who voted stays known: the recount needs it
    assert [v.consistent for v in services.verify(meeting)] == [True, True]


@pytest.mark.django_db
def test_round_two_is_sealed_like_round_one_with_a_key_of_its_own_in_every_order(world):
    meeting, first_key = _in_round_two(world)
    an, cuc = _items(meeting, 2)
    # During round 2: no choice of it in clear, its boxes alone, fixed length, no marker.
    assert not Ballot.objects.filter(item__in=(an, cuc)).exists()
    assert {(i.ballots_approve, i.approvals) for i in (an, cuc)} == {(None, None)}
    sealed = _every_order(SealedBallot)
    assert len(sealed["pk"]) == 20 and {row[1] for row in sealed["pk"]} == {an.pk, cuc.pk}
    for _pk, _item, box in sealed["physical"]:
        box = bytes(box)
        assert len(box) == 48 + ballot_box.PAPER.size
        assert not any(marker in box for marker in MARKERS)
    # Its key is new: round 1's private key (and its passphrase) open nothing of round 2.
    key = BallotKey.objects.get(meeting=meeting)
    assert bytes(key.public_key) != bytes(PrivateKey(first_key).public_key)
    with pytest.raises(CryptoError):
        SealedBox(PrivateKey(first_key)).decrypt(bytes(sealed["pk"][0][2]))
    for guess in (django_settings.SECRET_KEY, PHRASE):
        with pytest.raises(InvalidData, match="không đúng"):
            ballot_box._unwrap(key, guess)
    # The recount answers for round 1 only; nothing counts round 2's choices.
    assert {v.item.round_number for v in services.verify(meeting)} == {1}
    sealed_ids = {row[0] for row in sealed["pk"]}
    count(world, meeting, ROUND_TWO_PHRASE)
    assert not SealedBallot.objects.exists() and not BallotKey.objects.exists()
    # After its count: round 2's rows follow no casting order in any order, under new keys.
    for order, rows in _every_order(Ballot).items():
        by_item: dict[int, list[str]] = {an.pk: [], cuc.pk: []}
        for pk, item_id, choice in rows:
            assert pk not in sealed_ids
            by_item.get(item_id, []).append(choice)
        assert sorted(by_item[an.pk]) == sorted("approve" if a else "reject" for a in AN2)
        for way in (1, -1):
            assert not (
                _linked(by_item[an.pk][::way], AN2) and _linked(by_item[cuc.pk][::way], CUC2)
            ), order
    assert all(v.consistent for v in services.verify(meeting))


@pytest.mark.django_db
def test_while_the_vote_is_open_the_verification_is_refused(world, admin_user):
    meeting = _open_sitting(world)
    _cast_in_order(world, meeting)
    url = reverse("api:council_verification", args=[meeting.pk])
    for user in (world.secretary, admin_user):
        answer = login(user).get(url)
        assert answer.status_code == 409
        assert "Chưa kết thúc bỏ phiếu" in answer.json()["detail"]
    with pytest.raises(Conflict, match="Chưa kết thúc bỏ phiếu"):
        services.verify(meeting)
    close(world, meeting)
    checks = login(world.secretary).get(url).json()
    assert [(c["participations"], c["ballots"], c["consistent"]) for c in checks] == [
        (10, 10, True),
        (10, 10, True),
    ]


@pytest.mark.django_db
def test_while_the_vote_is_open_pages_api_minutes_audit_and_notices_count_only_voters(
    world, admin_user
):
    meeting = _open_sitting(world)
    _cast_in_order(world, meeting)
    detail = login(admin_user).get(reverse("api:council_meeting", args=[meeting.pk])).json()
    assert {i["voted"] for i in detail["items"]} == {10}
    assert {
        (i["ballots_approve"], i["ballots_reject"], i["approvals"]) for i in detail["items"]
    } == {(None, None, None)}
    page = login(admin_user).get(reverse("council:meeting_detail", args=[meeting.pk]))
    body = page.content.decode()
    assert "10/10" in body and 'id="verification"' not in body
    minutes = plain_text(minutes_docx(meeting))
    assert "Phiên họp chưa kết thúc bỏ phiếu." in minutes and "số phiếu thu về" not in minutes
    texts = [f"{e.before} {e.after} {e.reason}" for e in AuditEntry.objects.all()]
    texts += list(Notification.objects.values_list("text", flat=True))
    assert not [t for t in texts if "approve" in t or "reject" in t or "Đồng ý" in t]


@pytest.mark.django_db
def test_a_wrong_passphrase_at_the_count_changes_nothing(world):
    meeting = _open_sitting(world)
    _cast_in_order(world, meeting)
    meeting.refresh_from_db()
    version, boxes = meeting.version, set(SealedBallot.objects.values_list("box", flat=True))
    with pytest.raises(InvalidData, match="Cụm mật khẩu kiểm phiếu không đúng") as wrong:
        services.close_meeting(
            actor=world.secretary,
            meeting=meeting,
            version=version,
            passphrase="Hội đồng họp sáng thứ Ba 2025",
        )
    assert wrong.value.code == "wrong_passphrase"
    meeting.refresh_from_db()
    assert (meeting.status, meeting.version) == (MeetingStatus.OPEN, version)
    assert set(SealedBallot.objects.values_list("box", flat=True)) == boxes
    assert BallotKey.objects.filter(meeting=meeting).exists()
    assert not Ballot.objects.exists()
    assert not AuditEntry.objects.filter(action="meeting.closed").exists()
    client = login(world.secretary)
    page = client.post(
        reverse("council:meeting_close", args=[meeting.pk]),
        {"version": version, "passphrase": "không phải cụm này đâu"},
        follow=True,
    ).content.decode()
    assert "Cụm mật khẩu kiểm phiếu không đúng" in page
    closed = client.post(
        reverse("council:meeting_close", args=[meeting.pk]),
        {"version": version, "passphrase": PHRASE},
        follow=True,
    ).content.decode()
    assert "Đã kết thúc bỏ phiếu và kiểm phiếu" in closed and 'id="verification"' in closed
    an, cuc = _items(meeting)
    an.refresh_from_db()
    cuc.refresh_from_db()
    assert (an.ballots_approve, an.ballots_reject) == (4, 6)
    assert (cuc.ballots_approve, cuc.ballots_reject) == (6, 4)


@pytest.mark.django_db
def test_the_passphrase_is_long_confirmed_and_never_stored(world):
    dossier = new_dossier(world)
    to_vkstc_council(world, dossier)
    client = login(world.secretary)
    meeting = sitting(world, dossier)  # opened by the builder, with PHRASE
    for phrase, again, message in (
        ("ngắn quá", "ngắn quá", "ít nhất 12 ký tự"),
        (PHRASE, PHRASE + "!", "không giống nhau"),
    ):
        with pytest.raises(InvalidData, match=message):
            ballot_box.checked_passphrase(phrase, again)
    stored = " ".join(
        str(v)
        for row in (
            list(BallotKey.objects.values_list())
            + list(AuditEntry.objects.values_list("before", "after", "reason"))
            + list(Meeting.objects.values_list())
        )
        for v in row
    )
    assert PHRASE not in stored and PHRASE.encode() not in bytes(
        BallotKey.objects.get().wrapped_private_key
    )
    page = client.get(reverse("council:meeting_detail", args=[meeting.pk])).content.decode()
    assert 'type="password" name="passphrase"' in page and PHRASE not in page
    assert "mở lại phiên bỏ phiếu" in page
    planned = services.schedule_meeting(
        actor=world.secretary, council=world.council, number="99", held_on=meeting.held_on
    )
    page = client.get(reverse("council:meeting_detail", args=[planned.pk])).content.decode()
    assert 'name="passphrase"' in page and 'name="passphrase_again"' in page
    assert "Khai mạc, mở bỏ phiếu" in page and "không khôi phục được" in page


def test_the_production_cost_of_a_guess_is_argon2id_moderate(settings):
    del settings.TDKT_BALLOT_KDF
    assert ballot_box.kdf_limits() == ballot_box.KDF_LIMITS["moderate"]
    assert ballot_box.KDF_LIMITS["moderate"][1] >= 256 * 1024 * 1024


@pytest.mark.django_db
def test_a_lost_passphrase_restarts_the_vote_discarding_every_ballot(world):
    meeting = _open_sitting(world)
    _cast_in_order(world, meeting)
    old_key = bytes(BallotKey.objects.get(meeting=meeting).public_key)
    meeting.refresh_from_db()
    with pytest.raises(InvalidData, match="lý do"):
        services.restart_vote(
            actor=world.secretary,
            meeting=meeting,
            version=meeting.version,
            passphrase="Cụm mật khẩu mới của phiên",
            reason="quên",
        )
    new_phrase = "Cụm mật khẩu mới của phiên họp"
    client = login(world.secretary)
    page = client.post(
        reverse("council:meeting_restart", args=[meeting.pk]),
        {
            "version": meeting.version,
            "passphrase": new_phrase,
            "passphrase_again": new_phrase,
            "reason": "Thư ký quên cụm mật khẩu kiểm phiếu đã đặt khi khai mạc.",
        },
        follow=True,
    ).content.decode()
    assert "Đã mở lại phiên bỏ phiếu" in page
    assert not Participation.objects.exists() and not SealedBallot.objects.exists()
    assert bytes(BallotKey.objects.get(meeting=meeting).public_key) != old_key
    entry = AuditEntry.objects.get(action="meeting.vote_restarted")
    assert entry.after == {"round": 1, "discarded_votes": 20}
    assert "quên cụm mật khẩu" in entry.reason
    told = Notification.objects.filter(action="meeting.vote_restarted")
    assert told.count() == 9 and "bỏ phiếu lại" in told.first().text  # all present but him
    _cast_in_order(world, meeting)
    meeting.refresh_from_db()
    with pytest.raises(InvalidData, match="không đúng"):
        services.close_meeting(
            actor=world.secretary, meeting=meeting, version=meeting.version, passphrase=PHRASE
        )
    services.close_meeting(
        actor=world.secretary, meeting=meeting, version=meeting.version, passphrase=new_phrase
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED
    assert all(v.consistent and v.ballots == 10 for v in services.verify(meeting))
    with pytest.raises(TransitionNotAllowed):
        services.restart_vote(
            actor=world.secretary,
            meeting=meeting,
            version=meeting.version,
            passphrase=new_phrase,
            reason="Mở lại sau khi đã kiểm phiếu thì không được.",
        )


@pytest.mark.django_db
def test_a_tampered_box_stops_the_count_and_changes_nothing(world):
    meeting = _open_sitting(world)
    _cast_in_order(world, meeting)
    an, cuc = _items(meeting)
    # An administrator moves a sealed ballot from one candidate to the other.
    moved = SealedBallot.objects.filter(item=an).first()
    SealedBallot.objects.filter(pk=moved.pk).update(item=cuc)
    meeting.refresh_from_db()
    with pytest.raises(Conflict, match="can thiệp"):
        services.close_meeting(
            actor=world.secretary, meeting=meeting, version=meeting.version, passphrase=PHRASE
        )
    assert SealedBallot.objects.count() == 20 and not Ballot.objects.exists()


@pytest.mark.django_db
def test_a_sitting_without_a_ballot_key_takes_no_vote_and_no_count_until_restarted(world):
    """A sitting opened before sealed ballots existed (or whose key row is gone)."""
    meeting = _open_sitting(world)
    BallotKey.objects.filter(meeting=meeting).delete()
    an, _cuc = _items(meeting)
    with pytest.raises(Conflict, match="mở lại phiên bỏ phiếu") as refused:
        services.cast_votes(actor=world.voters[0], meeting=meeting, choices={an.pk: "approve"})
    assert refused.value.code == "no_ballot_key"
    meeting.refresh_from_db()
    with pytest.raises(Conflict, match="không có khóa phiếu kín"):
        services.close_meeting(
            actor=world.secretary, meeting=meeting, version=meeting.version, passphrase=PHRASE
        )
    services.restart_vote(
        actor=world.secretary,
        meeting=meeting,
        version=meeting.version,
        passphrase=PHRASE,
        passphrase_again=PHRASE,
        reason="Phiên mở trước khi nâng cấp phiếu kín niêm phong.",
    )
    assert services.cast_votes(actor=world.voters[0], meeting=meeting, choices={an.pk: "reject"})


# --- the files: SQLite's database and write-ahead log, read byte by byte ----------------------


@pytest.fixture
def file_database(transactional_db: Any, tmp_path: Path) -> Any:
    """The test's database moved into a file in WAL mode, as a server's is: the hostile
    administrator then reads the file and its -wal byte by byte."""
    if connection.vendor != "sqlite":
        pytest.skip("reads SQLite's own files")
    original = connections["default"]
    original.ensure_connection()
    path = tmp_path / "tdkt.sqlite3"
    target = sqlite3.connect(path)
    original.connection.backup(target)
    target.close()
    wrapper = type(original)({**original.settings_dict, "NAME": str(path)}, alias="default")
    connections["default"] = wrapper
    with wrapper.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA wal_autocheckpoint=0")  # keep every old page version in the WAL
    yield path
    wrapper.close()
    connections["default"] = original


def _pages(path: Path) -> list[bytes]:
    """Every page of the database file and every page version in its write-ahead log."""
    data = path.read_bytes()
    size = int.from_bytes(data[16:18], "big")
    size = 65536 if size == 1 else size
    pages = [data[i : i + size] for i in range(0, len(data), size)]
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        log = wal.read_bytes()
        pages += [log[i + 24 : i + 24 + size] for i in range(32, len(log), 24 + size)]
    return pages


def _data(pages: list[bytes]) -> list[bytes]:
    """The pages that hold rows, not the schema (where a column may be called "approve")."""
    return [p for p in pages if b"CREATE TABLE" not in p and b"CREATE INDEX" not in p]


def _cast_at_texts() -> list[bytes]:
    return [
        str(connection.ops.adapt_datetimefield_value(moment)).encode()
        for moment in Participation.objects.values_list("cast_at", flat=True)
    ]


@pytest.mark.django_db(transaction=True)
def test_the_database_file_and_its_wal_link_no_member_to_a_choice(file_database, request):
    world = request.getfixturevalue("world")
    meeting = _open_sitting(world)
    _cast_in_order(world, meeting)
    private = _private_key(meeting)
    boxes = [bytes(b) for b in SealedBallot.objects.values_list("box", flat=True)]
    secrets = (private, PHRASE.encode())

    during = _data(_pages(file_database))
    assert len(file_database.with_name(file_database.name + "-wal").read_bytes()) > 0
    # No choice in clear anywhere, no paper format, no private key, no passphrase.
    for page in during:
        found = [m for m in MARKERS if m in page]
        assert not found, (found, page[page.find(found[0]) - 200 : page.find(found[0]) + 50])
        assert not any(secret in page for secret in secrets)
    assert all(any(box in page for page in during) for box in boxes)

    close(world, meeting)
    after = _data(_pages(file_database))
    # The old page versions still hold the boxes in casting order (the WAL is not erased)...
    assert all(any(box in page for page in after) for box in boxes)
    # ... but never the key that opens them, nor the passphrase that unwraps it.
    for page in after:
        assert not any(secret in page for secret in secrets)
    # The choices in clear now exist, only in pages that hold no participation (who voted when).
    voted_at = _cast_at_texts()
    assert len(voted_at) == 20 and all(any(m in page for page in after) for m in voted_at)
    with_choices = [p for p in after if b"approve" in p or b"reject" in p]
    assert with_choices
    for page in with_choices:
        assert not any(moment in page for moment in voted_at)
    _assert_file_order_says_nothing(after, _items(meeting), (AN, CUC))


def _assert_file_order_says_nothing(
    pages: list[bytes], items: tuple[AgendaItem, AgendaItem], patterns: tuple[list[int], ...]
) -> None:
    """The physical order of the ballots in the files, by the position of each row's random
    key, pairs no ballot with the n-th voter."""
    blob = b"".join(pages)
    in_file = []
    for item in items:
        rows = Ballot.objects.filter(item=item).values_list("id", "choice")
        placed = sorted((blob.find(pk.hex.encode()), choice) for pk, choice in rows)
        assert all(offset >= 0 for offset, _c in placed)
        in_file.append([choice for _o, choice in placed])
    for way in (1, -1):
        assert not all(
            _linked(found[::way], pattern) for found, pattern in zip(in_file, patterns, strict=True)
        )


def _assert_no_link_in_pages(pages: list[bytes], secrets: tuple[bytes, ...]) -> None:
    """No page holds a secret or the paper marker; the pages that hold choices in clear hold no
    participation time (who voted when)."""
    voted_at = _cast_at_texts()
    assert all(any(m in page for page in pages) for m in voted_at)
    for page in pages:
        assert ballot_box.MARKER not in page
        assert not any(secret in page for secret in secrets)
        if b"approve" in page or b"reject" in page:
            assert not any(moment in page for moment in voted_at)


@pytest.mark.django_db(transaction=True)
def test_round_two_in_the_database_file_and_its_wal_links_no_member_to_a_choice(
    file_database, request
):
    world = request.getfixturevalue("world")
    meeting, first_key = _in_round_two(world)
    second_key = _private_key(meeting, ROUND_TWO_PHRASE)
    secrets = (first_key, second_key, PHRASE.encode(), ROUND_TWO_PHRASE.encode())
    boxes = [bytes(b) for b in SealedBallot.objects.values_list("box", flat=True)]
    during = _data(_pages(file_database))
    assert all(any(box in page for page in during) for box in boxes)
    _assert_no_link_in_pages(during, secrets)
    count(world, meeting, ROUND_TWO_PHRASE)
    after = _data(_pages(file_database))
    assert len(_cast_at_texts()) == 40  # both rounds: who voted stays known
    _assert_no_link_in_pages(after, secrets)
    _assert_file_order_says_nothing(after, _items(meeting, 2), (AN2, CUC2))
