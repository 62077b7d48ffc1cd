"""The layers keep their direction: the engine (`index`) never imports `qa`; the domain (`qa`
outside its interfaces and evaluation) never imports `qa.interfaces` or `qa.evaluation`;
evaluation never imports the interfaces. Read from the source with `ast`, lazy imports included."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, module: str) -> set[str]:
    """Every module an import statement in the file names (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            out.add(base)
            out.update(f"{base}.{alias.name}" for alias in node.names)
    return out


def _layer(module: str) -> str:
    if module == "index" or module.startswith("index."):
        return "engine"
    if module == "qa.interfaces" or module.startswith("qa.interfaces."):
        return "interfaces"
    if module == "qa.evaluation" or module.startswith("qa.evaluation."):
        return "evaluation"
    if module == "qa" or module.startswith("qa."):
        return "domain"
    return "outside"


# What each layer may import (besides itself and the outside world).
ALLOWED = {
    "engine": set(),
    "domain": {"engine"},
    "evaluation": {"engine", "domain"},
    "interfaces": {"engine", "domain", "evaluation"},
}
SOURCES = sorted(p for pkg in ("index", "qa") for p in (REPO / pkg).rglob("*.py"))


def _violations(path: Path, module: str) -> list[str]:
    own = _layer(module)
    bad = []
    for target in sorted(_imports(path, module)):
        layer = _layer(target)
        if layer not in ("outside", own) and layer not in ALLOWED[own]:
            bad.append(f"{module} ({own}) imports {target} ({layer})")
    return bad


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: _module_name(p))
def test_layer_imports_point_down(path: Path):
    assert _violations(path, _module_name(path)) == []


def test_the_rule_sees_a_violation(tmp_path: Path):
    """The check itself: upward imports, lazy or relative, are reported; downward ones not."""
    src = tmp_path / "probe.py"
    src.write_text("import numpy\nfrom index.chunking import Chunk\n\ndef f():\n"
                   "    from qa.answer import Answer\n    from ..interfaces import cli\n",
                   encoding="utf-8")
    assert _violations(src, "index.probe") == [
        "index.probe (engine) imports qa.answer (domain)",
        "index.probe (engine) imports qa.answer.Answer (domain)",
    ]
    assert _violations(src, "qa.evaluation.probe") == [
        "qa.evaluation.probe (evaluation) imports qa.interfaces (interfaces)",
        "qa.evaluation.probe (evaluation) imports qa.interfaces.cli (interfaces)",
    ]
    assert _violations(src, "qa.interfaces.probe") == []


def test_sources_are_found():
    names = {_module_name(p) for p in SOURCES}
    assert {"index.search", "qa.retriever", "qa.interfaces.cli", "qa.evaluation"} <= names
