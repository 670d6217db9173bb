"""The engine's verdicts stored with each candidate, and the caps that count across the unit's
proposals (through `tdkt.eligibility`, never the engine directly)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from tdkt.eligibility.scan import run_scan
from tdkt.errors import Conflict
from tdkt.nominations.models import Candidate, Dossier, DossierKind, DossierStatus, VerdictStatus
from tdkt.rules import codes
from tdkt.rules.codes import Award
from tdkt.rules.facts import SuddenAct

S = DossierStatus


def evaluate(candidates: list[Candidate], year: int, as_of: dt.date) -> None:
    """Store each candidate's verdict for the award asked, as the engine gives it on `as_of`; in
    a sudden dossier, the verdict on the act (the engine's rules of khen thưởng đột xuất)."""
    people = [c for c in candidates if c.person_id is not None]
    outcomes: dict[tuple[str, int], Any] = {}
    if people:
        result = run_scan(
            year=year,
            as_of=as_of,
            person_ids=sorted({c.person_id for c in people if c.person_id}),
            awards=sorted({c.award for c in people}),
        )
        outcomes.update({("p", o.id): o for o in result.people})
    for c in candidates:
        if c.unit_id is not None:
            result = run_scan(year=year, as_of=as_of, unit_id=c.unit_id, subtree=False)
            outcomes.update({("u", o.id): o for o in result.units})
    for c in candidates:
        key = ("p", c.person_id) if c.person_id is not None else ("u", c.unit_id)
        data = _verdict(c, outcomes.get(key))  # type: ignore[arg-type]
        c.verdict, c.verdict_status = data, data["status"]
        c.verdict_regime, c.verdict_as_of = data["regime"], as_of
        c.save(update_fields=["verdict", "verdict_status", "verdict_regime", "verdict_as_of"])


def _verdict(candidate: Candidate, outcome: Any) -> dict[str, Any]:
    if outcome is None:
        return _uncovered(candidate, None)
    if candidate.dossier.kind == DossierKind.SUDDEN:
        act = SuddenAct(candidate.achievement.strip() or None, candidate.act_on)
        try:
            return dict(outcome.ctx.sudden_verdict(Award(candidate.award), act).to_json())
        except ValueError:  # an award given only on merit
            return _uncovered(candidate, outcome)
    verdict = next((v for v in outcome.verdicts if str(v.award) == candidate.award), None)
    return verdict.to_json() if verdict is not None else _uncovered(candidate, outcome)


def _uncovered(candidate: Candidate, outcome: Any) -> dict[str, Any]:
    message = (
        _("Hệ thống chưa có quy tắc xét %(a)s; Hội đồng xem xét theo hồ sơ.")
        % {"a": codes.award_name(candidate.award)}
        if outcome is not None
        else _("Không tìm thấy dữ liệu của %(n)s cho năm xét.") % {"n": candidate.name}
    )
    regime = outcome.verdicts[0].regime if outcome is not None and outcome.verdicts else ""
    return {
        "award": candidate.award,
        "status": str(VerdictStatus.NEEDS_REVIEW),
        "regime": regime,
        "reasons": [
            {"rule": "engine.uncovered", "passed": None, "message": message, "citation": ""}
        ],
    }


def check_caps(dossier: Dossier, as_of: dt.date) -> None:
    """The caps that count across candidates (TTLĐXS, CSTĐCS before 2024, Cờ của Chính phủ),
    counted on every proposal of the unit for the year, this dossier included."""
    asked = {c.award for c in dossier.candidates.all()}
    capped = sorted(asked & {str(Award.TTLDXS), str(Award.CSTDCS), str(Award.CO_CP)})
    if not capped:
        return
    result = run_scan(year=dossier.year, as_of=as_of, unit_id=dossier.unit_id, awards=capped)
    for cap in result.caps:
        proposed = (
            Candidate.objects.filter(
                award=str(cap.award), dossier__year=dossier.year, dossier__unit=dossier.unit
            )
            .exclude(dossier__status=S.WITHDRAWN)
            .count()
        )
        if proposed > cap.limit:
            raise Conflict(
                _("Vượt tỷ lệ %(a)s: đơn vị đề nghị %(n)s, tối đa %(l)s (tính trên %(b)s; %(c)s).")
                % {
                    "a": codes.award_name(cap.award),
                    "n": proposed,
                    "l": cap.limit,
                    "b": cap.basis,
                    "c": cap.citation,
                },
                code="over_quota",
            )
