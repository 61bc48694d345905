"""Typed seams (issue 13): the catalog and the rules meet through real types, not `Any`.

mypy checks the types; these tests keep the types there. Read with `ast`, no import: every parameter or
attribute named `catalog` is annotated with the Catalog class (optionally `| None`); every rule module's
`check()` says what it reads and yields, by its SCOPE; the catalog's records are TypedDicts imported only
for type checking, so they cost nothing at start-up.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "ipmeasures"
MODULES = sorted(PACKAGE.rglob("*.py"))

# What a rule's check() takes by SCOPE (rules/__init__.py); every one yields Finding.
CHECK_SIGNATURES = {
    "report": ("Report", "RuleContext"),
    "reader": ("Report", "RuleContext"),
    "run": ("list[ReportSummary]", "RunContext"),
    "waivers": ("list[Waiver]", "dt.date"),
}
CATALOG_ANNOTATIONS = {"Catalog", "Catalog | None"}


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def catalog_annotations(tree: ast.AST):
    """(line, annotation text or None) of every parameter, and annotated attribute, named `catalog`."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            args = node.args
            for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
                if arg.arg == "catalog" and not isinstance(node, ast.Lambda):
                    yield arg.lineno, None if arg.annotation is None else ast.unparse(arg.annotation)
        elif isinstance(node, ast.AnnAssign):
            target = node.target
            name = target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) else None
            if name == "catalog":
                yield node.lineno, ast.unparse(node.annotation)


def test_every_catalog_is_typed_as_the_catalog() -> None:
    untyped = [f"{path.relative_to(PACKAGE)}:{line}: catalog: {annotation}"
               for path in MODULES for line, annotation in catalog_annotations(parse(path))
               if annotation not in CATALOG_ANNOTATIONS]
    assert not untyped, "annotate catalog with Catalog (imported under TYPE_CHECKING):\n" + "\n".join(untyped)


def rule_modules() -> list[Path]:
    return sorted(p for p in (PACKAGE / "rules").glob("*.py") if p.name not in ("__init__.py", "base.py"))


def module_constant(tree: ast.Module, name: str) -> str | None:
    for node in tree.body:
        if (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            return node.value.value
    return None


@pytest.mark.parametrize("path", rule_modules(), ids=lambda p: p.stem)
def test_every_rule_check_is_annotated_by_its_scope(path: Path) -> None:
    tree = parse(path)
    scope = module_constant(tree, "SCOPE")
    assert scope in CHECK_SIGNATURES, f"{path.name}: SCOPE {scope!r}"
    [check] = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "check"]
    annotations = tuple(None if arg.annotation is None else ast.unparse(arg.annotation) for arg in check.args.args)
    assert annotations == CHECK_SIGNATURES[scope], f"{path.name}: check{annotations}"
    assert check.returns is not None and ast.unparse(check.returns) == "Iterator[Finding]", path.name


def test_the_rule_context_carries_a_catalog_and_duties_not_any() -> None:
    tree = parse(PACKAGE / "rules" / "base.py")
    fields = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name in ("RuleContext", "RunContext"):
            for item in node.body:
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    fields[(node.name, item.target.id)] = ast.unparse(item.annotation)
    assert fields[("RuleContext", "catalog")] == "Catalog"
    assert fields[("RuleContext", "duties")] == "list[Duty]"
    assert fields[("RunContext", "catalog")] == "Catalog"
    assert "Any" not in fields.values()


def test_catalog_records_are_typed_dicts_imported_for_type_checking_only() -> None:
    """policy/records.py holds TypedDicts; no module imports it at run time (start-up stays as it was)."""
    records = parse(PACKAGE / "policy" / "records.py")
    classes = [node for node in records.body if isinstance(node, ast.ClassDef)]
    assert {"DutyRecord", "AssigneeRecord", "MilestoneRecord", "NodeRecord", "UnitRecord", "GroupRecord"} <= {
        c.name for c in classes}
    assert all(any(ast.unparse(base) == "TypedDict" for base in c.bases) for c in classes)
    for path in MODULES:
        tree = parse(path)
        guarded = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and ast.unparse(block.test) == "TYPE_CHECKING" for node in ast.walk(block)}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "ipmeasures.policy.records":
                assert id(node) in guarded, f"{path.relative_to(PACKAGE)}:{node.lineno} imports records at run time"


def test_the_catalog_attributes_rules_read_are_typed() -> None:
    """The catalog's record tables are annotated with the TypedDicts, not bare dicts."""
    tree = parse(PACKAGE / "policy" / "catalog.py")
    annotated = {}
    for node in ast.walk(tree):
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Attribute)
                and isinstance(node.target.value, ast.Name) and node.target.value.id == "self"):
            annotated[node.target.attr] = ast.unparse(node.annotation)
    assert annotated["duty_list"] == "list[DutyRecord]"
    assert annotated["duty_by_key"] == "dict[tuple[str, int], DutyRecord]"
    assert annotated["units"] == "list[UnitRecord]"
    assert annotated["groups"] == "list[GroupRecord]"
    assert annotated["nodes"] == "list[NodeRecord]"


def test_the_checks_above_catch_what_they_guard(tmp_path: Path) -> None:
    """The walk sees an untyped catalog and an unannotated rule check (so the tests above can fail)."""
    bad = ast.parse("def f(catalog: Any) -> None: ...\ndef g(catalog): ...\nclass C:\n    catalog: Any\n")
    assert [annotation for _line, annotation in catalog_annotations(bad)] == ["Any", None, "Any"]
    rule = ast.parse('SCOPE = "report"\ndef check(report, ctx): ...\n')
    [check] = [n for n in rule.body if isinstance(n, ast.FunctionDef)]
    assert tuple(arg.annotation for arg in check.args.args) == (None, None)
