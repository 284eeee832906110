"""Tests on the packaging itself: the hook's file pattern, the README's promises."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from conftest import ROOT

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
README = (ROOT / "README.md").read_text()


@pytest.mark.parametrize(
    ("path", "matches"),
    [
        ("README.md", True),
        ("data/README.md", True),
        ("a/b/c/README.md", True),
        ("README.md.bak", False),
        ("docs/readme.txt", False),
        ("NOTREADME.md", False),
        ("README.markdown", False),
    ],
)
def test_hook_files_pattern(path: str, matches: bool) -> None:
    for hook in HOOKS:
        assert bool(re.search(hook["files"], path)) is matches, hook["id"]


def test_every_hook_id_is_in_the_readme_with_a_snippet() -> None:
    for hook in HOOKS:
        assert f"id: {hook['id']}" in README
    assert "repos:" in README and "rev:" in README


def test_hooks_are_the_lint_and_the_fixer_and_local_only() -> None:
    assert [h["id"] for h in HOOKS] == ["datarecipe-lint", "datarecipe-fix"]
    for hook in HOOKS:
        assert hook["language"] == "python"
        assert hook["entry"] == "datarecipe " + hook["id"].split("-")[1]


def test_readme_starts_with_the_two_commands() -> None:
    blocks = re.findall(r"```(?:bash|sh|console)?\n(.*?)```", README, re.DOTALL)
    assert "examples/" in blocks[0] and "datarecipe analyze" in blocks[0]
    assert "pytest" in blocks[1]


def test_readme_documents_every_finding_id() -> None:
    from datarecipe_lint.findings import FINDING_IDS

    for fid in FINDING_IDS:
        assert f"`{fid}`" in README, fid


def test_readme_documents_every_criterion() -> None:
    from datarecipe_lint.rubric import CRITERIA_IDS

    for cid in CRITERIA_IDS:
        assert f"`{cid}`" in README, cid


def test_lint_help_lists_every_id() -> None:
    from datarecipe_lint.cli import build_parser
    from datarecipe_lint.findings import FINDING_IDS
    from datarecipe_lint.rubric import CRITERIA_IDS

    lint = build_parser()._subparsers._group_actions[0].choices["lint"]  # type: ignore[union-attr]
    text = lint.format_help()
    for ident in (*CRITERIA_IDS, *FINDING_IDS):
        assert ident in text, ident


def test_local_analysis_imports_nothing_heavy() -> None:
    """Start-up stays lean: no HTTP client, Hub client, schema validator or data scanner on the
    local path (pre-commit runs it on every README edit)."""
    import subprocess
    import sys

    from conftest import ROOT

    code = (
        "import sys, io, contextlib\n"
        "from datarecipe_lint.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['lint', {str(ROOT / 'examples' / 'synthetic-instructions' / 'README.md')!r}])\n"
        "    main(['analyze', "
        f"{str(ROOT / 'examples' / 'synthetic-instructions' / 'README.md')!r}, '--json'])\n"
        "heavy = ['huggingface_hub', 'jsonschema', 'urllib.request', 'http.client', 'ssl', "
        "'importlib.metadata', 'datarecipe_lint.content', 'pyarrow', 'requests', "
        "'datarecipe_lint.export', 'mlcroissant', 'ray', 'datarecipe_lint.ray_cluster', "
        "'datarecipe_lint.fix']\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def _pyproject() -> dict[str, Any]:
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_the_actions_pins_satisfy_pyproject() -> None:
    """action-requirements.txt pins every dependency the gate needs, within pyproject's ranges,
    for every Python it supports; huggingface_hub (Hub only) is left out on purpose."""
    packaging = pytest.importorskip("packaging.requirements")
    from packaging.markers import default_environment

    project = _pyproject()["project"]

    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    wanted = {
        norm(packaging.Requirement(d).name): packaging.Requirement(d)
        for d in project["dependencies"]
    }
    pins = [
        packaging.Requirement(line)
        for line in (ROOT / "action-requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for minor in range(9, 14):
        env = {
            **default_environment(),
            "python_version": f"3.{minor}",
            "python_full_version": f"3.{minor}.0",
        }
        active = {norm(p.name): p for p in pins if p.marker is None or p.marker.evaluate(env)}
        for name, req in wanted.items():
            if name == "huggingface-hub" or (req.marker and not req.marker.evaluate(env)):
                continue
            assert name in active, f"{name} is not pinned for Python 3.{minor}"
            (spec,) = active[name].specifier
            assert spec.operator == "==" and req.specifier.contains(spec.version), (name, spec)
        assert "huggingface-hub" not in active
