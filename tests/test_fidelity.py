"""Fidelity of the policy data (data/*.yaml) to the source document.

The source is ``source/huizhou-ip-protection-measures-2021.txt`` — 惠市委办发〔2021〕11号,
《惠州市关于强化知识产权保护的若干措施》, extracted from a PDF (see ``source/README.md`` for its
artifacts). The expectations below were written by hand from reading the source; where a test needs
the exact wording (measure text, task content, targets …) it derives it from the source file itself by
dropping whitespace, the rule of ``docs/data-format.md``. Nothing here reads the YAML back as its own
expectation, and the YAML is loaded with ``yaml.safe_load`` directly (not through the package).

Layout: hand-written expectation tables, then helpers that cut the source into pieces, then tests —
first the tests that check the hand tables against the source (they need no data), then the data tests.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parent.parent
DATA = ROOT / "data"
SOURCE_FILE = ROOT / "source" / "huizhou-ip-protection-measures-2021.txt"

# ════════════════════════════════════════════════════════════════════════════════════════════════
# Hand-written expectations (read off the source)
# ════════════════════════════════════════════════════════════════════════════════════════════════

DOC_TITLE = "惠州市关于强化知识产权保护的若干措施"
DOC_NUMBER = "惠市委办发〔2021〕11号"
DOC_ISSUERS = ["中共惠州市委办公室", "惠州市人民政府办公室"]
DOC_ISSUED = dt.date(2021, 11, 22)  # source line 14: "2021年 11 月22 日"
PREAMBLE_START = "为深入贯彻落实"
TARGET_YEARS = [2022, 2025]  # section 一: "到 2022 年,…" and "到 2025 年,…"

# id, label, title — "一、总体要求" … "七、强化基础保障措施"
SECTIONS = [
    (1, "一", "总体要求"),
    (2, "二", "加强知识产权严保护结构建设"),
    (3, "三", "完善知识产权大保护工作体系"),
    (4, "四", "强化知识产权快保护协作机制"),
    (5, "五", "营造知识产权同保护优越环境"),
    (6, "六", "强化支撑知识产权管理服务支撑"),  # sic: the source repeats 支撑
    (7, "七", "强化基础保障措施"),
]

# Canonical unit short names (the registry `name`s), and the group names.
UNITS = [
    "市委组织部", "市委宣传部", "市人大常委会办公室", "市政协办公室", "市法院", "市检察院", "市公安局",
    "市发展改革局", "市工业和信息化局", "市民政局", "市司法局", "市财政局", "市人力资源社会保障局",
    "市农业农村局", "市商务局", "市文化广电旅游体育局", "市市场监管局", "惠州海关", "惠州仲裁委", "市贸促会",
]
GROUPS = ["市直有关部门", "各级党委、政府", "各有关行政执法部门", "各县区政府"]

# Spellings in the source that are not the canonical name: variant spellings (aliases) and the second
# sign of a one-office-two-signs body (signs; in the source they appear in parentheses after the unit).
ALIASES = {"市农村农业局": "市农业农村局", "市市场监督管理局": "市市场监管局"}
SIGNS = {"市版权局": "市委宣传部", "市委网信办": "市委宣传部", "市知识产权局": "市市场监管局"}

FULL_NAMES = {"市公安局": "惠州市公安局", "市法院": "惠州市中级人民法院", "市检察院": "惠州市人民检察院"}

KINDS_ALLOWED = {
    "party_organ", "government_bureau", "court", "procuratorate", "npc_office", "cppcc_office",
    "customs", "arbitration", "association",
}
KINDS = {
    "市委组织部": "party_organ", "市委宣传部": "party_organ",
    "市人大常委会办公室": "npc_office", "市政协办公室": "cppcc_office",
    "市法院": "court", "市检察院": "procuratorate",
    "惠州海关": "customs", "惠州仲裁委": "arbitration", "市贸促会": "association",
    **{u: "government_bureau" for u in [
        "市公安局", "市发展改革局", "市工业和信息化局", "市民政局", "市司法局", "市财政局",
        "市人力资源社会保障局", "市农业农村局", "市商务局", "市文化广电旅游体育局", "市市场监管局",
    ]},
}

# The 22 measures: id, label, section, title, units (source order), groups (source order), mode.
# mode: joint = the bracket ends 按职责分工负责, sole = it ends in plain 负责.
宣传, 法院, 检察, 公安 = "市委宣传部", "市法院", "市检察院", "市公安局"
文旅, 市场, 海关, 司法 = "市文化广电旅游体育局", "市市场监管局", "惠州海关", "市司法局"
市直, 党政 = "市直有关部门", "各级党委、政府"
MEASURES = [
    (1, "(一)", 2, "严厉打击侵权假冒行为",
     [宣传, 法院, 检察, 公安, "市农业农村局", 文旅, 市场, 海关], [], "joint"),
    (2, "(二)", 2, "健全规范证据标准", [宣传, 法院, 检察, 公安, 文旅, 市场, 海关], [], "joint"),
    (3, "(三)", 2, "完善案件执行机制", [法院, "市发展改革局", 市场], [], "joint"),
    (4, "(四)", 2, "加强新业态新领域保护", [宣传, 司法, 文旅, 市场], [], "joint"),
    (5, "(五)", 3, "提高执法监督效能",
     [宣传, "市人大常委会办公室", 文旅, 市场, "市政协办公室"], [], "joint"),
    (6, "(六)", 3, "建立健全社会共治",
     ["市发展改革局", "市民政局", 司法, 市场, "惠州仲裁委"], [], "joint"),
    (7, "(七)", 3, "加强专业技术指导", [宣传, 文旅, 市场], [], "joint"),
    (8, "(八)", 3, "实施源头保护措施", [宣传, "市工业和信息化局", "市农业农村局", 文旅, 市场], [], "joint"),
    (9, "(九)", 4, "健全跨部门跨区域协作机制", [法院, 检察, 公安, 文旅, 市场], [], "joint"),
    (10, "(十)", 4, "构建快速处理机制", [宣传, 司法, "市商务局", 文旅, 市场, "惠州仲裁委"], [], "joint"),
    (11, "(十一)", 4, "建立多元化纠纷解决方案", [市场], [], "sole"),
    (12, "(十二)", 5, "深入参与粤港澳大湾区合作", [市场], [], "sole"),
    (13, "(十三)", 5, "提供海外维权援助服务", ["市商务局", 市场], [], "joint"),
    (14, "(十四)", 5, "依法实施同等保护", [法院, 检察, 公安, "市商务局", 市场, 海关], [], "joint"),
    (15, "(十五)", 5, "推进对外交流合作", [], [市直], "joint"),
    (16, "(十六)", 6, "提升便民服务水平", [宣传, 法院, 检察, 公安, "市财政局", 文旅, 市场], [], "joint"),
    (17, "(十七)", 6, "加强人才培育提升", [法院, 检察, 司法, "市人力资源社会保障局", 市场], [], "joint"),
    (18, "(十八)", 6, "加大资源投入支持", [宣传, 公安, "市财政局", 文旅, 市场, 海关], [], "joint"),
    (19, "(十九)", 7, "加强组织领导", [], [市直, 党政], "joint"),
    (20, "(二十)", 7, "狠抓贯彻落实", [], [党政], "sole"),
    (21, "(二十一)", 7, "强化考核问效", ["市委组织部", 宣传, "市发展改革局", 市场], [市直, 党政], "joint"),
    (22, "(二十二)", 7, "加强宣传引导", [], [市直], "joint"),
]
MEASURE_IDS = [m[0] for m in MEASURES]

# Measure 十九: "市市场监督管理局(知识产权局)要会同有关部门完善保护工作机制,…建立任务落实台账"
COORDINATORS = {19: "市市场监管局"}

# The one PDF artifact that loses a character: measure 四, "推广《电商平台知识产权保护管理》" | page
# break | "家标准" — the 国 of 国家标准 is missing from the extraction.
RESTORATION_MEASURE = 4
ARTIFACT, RESTORED = "保护管理》家标准", "保护管理》国家标准"

# The 8 annex tasks (主要任务责任分工表): id, title (the 主要任务 column), units, groups.
TASKS = [
    (1, "打击侵权知识产权犯罪三年专项行动", [公安], []),
    (2, "强化行政保护与刑事司法保护衔接", [法院, 检察, 公安], ["各有关行政执法部门"]),
    (3, "构建知识产权侵权判定技术鉴定服务体系", [宣传, 司法, 文旅, 市场], []),
    (4, "加大侵权判赔力度破解“赔偿低”难题", [宣传, 法院, 司法, 文旅, 市场], ["各有关行政执法部门"]),
    (5, "完善知识产权快速维权机制", [法院, 司法, 市场], ["各县区政府"]),
    (6, "强化海外知识产权维权援助", ["市人力资源社会保障局", "市商务局", 市场, "市贸促会"], []),
    (7, "构建知识产权信用监管威慑机制", [宣传, "市发展改革局", 文旅, 市场], ["各有关行政执法部门"]),
    (8, "加强新兴产业知识产权法制保障", [宣传, 法院, 司法, 文旅, 市场], []),
]
TASK_IDS = [t[0] for t in TASKS]
REPEATED_TASK_ROWS = [6, 7, 8]  # printed a second time after a page break in the annex

# 市公安局's duties, read off the source by hand.
POLICE_MEASURES = [1, 2, 9, 14, 16, 18]
POLICE_TASKS = [1, 2]

# Time-bound commitments: measure 一 "开展为期 3 年的专项行动"; task 1 "…犯罪三年专项行动".
THREE_YEAR_DEADLINES = {"measures": [1], "tasks": [1]}
DEADLINE_START, DEADLINE_END = dt.date(2021, 11, 22), dt.date(2024, 11, 21)

WEB_FOOTER = ["发表评论与建议", "请在用户中心修改联系方式"]

# ════════════════════════════════════════════════════════════════════════════════════════════════
# The source, cut into pieces (whitespace dropped — the format's cleaning rule)
# ════════════════════════════════════════════════════════════════════════════════════════════════


def squeeze(text: str) -> str:
    """Drop every whitespace character (space, NBSP, line break …)."""
    return "".join(ch for ch in text if not ch.isspace())


SOURCE_RAW = SOURCE_FILE.read_text(encoding="utf-8")
SOURCE = squeeze(SOURCE_RAW)
ANNEX_START = SOURCE.index("附件:主要任务责任分工表")
FOOTER_START = SOURCE.index(WEB_FOOTER[0])


def _between(text: str, start: str, end: str) -> str:
    i = text.index(start) + len(start)
    return text[i:text.index(end, i)]


def section_heading(section_id: int) -> str:
    _, label, title = SECTIONS[section_id - 1]
    return f"{label}、{title}"


def source_section_one_text() -> str:
    return _between(SOURCE, section_heading(1), section_heading(2))


def source_preamble() -> str:
    i = SOURCE.index(PREAMBLE_START)
    return SOURCE[i:SOURCE.index(section_heading(1), i)]


def source_target(year: int) -> str:
    """The clause after "到YYYY年," in section 一, up to and including its 。"""
    return re.search(rf"到{year}年,([^。]*。)", source_section_one_text()).group(1)


@functools.cache
def source_measures() -> dict[int, dict[str, str]]:
    """Each measure's title, text and responsibility bracket, cut from the source.

    The body runs from 二、 to the annex; the section headings are replaced by a separator, the labels
    "(一)" … "(二十二)" are found in order (after whitespace is dropped the stray spaces of "( 六)" and
    "(十) 构建" are gone), each measure's chunk runs to the next label or heading, its title is the text
    before the first 。, and it ends with the responsibility bracket 〔…〕 or (…).
    """
    body = SOURCE[SOURCE.index(section_heading(2)):ANNEX_START]
    for sid, _, _ in SECTIONS[1:]:
        body = body.replace(section_heading(sid), "§")
    starts = []
    pos = 0
    for _, label, *_ in MEASURES:
        pos = body.index(label, pos)
        starts.append(pos)
    starts.append(len(body))
    out = {}
    for (mid, label, *_), a, b in zip(MEASURES, starts, starts[1:]):
        chunk = body[a + len(label):b].split("§")[0]
        title, rest = chunk.split("。", 1)
        opener = {"〕": "〔", ")": "("}[rest[-1]]
        k = rest.rindex(opener)
        out[mid] = {"title": title, "text": rest[:k], "responsibility": rest[k + 1:-1]}
    return out


@functools.cache
def source_tasks() -> dict[int, dict[str, str]]:
    """Each annex row's title, content and 责任单位 cell, cut from the source.

    The squeezed annex reads "1<title><content><units>2<title>…"; a row runs from "<id><title>" to the
    next row, the content is everything up to its last 。 and the rest is the 责任单位 cell. Row 8
    ends where the page-break copy of row 6 begins.
    """
    annex = SOURCE[ANNEX_START:FOOTER_START]
    starts = []
    pos = 0
    for tid, title, *_ in TASKS:
        pos = annex.index(f"{tid}{title}", pos)
        starts.append(pos)
    starts.append(annex.index(f"6{TASKS[5][1]}", starts[-1]))
    out = {}
    for (tid, title, *_), a, b in zip(TASKS, starts, starts[1:]):
        row = annex[a + len(f"{tid}{title}"):b]
        k = row.rindex("。") + 1
        out[tid] = {"title": title, "content": row[:k], "units_cell": row[k:], "row": annex[a:b]}
    return out


def source_task_repeats() -> str:
    """The annex after row 8: the page-break copy of rows 6, 7 and 8."""
    annex = SOURCE[ANNEX_START:FOOTER_START]
    row8 = annex.index(f"8{TASKS[7][1]}")
    return annex[annex.index(f"6{TASKS[5][1]}", row8):]


def parse_duty(cell: str) -> tuple[list[str], list[str]]:
    """Units and groups named in a responsibility bracket or 责任单位 cell, mapped to canonical names.

    Parenthesised signs (市版权局 …) are dropped, the 按职责分工负责 / 负责 ending removed, and the rest
    must read as known names separated by 、 , or 等 (longest name first) — anything else is an error.
    """
    s = re.sub(r"\([^()]*\)", "", cell)
    s = re.sub(r"(按职责分工)?负责$", "", s)
    names = sorted([*UNITS, *ALIASES, *GROUPS], key=len, reverse=True)
    units: list[str] = []
    groups: list[str] = []
    i = 0
    while i < len(s):
        if s[i] in "、,等":
            i += 1
            continue
        name = next((n for n in names if s.startswith(n, i)), None)
        if name is None:
            raise ValueError(f"unreadable duty {cell!r} at {s[i:]!r}")
        (groups if name in GROUPS else units).append(ALIASES.get(name, name))
        i += len(name)
    return units, groups


# ════════════════════════════════════════════════════════════════════════════════════════════════
# Loading the data
# ════════════════════════════════════════════════════════════════════════════════════════════════


@functools.cache
def load(name: str) -> Any:
    path = DATA / name
    if not path.exists():
        pytest.fail(f"{path} does not exist")
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def units_doc() -> dict:
    return load("units.yaml")


def measures_doc() -> dict:
    return load("measures.yaml")


def tasks_doc() -> dict:
    return load("responsibility_table.yaml")


def data_measure(mid: int) -> dict:
    found = [m for m in measures_doc()["measures"] if m["id"] == mid]
    assert len(found) == 1, f"measure {mid}: {len(found)} entries"
    return found[0]


def data_task(tid: int) -> dict:
    found = [t for t in tasks_doc()["tasks"] if t["id"] == tid]
    assert len(found) == 1, f"task {tid}: {len(found)} entries"
    return found[0]


def registry() -> dict[str, dict]:
    return {u["name"]: u for u in units_doc()["units"]}


def as_date(value: Any) -> dt.date:
    """YAML gives a date for 2021-11-22 and a str for "2021-11-22"; accept both."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def all_strings(node: Any, path: str = ""):
    """Every string in a YAML tree (keys included), with where it is."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from all_strings(k, f"{path}.<key>")
            yield from all_strings(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from all_strings(v, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def mid_id(mid: int) -> str:
    return f"measure-{mid:02d}"


def tid_id(tid: int) -> str:
    return f"task-{tid}"


def unit_id(name: str) -> str:
    """Readable ASCII test ids (pytest would print Chinese names as \\u escapes)."""
    return f"unit-{UNITS.index(name) + 1:02d}"


# ════════════════════════════════════════════════════════════════════════════════════════════════
# 1. The hand tables against the source (no data needed)
# ════════════════════════════════════════════════════════════════════════════════════════════════


def test_source_sections_in_order():
    positions = [SOURCE.index(section_heading(sid)) for sid, _, _ in SECTIONS]
    assert positions == sorted(positions)
    for sid, _, _ in SECTIONS:
        assert SOURCE.count(section_heading(sid)) == 1


@pytest.mark.parametrize("mid", MEASURE_IDS, ids=mid_id)
def test_source_agrees_with_measure_table(mid):
    _, label, section, title, units, groups, mode = MEASURES[mid - 1]
    src = source_measures()[mid]
    assert src["title"] == title
    # the measure sits in its section: after its heading and before the next one
    pos = SOURCE.index(label + title)
    assert SOURCE.index(section_heading(section)) < pos
    if section < len(SECTIONS):
        assert pos < SOURCE.index(section_heading(section + 1))
    assert parse_duty(src["responsibility"]) == (units, groups)
    assert mode == ("joint" if src["responsibility"].endswith("按职责分工负责") else "sole")
    assert src["responsibility"].endswith("负责")


def test_source_has_22_measures():
    assert len(source_measures()) == 22
    assert [m[1] for m in MEASURES][-1] == "(二十二)"


@pytest.mark.parametrize("tid", TASK_IDS, ids=tid_id)
def test_source_agrees_with_task_table(tid):
    _, _title, units, groups = TASKS[tid - 1]
    src = source_tasks()[tid]
    assert src["content"].endswith("。")
    assert parse_duty(src["units_cell"]) == (units, groups)


def test_source_annex_repeats_rows_6_to_8_verbatim():
    """The rows after row 8 are a page-break copy of rows 6–8, identical once whitespace is dropped."""
    assert source_task_repeats() == "".join(source_tasks()[t]["row"] for t in REPEATED_TASK_ROWS)


def test_source_police_duties():
    assert [m for m in MEASURE_IDS if 公安 in parse_duty(source_measures()[m]["responsibility"])[0]] \
        == POLICE_MEASURES
    assert [t for t in TASK_IDS if 公安 in parse_duty(source_tasks()[t]["units_cell"])[0]] == POLICE_TASKS


def test_source_has_the_known_artifacts():
    assert source_measures()[RESTORATION_MEASURE]["text"].count(ARTIFACT) == 1
    assert "市农村农业局" in source_measures()[1]["responsibility"]
    assert "市市场监督管理局(知识产权局)要会同有关部门" in source_measures()[19]["text"]
    assert "开展为期3年的专项行动" in source_measures()[1]["text"]
    assert "2021年11月22日" in SOURCE


# ════════════════════════════════════════════════════════════════════════════════════════════════
# 2. Document, sections, counts
# ════════════════════════════════════════════════════════════════════════════════════════════════


def test_document_metadata():
    doc = measures_doc()["document"]
    assert doc["title"] == DOC_TITLE
    assert doc["number"] == DOC_NUMBER
    assert doc["issuers"] == DOC_ISSUERS
    assert as_date(doc["issued"]) == DOC_ISSUED


def test_document_notice_fields():
    """Optional fields of the notice (line 1 and the addressees), when present, are the source's words."""
    doc = measures_doc()["document"]
    if "notice_title" in doc:
        assert doc["notice_title"] == SOURCE[:SOURCE.index(DOC_NUMBER)]
        assert doc["notice_title"].endswith(f"关于印发《{DOC_TITLE}》的通知")
    if "addressees" in doc:
        assert doc["addressees"] == _between(SOURCE, DOC_NUMBER, ":")


def test_document_preamble():
    assert measures_doc()["document"]["preamble"] == source_preamble()
    assert source_preamble().endswith("提出以下措施。")


@pytest.mark.parametrize("year", TARGET_YEARS)
def test_document_target(year):
    targets = measures_doc()["document"]["targets"]
    assert [t["year"] for t in targets] == TARGET_YEARS
    (target,) = [t for t in targets if t["year"] == year]
    # the closing 。 may be kept or not; the words must be the source's
    assert target["text"].removesuffix("。") == source_target(year).removesuffix("。")


def test_sections():
    sections = measures_doc()["sections"]
    assert [(s["id"], s["label"], s["title"]) for s in sections] == SECTIONS


def test_section_one_text():
    sections = {s["id"]: s for s in measures_doc()["sections"]}
    assert sections[1]["text"] == source_section_one_text()
    for sid in range(2, 8):
        assert not sections[sid].get("text"), f"section {sid} has no text of its own in the source"


def test_measure_count_and_ids():
    measures = measures_doc()["measures"]
    assert len(measures) == 22
    assert [m["id"] for m in measures] == MEASURE_IDS


def test_task_count_and_ids():
    """8 tasks, not 11: the annex's page-break copy of rows 6–8 must not be encoded."""
    tasks = tasks_doc()["tasks"]
    assert len(tasks) == 8
    assert [t["id"] for t in tasks] == TASK_IDS
    assert len({t["title"] for t in tasks}) == 8
    assert len({t["content"] for t in tasks}) == 8


# ════════════════════════════════════════════════════════════════════════════════════════════════
# 3. The 22 measures
# ════════════════════════════════════════════════════════════════════════════════════════════════


@pytest.mark.parametrize("mid", MEASURE_IDS, ids=mid_id)
def test_measure_table(mid):
    _, label, section, title, units, groups, mode = MEASURES[mid - 1]
    m = data_measure(mid)
    assert m["label"] == label
    assert m["section"] == section
    assert m["title"] == title
    assert m["units"] == units
    assert m["groups"] == groups
    assert m["mode"] == mode
    assert len(set(m["units"])) == len(m["units"]), "a unit listed twice"


@pytest.mark.parametrize("mid", MEASURE_IDS, ids=mid_id)
def test_measure_text(mid):
    expected = source_measures()[mid]["text"]
    if mid == RESTORATION_MEASURE:
        expected = expected.replace(ARTIFACT, RESTORED)
    assert data_measure(mid)["text"] == expected


@pytest.mark.parametrize("mid", MEASURE_IDS, ids=mid_id)
def test_measure_responsibility(mid):
    """The bracket as written (variant spellings kept), whitespace dropped, without 〔〕 / ()."""
    assert data_measure(mid)["responsibility"] == source_measures()[mid]["responsibility"]


@pytest.mark.parametrize("mid", MEASURE_IDS, ids=mid_id)
def test_measure_coordinator(mid):
    m = data_measure(mid)
    assert m.get("coordinator") == COORDINATORS.get(mid)
    if mid in COORDINATORS:
        basis = m.get("coordinator_basis") or ""
        assert "会同有关部门" in basis
        assert basis in source_measures()[mid]["text"], "the basis must be the source's sentence"
    else:
        assert not m.get("coordinator_basis")


@pytest.mark.parametrize("mid", MEASURE_IDS, ids=mid_id)
def test_measure_restorations(mid):
    """国 in 国家标准 (measure 四) is the only character added to the source."""
    restorations = data_measure(mid).get("restorations") or []
    if mid == RESTORATION_MEASURE:
        assert restorations, "measure 四 restores 国 and must say so"
        assert any("国" in r for r in restorations)
        assert RESTORED in data_measure(mid)["text"]
    else:
        assert restorations == []


def test_measure_one_notes_the_variant_spelling():
    """Measure 一's responsibility keeps 市农村农业局 as written; the unit is 市农业农村局."""
    notes = data_measure(1).get("notes") or []
    assert any("市农村农业局" in n for n in notes)


@pytest.mark.parametrize("mid", MEASURE_IDS, ids=mid_id)
def test_measure_has_no_whitespace(mid):
    m = data_measure(mid)
    for field in ("label", "title", "text", "responsibility"):
        assert not re.search(r"\s", m[field]), f"whitespace in {field}"


# ════════════════════════════════════════════════════════════════════════════════════════════════
# 4. The 8 annex tasks
# ════════════════════════════════════════════════════════════════════════════════════════════════


@pytest.mark.parametrize("tid", TASK_IDS, ids=tid_id)
def test_task_table(tid):
    _, title, units, groups = TASKS[tid - 1]
    t = data_task(tid)
    assert t["title"] == title
    assert t["units"] == units
    assert t["groups"] == groups
    assert len(set(t["units"])) == len(t["units"]), "a unit listed twice"


@pytest.mark.parametrize("tid", TASK_IDS, ids=tid_id)
def test_task_content(tid):
    assert data_task(tid)["content"] == source_tasks()[tid]["content"]


@pytest.mark.parametrize("tid", TASK_IDS, ids=tid_id)
def test_task_has_no_whitespace(tid):
    t = data_task(tid)
    for field in ("title", "content"):
        assert not re.search(r"\s", t[field]), f"whitespace in {field}"


@pytest.mark.parametrize("tid", TASK_IDS, ids=tid_id)
def test_task_measures(tid):
    t = data_task(tid)
    assert t["measures"], "every task elaborates at least one measure"
    assert set(t["measures"]) <= set(MEASURE_IDS)
    assert len(set(t["measures"])) == len(t["measures"])
    assert (t.get("measures_basis") or "").strip()


# Sentences of a task's content that the source also prints, word for word, inside a measure: the task
# must at least name those measures. Found by reading the source:
#   task 2 "完善案件移送程序"            — measure 二
#   task 3 "建立健全知识产权侵权判定咨询机制,…行政裁决工作" — measure 七
#   task 5 "推动维权援助服务体系向基层延伸" — measure 六
#   task 6 "争取上级在惠州建设国家海外知识产权纠纷应对指导平台" — measure 七
#   task 7 "落实市场主体和知识产权代理机构诚信档案“黑名单”制度…" — measure 三
#   task 8 "加强地理标志、老字号、非物质文化遗产、传统知识和中医药等领域知识产权保护" — measure 四
SHARED_WORDING = {
    2: ("完善案件移送程序", 2),
    3: ("建立健全知识产权侵权判定咨询机制,建立技术调查官制度,推动技术调查官参与专利侵权纠纷行政裁决工作", 7),
    5: ("推动维权援助服务体系向基层延伸", 6),
    6: ("争取上级在惠州建设国家海外知识产权纠纷应对指导平台", 7),
    7: ("落实市场主体和知识产权代理机构诚信档案“黑名单”制度", 3),
    8: ("加强地理标志、老字号、非物质文化遗产、传统知识和中医药等领域知识产权保护", 4),
}


@pytest.mark.parametrize("tid", sorted(SHARED_WORDING), ids=tid_id)
def test_task_links_the_measure_it_quotes(tid):
    phrase, mid = SHARED_WORDING[tid]
    assert phrase in source_tasks()[tid]["content"]
    assert phrase in source_measures()[mid]["text"]
    assert mid in data_task(tid)["measures"]


def test_task_one_is_measure_ones_three_year_campaign():
    assert 1 in data_task(1)["measures"]


# ════════════════════════════════════════════════════════════════════════════════════════════════
# 5. The unit registry
# ════════════════════════════════════════════════════════════════════════════════════════════════


def test_registry_units():
    names = [u["name"] for u in units_doc()["units"]]
    assert len(names) == 20
    assert len(set(names)) == 20
    assert sorted(names) == sorted(UNITS)


def test_registry_names_signs_aliases_are_unambiguous():
    """No spelling names two units (a name, sign or alias resolves to one unit)."""
    spellings = []
    for u in units_doc()["units"]:
        spellings += [u["name"], *(u.get("signs") or []), *(u.get("aliases") or [])]
    duplicated = sorted({s for s in spellings if spellings.count(s) > 1})
    assert duplicated == []


@pytest.mark.parametrize("variant", sorted(ALIASES), ids=lambda v: f"alias-of-{unit_id(ALIASES[v])}")
def test_registry_alias(variant):
    holders = [u["name"] for u in units_doc()["units"] if variant in (u.get("aliases") or [])]
    assert holders == [ALIASES[variant]]


@pytest.mark.parametrize("sign", sorted(SIGNS), ids=lambda v: f"sign-{sorted(SIGNS).index(v) + 1}")
def test_registry_sign(sign):
    holders = [u["name"] for u in units_doc()["units"] if sign in (u.get("signs") or [])]
    assert holders == [SIGNS[sign]]


@pytest.mark.parametrize("name", sorted(FULL_NAMES), ids=unit_id)
def test_registry_full_name(name):
    assert registry()[name]["full_name"] == FULL_NAMES[name]


@pytest.mark.parametrize("name", UNITS, ids=unit_id)
def test_registry_unit_fields(name):
    u = registry()[name]
    assert (u.get("full_name") or "").strip()
    english = (u.get("english") or "").strip()
    assert english and not re.search(r"[\u3000-\u9fff]", english)
    assert u["kind"] in KINDS_ALLOWED
    assert u["kind"] == KINDS[name]
    for membership in u.get("groups") or []:
        assert membership["group"] in GROUPS
        assert (membership.get("basis") or "").strip(), f"{name} in {membership['group']}: no basis"


def test_registry_groups():
    groups = {g["name"]: g for g in units_doc()["groups"]}
    assert sorted(groups) == sorted(GROUPS)
    for g in groups.values():
        assert isinstance(g["members_from_registry"], bool)
        assert (g.get("description") or "").strip()
    assert groups["各级党委、政府"]["members_from_registry"] is False  # county committees are not in the registry
    assert groups["各县区政府"]["members_from_registry"] is False
    assert groups["市直有关部门"]["members_from_registry"] is True


def test_measure_21_units_are_members_of_shizhi():
    """Measure 二十一: "市委组织部、市委宣传部…、市发展改革局、市市场监管局…等市直有关部门" — the four are 市直有关部门."""
    for name in ["市委组织部", 宣传, "市发展改革局", 市场]:
        assert "市直有关部门" in [g["group"] for g in registry()[name].get("groups") or []], name


def test_every_reference_exists():
    units, groups = set(registry()), {g["name"] for g in units_doc()["groups"]}
    for m in measures_doc()["measures"]:
        assert set(m["units"]) <= units, m["id"]
        assert set(m["groups"]) <= groups, m["id"]
        if m.get("coordinator"):
            assert m["coordinator"] in units
    for t in tasks_doc()["tasks"]:
        assert set(t["units"]) <= units, t["id"]
        assert set(t["groups"]) <= groups, t["id"]


# ════════════════════════════════════════════════════════════════════════════════════════════════
# 6. Cross-cutting facts
# ════════════════════════════════════════════════════════════════════════════════════════════════


def test_police_duties():
    assert [m["id"] for m in measures_doc()["measures"] if 公安 in m["units"]] == POLICE_MEASURES
    assert [t["id"] for t in tasks_doc()["tasks"] if 公安 in t["units"]] == POLICE_TASKS


@pytest.mark.parametrize(
    "kind,item_id",
    [(kind, i) for kind, ids in THREE_YEAR_DEADLINES.items() for i in ids],
    ids=lambda v: str(v),
)
def test_three_year_deadline(kind, item_id):
    item = data_measure(item_id) if kind == "measures" else data_task(item_id)
    deadlines = item.get("deadlines") or []
    matching = [d for d in deadlines
                if as_date(d["start"]) == DEADLINE_START and as_date(d["end"]) == DEADLINE_END]
    assert len(matching) == 1, deadlines
    assert (matching[0].get("basis") or "").strip()
    assert (matching[0].get("what") or "").strip()


def test_all_deadlines_are_well_formed():
    items = measures_doc()["measures"] + tasks_doc()["tasks"]
    for item in items:
        for d in item.get("deadlines") or []:
            assert as_date(d["start"]) <= as_date(d["end"]), d
            assert (d.get("basis") or "").strip(), d


@pytest.mark.parametrize("name", ["units.yaml", "measures.yaml", "responsibility_table.yaml"])
def test_no_web_footer(name):
    for where, s in all_strings(load(name)):
        for footer in WEB_FOOTER:
            assert footer not in s, where


CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”《》]"


@pytest.mark.parametrize("name", ["units.yaml", "measures.yaml", "responsibility_table.yaml"])
def test_no_space_between_cjk(name):
    """No stray space between two CJK characters anywhere (the PDF's "知识 产权" artifact)."""
    bad = [(where, s) for where, s in all_strings(load(name)) if re.search(rf"{CJK}\s+{CJK}", s)]
    assert bad == []


@pytest.mark.parametrize("name", ["units.yaml", "measures.yaml", "responsibility_table.yaml"])
def test_quotations_are_verbatim(name):
    """Chinese passages quoted “…” in notes and bases are the source's words (… marks an omission)."""
    source = SOURCE.replace(ARTIFACT, RESTORED)
    bad = []
    for where, s in all_strings(load(name)):
        for quote in re.findall(r"“([^“”]*)”", s):
            if re.search(r"[\u4e00-\u9fff]", quote):
                bad += [(where, piece) for piece in quote.split("…") if piece and piece not in source]
    assert bad == []
