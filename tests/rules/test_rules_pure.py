"""The engine is pure Python: importing it, and running a case, loads no Django module."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from datetime import date
import tdkt.rules
from tdkt.rules.contract import answer
from tdkt.rules.engine import Engine
from tdkt.rules.facts import PersonFacts, SuddenAct
case = {"kind": "individual"}
answer({"year": 2025, "as_of": "2025-12-15", "awards": ["LDTT"], "candidate": case})
Engine().evaluate_sudden(PersonFacts(), "BK_NGANH", SuddenAct("x"), 2026, date(2026, 12, 1))
print(sorted(m for m in sys.modules if m.split(".")[0] == "django"))
"""


def test_the_engine_imports_no_django_module_even_when_it_runs():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
