"""`tdkt serve`'s worker model, and the load test (bench/load) kept out of the application.

Fast: no server, no locust. The load test itself is `make load` (bench/load/run.py)."""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from pathlib import Path

import pytest

from tdkt.web.management.commands import serve

ROOT = Path(__file__).resolve().parents[2]
LOAD = ROOT / "bench" / "load"


def _help() -> str:
    return serve.Command().create_parser("tdkt", "serve").format_help()


def test_serve_help_documents_the_worker_model_and_its_defaults() -> None:
    text = " ".join(_help().split())
    for option in ("--workers", "--threads", "--max-requests"):
        assert option in text
    assert "gthread" in text
    assert f"mặc định {serve.WORKERS} tiến trình × {serve.THREADS} luồng" in text


def test_serve_defaults_are_the_measured_model() -> None:
    parser = serve.Command().create_parser("tdkt", "serve")
    options = parser.parse_args([])
    assert (options.workers, options.threads) == (serve.WORKERS, serve.THREADS)
    assert options.max_requests == serve.MAX_REQUESTS


def test_threads_above_one_run_gthread_workers_and_one_thread_runs_sync() -> None:
    threaded = serve.gunicorn_args(host="h", port=1, workers=3, threads=4, max_requests=0)
    assert threaded[threaded.index("--worker-class") + 1] == "gthread"
    assert threaded[threaded.index("--threads") + 1] == "4"
    assert threaded[threaded.index("--workers") + 1] == "3"
    plain = serve.gunicorn_args(host="h", port=1, workers=2, threads=1, max_requests=0)
    assert plain[plain.index("--worker-class") + 1] == "sync"
    assert "--max-requests" not in plain


def test_max_requests_is_given_with_a_jitter_of_at_most_half() -> None:
    args = serve.gunicorn_args(host="h", port=1, workers=2, threads=1, max_requests=10)
    assert args[args.index("--max-requests") + 1] == "10"
    jitter = int(args[args.index("--max-requests-jitter") + 1])
    assert 0 <= jitter <= 5


def test_serve_stops_gunicorn_on_sigterm_as_on_ctrl_c() -> None:
    with pytest.raises(KeyboardInterrupt):
        serve._interrupt(15, None)


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def test_no_module_of_the_application_imports_locust_or_gevent() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "src").rglob("*.py")
        if _imports(path) & {"locust", "gevent"}
    ]
    assert offenders == []


def test_locust_lives_only_in_the_load_tests_own_pinned_requirements() -> None:
    lines = (LOAD / "requirements.txt").read_text(encoding="utf-8").splitlines()
    requirements = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert len(requirements) == 1 and re.fullmatch(r"locust==\d+\.\d+\.\d+", requirements[0])
    assert "locust" not in (ROOT / "pyproject.toml").read_text(encoding="utf-8").lower()
    assert importlib.util.find_spec("locust") is None  # not installed beside Django
    assert "bench/load/.venv/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_locustfile_cannot_be_loaded_in_the_applications_environment() -> None:
    spec = importlib.util.spec_from_file_location("locustfile", LOAD / "locustfile.py")
    assert spec is not None and spec.loader is not None
    with pytest.raises(ModuleNotFoundError) as caught:
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
    assert caught.value.name in {"gevent", "locust"}
    assert _imports(LOAD / "locustfile.py").isdisjoint({"tdkt", "django"})


def test_the_runner_uses_the_standard_library_alone_and_reads_the_models() -> None:
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    assert _imports(LOAD / "run.py") <= stdlib
    spec = importlib.util.spec_from_file_location("load_run", LOAD / "run.py")
    assert spec is not None and spec.loader is not None
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    assert run.model_args("gthread:2x4+maxreq:500") == (
        "gthread:2x4+maxreq:500",
        ["--workers", "2", "--threads", "4", "--max-requests", "500"],
    )
    assert run.model_args("sync:5")[1] == ["--workers", "5", "--threads", "1"]
    assert run.model_args("default")[1] == []


def test_make_load_builds_its_own_virtualenv_from_the_pinned_requirements() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^load: .*\$\(LOAD_VENV\)/\.installed", makefile, re.M)
    assert "-m venv $(LOAD_VENV)" in makefile
    assert "$(LOAD_VENV)/bin/python -m pip install" in makefile
    assert "-r bench/load/requirements.txt" in makefile
    assert "bench/load/run.py" in makefile
