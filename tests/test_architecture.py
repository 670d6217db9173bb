"""The house's arrows point down (docs/architecture.md): the apps under src/tdkt import each other
without a cycle, no app borrows another app's workflow plumbing (the kernel `tdkt.workflow` has
it), and the eligibility engine imports neither Django nor another app.

The graph is read from the source with `ast`: every import counts, those inside functions too (a
lazy import is still an arrow); migrations do not (Django runs them in order and they freeze the
past). A top-level module (`urls.py`, `api.py`, `cli.py`, `settings.py`) is a node of its own.
A name given to `import_string` (a port's implementation in settings) is not an import."""

from __future__ import annotations

import ast
import functools
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import tdkt

SRC = Path(tdkt.__file__).parent
# An app's own plumbing: generic machinery that belongs in the kernel, never imported sideways.
PLUMBING = ("services.common", "workflow", "services.transitions")
ACCESS_POLICY = "tdkt.accounts.access"  # the others ask through the port tdkt.workflow.access


@dataclass(frozen=True)
class Import:
    path: str  # the importing file, relative to src/
    app: str  # the importing app (or top-level module)
    target: str  # the dotted name imported: a module, or a module's attribute


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def app_of(dotted: str) -> str:
    """`tdkt.org.views` → "org"; `tdkt.urls` → "urls"."""
    return dotted.split(".")[1]


def imports_in(source: str, module: str, is_package: bool = False) -> Iterator[str]:
    """Every tdkt name `source` (the text of `module`) imports, wherever the statement stands.
    `from a.b import c` yields both "a.b" and "a.b.c" (c may be a module)."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.split(".")[0] == "tdkt")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved against the importing package
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if base.split(".")[0] != "tdkt":
                continue
            if base.count("."):
                yield base
            yield from (f"{base}.{a.name}" for a in node.names if a.name != "*")


@functools.cache
def all_imports() -> tuple[Import, ...]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.relative_to(SRC).parts:
            continue
        module = module_name(path)
        is_package = path.name == "__init__.py"
        for target in imports_in(path.read_text(encoding="utf-8"), module, is_package):
            found.append(Import(str(path.relative_to(SRC.parent)), app_of(module), target))
    return tuple(found)


def within(target: str, module: str) -> bool:
    return target == module or target.startswith(module + ".")


def plumbing_of(target: str) -> str:
    """The plumbing module `target` lies in (`tdkt.nominations.workflow` for
    `tdkt.nominations.workflow.move`), or "": an app's own copy of generic machinery (the kernel
    `tdkt.workflow` itself is nobody's plumbing)."""
    modules = (f"tdkt.{app_of(target)}.{part}" for part in PLUMBING)
    return next((m for m in modules if within(target, m)), "")


def app_graph(imports: tuple[Import, ...]) -> dict[str, dict[str, list[str]]]:
    """app → imported app → the files that make the arrow."""
    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for imp in imports:
        target = app_of(imp.target)
        if target != imp.app:
            graph[imp.app][target].append(imp.path)
    return graph


def find_cycle(graph: Mapping[str, Mapping[str, object]]) -> list[str]:
    """One cycle of the graph as the nodes it passes (the first repeated at the end), or []."""
    state: dict[str, str] = {}  # "open" while on the path, "done" once left
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = "open"
        path.append(node)
        for nxt in sorted(graph.get(node, {})):
            if state.get(nxt) == "open":
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = "done"
        return []

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return []


def describe(cycle: list[str], graph: Mapping[str, Mapping[str, list[str]]]) -> str:
    steps = [f"{a} -> {b} ({', '.join(sorted(set(graph[a][b]))[:3])})" for a, b in pairwise(cycle)]
    return "import cycle between apps:\n  " + "\n  ".join(steps)


# --- the checks themselves are checked ----------------------------------------------------------


def test_the_cycle_finder_finds_a_cycle_and_passes_a_tree() -> None:
    looped = {"org": {"people": 1}, "people": {"records": 1}, "records": {"org": 1}}
    assert find_cycle(looped) == ["org", "people", "records", "org"]
    assert find_cycle({"records": {"org": 1, "people": 1}, "people": {"org": 1}}) == []


def test_an_import_inside_a_function_and_a_relative_import_are_arrows_too() -> None:
    source = (
        "from . import selectors\n"
        "def view():\n"
        "    from tdkt.records.selectors import ledger_for\n"
        "    import tdkt.people.models\n"
    )
    found = set(imports_in(source, "tdkt.org.views"))
    assert {"tdkt.org.selectors", "tdkt.records.selectors", "tdkt.people.models"} <= found


def test_the_graph_is_read_from_the_real_source() -> None:
    graph = app_graph(all_imports())
    assert "org" in graph["records"]  # records/models.py points at units
    assert "workflow" in graph["org"]  # org asks the access port


# --- the house -----------------------------------------------------------------------------------


def test_the_apps_import_each_other_without_a_cycle() -> None:
    graph = app_graph(all_imports())
    cycle = find_cycle(graph)
    assert not cycle, describe(cycle, graph)


def test_no_app_imports_another_apps_workflow_plumbing() -> None:
    borrowed = [
        f"{imp.path} imports {plumbing_of(imp.target)}"
        for imp in all_imports()
        if app_of(imp.target) != imp.app and plumbing_of(imp.target)
    ]
    assert not borrowed, "take it from tdkt.workflow instead:\n" + "\n".join(sorted(set(borrowed)))


def test_only_the_accounts_app_imports_the_access_policy_the_others_use_the_port() -> None:
    direct = [
        f"{imp.path} imports {ACCESS_POLICY}"
        for imp in all_imports()
        if imp.app != "accounts" and within(imp.target, ACCESS_POLICY)
    ]
    assert not direct, "use tdkt.workflow.access:\n" + "\n".join(sorted(set(direct)))


def test_the_eligibility_engine_imports_neither_django_nor_another_app() -> None:
    foreign = []
    for path in sorted((SRC / "rules").rglob("*.py")):
        module, source = module_name(path), path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            foreign += [f"{module} imports {name}" for name in names if within(name, "django")]
        foreign += [
            f"{module} imports {target}"
            for target in imports_in(source, module, path.name == "__init__.py")
            if not within(target, "tdkt.rules")
        ]
    assert not foreign, "\n".join(sorted(set(foreign)))
