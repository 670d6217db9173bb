"""The secret ballot: each member once per candidate, no change, nobody can link a member to a
choice (not in the schema, not in the rows' order, not in the audit trail), and the ballots
counted again equal the members who took part. The hostile administrator's view of the database
and its files is in test_ballot_secrecy.py."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, models, transaction

from tdkt.audit.models import AuditEntry
from tdkt.council import ballot as ballot_box
from tdkt.council import services
from tdkt.council.models import Ballot, BallotKey, Participation, SealedBallot
from tdkt.errors import Conflict, NotAllowed, TransitionNotAllowed
from tests.nominations.builders import BALLOT_PASSPHRASE as PHRASE
from tests.nominations.builders import close, new_dossier, sitting, to_vkstc_council, vote_all

pytestmark = pytest.mark.django_db


def test_a_ballot_row_holds_no_member_no_time_and_a_random_key():
    fields = {f.name: f for f in Ballot._meta.get_fields()}
    assert set(fields) == {"id", "item", "choice"}
    assert isinstance(fields["id"], models.UUIDField)
    assert not any(isinstance(f, models.DateTimeField | models.DateField) for f in fields.values())
    related = {f.related_model for f in fields.values() if f.is_relation}
    from tdkt.council.models import AgendaItem

    assert related == {AgendaItem}
    # ... and nothing points at a ballot either.
    assert not [f for f in Ballot._meta.get_fields() if f.auto_created and not f.concrete]
    columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), Ballot._meta.db_table
        )
    }
    assert columns == {"id", "item_id", "choice"}
    sealed = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), SealedBallot._meta.db_table
        )
    }
    assert sealed == {"id", "item_id", "box"}


def test_participation_says_who_and_when_but_not_how():
    names = {f.name for f in Participation._meta.get_fields()}
    assert names == {"id", "item", "membership", "cast_at"}


def test_each_member_votes_once_and_cannot_change_the_vote(world, meeting):
    item = meeting.items.first()
    voter = world.voters[0]
    services.cast_votes(actor=voter, meeting=meeting, choices={item.pk: "approve"})
    with pytest.raises(Conflict, match="không thay đổi được") as again:
        services.cast_votes(actor=voter, meeting=meeting, choices={item.pk: "reject"})
    assert again.value.code == "already_voted"
    assert SealedBallot.objects.filter(item=item).count() == 1
    assert not Ballot.objects.filter(item=item).exists()  # nothing in clear before the count
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(
            item=item, membership=world.members[0], cast_at=meeting.opened_at
        )
    assert not hasattr(services, "change_vote") and not hasattr(services, "update_ballot")
    close(world, meeting)
    assert Ballot.objects.get(item=item).choice == "approve"


def test_only_present_members_vote_while_the_sitting_is_open(world, outsider):
    dossier = new_dossier(world)
    to_vkstc_council(world, dossier)
    meeting = sitting(world, dossier, absent=1)
    item = meeting.items.first()
    with pytest.raises(NotAllowed, match="vắng mặt"):
        services.cast_votes(actor=world.voters[0], meeting=meeting, choices={item.pk: "approve"})
    with pytest.raises(NotAllowed, match="không phải thành viên"):
        services.cast_votes(
            actor=world.vkstc_officer, meeting=meeting, choices={item.pk: "approve"}
        )
    close(world, meeting)
    with pytest.raises(TransitionNotAllowed):
        services.cast_votes(actor=world.voters[1], meeting=meeting, choices={item.pk: "approve"})


def test_nothing_written_links_a_member_to_a_choice(world, meeting):
    """After the close the ballots are rewritten in a random order under new random keys: the
    order of their keys or of the table says nothing about who voted when."""
    items = list(meeting.items.all())
    first = items[0]
    # Half approve, half reject, in casting order: approvals first.
    for i, voter in enumerate(world.voters):
        services.cast_votes(
            actor=voter,
            meeting=meeting,
            choices={first.pk: "approve" if i < 5 else "reject", items[1].pk: "approve"},
        )
    before = set(SealedBallot.objects.filter(item=first).values_list("id", flat=True))
    assert len(before) == 10
    close(world, meeting)
    assert not SealedBallot.objects.exists() and not BallotKey.objects.exists()
    after_rows = list(Ballot.objects.filter(item=first).values_list("id", "choice"))
    assert len(after_rows) == 10
    assert before.isdisjoint({pk for pk, _c in after_rows})  # fresh keys at the count
    # Every key is a random (version 4) UUID: ordering by it is ordering by chance.
    assert all(pk.version == 4 for pk, _c in after_rows)
    by_key = [c for _pk, c in sorted(after_rows)]
    assert sorted(by_key) == sorted(["approve"] * 5 + ["reject"] * 5)
    # The audit trail says who voted on which items, never the choice.
    for entry in AuditEntry.objects.filter(action="meeting.ballot_cast"):
        text = f"{entry.before} {entry.after} {entry.reason} {entry.object_repr}"
        assert "approve" not in text and "reject" not in text and "Đồng ý" not in text


def test_the_count_erases_the_casting_order_from_the_rows(world, meeting):
    """Seal ten approvals then ten rejections on one item; the opened rows, read in the table's
    own order, are a shuffle: across ten counts they are not always approvals first."""
    item = meeting.items.first()
    orders = set()
    for _round in range(10):
        Ballot.objects.filter(item=item).delete()
        key = ballot_box.new_key(meeting, PHRASE)
        sealer = ballot_box.SealedBox(ballot_box.PublicKey(bytes(key.public_key)))
        SealedBallot.objects.bulk_create(
            SealedBallot(
                item=item,
                box=sealer.encrypt(ballot_box.PAPER.pack(b"TDKB", meeting.pk, item.pk, code)),
            )
            for code in [1] * 10 + [2] * 10
        )
        with transaction.atomic():
            counts = ballot_box.count_ballots(meeting=meeting, passphrase=PHRASE)
        assert counts == {item.pk: (10, 10)}
        with connection.cursor() as cursor:
            rowid = "rowid" if connection.vendor == "sqlite" else "ctid"
            cursor.execute(
                f"SELECT choice FROM {Ballot._meta.db_table} WHERE item_id = %s ORDER BY {rowid}",
                [item.pk],
            )
            orders.add(tuple(r[0] for r in cursor.fetchall()))
    assert len(orders) > 1
    assert ("approve",) * 10 + ("reject",) * 10 not in orders or len(orders) > 5


def test_the_tally_matches_the_ballots_and_tampering_shows(world, meeting):
    vote_all(world, meeting, {"Nguyễn Văn An": 10, "Lê Thị Cúc": 9})
    close(world, meeting)
    checks = services.verify(meeting)
    assert all(v.consistent for v in checks)
    assert {(v.participations, v.ballots) for v in checks} == {(10, 10)}
    item = meeting.items.get(candidate__name="Lê Thị Cúc")
    assert (item.ballots_approve, item.ballots_reject) == (9, 1)
    Ballot.objects.filter(item=item, choice="reject").delete()  # someone with SQL access
    broken = {v.item.pk: v for v in services.verify(meeting)}[item.pk]
    assert not broken.consistent and broken.ballots == 9 and broken.participations == 10


def test_administrators_see_no_choices_on_the_screens(world, meeting, admin_user):
    from django.urls import reverse

    from tests.conftest import login

    vote_all(world, meeting, {"Nguyễn Văn An": 10, "Lê Thị Cúc": 10})
    for user in (admin_user, world.voters[0]):
        body = (
            login(user).get(reverse("council:meeting_detail", args=[meeting.pk])).content.decode()
        )
        assert "10/10" in body  # who has voted: counted
        ballot = (
            login(world.voters[0])
            .get(reverse("council:ballot", args=[meeting.pk]))
            .content.decode()
        )
        assert "đã ghi nhận" in ballot and "checked" not in ballot
