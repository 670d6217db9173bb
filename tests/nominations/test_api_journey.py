"""The award journey through the REST API only, each role with its own bearer token: Khu vực 1
nominates two people, the province forwards, VKSND tối cao publishes the list for public comment
(anyone may read it and comment, no login), the council votes by secret ballot, the decision is
signed (ledger, money), the documents and certificates download, the decision is revoked."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
import time_machine
from django.test import Client

from tdkt.accounts.tokens import issue_token
from tdkt.records.models import AwardEntry
from tests.conftest import make_user
from tests.nominations.builders import BALLOT_PASSPHRASE, pdf_bytes

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 1, 12, 9, 0, tzinfo=dt.UTC)  # a Monday
JUSTIFY = "Đơn vị đề nghị vì thành tích đặc biệt xuất sắc, có sáng kiến cấp ngành năm 2025."


class Api:
    def __init__(self, user=None):
        self.client = Client()
        self.headers = {}
        if user is not None:
            secret = issue_token(actor=None, user=user, name="journey").secret
            self.headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    def get(self, path, expect=200, **params):
        response = self.client.get(f"/api{path}", params, **self.headers)
        assert response.status_code == expect, response.content[:500]
        return response

    def post(self, path, body=None, expect=200, files=None):
        if files is not None:
            response = self.client.post(f"/api{path}", {**(body or {}), **files}, **self.headers)
        else:
            response = self.client.post(
                f"/api{path}", body or {}, content_type="application/json", **self.headers
            )
        assert response.status_code == expect, response.content[:500]
        return (
            response.json() if response.content and "json" in response["Content-Type"] else response
        )

    def patch(self, path, body, expect=200):
        response = self.client.patch(
            f"/api{path}", body, content_type="application/json", **self.headers
        )
        assert response.status_code == expect, response.content[:500]
        return response.json()


def test_the_whole_journey_through_the_api(world, outsider):
    s = world.s
    kv1, province, centre = Api(world.kv1_officer), Api(world.qt_officer), Api(world.vkstc_officer)
    secretary, leader, public = Api(world.secretary), Api(world.leader), Api()
    with time_machine.travel(START, tick=False) as clock:
        # Khu vực 1 nominates two people.
        d = kv1.post(
            "/nominations/dossiers",
            {"unit_id": s.kv1.pk, "kind": "cong_trang", "year": 2025},
            expect=201,
        )
        did = d["id"]
        an = kv1.post(
            f"/nominations/dossiers/{did}/candidates",
            {
                "person_id": s.an.pk,
                "award": "CSTD_NGANH",
                "version": d["version"],
                "achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2025; sáng kiến cấp ngành.",
            },
            expect=201,
        )
        assert an["verdict_status"] == "ineligible" and an["verdict_regime"] == "2025-07"
        assert an["verdict"]["reasons"]
        version = kv1.get(f"/nominations/dossiers/{did}").json()["version"]
        kv1.post(
            f"/nominations/dossiers/{did}/candidates",
            {
                "person_id": world.cuc.pk,
                "award": "BK_NGANH",
                "version": version,
                "achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2025.",
            },
            expect=201,
        )
        version += 1
        stale = kv1.post(
            f"/nominations/dossiers/{did}/submit", {"version": version - 1}, expect=409
        )
        assert stale["code"] == "stale_version"
        refused = kv1.post(f"/nominations/dossiers/{did}/submit", {"version": version}, expect=400)
        assert refused["code"] == "justification_required"
        kv1.patch(
            f"/nominations/candidates/{an['id']}", {"version": version, "justification": JUSTIFY}
        )
        version += 1
        uploaded = kv1.post(
            f"/nominations/dossiers/{did}/components",
            {"kind": "bien_ban"},
            expect=201,
            files={"file": _file("bien-ban.pdf")},
        )
        assert len(uploaded["sha256"]) == 64
        kv1.post(
            f"/nominations/dossiers/{did}/components",
            {"kind": "sang_kien", "candidate_id": an["id"]},
            expect=201,
            files={"file": _file("sang-kien.pdf")},
        )
        bad = kv1.post(
            f"/nominations/dossiers/{did}/components",
            {"kind": "khac"},
            expect=400,
            files={"file": _file("virus.pdf", b"MZ not a pdf")},
        )
        assert bad["code"] == "file_type"
        sent = kv1.post(f"/nominations/dossiers/{did}/submit", {"version": version})
        assert sent["status"] == "submitted" and sent["receiver_id"] == s.quang_tri.pk
        assert {c["verdict_status"] for c in sent["candidates"]} == {"ineligible", "needs_review"}

        # The province takes it in and forwards it; VKSND tối cao takes it in.
        v = province.post(f"/nominations/dossiers/{did}/receive", {"version": sent["version"]})[
            "version"
        ]
        v = province.post(f"/nominations/dossiers/{did}/forward", {"version": v})["version"]
        Api(outsider).get(f"/nominations/dossiers/{did}", expect=404)
        Api(outsider).post(f"/nominations/dossiers/{did}/receive", {"version": v}, expect=404)
        v = centre.post(f"/nominations/dossiers/{did}/receive", {"version": v})["version"]

        # Public comment for five working days: no login to read or to comment.
        published = centre.post(
            f"/nominations/dossiers/{did}/publish", {"version": v, "working_days": 5}
        )
        period = published["comment_periods"][0]
        assert period["ends_on"] == "2026-01-16"
        lists = public.get("/nominations/public").json()
        assert [x["token"] for x in lists] == [period["token"]]
        shown = public.get(f"/nominations/public/{period['token']}").json()
        assert {c["name"] for c in shown["candidates"]} == {"Nguyễn Văn An", "Lê Thị Cúc"}
        assert "verdict" not in str(shown) and "justification" not in str(shown)
        public.post(
            f"/nominations/public/{period['token']}/comments",
            {
                "stance": "approve",
                "text": "Đồng chí An là tấm gương sáng, tôi tán thành.",
                "candidate_id": an["id"],
            },
            expect=201,
        )
        early = centre.post(
            f"/nominations/dossiers/{did}/council", {"version": published["version"]}, expect=400
        )
        assert early["code"] == "comment_period"
        clock.move_to(START + dt.timedelta(days=7))  # Monday 19/01, the period is over
        v = centre.post(f"/nominations/dossiers/{did}/council", {"version": published["version"]})[
            "version"
        ]

        # The council sits: agenda, attendance (one member absent, who writes), secret ballot.
        meeting = secretary.post(
            f"/council/councils/{world.council.pk}/meetings",
            {"number": "12", "held_on": "2026-01-19", "place": "Hà Nội"},
            expect=201,
        )
        mid = meeting["id"]
        m = secretary.post(
            f"/council/meetings/{mid}/agenda", {"dossier_id": did, "version": meeting["version"]}
        )
        items = {i["name"]: i["id"] for i in m["items"]}
        present = [a["membership_id"] for a in m["attendance"]][1:]
        m = secretary.post(
            f"/council/meetings/{mid}/attendance", {"present": present, "version": m["version"]}
        )
        absent = m["attendance"][0]["membership_id"]
        secretary.post(
            f"/council/meetings/{mid}/written-opinions",
            {"membership_id": absent, "item_id": items["Nguyễn Văn An"], "choice": "approve"},
        )
        m = secretary.post(
            f"/council/meetings/{mid}/open",
            {"version": m["version"], "passphrase": BALLOT_PASSPHRASE},
        )
        assert m["status"] == "open" and m["council_size"] == 10 and m["present"] == 9
        for i, voter in enumerate(world.voters[1:]):
            api = Api(voter)
            api.post(
                f"/council/meetings/{mid}/ballot",
                {
                    "choices": {
                        str(items["Nguyễn Văn An"]): "approve",
                        str(items["Lê Thị Cúc"]): "approve" if i < 6 else "reject",
                    }
                },
            )
        again = Api(world.voters[1]).post(
            f"/council/meetings/{mid}/ballot",
            {"choices": {str(items["Lê Thị Cúc"]): "reject"}},
            expect=409,
        )
        assert again["code"] == "already_voted"
        Api(world.voters[0]).post(
            f"/council/meetings/{mid}/ballot",
            {"choices": {str(items["Lê Thị Cúc"]): "approve"}},
            expect=404,
        )  # absent
        Api(world.kv1_officer).post(f"/council/meetings/{mid}/ballot", {"choices": {}}, expect=404)
        during = secretary.get(f"/council/meetings/{mid}").json()
        assert {i["voted"] for i in during["items"]} == {9} and during["items"][0]["passed"] is None
        closed = secretary.post(
            f"/council/meetings/{mid}/close",
            {"version": m["version"], "passphrase": BALLOT_PASSPHRASE},
        )
        results = {i["name"]: i for i in closed["items"]}
        assert results["Nguyễn Văn An"]["approvals"] == 10 and results["Nguyễn Văn An"]["passed"]
        assert results["Lê Thị Cúc"]["approvals"] == 6 and results["Lê Thị Cúc"]["passed"]
        checks = secretary.get(f"/council/meetings/{mid}/verification").json()
        assert all(c["consistent"] and c["participations"] == c["ballots"] == 9 for c in checks)
        minutes = secretary.get(f"/council/meetings/{mid}/minutes.docx")
        assert minutes.content.startswith(b"PK")
        secretary.post(
            f"/council/meetings/{mid}/minutes", {"version": closed["version"], "number": "03"}
        )

        # The decision: drafted, submitted, signed on 20/01/2026.
        clock.move_to(START + dt.timedelta(days=8))
        draft = centre.post(f"/decisions/meetings/{mid}/draft", expect=201)
        assert {a["name"] for a in draft["awardees"]} == {"Nguyễn Văn An", "Lê Thị Cúc"}
        pending = centre.post(
            f"/decisions/decisions/{draft['id']}/submit", {"version": draft["version"]}
        )
        centre.post(
            f"/decisions/decisions/{draft['id']}/sign",
            {
                "version": pending["version"],
                "number": "40",
                "signed_on": "2026-01-20",
                "signer_name": "Nguyễn Huy Tiến",
            },
            expect=404,
        )  # an officer does not sign
        signed = leader.post(
            f"/decisions/decisions/{draft['id']}/sign",
            {
                "version": pending["version"],
                "number": "40",
                "signed_on": "2026-01-20",
                "signer_name": "Nguyễn Huy Tiến",
                "signer_title": "Viện trưởng",
            },
        )
        assert signed["status"] == "signed" and signed["record_id"]
        money = {a["award"]: a for a in signed["awardees"]}
        assert (
            money["CSTD_NGANH"]["amount"] == 7_020_000 and money["BK_NGANH"]["amount"] == 3_510_000
        )
        assert (
            money["BK_NGANH"]["coefficient"] == "1.50"
            and money["BK_NGANH"]["base_salary"] == 2_340_000
        )
        assert signed["total"] == 10_530_000
        ledger = AwardEntry.objects.filter(decision_id=signed["record_id"])
        assert {(e.person_id, e.award, e.year) for e in ledger} == {
            (s.an.pk, "CSTD_NGANH", 2025),
            (world.cuc.pk, "BK_NGANH", 2025),
        }
        final = kv1.get(f"/nominations/dossiers/{did}").json()
        assert final["status"] == "decided"

        # Documents and certificates.
        for path in ("decision.docx", "list.docx", "list.xlsx"):
            assert centre.get(f"/decisions/decisions/{signed['id']}/{path}").content.startswith(
                b"PK"
            )
        pdf = kv1.get(f"/decisions/decisions/{signed['id']}/certificates.pdf").content
        assert pdf.startswith(b"%PDF")
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        assert "Nguyễn Văn An" in text and "Lê Thị Cúc" in text and "40/QĐ-VKSTC" in text
        one = kv1.get(f"/decisions/awardees/{money['BK_NGANH']['id']}/certificate.pdf").content
        assert one.startswith(b"%PDF")

        # Paid, then revoked: the money of the paid line is to recover, the other not paid.
        leader_paid = centre.post(
            f"/decisions/awardees/{money['CSTD_NGANH']['id']}/paid", {"paid_on": "2026-01-20"}
        )
        revoked = leader.post(
            f"/decisions/decisions/{signed['id']}/revoke",
            {
                "version": leader_paid["version"],
                "ground": "a_khai_man",
                "reason": "Kết luận thanh tra: thành tích kê khai không trung thực.",
                "revoked_on": "2026-01-20",
                "revocation_number": "41/QĐ-VKSTC",
            },
        )
        assert revoked["status"] == "revoked"
        assert {a["award"]: a["money_status"] for a in revoked["awardees"]} == {
            "CSTD_NGANH": "to_recover",
            "BK_NGANH": "cancelled",
        }
        assert ledger.filter(revoked_on__isnull=True).count() == 0 and ledger.count() == 2


def test_the_schema_describes_every_step(world):
    schema = Client().get("/api/openapi.json").json()
    paths = set(schema["paths"])
    for path in (
        "/api/nominations/dossiers",
        "/api/nominations/dossiers/{dossier_id}/candidates",
        "/api/nominations/dossiers/{dossier_id}/submit",
        "/api/nominations/dossiers/{dossier_id}/receive",
        "/api/nominations/dossiers/{dossier_id}/return",
        "/api/nominations/dossiers/{dossier_id}/publish",
        "/api/nominations/public/{token}/comments",
        "/api/council/councils/{council_id}/meetings",
        "/api/council/meetings/{meeting_id}/open",
        "/api/council/meetings/{meeting_id}/ballot",
        "/api/council/meetings/{meeting_id}/close",
        "/api/decisions/decisions/{decision_id}/sign",
        "/api/decisions/decisions/{decision_id}/revoke",
        "/api/decisions/decisions/{decision_id}/certificates.pdf",
    ):
        assert path in paths, path
    ballot = schema["paths"]["/api/council/meetings/{meeting_id}/ballot"]["post"]
    assert "secret ballot" in ballot["description"]
    assert "BallotIn" in str(ballot["requestBody"])


def test_an_anonymous_caller_gets_401_and_the_staff_member_nothing(world, staff_member):
    assert Client().get("/api/nominations/dossiers").status_code == 401
    assert Api(staff_member).get("/nominations/dossiers").json() == []
    make_user("nobody", None, None)


def _file(name, content=None):
    handle = io.BytesIO(content or pdf_bytes(name))
    handle.name = name
    return handle
