#!/usr/bin/env python3
"""Extract the messages, update the English catalog and compile it (dev-time only; needs babel).

    pip install -e '.[dev]'
    python scripts/update_catalog.py            # extract -> .pot, merge into the .po, compile the .mo
    python scripts/update_catalog.py --check    # exit 1 if a file is out of date or a translation is missing

Chinese is the source language: every msgid is the Chinese text. The files, all committed, are
`src/ipmeasures/locale/ipmeasures.pot` (the template) and, for each language in LANGUAGES,
`src/ipmeasures/locale/<lang>/LC_MESSAGES/ipmeasures.po` (the translations, edited by hand) and
`ipmeasures.mo` (compiled from the .po; the one the program reads, shipped inside the wheel).

Workflow after code adds or changes a message: run the script; it lists the messages that have no
translation yet (new) or a "fuzzy" one (a changed message, with the old translation copied as a
suggestion). Write or review their `msgstr` in the .po (delete the `#, fuzzy` line once it is right; keep
the `{placeholders}` as they are), then run the script again to compile the .mo. Existing translations
are kept; messages no longer in the code are dropped.

What is extracted, from every module under src/ipmeasures:

1. every `_("…")` and `N_("…")` call with a string literal (babel's Python extractor). `N_` marks a
   message in a table of labels that `_()` translates at use (`_(ROLE_LABELS[role])`). A comment starting
   `Translators:` just above the call goes into the catalog as a note to the translator;
2. the docstring of every rule module (`rules/*.py` with an `ID = …`), as `rules.help_text` passes it
   to `_()`: `textwrap.dedent(doc).strip()`;
3. the string values of a module-level dict that `_()` looks up without `N_` on its values
   (`_(STATUS_LABELS[status])`, `_(LABELS.get(key, key))`), defined in the same module or imported from
   another module of the package.

A `_()` call that none of these covers is printed as a warning: its message cannot be translated.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import io
import re
import sys
import textwrap
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "ipmeasures"
LOCALE_DIR = PACKAGE / "locale"
DOMAIN = "ipmeasures"
LANGUAGES = ("en",)  # the source language, zh, needs no catalog
KEYWORDS = {"_": None, "N_": None}
COMMENT_TAG = "Translators:"
WIDTH = 100


def pot_path() -> Path:
    return LOCALE_DIR / f"{DOMAIN}.pot"


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


# --- extraction ---------------------------------------------------------------------------------------

def _modules() -> dict[str, tuple[Path, ast.Module]]:
    """Dotted module name -> (path, parsed tree) for every module of the package."""
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = (path, ast.parse(path.read_text(encoding="utf-8"), str(path)))
    return modules


def _is_marked(node: ast.expr) -> bool:
    """`N_("…")`: babel's extractor already has it."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "N_"
            and len(node.args) == 1 and isinstance(node.args[0], ast.Constant))


def _label_tables(modules: dict) -> dict[tuple[str, str], list[tuple[str, int]]]:
    """(module, NAME) -> [(value, line)] for module-level dicts whose values are all string literals or
    `N_("…")`; the list holds the bare literals (the marked ones are extracted already)."""
    tables = {}
    for name, (_path, tree) in modules.items():
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                target, value = node.target, node.value
            else:
                continue
            if (isinstance(target, ast.Name) and isinstance(value, ast.Dict) and value.values
                    and all(_is_marked(v) or isinstance(v, ast.Constant) and isinstance(v.value, str)
                            for v in value.values)):
                tables[(name, target.id)] = [(v.value, v.lineno) for v in value.values if isinstance(v, ast.Constant)]
    return tables


def _imports(module: str, tree: ast.Module) -> dict[str, tuple[str, str]]:
    """Local name -> (module, name) for `from … import …` anywhere in a module."""
    found = {}
    package = module if module in ("ipmeasures",) else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module is not None:
            source = node.module if node.level == 0 else f"{package}.{node.module}"
            for alias in node.names:
                found[alias.asname or alias.name] = (source, alias.name)
    return found


def _looked_up_name(arg: ast.expr) -> str | None:
    """NAME for `NAME[…]` and `NAME.get(…)`; None for anything else."""
    if isinstance(arg, ast.Subscript) and isinstance(arg.value, ast.Name):
        return arg.value.id
    if (isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "get"
            and isinstance(arg.func.value, ast.Name)):
        return arg.func.value.id
    return None


def extra_messages(modules: dict) -> tuple[list[tuple[str, int, str]], list[str]]:
    """Messages babel's extractor cannot see (rule docstrings, label tables), and the `_()` calls with
    a message that nothing extracts, as warnings."""
    messages: list[tuple[str, int, str]] = []
    warnings: list[str] = []
    tables = _label_tables(modules)
    for name, (path, tree) in modules.items():
        rel = path.relative_to(REPO).as_posix()
        if name.startswith("ipmeasures.rules.") and any(
                isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "ID" for t in node.targets)
                for node in tree.body):
            doc = ast.get_docstring(tree, clean=False)
            if doc:
                messages.append((rel, 1, textwrap.dedent(doc).strip()))
        imports = _imports(name, tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEYWORDS
                    and node.args):
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                continue  # babel's extractor
            looked_up = _looked_up_name(arg)
            key = (name, looked_up) if looked_up else None
            if key not in tables and looked_up in imports:
                key = imports[looked_up]
            if key in tables:
                table_path = modules[key[0]][0].relative_to(REPO).as_posix()
                messages.extend((table_path, line, value) for value, line in tables[key])
            elif "__doc__" not in ast.unparse(arg):  # rule docstrings: handled above
                warnings.append(f"{rel}:{node.lineno}: not extracted: {ast.unparse(node)}")
    return messages, warnings


def literal_messages(modules: dict) -> dict[str, set[str]]:
    """Path -> the string literals that are the first argument of a `_()` or `N_()` call in it."""
    found: dict[str, set[str]] = {}
    for path, tree in modules.values():
        found[path.relative_to(REPO).as_posix()] = {
            node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEYWORDS
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)}
    return found


def build_template() -> tuple[Catalog, list[str]]:
    """The catalog template: every message of the package, in source order."""
    modules = _modules()
    literals = literal_messages(modules)
    warnings: list[str] = []
    template = Catalog(domain=DOMAIN, fuzzy=False, header_comment=HEADER % "Translations template", **METADATA)
    template.msgid_bugs_address = ""  # babel's default is a placeholder address
    for filename, lineno, message, comments, context in extract_from_dir(
            PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=(COMMENT_TAG,),
            strip_comment_tags=True):
        location = (PACKAGE / filename).relative_to(REPO).as_posix()
        if message not in literals.get(location, ()):
            # babel reads the first string inside the call's brackets, wherever it is: _(LABELS[x["kind"]]).
            warnings.append(f"{location}:{lineno}: skipped {message!r}: not the literal argument of _() or N_()")
            continue
        template.add(message, None, [(location, lineno)], auto_comments=comments, context=context)
    extras, more = extra_messages(modules)
    warnings += more
    for location, lineno, message in extras:
        template.add(message, None, [(location, lineno)])
    return template, warnings


def _version() -> str:
    match = re.search(r'__version__ = "([^"]+)"', (PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    return match.group(1) if match else ""


# No personal names or addresses in the header.
METADATA = {"project": DOMAIN, "version": _version(), "last_translator": "ipmeasures contributors",
            "language_team": "ipmeasures contributors"}
HEADER = """\
# %s for ipmeasures. Chinese is the source language: every msgid is the Chinese text.
# Generated by scripts/update_catalog.py; edit only the msgstr lines of a .po file.
#"""


# --- files --------------------------------------------------------------------------------------------

def _render_po(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, ignore_obsolete=True, include_lineno=False)
    return out.getvalue()


def _render_mo(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _keep_date_if_unchanged(path: Path, catalog: Catalog, attr: str) -> bytes:
    """The file's new text; its date header keeps the old value unless the messages changed."""
    if path.exists():
        with path.open("rb") as fh:
            old = read_po(fh, locale=catalog.locale, domain=DOMAIN)
        now = getattr(catalog, attr)
        setattr(catalog, attr, getattr(old, attr))
        text = _render_po(catalog)
        if text == path.read_bytes():
            return text
        setattr(catalog, attr, now)
    return _render_po(catalog)


def updated_files() -> tuple[dict[Path, bytes], dict[str, list[str]], list[str]]:
    """What every catalog file should contain, the messages still to translate per language, warnings."""
    template, warnings = build_template()
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    template.creation_date = now
    files = {pot_path(): _keep_date_if_unchanged(pot_path(), template, "creation_date")}
    todo: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        path = po_path(lang)
        if path.exists():
            with path.open("rb") as fh:
                catalog = read_po(fh, locale=lang, domain=DOMAIN)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, fuzzy=False, header_comment=HEADER % f"{lang} translations",
                              **METADATA)
            catalog.msgid_bugs_address = ""
        catalog.update(template, update_creation_date=False)
        catalog.revision_date = now
        catalog.fuzzy = False
        files[path] = _keep_date_if_unchanged(path, catalog, "revision_date")
        with io.BytesIO(files[path]) as fh:
            files[mo_path(lang)] = _render_mo(read_po(fh, locale=lang, domain=DOMAIN))
        todo[lang] = [("(fuzzy) " if message.fuzzy else "") + message.id.splitlines()[0]
                      for message in catalog if message.id and (not message.string or message.fuzzy)]
    return files, todo, warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a file is out of date or a translation is missing")
    args = parser.parse_args(argv)
    files, todo, warnings = updated_files()
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    stale = [path for path, content in files.items() if not path.exists() or path.read_bytes() != content]
    if args.check:
        for path in stale:
            print(f"out of date: {path.relative_to(REPO)} (run python scripts/update_catalog.py)")
    else:
        for path in stale:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(files[path])
            print(f"wrote {path.relative_to(REPO)}")
    for lang, messages in todo.items():
        if messages:
            print(f"{lang}: {len(messages)} message(s) to translate in {po_path(lang).relative_to(REPO)}:")
            for message in messages:
                print(f"  {message}")
    return 1 if args.check and (stale or any(todo.values())) else 0


if __name__ == "__main__":
    sys.exit(main())
