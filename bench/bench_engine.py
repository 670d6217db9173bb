"""Engine benchmark: the synthetic sector of tests/rules/synthetic.py (15,000 people, 700 units).

    .venv/bin/python bench/bench_engine.py [--repeat 3]

Goals: the annual scan (LĐTT, CSTĐCS, TTLĐTT, TTLĐXS) under 1 s; every encoded award under 4 s,
with the cyclic garbage collector on, as a web request runs the engine. The same scans with the
collector paused (as `tdkt eligibility scan` asks for) are printed beside them, with what the
pause saves."""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tdkt.rules.engine import Engine
from tests.rules.synthetic import ANNUAL, AS_OF, sector


def timed(engine: Engine, candidates: list, awards: list | None, paused: bool) -> float:
    gc.collect()
    if paused:
        gc.disable()
    started = time.perf_counter()
    try:
        engine.scan(candidates, 2025, AS_OF, awards)
        return time.perf_counter() - started
    finally:
        gc.enable()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    candidates = sector()
    engine = Engine()
    engine.scan(candidates[:10], 2025, AS_OF, ANNUAL)  # parameter view and rule tables
    met = True
    for label, awards, goal in (("annual scan", ANNUAL, 1.0), ("every award", None, 4.0)):
        medians = {}
        for paused in (False, True):
            times = sorted(timed(engine, candidates, awards, paused) for _ in range(args.repeat))
            best, medians[paused] = times[0], times[len(times) // 2]
            if not paused:
                met &= best < goal
            mode = "collector paused" if paused else "collector on"
            print(
                f"{label}, {mode}: best {best:.2f} s, median {medians[paused]:.2f} s"
                + ("" if paused else f" (goal < {goal:.0f} s)")
            )
        saved = 100 * (1 - medians[True] / medians[False])
        print(f"{label}: the pause saves {saved:.0f} % (medians)")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
