"""Only simulator/tui may import textual; authored files stay data."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "simulator"


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_textual_only_in_tui():
    offenders = [str(p.relative_to(PKG)) for p in PKG.rglob("*.py")
                 if "textual" in imports(p) and "tui" not in p.relative_to(PKG).parts]
    assert offenders == []


def test_no_eval_exec_or_unsafe_yaml():
    bad = []
    for p in PKG.rglob("*.py"):
        tree = ast.parse(p.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                fn = node.func
                name = fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else ""
                # The command group imports its own command modules from a fixed table.
                lazy_commands = p.relative_to(PKG).as_posix() == "cli/__init__.py"
                if name in ("eval", "exec", "__import__", "import_module") and not lazy_commands:
                    bad.append(f"{p.name}:{node.lineno} {name}")
                if isinstance(fn, ast.Attribute) and fn.attr in ("load", "full_load", "unsafe_load", "load_all") \
                        and isinstance(fn.value, ast.Name) and fn.value.id == "yaml":
                    bad.append(f"{p.name}:{node.lineno} yaml.{fn.attr}")
    assert bad == []



def test_no_module_imports_itself_back():
    """The house has no import circle: no chain of imports leads from a module back to it."""
    import grimp

    graph = grimp.build_graph("simulator")
    edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(m: str) -> None:  # Tarjan's strongly connected components
        index[m] = low[m] = len(index)
        stack.append(m)
        on_stack.add(m)
        for d in edges[m]:
            if d not in index:
                visit(d)
                low[m] = min(low[m], low[d])
            elif d in on_stack:
                low[m] = min(low[m], index[d])
        if low[m] == index[m]:
            component = []
            while True:
                x = stack.pop()
                on_stack.discard(x)
                component.append(x)
                if x == m:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for m in sorted(graph.modules):
        if m not in index:
            visit(m)
    assert cycles == []


def test_the_app_paints_before_the_engine_is_imported():
    """The first frame needs textual and the home screen only: the engine, the language layer,
    scoring, the file models and the other screens load after it (in workers or on first use)."""
    import subprocess
    import sys

    code = ("import sys, simulator.tui.app; "
            "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pydantic', 'rapidfuzz', 'yaml', 'transitions') or m.startswith(("
            "'simulator.engine', 'simulator.language', 'simulator.scoring', 'simulator.live', "
            "'simulator.scenario', 'simulator.transcripts', 'simulator.debrief', "
            "'simulator.tui.screens.play', 'simulator.tui.screens.debrief')))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PKG.parent)
    assert out.stdout.strip() == ""
