"""The shape of the code that the design promises, checked so it stays that way: small functions,
no import cycles between subpackages, one place that builds options and two that make exit codes."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "datarecipe_lint"
MAX_FUNCTION_LINES = 60


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        out[name] = ast.parse(path.read_text(encoding="utf-8"))
    return out


def _imports(name: str, tree: ast.Module) -> set[str]:
    """Absolute names of the package's own modules that ``name`` imports (lazily or not)."""
    is_package = name.count(".") == 0 or (PACKAGE.parent / name.replace(".", "/")).is_dir()
    base = name.split(".") if is_package else name.split(".")[:-1]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = base[: len(base) - node.level + 1]
                mod = ".".join(parts + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod.startswith("datarecipe_lint"):
                out.add(mod)
                out.update(f"{mod}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("datarecipe_lint"))
    return out


def _subpackage(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) < 2 or not (PACKAGE / parts[1]).is_dir():
        return None
    return parts[1]


def test_no_function_is_longer_than_sixty_lines() -> None:
    long = []
    for name, tree in _modules().items():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{name}.{node.name}: {length} lines")
    assert not long, long


def test_no_import_cycle_between_subpackages() -> None:
    graph: dict[str, set[str]] = {}
    for name, tree in _modules().items():
        src = _subpackage(name)
        if src is None:
            continue
        for target in _imports(name, tree):
            dst = _subpackage(target)
            if dst is not None and dst != src:
                graph.setdefault(src, set()).add(dst)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    cycles = sorted(
        f"{a} -> {b} -> ... -> {a}" for a in graph for b in graph[a] if reaches(b, a, {b})
    )
    assert not cycles, cycles


def test_nothing_imports_the_cli() -> None:
    offenders = [
        name
        for name, tree in _modules().items()
        if name not in ("datarecipe_lint.cli", "datarecipe_lint.__main__")
        and any(t == "datarecipe_lint.cli" for t in _imports(name, tree))
    ]
    assert not offenders, offenders


def _calls(tree: ast.Module, func: str) -> bool:
    return any(
        isinstance(n, ast.Call)
        and (getattr(n.func, "id", None) == func or getattr(n.func, "attr", None) == func)
        for n in ast.walk(tree)
    )


def test_exit_codes_come_from_the_two_mains_only() -> None:
    users = {name for name, tree in _modules().items() if _calls(tree, "exit_code")}
    # the lint JSON shows each card's exit code, read from the same table
    assert users == {
        "datarecipe_lint.cli",
        "datarecipe_lint.github.action",
        "datarecipe_lint.report.lint_json",
    }


def test_run_options_are_built_in_one_place() -> None:
    builders = {name for name, tree in _modules().items() if _calls(tree, "RunOptions")}
    assert builders <= {"datarecipe_lint.options", "datarecipe_lint.pipeline"}, builders
