"""Policy data: YAML files -> validated models -> the plain, compiled form the queries read.

Validation needs PyYAML and pydantic (slow to import); queries need neither. `load_compiled` serves a
marshal cache of the validated data, keyed by the data files' content and the package version, so a plain
query never parses YAML or imports pydantic. `validate_data_dir` always validates from the YAML.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from typing import TYPE_CHECKING, TypeVar

from ipmeasures import __version__
from ipmeasures.errors import DataError, SourceError
from ipmeasures.i18n import N_, _, join_names

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

T = TypeVar("T")

DATA_FILES = ("units.yaml", "measures.yaml", "responsibility_table.yaml")
OPTIONAL_FILES = ("responsibility_table.yaml",)  # a document without an annex table has none
CACHE_FORMAT = 5  # 2: the name index is compiled in; 3: the general tree (nodes, duties); 4: checksummed;
# 5: the code named by its files' sizes and times
# pathlib is not imported on the query path: it costs a few milliseconds of start-up.
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # ipmeasures/, above policy/
_PACKAGED_DATA = os.path.join(_PACKAGE_DIR, "data")
_REPO_DATA = os.path.join(os.path.dirname(os.path.dirname(_PACKAGE_DIR)), "data")  # a source-tree run


def default_data_dir() -> str:
    """The data shipped with the package (inside the wheel), or the source tree's data/ when run from it."""
    return _PACKAGED_DATA if os.path.isdir(_PACKAGED_DATA) else _REPO_DATA


def resolve_data_dir(data_dir: str | os.PathLike | None) -> str:
    path = os.fspath(data_dir) if data_dir else default_data_dir()
    if not os.path.isdir(path):
        raise SourceError(_("数据目录不存在；请检查 --data 或 IPM_DATA 的取值。"), str(path))
    return path


DATA_MAX_BYTES = 16 << 20  # the shipped files are under 100 KB; a city's or a province's stay far below this


def _read_data_bytes(data_dir: str | os.PathLike) -> dict[str, bytes]:
    from ipmeasures.sources.files import read_bounded

    contents = {}
    for name in DATA_FILES:
        path = os.path.join(data_dir, name)
        if not os.path.lexists(path):
            if name in OPTIONAL_FILES:
                contents[name] = b""
                continue
            raise SourceError(_("缺少数据文件 {name}；数据目录须包含 {files}。").format(
                name=name, files=join_names(d for d in DATA_FILES if d not in OPTIONAL_FILES)), str(path))
        contents[name] = read_bounded(path, DATA_MAX_BYTES, adjustable=False)
    return contents


def _cache_dir() -> str:
    if os.environ.get("IPM_CACHE_DIR"):
        return os.environ["IPM_CACHE_DIR"]
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return os.path.join(os.environ["LOCALAPPDATA"], "ipmeasures", "cache")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "ipmeasures")


# The modules whose code decides what the compiled data is (compile_data and everything it calls). A
# changed program with an unchanged version number must never read an old cache: their text is in the
# key. tests/hostile/test_cache.py fails when compile_data comes to use a package module missing here.
FINGERPRINT_MODULES = ("policy/loader.py", "policy/models.py", "policy/validation.py", "policy/dues.py",
                       "policy/catalog.py", "policy/duties.py", "policy/tree.py",
                       "sources/yamldoc.py", "sources/yamlmarks.py", "sources/decoding.py", "sources/yamlscalars.py",
                       "sources/files.py", "report/model.py", "report/parser.py",
                       "report/period.py", "findings.py", "i18n.py",
                       "errors.py", "sources/keyboard.py", "lazyre.py", "policy/names.py", "policy/numbering.py",
                       "policy/__init__.py", "sources/__init__.py", "report/__init__.py", "escaping.py")
_CACHE_MAGIC = b"IPMC"


def code_fingerprint() -> int:
    """A checksum of FINGERPRINT_MODULES' sizes and modification times: any edit or reinstall of them changes
    it, and taking it is 25 stat calls, not 25 reads."""
    stamps = []
    for name in FINGERPRINT_MODULES:
        try:
            info = os.stat(os.path.join(_PACKAGE_DIR, name))
            stamps.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
        except OSError:
            stamps.append(name)  # a zip-imported or trimmed install: still deterministic
    return checksum("\n".join(stamps).encode())


def checksum(*parts: bytes) -> int:
    """The CRC-32 of `parts`, each ended by a NUL (so that how the bytes are split counts)."""
    crc = 0
    for part in parts:
        crc = zlib.crc32(b"\0", zlib.crc32(part, crc))
    return crc


def _cache_key(contents: dict[str, bytes]) -> str:
    key = checksum(f"{CACHE_FORMAT}:{__version__}:{code_fingerprint()}".encode(),
                   *(name.encode() + b"\0" + contents[name] for name in DATA_FILES))
    total = sum(len(b) for b in contents.values())
    return f"{key:08x}-{total}"


def load_compiled(data_dir: str | os.PathLike | None = None, *, use_cache: bool = True,
                  rebuild: bool = False) -> dict:
    """The validated data as plain dicts, from the cache when the files are unchanged (`rebuild`: compiled
    anew and the cache rewritten, whatever it holds)."""
    path = resolve_data_dir(data_dir)
    contents = _read_data_bytes(path)
    # marshal, not JSON: it is built in (no import) and loads several times faster. The key already
    # names the Python version's marshal format through the package version and CACHE_FORMAT; a file
    # marshal cannot read is rebuilt.
    cache_file = os.path.join(_cache_dir(), f"catalog-{sys.version_info[0]}{sys.version_info[1]}-"
                              f"{_cache_key(contents)}.marshal")
    if use_cache and not rebuild and os.environ.get("IPM_NO_CACHE") is None:
        compiled = _read_cache(cache_file)
        if compiled is not None:
            return compiled
    compiled = compile_data(path, contents)
    if use_cache:
        _write_cache(cache_file, compiled)
    return compiled


def _read_cache(cache_file: str) -> dict | None:
    """The compiled data of a cache file, or None when there is none or it is not exactly what was written.

    The file is the magic, a CRC-32 of the rest, and the marshalled data: a truncated, damaged or edited
    file fails the checksum, and one of some other shape fails `_cache_shape_ok`; either is rebuilt,
    never read into a KeyError.
    """
    try:
        with open(cache_file, "rb") as fh:
            raw = fh.read(DATA_MAX_BYTES * 4)  # a cache far larger than the data it compiles is not ours
        if raw[:4] != _CACHE_MAGIC or int.from_bytes(raw[4:8], "little") != zlib.crc32(raw[8:]):
            return None
        compiled = marshal.loads(raw[8:])  # marshal, not load(fh): load reads in small pieces, slowly
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return compiled if _cache_shape_ok(compiled) else None


# What using a compiled dict of the wrong shape raises (a record that is not a dict, a key it lacks).
SHAPE_ERRORS = (KeyError, TypeError, AttributeError, ValueError, IndexError)


def load_compiled_as(data_dir: str | os.PathLike | None, build: Callable[[dict], T]) -> T:
    """`build(compiled)` over the data of `data_dir`; if it fails on what the cache served (a file that reads
    back and passes its checksum, yet is not what compile_data wrote), the data is compiled anew, the cache
    rewritten, and `build` runs on that: a cache that cannot be used is rebuilt, never a traceback."""
    compiled = load_compiled(data_dir)
    try:
        return build(compiled)
    except SHAPE_ERRORS:
        return build(load_compiled(data_dir, rebuild=True))


_CACHE_SHAPE = {"format": int, "units_file": dict, "document": dict, "sections": list, "measures": list,
                "tasks": list, "index": dict}


def _cache_shape_ok(compiled: object) -> bool:
    return (isinstance(compiled, dict) and compiled.get("format") == CACHE_FORMAT
            and all(isinstance(compiled.get(key), kind) for key, kind in _CACHE_SHAPE.items())
            and all(isinstance(record, dict) for value in compiled.values() if isinstance(value, list)
                    for record in value)
            and isinstance(compiled["units_file"].get("units"), list)
            and isinstance(compiled["units_file"].get("groups"), list)
            and isinstance(compiled["index"].get("names"), dict) and isinstance(compiled["index"].get("pinyin"), dict)
            # the catalog reads these lazily, past the point where a wrong shape could still be rebuilt
            and _are_targets(compiled["index"]["names"].values())
            and set(map(type, compiled["index"]["pinyin"].values())) <= {list}
            and _are_targets([t for targets in compiled["index"]["pinyin"].values() for t in targets]))


def _are_targets(values: Iterable[object]) -> bool:
    """Whether each is a name index entry, [kind, name]: a few C-level passes, not a call per entry."""
    values = list(values)
    return (set(map(type, values)) <= {list, tuple} and set(map(len, values)) <= {2}  # type: ignore[arg-type]
            and {type(text) for pair in values for text in pair} <= {str})  # type: ignore[attr-defined]


def frame(payload: bytes) -> bytes:
    """A cache file's bytes: the magic, the payload's CRC-32, the marshalled payload."""
    return _CACHE_MAGIC + zlib.crc32(payload).to_bytes(4, "little") + payload


def _write_cache(cache_file: str, compiled: dict) -> None:
    try:
        os.makedirs(os.path.dirname(cache_file), exist_ok=True)
        tmp = f"{cache_file}.{os.getpid()}.tmp"
        payload = marshal.dumps(compiled)
        with open(tmp, "wb") as fh:
            fh.write(frame(payload))
        os.replace(tmp, cache_file)
    except OSError:
        pass  # a read-only home or cache dir only costs speed


def compile_data(data_dir: str | os.PathLike, contents: dict[str, bytes] | None = None) -> dict:
    """Validate the three files and return the plain form. Raises DataError listing every problem."""
    from ipmeasures.policy.names import build_name_index
    from ipmeasures.policy.tree import compile_tree

    units, measures, tasks = validate_data_dir(data_dir, contents)
    units_file = units.model_dump(mode="json")
    units_file["jurisdiction"] = units.jurisdiction or units.city
    measures_dump = measures.model_dump(mode="json", exclude={"nodes"})
    tasks_dump = tasks.model_dump(mode="json", exclude={"nodes", "columns", "title"})
    compiled = {
        "format": CACHE_FORMAT,
        "units_file": units_file,
        **measures_dump,
        **tasks_dump,
        "annex": {"title": tasks.title, "columns": tasks.columns},
        **compile_tree(measures, tasks),
    }
    compiled["index"] = build_name_index(compiled)
    return compiled


def validate_data_dir(data_dir: str | os.PathLike, contents: dict[str, bytes] | None = None):
    """Parse and validate the data files; return (UnitsFile, MeasuresFile, TasksFile) or raise DataError."""
    from pathlib import Path

    from pydantic import BaseModel, ValidationError

    from ipmeasures.policy.models import MeasuresFile, TasksFile, UnitsFile
    from ipmeasures.sources.yamldoc import load_yaml

    data_dir = Path(data_dir)
    contents = contents if contents is not None else _read_data_bytes(data_dir)
    problems: list[SourceError] = []
    models = {}
    loaded = {}
    schemas: tuple[type[BaseModel], ...] = (UnitsFile, MeasuresFile, TasksFile)
    for name, model in zip(DATA_FILES, schemas):
        path = str(data_dir / name)
        try:
            doc = load_yaml(path, contents[name], max_bytes=DATA_MAX_BYTES)
        except SourceError as exc:
            problems.append(exc)
            continue
        loaded[name] = doc
        if name in OPTIONAL_FILES and doc.value is None and not contents[name].strip():
            models[name] = model()  # no annex: an empty table
            continue
        try:
            models[name] = model.model_validate(doc.value)
        except ValidationError as exc:
            problems.extend(_pydantic_problems(exc, path, doc))
    if not problems:
        units_name, measures_name, tasks_name = DATA_FILES
        problems.extend(cross_check(models[units_name], models[measures_name], models[tasks_name],
                                    {n: (str(data_dir / n), loaded[n]) for n in DATA_FILES}))
    if problems:
        raise DataError(problems)
    return tuple(models[n] for n in DATA_FILES)


def _locate(doc, loc: tuple) -> tuple[int | None, int | None]:
    """The line and column of the deepest node of `loc` that exists in the YAML."""
    key_marks = getattr(doc, "key_marks", {})
    for end in range(len(loc), -1, -1):
        prefix = tuple(loc[:end])
        if prefix in doc.marks:
            return doc.marks[prefix]
        if prefix in key_marks:
            return key_marks[prefix]
    return None, None


def _pydantic_problems(exc, path: str, doc) -> list[SourceError]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not isinstance(part, str) or not part.startswith("function-"))
        if error["type"] == "extra_forbidden":
            line, column = doc.key_marks.get(loc, _locate(doc, loc))
            message = _("未知字段；请检查拼写或删除该字段。")
        elif error["type"] == "missing":
            line, column = _locate(doc, loc[:-1])
            message = _("缺少必填字段。")
        else:
            line, column = _locate(doc, loc)
            message = _error_message(error)
        field = ".".join(str(p) for p in loc) or None
        problems.append(SourceError(message, path, line, column, field))
    return problems


_TYPE_MESSAGES = {
    "dict_type": N_("应为映射（“键: 值”的若干行）。"),
    "model_type": N_("应为映射（“键: 值”的若干行）。"),
    "model_attributes_type": N_("应为映射（“键: 值”的若干行）。"),
    "list_type": N_("应为列表（[甲, 乙] 或每行一个“- ”）。"),
    "string_type": N_("应为文字。"),
    "int_type": N_("应为整数。"),
    "int_parsing": N_("应为整数。"),
    "bool_type": N_("应为 true 或 false。"),
    "date_type": N_("应为日期，例如 2021-11-22。"),
    "date_parsing": N_("应为日期，例如 2021-11-22。"),
    "string_too_short": N_("不能为空。"),
    "too_short": N_("不能为空。"),
    "string_pattern_mismatch": N_("格式不对：不能含空格，或含有不允许的字符。"),
    "string_too_long": N_("太长。"),
}


def _error_message(error: dict) -> str:
    """A pydantic error in the user's language: our validators' own message, or one per error type."""
    ctx = error.get("ctx") or {}
    if error["type"] == "value_error" and "error" in ctx:
        return str(ctx["error"])
    if error["type"] == "literal_error":
        return _("取值应为 {expected} 之一。").format(expected=ctx.get("expected", ""))
    if error["type"] in ("greater_than_equal", "greater_than"):
        return _("应不小于 {limit}。").format(limit=ctx.get("ge", ctx.get("gt", "")))
    if error["type"] in _TYPE_MESSAGES:
        return _(_TYPE_MESSAGES[error["type"]])
    return error["msg"]


def cross_check(units, measures, tasks, sources: dict) -> list[SourceError]:
    """Checks across files: every referenced unit, group and measure exists."""
    problems: list[SourceError] = []
    unit_names = {u.name for u in units.units}
    group_names = {g.name for g in units.groups}

    def problem(file: str, loc: tuple, message: str) -> None:
        path, doc = sources[file]
        line, column = _locate(doc, loc)
        problems.append(SourceError(message, path, line, column, ".".join(map(str, loc))))

    for i, unit in enumerate(units.units):
        for j, membership in enumerate(unit.groups):
            if membership.group not in group_names:
                problem("units.yaml", ("units", i, "groups", j, "group"),
                        _("未定义的单位组“{name}”；请在 groups 中定义，或更正名称。").format(name=membership.group))
    for i, group in enumerate(units.groups):
        for j, name in enumerate(group.members):
            if name not in unit_names:
                problem("units.yaml", ("groups", i, "members", j), _unknown_reference(name, unit_names))
    for file, node_list in (("measures.yaml", measures.nodes), ("responsibility_table.yaml", tasks.nodes)):
        for i, node in enumerate(node_list):
            for j, assignee in enumerate(node.duty.assignees if node.duty else []):
                if assignee.unit is not None and assignee.unit not in unit_names:
                    problem(file, ("nodes", i, "duty", "assignees", j, "unit"),
                            _unknown_reference(assignee.unit, unit_names))
                if assignee.group is not None and assignee.group not in group_names:
                    problem(file, ("nodes", i, "duty", "assignees", j, "group"),
                            _unknown_reference(assignee.group, group_names))
    section_ids = {s.id for s in measures.sections}
    measure_ids = {m.id for m in measures.measures}
    for file, key, duties in (("measures.yaml", "measures", measures.measures),
                              ("responsibility_table.yaml", "tasks", tasks.tasks)):
        for i, duty in enumerate(duties):
            for j, name in enumerate(duty.units):
                if name not in unit_names:
                    problem(file, (key, i, "units", j), _unknown_reference(name, unit_names))
            for j, name in enumerate(duty.groups):
                if name not in group_names:
                    problem(file, (key, i, "groups", j), _unknown_reference(name, group_names))
            coordinator = getattr(duty, "coordinator", None)
            if coordinator is not None and coordinator not in unit_names:
                problem(file, (key, i, "coordinator"), _unknown_reference(coordinator, unit_names))
            if getattr(duty, "section", None) is not None and duty.section not in section_ids:
                problem(file, (key, i, "section"), _("不存在的部分编号 {n}。").format(n=duty.section))
            for j, ref in enumerate(getattr(duty, "measures", []) if key == "tasks" else []):
                if ref not in measure_ids:
                    problem(file, (key, i, "measures", j), _("不存在的措施编号 {n}。").format(n=ref))
    return problems


def _unknown_reference(name: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.5)
    message = _("“{name}”不在单位名录(units.yaml)中；请使用名录中的简称。").format(name=name)
    if close:
        message += _("是否指：{names}？").format(names=join_names(close))
    return message
