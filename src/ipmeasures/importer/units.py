"""Who does the work: unit lists and role phrases, as the genre writes them, over folded text.

- separators 、 ， , ； 及 以及 和 与 between units, never inside brackets (各县(市、区)人民政府) and never
  inside a name (市工业和信息化局: 和 splits only between two complete names);
- group phrases kept whole: a bare 政府/人民政府 after 、 or 和 belongs to the name before it (各级党委、政府);
- a sign in brackets after a name (市委宣传部(市版权局)) is a second name of the same unit;
- role phrases end a clause: 牵头(负责) → lead, 配合/协助/参与 → support, 负责/按职责分工负责/分别负责/落实 →
  responsible; a clause without one takes the next clause's (市直有关部门,各级党委、政府按职责分工负责);
- 等 ends an open list: "X、Y等部门" names X and Y (open-ended); "X等市直有关部门" keeps the group too;
- names run together where a table lost its line breaks (市行政审批局市司法局) are split where one complete
  name ends and the next begins with a jurisdiction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ipmeasures.importer.model import UnitRef

OPEN = "(〔[<"
CLOSE = ")〕]>"

# The last character of a unit's name (局 委 办 …), or the last two.
_SUFFIX_CHARS = set("局委办院部厅会府室队关署处所站心位门行司团社组庭校馆台")
_SUFFIX_WORDS = ("科协", "工商联", "妇联", "残联", "侨联", "文联", "社科联", "总工会", "专班", "工作组", "中心", "单位", "部门", "政府", "管委会", "委员会", "海关", "法院", "检察院", "集团", "公司", "银行",
                 "办公室", "领导小组", "指挥部", "党委", "党组", "机关", "机构", "街道", "乡镇", "镇", "各地", "各区县",
                 "各县区", "县区", "区县", "园区", "新区", "开发区", "高新区", "试验区", "示范区", "自贸区",
                 "经开区", "保税区", "度假区", "风景区", "社区", "大学", "学院", "街道办事处", "各县", "各区", "各市", "各镇", "各乡")
# A jurisdiction or group word a name starts with: where a run-together name begins.
_PREFIXES = ("市", "省", "县", "区", "各", "国家", "中共", "中国", "共青团", "团市委", "自治区", "州", "盟")
_BARE = {"政府", "人民政府", "党委", "党委政府", "管委会", "人大", "政协", "纪委", "监委", "部门", "单位"}
_JURISDICTION_ONLY = re.compile(r"^(?:省|市|县|区|乡|镇|村|州|县\(市\)|县\(区\)|区\(县\)|乡镇|街道)$")

_ROLE = re.compile(
    r"(?P<mod>(?:按照?|根据|依)?(?:各自)?(?:职责|职能)(?:分工)?|按照?分工)?"
    r"(?P<sep>分别|共同|各自|协同)?"
    r"(?:(?P<verb>牵头负责|负责牵头|牵头落实|牵头|负责落实|具体负责|负总责|组织实施|负责|配合落实|配合|协助|参与|协办|指导|"
    r"督导|落实|实施|承办|主办)|(?<=分工))"
    # a second verb after the role word (牵头抓总, 负责推进, 配合实施; a mirror's synonym: 牵头卖力), or after
    # 按职责分工 alone; never a noun made of the role word (牵头单位, 负责人, 负责同志, 配合的)
    r"(?P<tail>(?![单部人同的])[\u4e00-\u9fff]{1,2})?$")
# A role in brackets after a name (市发展改革委(牵头), 市财政局（配合）) or written after it without one.
_ROLE_MARK = re.compile(r"\((?:为)?(?P<verb>牵头单位|牵头|配合|参与|协助|负责)\)$")
_GENERIC_PARTNER = re.compile(r"(?:其他)?(?:有关|相关)(?:部门|单位|方面)(?:和单位)?")
_LEAD_IN = re.compile(r"^(?:由|请|其中|以|主要由)")
_FIELD_NAMES = (r"牵头责任单位|牵头责任部门|协同责任单位|协同责任部门|配合责任单位|"
                r"牵头单位|牵头部门|责任单位|责任部门|主责单位|主责部门|配合单位|配合部门|参与单位|参与部门|"
                r"协办单位|协作单位|协同单位|协同部门|主办单位|承办单位|实施单位|(?:部门|责任|任务)分工|"
                r"完成时限|完成时间|时间节点|时间安排|时限要求|时限|"
                # a person named for the item (分管省领导：林克庆, 牵头负责领导：刘惠): a field, never a unit
                r"(?:牵头负责|牵头|分管|责任|联系|包抓)?(?:省|市|县|区|州|乡镇)?(?:级)?领导(?:同志)?")
# 责任单位：X, 牵头：X, or the label in brackets: 【责任单位】X
_FIELD = re.compile(rf"(?:(?P<f>{_FIELD_NAMES}|牵头(?=\s*:)|责任(?=\s*:)|配合(?=\s*:))\s*:|\[(?P<fb>{_FIELD_NAMES})\]:?)")
_ETC = re.compile(r"等(?=[^等]*$)")
_INNER_BRACKETS = re.compile(r"\([^()]*\)|〔[^〔〕]*〕")
_NOT_IN_NAME = re.compile(r"[。；;:!?！？“”\"《》]")
_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SIGN = re.compile(r"^(?P<name>.+?)\((?P<signs>[^()]*)\)$")
_GOVERNMENT = re.compile(r"(?:各级)?(?:人民)?政府")
_CONJUNCTION = re.compile(r"以及|及|和|与")


def role_of(verb: str) -> str:
    if "牵头" in verb or verb == "主办":
        return "lead"
    if verb in ("配合", "配合落实", "协助", "参与", "协办", "指导", "督导"):
        return "support"
    return "responsible"


def field_role(name: str) -> str | None:
    """The role a labelled field gives (牵头单位 → lead); None for a time field."""
    if "时" in name or "领导" in name:
        return None
    if name.startswith(("牵头", "主办")):
        return "lead"
    if name.startswith(("配合", "参与", "协办", "协作", "协同")):
        return "support"
    return "responsible"  # 责任单位, and 部门分工 (whose value says the roles itself: X牵头，Y配合)


def split_top(text: str, seps: str) -> list[tuple[str, str]]:
    """Split at separator characters outside brackets: [(piece, separator before it)]."""
    out: list[tuple[str, str]] = []
    depth, start, sep = 0, 0, ""
    for i, ch in enumerate(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in seps:
            out.append((text[start:i], sep))
            start, sep = i + 1, ch
    out.append((text[start:], sep))
    return out


def strip_brackets(name: str) -> str:
    return _INNER_BRACKETS.sub("", name)


# Words of a sentence, never of a unit's name: a piece holding one is a note, not a unit.
_SENTENCE_WORDS = re.compile(r"涉及|不再|加强|推进|完善|建立|健全|开展|推动|强化|提高|提升|确保|做好|任务|下同|分工|"
                             r"负责|牵头|配合|参与|协助|的|要|均|为|将|按照|根据|其中|以下|上述")


def looks_like_unit(name: str, *, lenient: bool = False) -> bool:
    """A complete unit name: short, no sentence punctuation or sentence words, ends like a unit (局 委 办
    政府 单位 …). lenient: where the context says it is a unit (a 责任单位 field or column, a bracket with
    a role word), any short name without sentence words is taken."""
    core = strip_brackets(name).strip()
    if not 2 <= len(core) <= 30 or _NOT_IN_NAME.search(core):
        return False
    if core in _BARE or _SENTENCE_WORDS.search(core):
        return False
    if lenient and len(core) <= 16 and not _DIGIT.search(core) and _CJK.search(core):
        return True
    return core.endswith(_SUFFIX_WORDS) or core[-1] in _SUFFIX_CHARS


def _starts_name(text: str) -> bool:
    return text.startswith(_PREFIXES)


def split_run(name: str) -> list[str]:
    """Split names run together without a separator (市行政审批局市司法局) where a complete name ends and the
    next starts with a jurisdiction; a name whose parts would not both be complete is left whole."""
    parts: list[str] = []
    start, depth = 0, 0
    for i, ch in enumerate(name):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        if depth or i + 1 >= len(name) or ch not in _SUFFIX_CHARS:
            continue
        left, rest = name[start:i + 1], name[i + 1:]
        if rest[0] in OPEN:
            continue
        if (looks_like_unit(left) and left not in _PARTY and _starts_name(rest)
                and (not rest.startswith("各") or left[-1] in "局办厅") and _has_complete_head(rest)):
            parts.append(left)
            start = i + 1
    parts.append(name[start:])
    return parts


_PARTY = ("市委", "省委", "县委", "区委", "州委", "团市委")


def _has_complete_head(text: str) -> bool:
    for j in range(2, len(text) + 1):
        if looks_like_unit(text[:j]) and text[:j] not in _PARTY:
            return True
    return False


def split_sign(piece: str) -> tuple[str, list[str]]:
    """市委宣传部(市委网信办、市版权局) → (市委宣传部, [市委网信办, 市版权局]); a bracket inside a name stays
    (各县(市、区)); a note in brackets after a name is not part of it (市财政局(第一责任单位为牵头单位))."""
    m = _SIGN.match(piece)
    if not m:
        return piece, []
    if _SENTENCE_WORDS.search(m.group("signs")) and len(m.group("signs")) >= 4:
        return m.group("name"), []
    if m.group("name").startswith("各"):  # 各乡镇(街道), 各县(市、区): the bracket widens the group
        return piece, []
    signs = [s.strip() for s, _sep in split_top(m.group("signs"), "、，,") if s.strip()]
    if signs and all(looks_like_unit(s) or s.endswith(("局", "办", "委")) for s in signs) and looks_like_unit(
            m.group("name")):
        return m.group("name"), signs
    return piece, []


@dataclass
class UnitList:
    names: list[tuple[str, list[str]]] = field(default_factory=list)  # (name, signs)
    open_ended: bool = False
    rejected: list[str] = field(default_factory=list)  # pieces that do not look like a unit
    roles: dict[str, str] = field(default_factory=dict)  # a role written after a name: 市发展改革委(牵头)


def split_units(text: str, *, lenient: bool = False) -> UnitList:
    """The units of one clause (no role phrase in it)."""
    result = UnitList()
    text = text.strip(" 、，,；;。")
    m = _ETC.search(text)
    if m and "等" not in strip_brackets(text[m.end():]):
        before, after = text[:m.start()], text[m.end():]
        result.open_ended = True
        text = before
        # "…等市直有关部门": a named group is kept; "…等部门"/"等有关单位" adds nothing.
        if _starts_name(after) and looks_like_unit(after) and not after.startswith(("有关", "相关")):
            text = before + "、" + after
    pieces: list[tuple[str, str]] = []
    for piece, sep in split_top(text, "、，,；;/"):
        for j, (sub, sub_sep) in enumerate(_split_conjunctions(piece)):
            pieces.append((sub, sep if j == 0 else sub_sep))
    merged: list[str] = []
    pending = ""
    for piece, sep in pieces:
        piece = _LEAD_IN.sub("", piece.strip())
        if not piece:
            continue
        if pending:
            piece, pending = pending + piece, ""
        if merged and (piece in _BARE or _GOVERNMENT.fullmatch(piece)):
            merged[-1] = merged[-1] + (sep or "、") + piece
            continue
        if _JURISDICTION_ONLY.match(piece):
            pending = piece + (sep or "、")
            continue
        merged.append(piece)
    if pending and merged:
        merged[-1] += pending.rstrip("、，,")
    for piece in merged:
        for name in split_run(piece):
            role_mark = _ROLE_MARK.search(name)
            if role_mark:
                name = name[:role_mark.start()]
            name, signs = split_sign(name)
            if role_mark:
                result.roles[name] = role_of(role_mark.group("verb"))
            if looks_like_unit(name, lenient=lenient):
                result.names.append((name, signs))
            else:
                result.rejected.append(name)
    return result


def _split_conjunctions(piece: str) -> list[tuple[str, str]]:
    """Split at 及/以及/和/与 only between two complete names: [(piece, separator before it)]."""
    out: list[tuple[str, str]] = []
    start, sep = 0, ""
    for m in _CONJUNCTION.finditer(piece):
        left, right = piece[start:m.start()], piece[m.end():]
        if looks_like_unit(left) and (_has_complete_head(right) or right in _BARE):
            out.append((left, sep))
            start, sep = m.end(), m.group(0)
    out.append((piece[start:], sep))
    return out


@dataclass
class Assignment:
    """What one bracket, cell or field says: units with roles, how the work is divided, deadline text."""

    units: list[UnitRef] = field(default_factory=list)
    division: str | None = None
    open_ended: bool = False
    role_phrase: bool = False  # an explicit role word was read (else: a bare list, lower confidence)
    rest: list[str] = field(default_factory=list)  # clauses that are not units (deadlines, notes)
    rejected: list[str] = field(default_factory=list)


def parse_assignment(text: str, *, default_role: str = "responsible", basis: str = "bracket",
                     lenient: bool = False) -> Assignment:
    """Read a bracket's content (folded) as an assignment. lenient: the context says these are units (a
    field or a unit column), so names without a unit's ending are taken too."""
    result = Assignment()
    if _FIELD.search(text):
        return _parse_fields(text, basis)
    clauses = [c.strip() for c, _sep in split_top(text, "，,；;。")]
    waiting: list[str] = []
    separately = joint = False
    for clause in clauses:
        if not clause:
            continue
        m = _ROLE.search(clause)
        if m is None:
            waiting.append(clause)
            continue
        if not (m.group("verb") or m.group("mod")):
            waiting.append(clause)  # a bare word after 分工 with no 按职责分工 before it
            continue
        units_text = clause[:m.start()]
        role = role_of(m.group("verb") or "负责")
        result.role_phrase = True
        if m.group("sep") == "分别":
            separately = True
        if m.group("mod") or m.group("sep") in ("共同", "协同"):
            joint = True
        lead_with = None
        if "会同" in units_text:  # "X会同Y负责": X leads, Y support ("会同有关部门" names no one)
            lead_part, _, with_part = units_text.partition("会同")
            partners = UnitList() if _GENERIC_PARTNER.fullmatch(with_part) else split_units(with_part, lenient=True)
            lead_with = (split_units(lead_part, lenient=True), partners)
        if lead_with:
            _add(result, lead_with[0], "lead", basis)
            _add(result, lead_with[1], "support", basis)
        else:
            for w in waiting:
                if split_units(w, lenient=True).names:
                    _add(result, split_units(w, lenient=True), role, basis)
                else:
                    result.rest.append(w)
            _add(result, split_units(units_text, lenient=True), role, basis)
        waiting = []
    for w in waiting:
        units = split_units(w, lenient=lenient)
        if units.names and not units.rejected:
            _add(result, units, default_role, basis)
        else:
            result.rest.append(w)
            result.rejected.extend(units.rejected)
    result.division = _division(result, separately, joint)
    return result


def _add(result: Assignment, units: UnitList, role: str, basis: str) -> None:
    for name, signs in units.names:
        result.units.append(UnitRef(name, units.roles.get(name, role), signs, basis))
    result.open_ended = result.open_ended or units.open_ended
    result.rejected.extend(units.rejected)


def _division(result: Assignment, separately: bool, joint: bool) -> str | None:
    if not result.units:
        return None
    if separately:
        return "separately"
    if joint or len(result.units) > 1 or result.open_ended:
        return "joint"
    return "sole"


def _parse_fields(text: str, basis: str) -> Assignment:
    """牵头单位：X；配合单位：Y、Z；完成时限：2022年底前."""
    result = Assignment(role_phrase=True)
    matches = list(_FIELD.finditer(text))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[m.end():end].strip(" ；;，,。")
        role = field_role(m.group("f") or m.group("fb"))
        if role is None:
            result.rest.append(value)
            continue
        sub = parse_assignment(value, default_role=role, basis="field", lenient=True)
        marked = {n for n, _s in split_units(value, lenient=True).names if n in split_units(value, lenient=True).roles}
        for unit in sub.units:
            if not sub.role_phrase and unit.name not in marked:
                unit.role = role
            result.units.append(unit)
        result.open_ended = result.open_ended or sub.open_ended
        result.rejected.extend(sub.rejected)
    result.division = _division(result, False, False)
    return result


def field_spans(text: str) -> re.Match[str] | None:
    """The first labelled field (牵头单位：…) in a text, if any."""
    return _FIELD.search(text)
