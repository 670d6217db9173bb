"""The eligibility engine: pure Python, no Django import. Facts in, verdicts out.

Public API (see shared/domain/eligibility-contract.md for the JSON side):

- `evaluate(facts, awards, year, as_of, params=None, dossier_received_on=None) -> list[Verdict]`,
  `Engine(params).scan(candidates, year, as_of, awards)` for bulk runs; `Verdict.to_json()`.
- `PersonFacts`, `UnitFacts` and their parts (`facts.py`) to build facts without JSON.
- `ParameterSet` (dated parameters), `default_parameters()`, `RegimeTable`, `default_regimes()`.
- `tally(...)` (council vote), `reward(...)` (money), `due_steps(...)` (due list),
  `apply_caps(...)` (batch caps).
- `answer(obj)`, `check_command(path, stdout, stderr)`, `ContractError` (the contract).

Submodules are imported lazily so that `from tdkt.rules import codes` (the Django models) stays
cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "evaluate": "engine",
    "Engine": "engine",
    "Rule": "engine",
    "ScanRow": "engine",
    "TallyResult": "council",
    "MoneyResult": "money",
    "CapReport": "caps",
    "Verdict": "verdict",
    "Reason": "verdict",
    "Status": "verdict",
    "Gap": "verdict",
    "PersonFacts": "facts",
    "UnitFacts": "facts",
    "Period": "facts",
    "TitleRecord": "facts",
    "AwardRecord": "facts",
    "Initiative": "facts",
    "DisciplineRecord": "facts",
    "Leave": "facts",
    "Members": "facts",
    "Cluster": "facts",
    "record_id": "facts",
    "Parameter": "params",
    "ParameterSet": "params",
    "default_parameters": "params",
    "Regime": "regimes",
    "RegimeTable": "regimes",
    "default_regimes": "regimes",
    "tally": "council",
    "reward": "money",
    "due_steps": "due",
    "DueStep": "due",
    "apply_caps": "caps",
    "parse_candidate": "candidates",
    "answer": "contract",
    "check_command": "contract",
    "ContractError": "errors",
    "MissingParameter": "errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"tdkt.rules.{module}"), name)
