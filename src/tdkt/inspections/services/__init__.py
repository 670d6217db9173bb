"""One function per business event of an inspection: `plans` (the plan, its units, checklist and
team, approval), `reports` (the inspected unit's self-report and evidence), `findings` (findings,
conclusion, recommendations and their follow-up, violations)."""
