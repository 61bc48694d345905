"""Shell completion: the candidates for unit names, measure and task numbers, rule ids; the shell scripts.

click drives completion (`_IPM_COMPLETE=bash_source ipm`, or `ipm completion bash`); the functions here
are the `shell_complete` callbacks of the arguments and options that take data values. They read the
catalog from the cache like any query and never raise: a shell calls them on every Tab, so any error
(unreadable data, a half-typed --data path) gives no candidates instead of a traceback in the prompt.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # click.shell_completion is imported only when a shell asks: queries never need it
    from click.shell_completion import CompletionItem

SHELLS = ("bash", "zsh", "fish")
PROG_NAME = "ipm"
COMPLETE_VAR = "_IPM_COMPLETE"


def completion_script(cli: click.Command, shell: str) -> str:
    """The script click writes for SHELL (bash, zsh, fish), as `_IPM_COMPLETE=bash_source ipm` prints it."""
    from click.shell_completion import get_completion_class

    comp_cls = get_completion_class(shell)
    if comp_cls is None:
        raise ValueError(f"unsupported shell {shell!r}; choose one of {', '.join(SHELLS)}")
    return comp_cls(cli, {}, PROG_NAME, COMPLETE_VAR).source()


def _item(value: str, description: str | None) -> CompletionItem:
    from click.shell_completion import CompletionItem

    return CompletionItem(value, help=description)


def _never_raises(func: Callable[..., list[CompletionItem]]) -> Callable[..., list[CompletionItem]]:
    @functools.wraps(func)
    def wrapper(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        try:
            return func(ctx, param, incomplete)
        except Exception:  # noqa: BLE001 - completion must never break the user's shell
            return []

    return wrapper


def _catalog(ctx: click.Context):
    """The catalog of the --data on the command line being completed, else IPM_DATA, else the shipped data."""
    from ipmeasures.commands._common import settings
    from ipmeasures.policy.catalog import load_catalog

    return load_catalog(settings(ctx).data_dir)


def _name_items(ctx: click.Context, incomplete: str, *, groups: bool) -> list[CompletionItem]:
    from ipmeasures.policy.names import pinyin_key

    catalog = _catalog(ctx)
    query = catalog.canon(incomplete)
    pinyin = pinyin_key(query)
    if pinyin:
        # ASCII: the pinyin keys it begins, each described by the name it stands for.
        items = []
        for key, resolved in catalog.pinyin_keys().items():
            names = [r.name for r in resolved if groups or r.kind == "unit"]
            if names and key.startswith(pinyin):
                items.append(_item(key, "、".join(names)))
        return items
    # (short name, description, every name it goes by)
    targets = [(u["name"], u["full_name"], [u["name"], u["full_name"], *u["signs"], *u["aliases"]])
               for u in catalog.units]
    if groups:
        targets += [(g["name"], g["description"], [g["name"]]) for g in catalog.groups]
    found = [(name, text) for name, text, _names in targets if name.startswith(incomplete)]
    if not found and query:
        # No short name begins with it (公安, 市版): the units any of whose names contain it.
        found = [(name, text) for name, text, names in targets if any(query in catalog.canon(n) for n in names)]
    return [_item(name, text) for name, text in found]


@_never_raises
def complete_unit(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """A unit's short name (市公安局); pinyin keys (gonganju, gaj) when the typed text is ASCII."""
    return _name_items(ctx, incomplete, groups=False)


@_never_raises
def complete_unit_or_group(ctx: click.Context, param: click.Parameter,
                           incomplete: str) -> list[CompletionItem]:
    """As `complete_unit`, and group names (市直有关部门) too: for `ipm owner`."""
    return _name_items(ctx, incomplete, groups=True)


def _number_items(items: list[dict], incomplete: str, *, labels: bool) -> list[CompletionItem]:
    text = incomplete.strip()
    out = [_item(str(item["id"]), item["title"]) for item in items
           if str(item["id"]).startswith(text)]
    if labels and text and not text.isascii():
        # 十 -> 十, 十一 … 十九: the label without its brackets, which a shell would need quoted.
        for item in items:
            label = item.get("label", "").strip("()（）")
            if label.startswith(text):
                out.append(_item(label, item["title"]))
    return out


@_never_raises
def complete_measure(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Measure numbers 1–22 (1 -> 1, 10 … 19); Chinese numerals (十 -> 十, 十一 …) when typing Chinese."""
    return _number_items(_catalog(ctx).measures, incomplete, labels=True)


@_never_raises
def complete_task(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Annex task numbers, each described by its title."""
    return _number_items(_catalog(ctx).tasks, incomplete, labels=False)


@_never_raises
def complete_rule_id(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Rule ids for `--ignore`; after a comma, the next id (missing-duty,ov -> missing-duty,overdue)."""
    from ipmeasures.rules import RULES, summary

    done, _sep, last = incomplete.rpartition(",")
    head = done + "," if _sep else ""
    given = {part.strip().lower() for part in done.split(",")} if _sep else set()
    last = last.strip().lower().replace("_", "-")
    return [_item(head + rule_id, summary(module)) for rule_id, module in RULES.items()
            if rule_id.startswith(last) and rule_id not in given]


__all__ = ["SHELLS", "complete_measure", "complete_rule_id", "complete_task", "complete_unit",
           "complete_unit_or_group", "completion_script"]
