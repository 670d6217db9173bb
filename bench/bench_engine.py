"""Engine benchmark: the synthetic sector of tests/rules/synthetic.py (15,000 people, 700 units).

    .venv/bin/python bench/bench_engine.py [--repeat 3]

Goals: the annual scan (LĐTT, CSTĐCS, TTLĐTT, TTLĐXS) under 1 s; every encoded award under 4 s."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tdkt.rules.engine import Engine
from tests.rules.synthetic import ANNUAL, AS_OF, sector


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    candidates = sector()
    engine = Engine()
    engine.scan(candidates[:10], 2025, AS_OF, ANNUAL)  # parameter view and rule tables
    met = True
    for label, awards, goal in (("annual scan", ANNUAL, 1.0), ("every award", None, 4.0)):
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            engine.scan(candidates, 2025, AS_OF, awards)
            times.append(time.perf_counter() - started)
        best = min(times)
        met &= best < goal
        median = sorted(times)[len(times) // 2]
        print(f"{label}: best {best:.2f} s, median {median:.2f} s (goal < {goal:.0f} s)")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
