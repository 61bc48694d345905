"""Names as written → registry units and groups: an existing registry's (`--units DIR`) where it knows
them, else drafted ones (the jurisdiction's full name guessed), each draft marked for review."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ipmeasures.importer.model import ImportResult, Node

if TYPE_CHECKING:
    from ipmeasures.policy.catalog import Catalog

# A name that stands for several bodies: 各区县政府, 市直有关部门, 市级相关单位, 国务院各部门.
_GROUP = re.compile(r"各|有关|相关|其他|其它|成员单位|所属|直属|^[市省县区]直|^[市省县区]级|等")
_JURISDICTION = [re.compile(r"^(?:中共)?(?P<j>[\u4e00-\u9fff]{1,8}?" + end + ")")
                 for end in ("市", "自治区", "省", "自治州", "县", "区", "盟")]


@dataclass
class Draft:
    """A unit or group the registry did not have."""

    name: str
    group: bool
    full_name: str | None
    signs: list[str] = field(default_factory=list)
    line: int | None = None
    path: list[str] = field(default_factory=list)
    only_groups: bool = False  # written as a unit because the document names no single unit


@dataclass
class Resolution:
    """How each written name maps to the registry, and what had to be drafted."""

    jurisdiction: str | None
    names: dict[str, tuple[str, bool]] = field(default_factory=dict)  # written → (registry name, is group)
    drafts: dict[str, Draft] = field(default_factory=dict)
    base: dict | None = None  # the --units registry's units.yaml, to copy


def guess_jurisdiction(result: ImportResult) -> str | None:
    """The document's jurisdiction from its issuers or title (西安市人民政府办公厅 → 西安市)."""
    for text in [*result.document.issuers, result.document.title or ""]:
        for pattern in _JURISDICTION:
            m = pattern.match(text)
            if m and not m.group("j").startswith(("关于", "国务院")):
                return m.group("j")
    return None


def full_name(name: str, jurisdiction: str | None) -> str | None:
    """市公安局 → 惠州市公安局, 市委宣传部 → 中共惠州市委宣传部; None when the name carries no prefix."""
    if not jurisdiction:
        return None
    prefix = jurisdiction[-1]
    if name.startswith(prefix + "委") and not name.startswith(prefix + "委员会"):
        return "中共" + jurisdiction + name[1:]
    if name.startswith(prefix) and not name.startswith(jurisdiction):
        return jurisdiction + name[1:]
    return None


def is_group(name: str) -> bool:
    return bool(_GROUP.search(name)) or name.endswith(("部门", "单位"))


def resolve_names(result: ImportResult, units_dir: str | None) -> Resolution:
    """Every unit named by an item, resolved or drafted."""
    catalog = None
    base = None
    if units_dir:
        import os

        import yaml

        from ipmeasures.policy.catalog import load_catalog

        catalog = load_catalog(units_dir)
        with open(os.path.join(units_dir, "units.yaml"), encoding="utf-8") as fh:
            base = yaml.safe_load(fh)
    jurisdiction = (base or {}).get("jurisdiction") or (base or {}).get("city") or guess_jurisdiction(result)
    resolution = Resolution(jurisdiction, base=base)
    for node in _duty_nodes(result):
        for unit in node.units:
            if unit.name in resolution.names:
                if unit.name in resolution.drafts:
                    _add_signs(resolution.drafts[unit.name], unit.signs)
                continue
            found = _lookup(catalog, unit.name, unit.signs)
            if found is not None:
                resolution.names[unit.name] = found
                continue
            group = is_group(unit.name)
            resolution.names[unit.name] = (unit.name, group)
            resolution.drafts[unit.name] = Draft(unit.name, group, None if group else full_name(unit.name, jurisdiction),
                                                 list(unit.signs), unit.line or node.line, node.path)
    if not base and resolution.drafts and all(d.group for d in resolution.drafts.values()):
        # a registry needs one unit: a document that names only groups (国务院各部门) gets them as units
        for draft in resolution.drafts.values():
            draft.group = False
            draft.only_groups = True
            resolution.names[draft.name] = (draft.name, False)
    return resolution


def _lookup(catalog: Catalog | None, name: str, signs: list[str]) -> tuple[str, bool] | None:
    if catalog is None:
        return None
    from ipmeasures.errors import AmbiguousNameError, UnknownNameError

    for query in (name, *signs):
        try:
            resolved = catalog.resolve(query)
        except (UnknownNameError, AmbiguousNameError):  # ambiguous: not a match, draft it for review
            continue
        return resolved.name, resolved.kind != "unit"
    return None


def _add_signs(draft: Draft, signs: list[str]) -> None:
    for sign in signs:
        if sign not in draft.signs:
            draft.signs.append(sign)


def _duty_nodes(result: ImportResult):
    stack: list[Node] = list(reversed(result.root.children))
    while stack:
        node = stack.pop()
        if node.assigned:
            yield node
        stack.extend(reversed(node.children))


def same_unit_hints(drafts: dict[str, Draft]) -> list[tuple[Draft, Draft]]:
    """Pairs of drafts that are probably one body: a shared sign (市场监管局(市知识产权局) and
    市市场监督管理局(知识产权局)), or the same characters in another order (市农村农业局, 市农业农村局)."""
    units = [d for d in drafts.values() if not d.group]
    pairs = []
    for i, a in enumerate(units):
        for b in units[i + 1:]:
            signs_a = {s.lstrip("市省县区") for s in a.signs}
            signs_b = {s.lstrip("市省县区") for s in b.signs}
            if (signs_a & signs_b) or (sorted(a.name) == sorted(b.name)):
                pairs.append((a, b))
    return pairs
