"""The house in three wings, read from the source with ``ast``: each wing imports only the wings below it.

Wings, from the bottom: ``analysis.data`` (0), ``analysis.measures`` (1), ``analysis.output`` (2), then
``analysis.report`` and ``analysis.cli`` (3). The face (``analysis/__init__.py``) is imported by nothing
inside. Every import counts for the wings and for cycles, a function's own import included (it runs when
the function is called); the import-time chain (module-level imports, outside ``if TYPE_CHECKING``) is at
most 6 modules long.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "analysis"
WINGS = {"analysis.data": 0, "analysis.measures": 1, "analysis.output": 2, "analysis.report": 3, "analysis.cli": 3,
         "analysis.__main__": 4}
MAX_CHAIN = 6
MAX_FUNCTION_LINES = 60


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _targets(module: str, node: ast.ImportFrom | ast.Import, is_package: bool) -> set[str]:
    """The package modules an import statement names (``from .x import y`` may name module x or x.y)."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names if a.name in MODULES or a.name.startswith("analysis.")}
    base = module.split(".") if is_package else module.split(".")[:-1]
    if node.level:
        base = base[:len(base) - node.level + 1]
        name = ".".join(base + ([node.module] if node.module else []))
    else:
        name = node.module or ""
    if not (name == "analysis" or name.startswith("analysis.")):
        return set()
    found = {name} if name in MODULES else set()
    found |= {f"{name}.{a.name}" for a in node.names if f"{name}.{a.name}" in MODULES}
    return found or {name}


@lru_cache(maxsize=None)
def imports(module: str, import_time_only: bool = False) -> frozenset[str]:
    """The package modules ``module`` imports (at import time only: module level, outside TYPE_CHECKING)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = []
    if import_time_only:
        stack = list(tree.body)
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                nodes.append(node)
            elif isinstance(node, (ast.If, ast.Try)) and not _is_type_checking(node):
                stack.extend(ast.iter_child_nodes(node))
    else:
        nodes = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    found: set[str] = set()
    for node in nodes:
        found |= _targets(module, node, path.name == "__init__.py")
    found.discard(module)
    return frozenset(found)


def wing(module: str) -> int | None:
    return next((level for prefix, level in WINGS.items() if module == prefix or module.startswith(prefix + ".")),
                None)


def test_every_module_lives_in_a_wing():
    homeless = [m for m in MODULES if m != "analysis" and wing(m) is None]
    assert homeless == []


def test_nothing_inside_imports_the_face():
    offenders = {m: sorted(imports(m)) for m in MODULES if m != "analysis" and "analysis" in imports(m)}
    assert offenders == {}


@pytest.mark.parametrize("module", [m for m in MODULES if m != "analysis"])
def test_each_wing_imports_only_the_wings_below_it(module):
    mine = wing(module)
    above = sorted(t for t in imports(module) if t != "analysis" and wing(t) is not None and wing(t) > mine)
    assert above == [], f"{module} (wing {mine}) imports from a wing above it"


def test_no_import_cycle():
    graph = {m: imports(m) - {"analysis"} for m in MODULES}
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for t in sorted(graph.get(m, ())):
            if state.get(t) == 1:
                raise AssertionError("import cycle: " + " -> ".join(path + [m, t]))
            if t in graph and state.get(t) is None:
                visit(t, path + [m])
        state[m] = 2

    for m in sorted(graph):
        if state.get(m) is None:
            visit(m, [])


def longest_chain(module: str, seen: tuple[str, ...] = ()) -> list[str]:
    best = [module]
    for target in sorted(imports(module, import_time_only=True)):
        if target in MODULES and target not in seen and target != "analysis":
            chain = [module] + longest_chain(target, seen + (module,))
            best = chain if len(chain) > len(best) else best
    return best


def test_the_longest_import_chain_is_at_most_six_modules():
    chains = [longest_chain(m) for m in MODULES if m != "analysis"]
    longest = max(chains, key=len)
    assert len(longest) <= MAX_CHAIN, " -> ".join(longest)
    assert len(longest) >= 4  # the check reads real imports: data -> ... is several modules deep


def test_the_check_would_see_a_wing_violation(tmp_path):
    """The reader of imports is not blind: a data module importing a measure is named as such."""
    node = ast.parse("from ..measures.comparisons import tally").body[0]
    assert _targets("analysis.data.votes", node, False) == {"analysis.measures.comparisons"}
    assert wing("analysis.measures.comparisons") > wing("analysis.data.votes")


def test_no_function_is_longer_than_sixty_lines():
    """Sixty lines of code, the docstring not counted (a long docstring with examples is welcome)."""
    long = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                body = node.body[1:] if ast.get_docstring(node) is not None and len(node.body) > 1 else node.body
                length = node.end_lineno - body[0].lineno + 1  # the code, its docstring (and examples) not counted
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{module}.{node.name}: {length} lines")
    assert long == []


def test_no_module_sets_environment_variables_or_keeps_a_shim():
    for module, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        assert "os.environ[" not in text and "os.putenv" not in text, module
        assert "legacy_order" not in text, module


def test_the_declared_member_tables_agree_with_the_bodies():
    """193 and 15 are written once as facts of the bodies; the declarations of the member files must agree."""
    from analysis.data.bodies import BODIES
    from analysis.data.schema import TABLES

    assert TABLES["members"].rows == TABLES["tile_grid"].rows == BODIES["GA"].members == 193
    assert TABLES["sc_members"].rows == BODIES["SC"].members == 15
