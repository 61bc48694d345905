"""The package's shape (issue 13): no import cycles, and only the CLI layer imports click or rich.

Imports are read from the source files with `ast`, not by importing the package, so an import inside a
function counts as much as one at the top of a module: a cycle through a lazy import is still a cycle,
it only fails later (on the first call instead of at start-up). Imports under `if TYPE_CHECKING:` are left
out: they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "ipmeasures"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, *, top_level_only: bool = False):
    """Every Import/ImportFrom node that can run, skipping TYPE_CHECKING blocks (and function bodies if asked)."""
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, ast.If) and _is_type_checking(child):
            yield from (node for stmt in child.orelse for node in _imports_in(stmt, top_level_only))
            continue
        yield from _imports_in(child, top_level_only)


def _imports_in(node: ast.AST, top_level_only: bool):
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        yield node
        return
    if top_level_only and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        return
    yield from _imports(node, top_level_only=top_level_only)


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The package modules an import statement in `module` names (absolute or relative)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    if node.level:
        package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
        base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
        source = ".".join(base + ([node.module] if node.module else []))
    else:
        source = node.module or ""
    # `from ipmeasures.rules import base` names the submodule; `from ipmeasures.rules import RULES` the package.
    return {f"{source}.{alias.name}" if f"{source}.{alias.name}" in MODULES else source for alias in node.names}


def import_graph() -> dict[str, set[str]]:
    """module -> the package modules it imports anywhere in its body (functions included)."""
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        graph[module] = {target for node in _imports(tree) for target in _targets(module, node)
                         if target in MODULES and target != module}
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (as a closed path a -> b -> a) per strongly connected group of modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_path_within(graph, group) for group in groups]


def _path_within(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A shortest closed path through the group's first module, so the message names a real cycle."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & group):
            if target == start:
                return paths[node] + [start]
            if target not in paths:
                paths[target] = paths[node] + [target]
                queue.append(target)
    raise AssertionError(f"no cycle through {start}")  # pragma: no cover - Tarjan's groups are cycles


def test_the_package_has_no_import_cycle() -> None:
    cycles = [" -> ".join(cycle) for cycle in find_cycles(import_graph())]
    assert not cycles, "import cycles (move the shared code down to a module both can import):\n" + "\n".join(cycles)


def test_the_walk_sees_function_level_and_relative_imports() -> None:
    graph = import_graph()
    # readers.load_source imports the workbook reader inside the function, only for *.xlsx
    assert "ipmeasures.sources.workbook" in graph["ipmeasures.sources.readers"]
    # the rules package imports its rule modules
    assert "ipmeasures.rules.missing_duty" in graph["ipmeasures.rules"]
    assert "ipmeasures.i18n" in graph["ipmeasures.policy.catalog"]
    rule = "ipmeasures.rules.missing_duty"
    assert _targets(rule, ast.parse("from .base import Rule").body[0]) == {"ipmeasures.rules.base"}
    assert _targets(rule, ast.parse("from .. import i18n").body[0]) == {"ipmeasures.i18n"}
    assert _targets("ipmeasures.rules", ast.parse("from . import base").body[0]) == {"ipmeasures.rules.base"}


@pytest.mark.parametrize(("graph", "expected"), [
    ({"a": {"b"}, "b": {"a"}}, [["a", "b", "a"]]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c", "a"]]),
    ({"a": {"b", "c"}, "b": {"c"}, "c": set()}, []),
])
def test_find_cycles_names_each_cycle(graph: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert find_cycles(graph) == expected


# The CLI layer: the entry point, the commands, click's shell-completion callbacks and its help formatter.
CLICK_ALLOWED = ("ipmeasures.cli", "ipmeasures.commands", "ipmeasures.completion", "ipmeasures.helpformat")
# rich draws tables: the commands, the two table outputs and their wrapped cell (wrapping.Cell), and only
# inside functions (start-up).
RICH_ALLOWED = ("ipmeasures.commands", "ipmeasures.reporters.table", "ipmeasures.views.rich_table",
                "ipmeasures.wrapping")


def _within(module: str, allowed: tuple[str, ...]) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in allowed)


def _third_party(node: ast.Import | ast.ImportFrom) -> set[str]:
    if isinstance(node, ast.Import):
        return {alias.name.split(".")[0] for alias in node.names}
    return {(node.module or "").split(".")[0]} if not node.level else set()


def test_only_the_cli_layer_imports_click() -> None:
    offenders = sorted(module for module, path in MODULES.items() if not _within(module, CLICK_ALLOWED)
                       and any("click" in _third_party(node) for node in _imports(ast.parse(path.read_text("utf-8")))))
    assert offenders == []


def test_only_commands_and_table_outputs_import_rich_and_never_at_module_level() -> None:
    anywhere = []
    at_top = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text("utf-8"))
        if any("rich" in _third_party(node) for node in _imports(tree)) and not _within(module, RICH_ALLOWED):
            anywhere.append(module)
        if any("rich" in _third_party(node) for node in _imports(tree, top_level_only=True)) \
                and not _within(module, ("ipmeasures.commands",)):
            at_top.append(module)
    assert anywhere == []
    assert at_top == []


# --- rules own their findings -------------------------------------------------------------------

RULE_IDS = {ast.literal_eval(node.value) for path in (PACKAGE / "rules").glob("*.py")
            for node in ast.parse(path.read_text("utf-8")).body
            if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["ID"]}


def _string_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level NAME = "text" assignments."""
    return {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            for target in node.targets if isinstance(target, ast.Name)}


def _finding_calls(tree: ast.AST):
    """Calls that build a finding: Finding(...) and any .finding(...)/finding(...)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name in ("Finding", "finding"):
                yield node


def _argument(call: ast.Call, keyword: str, position: int) -> ast.expr | None:
    for item in call.keywords:
        if item.arg == keyword:
            return item.value
    return call.args[position] if len(call.args) > position else None


def test_rule_ids_are_read_from_the_rule_modules() -> None:
    assert {"invalid-report", "bad-period", "encoding", "yaml-pitfall", "missing-duty"} <= RULE_IDS


def test_no_module_outside_rules_builds_a_finding_with_a_rule_id_of_its_own() -> None:
    offenders = []
    for module, path in MODULES.items():
        if _within(module, ("ipmeasures.rules",)):
            continue
        tree = ast.parse(path.read_text("utf-8"))
        constants = _string_constants(tree)
        offenders += [f"{module}: {name} = {text!r}" for name, text in constants.items() if text in RULE_IDS]
        for call in _finding_calls(tree):
            rule_id = _argument(call, "rule_id", 0)
            literal = (rule_id.value if isinstance(rule_id, ast.Constant) else
                       constants.get(rule_id.id) if isinstance(rule_id, ast.Name) else None)
            if isinstance(literal, str):
                offenders.append(f"{module}:{call.lineno}: a finding with rule id {literal!r}")
    assert offenders == []


def test_every_finding_a_rule_module_builds_carries_its_id_and_severity() -> None:
    offenders = []
    for module, path in MODULES.items():
        if not _within(module, ("ipmeasures.rules",)):
            continue
        for call in _finding_calls(ast.parse(path.read_text("utf-8"))):
            if isinstance(call.func, ast.Name) and call.func.id == "finding":
                continue  # the module's own factory, which does the same
            rule_id, severity = _argument(call, "rule_id", 0), _argument(call, "severity", 1)
            if not (isinstance(rule_id, ast.Name) and rule_id.id == "ID"
                    and isinstance(severity, ast.Name) and severity.id == "SEVERITY"):
                offenders.append(f"{module}:{call.lineno}")
    assert offenders == []


# --- one home per concept: small modules, a command layer that only parses and calls -------------

MAX_LINES = 450  # STYLE: "a module past ~400 lines ... is two modules"; the margin is for growth, not a target
# Modules allowed past MAX_LINES, each with its reason; remove an entry when its module is split.
LONG_MODULES: dict[str, str] = {}


def test_no_module_is_over_the_line_limit() -> None:
    lengths = {module: len(path.read_text("utf-8").splitlines()) for module, path in MODULES.items()}
    offenders = sorted(f"{module}: {n} lines" for module, n in lengths.items()
                       if n > MAX_LINES and module not in LONG_MODULES)
    assert offenders == [], f"split these along their concerns (limit {MAX_LINES} lines):\n" + "\n".join(offenders)
    assert all(module in MODULES for module in LONG_MODULES), "an exception names a module that is gone"


# The command layer: what only the CLI imports. The core (everything else) never imports it: a core function
# that needs a command's help is a core function in the wrong place.
CLI_LAYER = ("ipmeasures.cli", "ipmeasures.commands", "ipmeasures.__main__", "ipmeasures.completion",
             "ipmeasures.helpformat", "ipmeasures.clicktext")


def test_the_core_never_imports_the_command_layer() -> None:
    graph = import_graph()
    offenders = sorted(f"{module} -> {target}" for module, targets in graph.items() if not _within(module, CLI_LAYER)
                       for target in targets if _within(target, CLI_LAYER))
    assert offenders == []


# What a command may import when its module is loaded (to declare its options): click, the standard library,
# the CLI helpers and the output registries that feed --format. The engine, the policy model, the report
# parser, the rules and the workbook code are imported inside the command function, on the one path that
# needs them (start-up: `ipm check --format json` stays near `import click`).
CORE_PACKAGES = ("ipmeasures.check", "ipmeasures.policy", "ipmeasures.report", "ipmeasures.rules",
                 "ipmeasures.supervision", "ipmeasures.importer", "ipmeasures.workbook")


def test_commands_import_the_core_only_inside_the_command() -> None:
    offenders = []
    for module, path in MODULES.items():
        if not _within(module, ("ipmeasures.commands",)):
            continue
        for node in _imports(ast.parse(path.read_text("utf-8")), top_level_only=True):
            offenders += [f"{module}:{node.lineno} imports {target}" for target in _targets(module, node)
                          if _within(target, CORE_PACKAGES)]
    assert offenders == []


def test_the_command_layer_checks_can_fail() -> None:
    core = ast.parse("from ipmeasures.check.engine import check_paths\n\ndef run():\n    import ipmeasures.policy.catalog\n")
    top = [t for node in _imports(core, top_level_only=True) for t in _targets("ipmeasures.commands.x", node)]
    inside = [t for node in _imports(core) for t in _targets("ipmeasures.commands.x", node)]
    assert [t for t in top if _within(t, CORE_PACKAGES)] == ["ipmeasures.check.engine"]
    assert "ipmeasures.policy.catalog" in inside and "ipmeasures.policy.catalog" not in top
