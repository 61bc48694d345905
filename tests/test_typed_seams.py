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


# Parameters and attributes that carry a core type across a module boundary: their names, and what they must
# be annotated with (issue 13: no `Any` at a seam where a precise type exists).
SEAM_ANNOTATIONS = {
    "calendar": {"Calendar | None", "Calendar"},
    "outcome": {"CheckResult"},
    "waiver": {"Waiver | None", "Waiver"},
    "ledger": {"Ledger"},
    "run": {"CheckResult", "Run"},
}


def seam_annotations(tree: ast.AST, names=tuple(SEAM_ANNOTATIONS)):
    """(line, name, annotation text or None) of every parameter, and annotated attribute, with one of `names`."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
                if arg.arg in names:
                    yield arg.lineno, arg.arg, None if arg.annotation is None else ast.unparse(arg.annotation)
        elif isinstance(node, ast.AnnAssign):
            target = node.target
            name = target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) else None
            if name in names:
                yield node.lineno, name, ast.unparse(node.annotation)


def test_every_seam_parameter_has_its_type() -> None:
    """A calendar is a Calendar, a run's outcome a CheckResult, a waiver a Waiver, a ledger a Ledger."""
    wrong = [f"{path.relative_to(PACKAGE)}:{line}: {name}: {annotation}"
             for path in MODULES if "commands" not in path.parts  # a command's --calendar is a path
             for line, name, annotation in seam_annotations(parse(path))
             if annotation is not None and annotation not in SEAM_ANNOTATIONS[name]]
    assert not wrong, "\n".join(wrong)


def test_the_catalog_document_tables_are_typed_dicts() -> None:
    """The two-level shorthand's tables (document, sections, measures, tasks) and their indexes are TypedDicts."""
    tree = parse(PACKAGE / "policy" / "catalog.py")
    annotated = {node.target.attr: ast.unparse(node.annotation) for node in ast.walk(tree)
                 if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Attribute)}
    assert annotated["document"] == "DocumentRecord"
    assert annotated["sections"] == "list[SectionRecord]"
    assert annotated["measures"] == "list[MeasureRecord]"
    assert annotated["tasks"] == "list[TaskRecord]"
    assert annotated["measure_by_id"] == "dict[int, MeasureRecord]"
    assert annotated["task_by_id"] == "dict[int, TaskRecord]"
    assert annotated["section_by_id"] == "dict[int, SectionRecord]"
    returns = {node.name: ast.unparse(node.returns) for node in ast.walk(tree)
               if isinstance(node, ast.FunctionDef) and node.returns is not None}
    assert returns["measure"] == "MeasureRecord" and returns["task"] == "TaskRecord"


def test_the_shorthand_records_match_the_data_models() -> None:
    """Each TypedDict of the shorthand has exactly the fields of the pydantic model it is the dump of, so a
    field added to the data format is typed where the catalog hands it out."""
    from ipmeasures.policy import models, records

    pairs = [(records.DocumentRecord, models.DocumentInfo), (records.SectionRecord, models.Section),
             (records.MeasureRecord, models.Measure), (records.TaskRecord, models.Task),
             (records.DeadlineRecord, models.Deadline), (records.TargetRecord, models.Target)]
    for record, model in pairs:
        assert set(record.__annotations__) == set(model.model_fields), record.__name__


# Functions whose parameters or return once were `Any` though a precise type exists (module, function, annotation).
NO_ANY = [
    ("ledger/dashboard.py", "render_dashboard"), ("ledger/dashboard.py", "_figures"), ("labels.py", "deadline_note"),
    ("supervision/calendar.py", "due"), ("reporters/base.py", "companion"), ("supervision/results.py", "load_run"),
    ("supervision/results.py", "latest_statuses"), ("report/schema.py", "schema_model"),
    ("commands/stdout.py", "stdout_stream"), ("commands/_common.py", "output_stream"), ("reporters/base.py", "begin"),
    ("reporters/base.py", "copy_spool"),
]


def annotations_of(function: ast.FunctionDef) -> list[str]:
    args = function.args
    found = [ast.unparse(arg.annotation) for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs)
             if arg.annotation is not None]
    return found + ([ast.unparse(function.returns)] if function.returns is not None else [])


@pytest.mark.parametrize("module, name", NO_ANY)
def test_no_any_at_these_seams(module: str, name: str) -> None:
    [function] = [node for node in ast.walk(parse(PACKAGE / module)) if isinstance(node, ast.FunctionDef)
                  and node.name == name]
    assert not [a for a in annotations_of(function) if "Any" in a], f"{module}:{function.lineno} {name}"


def test_a_finding_names_its_waiver_and_a_ledger_its_run() -> None:
    findings = {node.target.id: ast.unparse(node.annotation) for node in ast.walk(parse(PACKAGE / "findings.py"))
                if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)}
    assert findings["waiver"] == "Waiver | None"
    ledger = {node.target.id: ast.unparse(node.annotation) for node in ast.walk(parse(PACKAGE / "ledger" / "model.py"))
              if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)}
    assert ledger["run"] == "CheckResult"


def test_the_seam_walks_catch_what_they_guard() -> None:
    bad = ast.parse("def f(calendar: Any, outcome, waiver: dict) -> Any: ...\nclass L:\n    run: Any\n")
    assert sorted((name, annotation) for _line, name, annotation in seam_annotations(bad)) == [
        ("calendar", "Any"), ("outcome", None), ("run", "Any"), ("waiver", "dict")]
    [function] = [node for node in ast.walk(bad) if isinstance(node, ast.FunctionDef)]
    assert [a for a in annotations_of(function) if "Any" in a] == ["Any", "Any"]


def test_mypy_ignores_missing_stubs_only_for_named_modules() -> None:
    """No global ignore_missing_imports: a new untyped dependency fails mypy until it is named."""
    import tomllib

    config = tomllib.loads((PACKAGE.parent.parent / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert "ignore_missing_imports" not in config
    for override in config.get("overrides", []):
        if override.get("ignore_missing_imports"):
            modules = override["module"] if isinstance(override["module"], list) else [override["module"]]
            assert all(m.split(".")[0] in ("openpyxl", "defusedxml") for m in modules), modules


def test_optional_fields_the_types_showed_are_left_out_not_crashed_on(tmp_path: Path) -> None:
    """What the MeasureRecord/TaskRecord types made mypy see: a measure without `text` (optional in the data
    format) and a task without `measures_basis` show the rest of their facts."""
    import shutil

    from click.testing import CliRunner

    from ipmeasures.cli import cli

    data = tmp_path / "data"
    shutil.copytree(PACKAGE.parent.parent / "data", data)
    measures = (data / "measures.yaml").read_text(encoding="utf-8")
    start = measures.index("  - id: 1\n    label: (一)")
    text_line = measures.index("    text:", start)
    measures = measures[:text_line] + measures[measures.index("\n", text_line) + 1:]
    (data / "measures.yaml").write_text(measures, encoding="utf-8")
    table = (data / "responsibility_table.yaml").read_text(encoding="utf-8")
    basis = table.index("    measures_basis:")
    (data / "responsibility_table.yaml").write_text(table[:basis] + table[table.index("\n", basis) + 1:],
                                                   encoding="utf-8")
    runner = CliRunner()
    measure = runner.invoke(cli, ["--data", str(data), "measure", "1"], catch_exceptions=False)
    assert measure.exit_code == 0 and "严厉打击侵权假冒行为" in measure.stdout and "内容" not in measure.stdout
    task = runner.invoke(cli, ["--data", str(data), "task", "1"], catch_exceptions=False)
    assert task.exit_code == 0 and "对应依据" not in task.stdout and "打击侵权" in task.stdout
