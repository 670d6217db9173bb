"""`make load`: the application under 50 signed-in users, served the production way.

For each worker model asked (`--models`, default: `tdkt serve`'s own), on PostgreSQL with the full
demo sector (DATABASE_URL, or a database `tdkt_load` created and built once):
1. starts `tdkt serve` on a free port of 127.0.0.1 with that model;
2. the mix: 50 users signing in through the login form, 1–3 s between clicks (bench/load/
   locustfile.py), the first seconds after spawning thrown away: per page p50/p95, errors, req/s;
3. the saturation: the same users with no wait: the mix's req/s at most;
4. the bare view (/healthz: no login, one query), 50 users with no wait: the server's ceiling,
   and the ratio of the saturated mix to it;
5. the memory: a fresh server, a plan of 1,000 mixed requests (20 of them the sector eligibility
   screen); each gunicorn worker's resident memory (VmRSS) before and after.
Prints a table per model and writes everything to bench/load/results-<date>.json.

Standard library only: the project's interpreter runs this file, the load test's own virtualenv
(bench/load/.venv) runs locust, and neither imports the other.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

LOAD = Path(__file__).resolve().parent
ROOT = LOAD.parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
TDKT = ROOT / ".venv" / "bin" / "tdkt"
LOCUST = LOAD / ".venv" / "bin" / "locust"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/tdkt_load"
SECTOR_SCREEN = "xét điều kiện toàn ngành"
MIX_USERS = ["SectorUser", "ProvinceUser"]
# Seconds allowed for every user to sign in before the warm-up and the measure start.
SIGN_IN_LIMIT = 300


def say(text: str = "") -> None:
    print(text, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def model_args(spec: str) -> tuple[str, list[str]]:
    """'default' (serve's own), 'sync:N', 'gthread:NxT', each optionally '+maxreq:M'."""
    label, extra = spec, []
    base, _, maxreq = spec.partition("+")
    kind, _, size = base.partition(":")
    if kind == "sync":
        extra += ["--workers", size, "--threads", "1"]
    elif kind == "gthread":
        workers, _, threads = size.partition("x")
        extra += ["--workers", workers, "--threads", threads]
    elif kind != "default":
        sys.exit(f"unknown worker model {spec!r}: default, sync:N or gthread:NxT[+maxreq:M]")
    if maxreq:
        extra += ["--max-requests", maxreq.partition(":")[2]]
    return label, extra


# --- processes ---------------------------------------------------------------------------------


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry))
    return sorted(found)


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


class Server:
    """`tdkt serve` in its own process group, stopped by that group's id."""

    def __init__(self, spec: str, extra: list[str], env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log.open("ab")
        where = ["--host", "127.0.0.1", "--port", str(self.port)]
        self.proc = subprocess.Popen(
            [str(TDKT), "serve", *where, "--no-migrate", *extra],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_ready()

    def wait_ready(self, timeout: float = 90) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                sys.exit(f"tdkt serve stopped (code {self.proc.returncode}); see {self.log.name}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=5) as answer:
                    if answer.status == 200 and len(self.workers()) > 0:
                        return
            except OSError:
                pass
            time.sleep(0.5)
        self.stop()
        sys.exit(f"tdkt serve did not answer /healthz in {timeout:.0f} s; see {self.log.name}")

    def drain(self, timeout: float = 240) -> None:
        """Wait until the requests left queued by the last run (users stopped mid-request) are
        done: /healthz answering at once twice in a row."""
        end, quick = time.monotonic() + timeout, 0
        while time.monotonic() < end and quick < 2:
            start = time.monotonic()
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=timeout) as answer:
                    answer.read()
            except OSError:
                time.sleep(1)
                continue
            quick = quick + 1 if time.monotonic() - start < 0.25 else 0
            time.sleep(0.2)

    def master(self) -> int | None:
        for pid in children(self.proc.pid):
            if "gunicorn" in cmdline(pid):
                return pid
        return None

    def workers(self) -> list[int]:
        master = self.master()
        return children(master) if master else []

    def rss(self) -> dict[str, float | None]:
        return {str(pid): rss_mb(pid) for pid in self.workers()}

    def stop(self) -> None:
        pgid = os.getpgid(self.proc.pid)
        os.killpg(pgid, signal.SIGINT)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(pgid, signal.SIGKILL)
            self.proc.wait()
        self.log.close()


# --- locust ------------------------------------------------------------------------------------


def locust(
    host: str,
    users: list[str],
    *,
    count: int,
    rate: float,
    seconds: float,
    env: dict[str, str],
    tmp: Path,
    name: str,
    measured: float = 0,
) -> dict[str, Any]:
    """One headless run; the stats of its CSV: per name, and 'Aggregated'."""
    load_before = loadavg()
    prefix = tmp / name
    command = [
        str(LOCUST),
        "-f",
        str(LOAD / "locustfile.py"),
        "--headless",
        "--host",
        host,
        "-u",
        str(count),
        "-r",
        str(rate),
        "-t",
        f"{math.ceil(seconds)}s",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        *users,
    ]
    # Locust sees none of the application's environment: its own interpreter, the URLs alone.
    env = {k: v for k, v in env.items() if k not in ("PYTHONPATH", "DATABASE_URL")}
    env["LOAD_RUN_TIME"] = str(measured)
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=LOAD)
    if done.returncode not in (0, 1):  # 1: some requests failed, reported below
        say(done.stdout[-3000:] + done.stderr[-3000:])
        sys.exit(f"locust failed (code {done.returncode})")
    stats: dict[str, Any] = {}
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            count = int(row["Request Count"])
            stats[row["Name"]] = {
                "requests": count,
                "failures": int(row["Failure Count"]),
                "p50_ms": number(row["50%"]),
                "p95_ms": number(row["95%"]),
                # Over the whole measured window (locust's own rate stops at the last answer:
                # a server stuck on slow pages at the end would look faster than it is).
                "rps": round(count / measured, 2) if measured else number(row["Requests/s"]),
            }
    failures: list[str] = []
    failures_csv = Path(f"{prefix}_failures.csv")
    if failures_csv.exists():
        with failures_csv.open(newline="", encoding="utf-8") as f:
            failures = [f"{r['Name']}: {r['Error']} ×{r['Occurrences']}" for r in csv.DictReader(f)]
    complete = not measured or "load: measured" in done.stdout
    if not complete:
        say(f"  ({name}: the users were not all signed in before the time limit: not measured)")
    if not stats.get("Aggregated", {}).get("requests"):
        say(f"  (locust {name} measured no request:)\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return {
        "pages": stats,
        "failures": failures[:20],
        "complete": complete,
        "loadavg_1min": [load_before, loadavg()],
    }


def loadavg() -> float:
    """The machine's load (other processes share the 2 cores): kept beside each run."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def number(text: str) -> float:
    try:
        return float(text)
    except ValueError:  # N/A: no request of that name
        return 0.0


class _Skip(Exception):
    """--memory-only: no mix, saturation or bare run."""


# --- one model ---------------------------------------------------------------------------------


def measure(spec: str, args: argparse.Namespace, env: dict[str, str], tmp: Path) -> dict[str, Any]:
    label, extra = model_args(spec)
    log = LOAD / "logs" / f"serve-{label.replace(':', '-')}.log"
    log.parent.mkdir(exist_ok=True)
    say(f"\n=== {label}: tdkt serve {' '.join(extra) or '(its defaults)'}")
    result: dict[str, Any] = {"model": label, "serve_args": extra}
    spawn = math.ceil(args.users / args.spawn_rate)

    server = None if args.memory_only else Server(spec, extra, env, log)
    try:
        if server is None:
            raise _Skip
        result["rss_start_mb"] = server.rss()
        mix_env = {**env, "LOAD_WARMUP": str(args.warmup)}
        say(f"  mix: {args.users} users, 1–3 s between clicks, {args.run_time} s measured…")
        result["mix"] = locust(
            server.url,
            MIX_USERS,
            count=args.users,
            rate=args.spawn_rate,
            seconds=SIGN_IN_LIMIT + spawn + args.warmup + args.run_time,
            env=mix_env,
            tmp=tmp,
            name=f"{label}-mix",
            measured=args.run_time,
        )
        server.drain()
        result["rss_after_mix_mb"] = server.rss()
        if args.saturation_time > 0:
            server.drain()
            say(f"  saturation: {args.users} users, no wait, {args.saturation_time} s…")
            result["saturation"] = locust(
                server.url,
                MIX_USERS,
                count=args.users,
                rate=args.spawn_rate,
                seconds=SIGN_IN_LIMIT + spawn + 10 + args.saturation_time,
                env={**env, "LOAD_WARMUP": "10", "LOAD_NO_WAIT": "1"},
                tmp=tmp,
                name=f"{label}-saturation",
                measured=args.saturation_time,
            )
        server.drain()
        say(f"  bare view /healthz: {args.users} users, no wait, {args.bare_time} s…")
        result["bare"] = locust(
            server.url,
            ["BareUser"],
            count=args.users,
            rate=args.users,
            seconds=60 + 5 + args.bare_time,
            env={**env, "LOAD_WARMUP": "5"},
            tmp=tmp,
            name=f"{label}-bare",
            measured=args.bare_time,
        )
        server.drain()
        result["rss_after_all_mb"] = server.rss()
    except _Skip:
        pass
    finally:
        if server is not None:
            server.stop()

    if args.memory_requests > 0:
        say(f"  memory: a fresh server, {args.memory_requests} mixed requests…")
        server = Server(spec, extra, env, log)
        try:
            result["rss_fresh_mb"] = server.rss()
            result["memory"] = locust(
                server.url,
                ["MemoryUser"],
                count=args.memory_users,
                rate=args.memory_users,
                seconds=1800,
                env={**env, "LOAD_MEMORY_REQUESTS": str(args.memory_requests)},
                tmp=tmp,
                name=f"{label}-memory",
            )
            server.drain()
            result["rss_after_memory_mb"] = server.rss()
        finally:
            server.stop()
    return result


# --- report ------------------------------------------------------------------------------------


def ms(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def report(result: dict[str, Any]) -> None:
    if "mix" not in result:
        memory_report(result)
        return
    mix = result["mix"]["pages"]
    say(f"\n--- {result['model']}  (tdkt serve {' '.join(result['serve_args'])})")
    say(f"{'page':<28}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}")
    for name, row in sorted(mix.items(), key=lambda item: item[0] == "Aggregated"):
        if not row["requests"] and name.startswith("đăng nhập"):
            continue  # the sign-ins, all in the warm-up
        shown = "ALL (the mix)" if name == "Aggregated" else name
        say(
            f"{shown:<28}{row['requests']:>9}{row['failures']:>8}"
            f"{ms(row['p50_ms']):>9}{ms(row['p95_ms']):>9}"
        )
    total = mix.get("Aggregated", {})
    sector = mix.get(SECTOR_SCREEN, {}).get("requests", 0)
    share = 100 * sector / total["requests"] if total.get("requests") else 0
    say(f"sector eligibility share of the mix: {share:.1f} %")
    bare = result["bare"]["pages"].get("Aggregated", {}).get("rps", 0)
    say(f"mix (1–3 s wait): {total.get('rps', 0)} req/s, p95 {ms(total.get('p95_ms', 0))} ms")
    if "saturation" in result:
        sat = result["saturation"]["pages"].get("Aggregated", {})
        ratio = 100 * sat.get("rps", 0) / bare if bare else 0
        result["ratio_percent"] = round(ratio, 2)
        say(
            f"mix saturated (no wait): {sat.get('rps', 0)} req/s, p95 {ms(sat.get('p95_ms', 0))}"
            f" ms, {sat.get('failures', 0)} errors"
        )
        say(f"bare view /healthz: {bare} req/s;  saturated mix / bare = {ratio:.1f} %")
    else:
        say(f"bare view /healthz: {bare} req/s")
    for key, title in [
        ("rss_start_mb", "worker RSS at start (MB)"),
        ("rss_after_mix_mb", "worker RSS after the mix"),
        ("rss_after_all_mb", "worker RSS after saturation + bare"),
    ]:
        if key in result:
            say(f"{title:<36}{', '.join(f'{v}' for v in result[key].values())}")
    memory_report(result)
    loads = [result[k]["loadavg_1min"] for k in ("mix", "saturation", "bare") if k in result]
    say(f"machine load (1 min) before/after each run: {loads}")
    for run in ("mix", "saturation", "bare", "memory"):
        for failure in result.get(run, {}).get("failures", [])[:5]:
            say(f"  error ({run}): {failure}")


def memory_report(result: dict[str, Any]) -> None:
    if "memory" in result:
        fresh = ", ".join(f"{v}" for v in result["rss_fresh_mb"].values())
        after = ", ".join(f"{v}" for v in result["rss_after_memory_mb"].values())
        say(f"memory run, {result['model']}: worker RSS (MB) fresh {fresh}; after {after}")
        done = result["memory"]["pages"].get("Aggregated", {})
        screens = result["memory"]["pages"].get(SECTOR_SCREEN, {}).get("requests", 0)
        worst = max((v or 0 for v in result["rss_after_memory_mb"].values()), default=0)
        say(
            f"memory run: {done.get('requests', 0)} requests ({screens} sector eligibility), "
            f"{done.get('failures', 0)} errors; largest worker {worst} MB (goal < 400 MB)"
        )


def summary(results: list[dict[str, Any]]) -> None:
    results = [r for r in results if "mix" in r]
    if len(results) < 2:
        return
    say("\n=== worker models side by side")
    say(f"{'model':<24}{'p95 ms':>8}{'mix req/s':>10}{'sat req/s':>10}{'bare':>8}{'max RSS':>9}")
    for r in results:
        total = r["mix"]["pages"].get("Aggregated", {})
        sat = r.get("saturation", {}).get("pages", {}).get("Aggregated", {})
        bare = r["bare"]["pages"].get("Aggregated", {})
        rss = max((v or 0 for v in r.get("rss_after_memory_mb", {}).values()), default=0)
        say(
            f"{r['model']:<24}{ms(total.get('p95_ms', 0)):>8}{total.get('rps', 0):>10}"
            f"{sat.get('rps', 0):>10}{bare.get('rps', 0):>8}{rss:>9}"
        )


def _stop(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # the servers started are stopped on the way out


def main() -> None:
    signal.signal(signal.SIGTERM, _stop)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--models",
        default="default",
        help="comma-separated: default | sync:N | gthread:NxT, each with an optional +maxreq:M",
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--run-time", type=int, default=90, help="seconds measured of the mix")
    parser.add_argument("--warmup", type=int, default=20, help="seconds thrown away after spawn")
    parser.add_argument("--saturation-time", type=int, default=30, help="0: no saturation run")
    parser.add_argument("--bare-time", type=int, default=30)
    parser.add_argument("--memory-requests", type=int, default=1000, help="0: no memory run")
    parser.add_argument("--memory-users", type=int, default=10)
    parser.add_argument("--memory-only", action="store_true", help="the memory run alone")
    parser.add_argument(
        "--no-prepare",
        action="store_true",
        help="neither migrate nor build the demo (the database is ready)",
    )
    args = parser.parse_args()

    if not LOCUST.exists():
        sys.exit(f"{LOCUST} missing: run `make load`, which makes bench/load/.venv")
    env = {**os.environ, "DATABASE_URL": os.environ.get("DATABASE_URL") or DEFAULT_DATABASE}
    env.pop("LOAD_TARGETS", None)
    if "postgres" not in env["DATABASE_URL"]:
        sys.exit("The load test runs on PostgreSQL: set DATABASE_URL=postgres://…")
    say(f"database: {env['DATABASE_URL']}")
    prepare = [] if args.no_prepare else ["--prepare"]
    found = subprocess.run(
        [str(PYTHON), str(LOAD / "targets.py"), *prepare],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if found.returncode != 0:
        sys.exit(f"targets.py failed:\n{found.stderr[-3000:]}")

    results = []
    with tempfile.TemporaryDirectory(prefix="tdkt-load-") as tmp:
        targets = Path(tmp) / "targets.json"
        targets.write_text(found.stdout, encoding="utf-8")
        env["LOAD_TARGETS"] = str(targets)
        for spec in [s.strip() for s in args.models.split(",") if s.strip()]:
            result = measure(spec, args, env, Path(tmp))
            report(result)
            results.append(result)
    summary(results)

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = LOAD / f"results-{stamp}.json"
    out.write_text(
        json.dumps(
            {
                "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "machine": {"cores": os.cpu_count()},
                "settings": vars(args),
                "results": results,
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    say(f"\nresults: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
