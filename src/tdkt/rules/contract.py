"""JSON in and out, exactly as shared/domain/eligibility-contract.md says.

Four shapes are answered: a case (`candidate`), a batch (`cases`, with caps), a council tally
(`council_size`) and a money question (`decided_on` + `subject`). Input is checked strictly: an
unknown key, a bad date, an unknown code or a value of the wrong type raises `ContractError` with a
Vietnamese message naming the key path (`candidate.titles[0].code`). `check_command` is what
`tdkt eligibility check FILE` calls: exit status 0 with the answer on stdout, 2 with the message on
stderr.

Conventions the contract leaves open, fixed here:
- A reason's `passed` is null when the rule could not be decided (missing fact or judgment).
- Keys of a candidate that are left out are unknown facts (the engine answers `needs_review` where
  it needs them); an empty list means "none".
- A batch may carry `awards` (the awards asked for every case; each case gets those that fit its
  kind); without it every encoded award of the case's kind is evaluated. Batch verdicts carry `id`.
- A tally's `approve`/`reject` are the ballots of the sitting; `absent_written` lists the written
  opinions of absent members, each "approve" or "reject" (or {"member": ..., "vote": ...}).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import IO, Any

from tdkt.rules.candidates import fits, parse_candidate
from tdkt.rules.caps import apply_caps
from tdkt.rules.codes import Award, Subject
from tdkt.rules.council import APPROVE, REJECT, tally
from tdkt.rules.engine import Engine, engine_for
from tdkt.rules.errors import ContractError, MissingParameter
from tdkt.rules.facts import Facts
from tdkt.rules.jsonread import (
    as_choice,
    as_code,
    as_date,
    as_int,
    as_list,
    as_object,
    as_str,
    check_keys,
    optional,
    parse_json,
)
from tdkt.rules.money import reward
from tdkt.rules.params import ParameterSet

CASE_KEYS = frozenset({"year", "as_of", "awards", "candidate", "dossier_received_on"})
BATCH_KEYS = frozenset({"year", "as_of", "awards", "cases", "dossier_received_on"})
TALLY_KEYS = frozenset({"award", "as_of", "council_size", "approve", "reject", "absent_written"})
MONEY_KEYS = frozenset({"award", "subject", "decided_on"})


# --- entry points -------------------------------------------------------------------------------


def answer(
    obj: Any, params: ParameterSet | None = None, engine: Engine | None = None
) -> dict[str, Any]:
    """The answer to one of the contract's four questions, as a JSON-ready dict. `engine` (the
    Django side's, with the regimes as stored) takes precedence over `params`."""
    if not isinstance(obj, dict):
        raise ContractError("Nội dung phải là một đối tượng JSON ({...})")
    if engine is not None:
        params = engine.params
    else:
        engine = engine_for(params)
    try:
        if "cases" in obj:
            return _answer_batch(obj, engine)
        if "candidate" in obj:
            return _answer_case(obj, engine)
        if "council_size" in obj:
            return _answer_tally(obj, params)
        if "decided_on" in obj or "subject" in obj:
            return _answer_money(obj, params)
    except MissingParameter as exc:
        raise ContractError(
            f"Không có tham số '{exc.key}' áp dụng vào ngày {exc.on.isoformat()}"
        ) from exc
    raise ContractError(
        "Không nhận ra loại câu hỏi: cần một trong các khoá 'candidate' (một hồ sơ), "
        "'cases' (một lô), 'council_size' (kết quả biểu quyết) hoặc 'decided_on' (tiền thưởng)"
    )


def answer_text(
    text: str, params: ParameterSet | None = None, engine: Engine | None = None
) -> dict[str, Any]:
    return answer(parse_json(text), params, engine)


def check_command(
    path: str,
    stdout: IO[str],
    stderr: IO[str],
    stdin: IO[str] | None = None,
    params: ParameterSet | None = None,
    engine: Engine | None = None,
) -> int:
    """`tdkt eligibility check FILE` (`-` = standard input): 0 and the answer, or 2 and why."""
    try:
        if path == "-":
            text = (stdin or sys.stdin).read()
        else:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
    except OSError as exc:
        stderr.write(f"Không đọc được tệp '{path}': {_os_reason(exc)}\n")
        return 2
    except UnicodeDecodeError:
        stderr.write(f"Tệp '{path}' không phải văn bản UTF-8\n")
        return 2
    try:
        result = answer_text(text, params, engine)
    except ContractError as exc:
        stderr.write(exc.message + "\n")
        return 2
    stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return 0


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "tệp không tồn tại"
    if isinstance(exc, IsADirectoryError):
        return "đây là một thư mục"
    if isinstance(exc, PermissionError):
        return "không có quyền đọc"
    return exc.strerror or str(exc)


# --- the four questions -------------------------------------------------------------------------


def _answer_case(obj: dict[str, Any], engine: Engine) -> dict[str, Any]:
    check_keys(obj, "", CASE_KEYS, {"year", "as_of", "awards", "candidate"})
    year, as_of, dossier = _when(obj)
    facts = parse_candidate(obj["candidate"], "candidate")
    awards = _awards_asked(obj["awards"], "awards", facts.subject)
    _check_regime(engine, as_of, dossier)
    ctx = engine.context(facts, year, as_of, dossier)
    return {"verdicts": [ctx.verdict(a).to_json() for a in awards]}


def _answer_batch(obj: dict[str, Any], engine: Engine) -> dict[str, Any]:
    check_keys(obj, "", BATCH_KEYS, {"year", "as_of", "cases"})
    year, as_of, dossier = _when(obj)
    awards = None
    if "awards" in obj:
        awards = [
            as_code(Award, a, f"awards[{i}]")
            for i, a in enumerate(as_list(obj["awards"], "awards"))
        ]
    candidates: list[tuple[str, Facts]] = []
    seen: set[str] = set()
    for i, raw in enumerate(as_list(obj["cases"], "cases")):
        path = f"cases[{i}]"
        case = as_object(raw, path)
        case_id = as_str(case.get("id"), f"{path}.id")
        if case_id in seen:
            raise ContractError(f"Mã hồ sơ bị trùng ở '{path}.id': {case_id!r}")
        seen.add(case_id)
        candidates.append(
            (case_id, parse_candidate({k: v for k, v in case.items() if k != "id"}, path))
        )
    _check_regime(engine, as_of, dossier)
    rows = engine.scan(candidates, year, as_of, awards, dossier)
    requested = set(awards) if awards is not None else {v.award for r in rows for v in r.verdicts}
    caps = apply_caps([r.ctx for r in rows], [r.verdicts for r in rows], requested)
    verdicts = [{"id": r.key, **v.to_json()} for r in rows for v in r.verdicts]
    return {"verdicts": verdicts, "caps": [c.to_json() for c in caps]}


def _answer_tally(obj: dict[str, Any], params: ParameterSet | None) -> dict[str, Any]:
    check_keys(obj, "", TALLY_KEYS, {"award", "as_of", "council_size", "approve"})
    award = as_code(Award, obj["award"], "award")
    as_of = as_date(obj["as_of"], "as_of")
    size = as_int(obj["council_size"], "council_size", minimum=1)
    approve = as_int(obj["approve"], "approve", minimum=0)
    reject = as_int(obj.get("reject", 0), "reject", minimum=0)
    written = [
        _written_vote(v, f"absent_written[{i}]")
        for i, v in enumerate(as_list(obj.get("absent_written", []), "absent_written"))
    ]
    if approve + reject + len(written) > size:
        raise ContractError(
            f"Tổng số phiếu ('approve' {approve} + 'reject' {reject} + 'absent_written' "
            f"{len(written)}) vượt quá số thành viên Hội đồng ('council_size' {size})"
        )
    return tally(award, as_of, size, approve, reject, written, params).to_json()


def _answer_money(obj: dict[str, Any], params: ParameterSet | None) -> dict[str, Any]:
    check_keys(obj, "", MONEY_KEYS, MONEY_KEYS)
    award = as_code(Award, obj["award"], "award")
    subject = as_code(Subject, obj["subject"], "subject", allowed=("individual", "collective"))
    decided_on = as_date(obj["decided_on"], "decided_on")
    fits(award, subject, "award")
    try:
        return reward(award, subject, decided_on, params).to_json()
    except MissingParameter as exc:
        raise ContractError(
            f"Không có hệ số tiền thưởng hoặc mức lương cơ sở cho '{award}' ({subject}) vào ngày "
            f"{decided_on.isoformat()} ('decided_on'; tham số '{exc.key}')"
        ) from exc


def _when(obj: dict[str, Any]) -> tuple[int, date, date | None]:
    year = as_int(obj["year"], "year", minimum=1900)
    as_of = as_date(obj["as_of"], "as_of")
    dossier = optional(obj.get("dossier_received_on"), "dossier_received_on", as_date)
    if as_of < date(year, 1, 1):
        raise ContractError(f"'as_of' ({as_of.isoformat()}) trước năm xét 'year' ({year})")
    return year, as_of, dossier


def _check_regime(engine: Engine, as_of: date, dossier: date | None) -> None:
    try:
        engine.choose(as_of, dossier)
    except LookupError:
        first = engine.regimes.first_day.isoformat()
        raise ContractError(
            f"Không có chế độ pháp lý cho ngày {as_of.isoformat()} ('as_of'); dữ liệu chế độ bắt "
            f"đầu từ {first}"
        ) from None


def _awards_asked(value: Any, path: str, subject: Subject) -> list[Award]:
    out: list[Award] = []
    for i, raw in enumerate(as_list(value, path)):
        award = as_code(Award, raw, f"{path}[{i}]")
        fits(award, subject, f"{path}[{i}]")
        out.append(award)
    return out


def _written_vote(value: Any, path: str) -> str:
    if isinstance(value, dict):
        check_keys(value, path, {"member", "vote"}, {"vote"})
        if "member" in value:
            as_str(value["member"], f"{path}.member")
        return as_choice(value["vote"], f"{path}.vote", (APPROVE, REJECT))
    return as_choice(value, path, (APPROVE, REJECT))
