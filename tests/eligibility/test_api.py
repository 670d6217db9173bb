"""The REST API: the contract's questions, verdicts and due lists, by session or bearer token,
scoped like the screens."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from tdkt.accounts.tokens import issue_token, revoke_token
from tdkt.eligibility.api import EXAMPLE_CASE as CASE
from tests.conftest import Sector, login
from tests.eligibility.conftest import rate, recruit


def _post(client: Client, body: Any, **headers: str) -> Any:
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(
        "/api/eligibility/check", data, content_type="application/json", headers=headers
    )


def test_the_check_endpoint_answers_the_contracts_case(sector: Sector, officer: Any) -> None:
    response = _post(login(officer), CASE)
    assert response.status_code == 200
    verdicts = {v["award"]: v for v in response.json()["verdicts"]}
    assert verdicts["LDTT"]["status"] == "eligible"
    assert verdicts["CSTDCS"]["regime"] == "2025-07"
    assert all(
        {"rule", "passed", "message", "citation"} <= r.keys() for r in verdicts["LDTT"]["reasons"]
    )


def test_the_check_endpoint_answers_400_naming_the_bad_key(sector: Sector, officer: Any) -> None:
    client = login(officer)
    bad = {**CASE, "candidate": {**CASE["candidate"], "luong": 1}}
    response = _post(client, bad)
    assert response.status_code == 400
    assert response.json()["detail"] == "Khoá không được hỗ trợ: 'candidate.luong'"
    assert "không phải JSON hợp lệ" in _post(client, "{không phải json").json()["detail"]
    assert "đối tượng JSON" in _post(client, "[1, 2]").json()["detail"]


def test_a_bearer_token_acts_with_its_users_grants(sector: Sector, officer: Any) -> None:
    rate(sector.an, (2025, "HTXS"))
    issued = issue_token(actor=None, user=officer, name="tích hợp")
    client = Client()
    auth = {"Authorization": f"Bearer {issued.secret}"}
    response = client.get(
        f"/api/eligibility/people/{sector.an.pk}/verdicts?year=2025", headers=auth
    )
    assert response.status_code == 200
    body = response.json()
    assert body["person"]["name"] == "Nguyễn Văn An"
    assert body["person"]["unit"] == "Viện kiểm sát nhân dân khu vực 1 - Quảng Trị"
    assert body["as_of"] == "2025-12-31"
    assert _post(client, CASE, **auth).status_code == 200
    # outside the officer's units: 404, like the screens
    response = client.get(f"/api/eligibility/people/{sector.binh.pk}/verdicts", headers=auth)
    assert response.status_code == 404
    revoke_token(actor=None, token=issued.token)
    response = client.get(f"/api/eligibility/people/{sector.an.pk}/verdicts", headers=auth)
    assert response.status_code == 401


def test_an_anonymous_caller_or_a_wrong_token_gets_401(sector: Sector) -> None:
    client = Client()
    assert client.get(f"/api/eligibility/units/{sector.kv1.pk}/due").status_code == 401
    wrong = {"Authorization": "Bearer tdkt_khong-dung"}
    assert (
        client.get(f"/api/eligibility/units/{sector.kv1.pk}/due", headers=wrong).status_code == 401
    )
    assert _post(client, CASE).status_code == 401


def test_unit_verdicts_hold_the_staff_the_units_and_the_caps(sector: Sector, officer: Any) -> None:
    rate(sector.an, (2024, "HTT"), (2025, "HTXS"))
    response = login(officer).get(
        f"/api/eligibility/units/{sector.quang_tri.pk}/verdicts",
        {"year": 2025, "as_of": "2025-12-15"},
    )
    assert response.status_code == 200
    body = response.json()
    assert [p["name"] for p in body["people"]] == ["Nguyễn Văn An"]
    assert {u["code"] for u in body["units"]} == {"T25-QT", "KV-QT-01"}
    assert body["totals"]["verdicts"] == 9 + 2 * 7
    assert body["regime"] == "2025-07"


def test_the_due_list_names_the_missing_step(sector: Sector, outsider: Any) -> None:
    recruit(sector.binh)
    rate(sector.binh, (2024, "HTT"), (2025, "HTT"))
    response = login(outsider).get(
        f"/api/eligibility/units/{sector.ben_tre.pk}/due", {"year": 2025, "as_of": "2025-12-15"}
    )
    assert response.status_code == 200
    due = {(d["name"], d["award"]): d for d in response.json()["due"]}
    step = due[("Trần Thị Bình", "CSTDCS")]
    assert step["subject"] == "individual" and step["quantity"] == 1
    assert "sáng kiến" in step["text"]


def test_the_schema_is_published_as_openapi_json(db: Any) -> None:
    schema = Client().get("/api/openapi.json").json()
    assert {
        "/api/eligibility/check",
        "/api/eligibility/people/{person_id}/verdicts",
        "/api/eligibility/units/{unit_id}/verdicts",
        "/api/eligibility/units/{unit_id}/due",
    } <= set(schema["paths"])
    assert "requestBody" in schema["paths"]["/api/eligibility/check"]["post"]


def test_the_api_token_command_issues_a_working_token(sector: Sector, officer: Any) -> None:
    import io

    from django.core.management import call_command

    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", officer.username, "--name", "báo cáo", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    assert secret.startswith("tdkt_") and "chỉ hiện một lần" in err.getvalue()
    auth = {"Authorization": f"Bearer {secret}"}
    url = f"/api/eligibility/units/{sector.kv1.pk}/due"
    assert Client().get(url, headers=auth).status_code == 200
    call_command("api_token", officer.username, "--revoke", secret[:8], stdout=io.StringIO())
    assert Client().get(url, headers=auth).status_code == 401
