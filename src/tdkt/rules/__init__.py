"""The eligibility engine: pure Python, no Django import. Facts in, verdicts out.

Import from the submodules (see shared/domain/eligibility-contract.md for the JSON side):

- `engine`: `evaluate(facts, awards, year, as_of, params=None, dossier_received_on=None)`,
  `Engine(params).scan(candidates, year, as_of, awards)` for bulk runs; `verdict.Verdict.to_json()`.
- `facts`: `PersonFacts`, `UnitFacts` and their parts, to build facts without JSON.
- `params`: `ParameterSet` (dated parameters), `default_parameters()`; `regimes`: `RegimeTable`.
- `council.tally` (council vote), `money.reward` (money), `due.due_steps` (due list),
  `caps.apply_caps` (batch caps); `contract.answer`, `contract.check_command`, `errors`.
- `codes`: the codes the Django models share with the engine.
"""
