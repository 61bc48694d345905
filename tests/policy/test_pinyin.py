"""Pinyin lookup: `ipm owner gonganju`, `ipm owner gaj` resolve like the Chinese names (issue 9).

Expected keys are written by hand from each name's standard reading (行政 xíngzhèng, 常委会 chángwěihuì,
旅游 lǚyóu written lv …), not read from data/units.yaml: the keys of the short name, its initials, and
the same without the 市 / 惠州 / 市委 / 市直 prefix (docs/data-format.md).
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from tests.clirun import run
from tests.paths import REPO

DATA = REPO / "data"
SCRIPT = REPO / "scripts" / "build_pinyin.py"

# unit: (full, initials, without prefix, its initials, and a key from a sign or alias where it has one)
UNITS: dict[str, tuple[str, ...]] = {
    "市委组织部": ("shiweizuzhibu", "swzzb", "zuzhibu", "zzb"),
    "市委宣传部": ("shiweixuanchuanbu", "swxcb", "xuanchuanbu", "xcb", "banquanju", "wangxinban"),
    "市人大常委会办公室": ("shirendachangweihuibangongshi", "srdcwhbgs", "rendachangweihuibangongshi",
                           "rdcwhbgs", "renda"),
    "市政协办公室": ("shizhengxiebangongshi", "szxbgs", "zhengxiebangongshi", "zxbgs", "zhengxie"),
    "市法院": ("shifayuan", "sfy", "fayuan", "fy", "zhongyuan"),
    "市检察院": ("shijianchayuan", "sjcy", "jianchayuan", "jcy"),
    "市公安局": ("shigonganju", "sgaj", "gonganju", "gaj"),
    "市发展改革局": ("shifazhangaigeju", "sfzggj", "fazhangaigeju", "fzggj", "fagaiju"),
    "市工业和信息化局": ("shigongyehexinxihuaju", "sgyhxxhj", "gongyehexinxihuaju", "gyhxxhj", "gongxinju"),
    "市民政局": ("shiminzhengju", "smzj", "minzhengju", "mzj"),
    "市司法局": ("shisifaju", "ssfj", "sifaju", "sfj"),
    "市财政局": ("shicaizhengju", "sczj", "caizhengju", "czj"),
    "市人力资源社会保障局": ("shirenliziyuanshehuibaozhangju", "srlzyshbzj", "renliziyuanshehuibaozhangju",
                    "rlzyshbzj", "rensheju"),
    "市农业农村局": ("shinongyenongcunju", "snyncj", "nongyenongcunju", "nyncj"),
    "市商务局": ("shishangwuju", "sswj", "shangwuju", "swj"),
    "市文化广电旅游体育局": ("shiwenhuaguangdianlvyoutiyuju", "swhgdlytyj", "wenhuaguangdianlvyoutiyuju",
                    "whgdlytyj", "wenguanglvtiju"),
    "市市场监管局": ("shishichangjianguanju", "sscjgj", "shichangjianguanju", "scjgj", "zhishichanquanju"),
    "惠州海关": ("huizhouhaiguan", "hzhg", "haiguan", "hg"),
    "惠州仲裁委": ("huizhouzhongcaiwei", "hzzcw", "zhongcaiwei", "zcw"),
    "市贸促会": ("shimaocuhui", "smch", "maocuhui", "mch"),
}

GROUPS: dict[str, tuple[str, ...]] = {
    "市直有关部门": ("shizhiyouguanbumen", "szygbm", "youguanbumen", "ygbm"),
    "各有关行政执法部门": ("geyouguanxingzhengzhifabumen", "gygxzzfbm"),
    "各级党委、政府": ("gejidangweizhengfu", "gjdwzf"),
    "各县区政府": ("gexianquzhengfu", "gxqzf"),
}


def owner(*args: str) -> dict:
    code, out, err = run(*args[:-1], "owner", args[-1], "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_every_unit_and_group_is_covered() -> None:
    registry = yaml.safe_load((DATA / "units.yaml").read_text(encoding="utf-8"))
    assert list(UNITS) == [u["name"] for u in registry["units"]]
    assert list(GROUPS) == [g["name"] for g in registry["groups"]]


@pytest.mark.parametrize(("unit", "key"), [(u, k) for u, keys in UNITS.items() for k in keys])
def test_every_unit_resolves_by_pinyin(unit: str, key: str) -> None:
    assert owner(key)["unit"] == unit


@pytest.mark.parametrize(("group", "key"), [(g, k) for g, keys in GROUPS.items() for k in keys])
def test_groups_resolve_by_pinyin(group: str, key: str) -> None:
    assert owner(key)["group"] == group


def test_shipped_keys_have_the_documented_shape() -> None:
    registry = yaml.safe_load((DATA / "units.yaml").read_text(encoding="utf-8"))
    police = next(u for u in registry["units"] if u["name"] == "市公安局")
    assert police["pinyin"] == ["shigonganju", "sgaj", "gonganju", "gaj"]
    for item in registry["units"] + registry["groups"]:
        assert all(re.fullmatch("[a-z]+", key) for key in item["pinyin"]), item["name"]


@pytest.mark.parametrize(("query", "unit"), [
    ("GAJ", "市公安局"),
    ("GongAnJu", "市公安局"),
    ("gong'an ju", "市公安局"),
    ("shichangjianguan", "市市场监管局"),  # a prefix of shichangjianguanju
    ("gonga", "市公安局"),
    ("min", "市民政局"),                   # prefix first: minzhengju, not renminjianchayuan
    ("Huizhou Customs", "惠州海关"),        # English names still win when exact
])
def test_ascii_queries(query: str, unit: str) -> None:
    assert owner(query)["unit"] == unit


@pytest.mark.parametrize(("query", "candidates"), [
    ("gon", {"市公安局", "市工业和信息化局"}),    # gonganju, gongyehexinxihuaju, gongxinju
    ("zhong", {"市法院", "惠州仲裁委"}),         # zhongyuan, zhongcaiwei
])
def test_ambiguous_pinyin_lists_candidates_and_exits_2(query: str, candidates: set[str]) -> None:
    code, out, err = run("owner", query)
    assert code == 2 and out == ""
    listed = set(re.search("：(.*)。请写出完整名称", err).group(1).split("、"))
    assert listed == candidates


def test_unknown_pinyin_suggests_by_pinyin() -> None:
    code, _out, err = run("owner", "gongangju")
    assert code == 2 and "市公安局" in err and "Traceback" not in err


def test_chinese_fragments_do_not_see_pinyin() -> None:
    # 公安 was unique before pinyin keys existed and stays unique; 局 stays ambiguous among bureaus only.
    assert owner("公安")["unit"] == "市公安局"
    code, _out, err = run("owner", "局")
    assert code == 2 and "市公安局" in err and "惠州海关" not in err


@pytest.fixture()
def data_without_pinyin(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    registry = yaml.safe_load((target / "units.yaml").read_text(encoding="utf-8"))
    for item in registry["units"] + registry["groups"]:
        item.pop("pinyin", None)
    (target / "units.yaml").write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    return target


def test_data_without_pinyin_still_resolves_chinese_names(data_without_pinyin: Path) -> None:
    data = str(data_without_pinyin)
    assert run("validate", "--data", data)[0] == 0
    assert owner("--data", data, "市公安局")["unit"] == "市公安局"
    assert owner("--data", data, "公安")["unit"] == "市公安局"
    assert owner("--data", data, "市版权局")["unit"] == "市委宣传部"
    assert owner("--data", data, "Huizhou Customs")["unit"] == "惠州海关"
    code, _out, err = run("--data", data, "owner", "gaj")
    assert code == 2 and "gaj" in err


def test_a_key_that_is_not_lowercase_letters_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    path = target / "units.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    pinyin: [shigonganju, sgaj, gonganju, gaj]\n"
    line = text[:text.index(old)].count("\n") + 1
    bad = "    pinyin: [shi gong an ju, sgaj, gonganju, gaj]\n"
    path.write_text(text.replace(old, bad), encoding="utf-8")
    code, _out, err = run("validate", "--data", str(target))
    assert code == 1
    assert re.search(rf"units\.yaml:{line}: units\.\d+\.pinyin\.0:", err), err


# --- the build script (dev-time; needs pypinyin from the `dev` extra) --------------------------------

needs_script = pytest.mark.skipif(
    importlib.util.find_spec("pypinyin") is None or not SCRIPT.is_file(),
    reason="scripts/build_pinyin.py needs pypinyin (pip install -e '.[dev]')")


def build(path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), str(path), *args], capture_output=True, text=True,
                          encoding="utf-8", check=False)


def strip_pinyin(text: str) -> str:
    """units.yaml without its pinyin entries (a flow list may continue on indented lines)."""
    return re.sub(r"^( +)pinyin: \[[^\]]*\]\n", "", text, flags=re.MULTILINE)


@needs_script
def test_script_is_idempotent_and_the_shipped_file_is_up_to_date(tmp_path: Path) -> None:
    copy = tmp_path / "units.yaml"
    shipped = (DATA / "units.yaml").read_text(encoding="utf-8")
    copy.write_text(shipped, encoding="utf-8")
    assert build(copy).returncode == 0
    first = copy.read_text(encoding="utf-8")
    assert build(copy).returncode == 0
    assert copy.read_text(encoding="utf-8") == first == shipped
    assert build(copy, "--check").returncode == 0


@needs_script
def test_script_only_adds_pinyin_lines(tmp_path: Path) -> None:
    shipped = (DATA / "units.yaml").read_text(encoding="utf-8")
    bare = strip_pinyin(shipped)
    assert "pinyin" not in bare and bare.startswith("# The units named")  # comments kept
    copy = tmp_path / "units.yaml"
    copy.write_text(bare, encoding="utf-8")
    assert build(copy, "--check").returncode == 1
    assert build(copy).returncode == 0
    assert copy.read_text(encoding="utf-8") == shipped


@needs_script
def test_script_replaces_a_stale_block_list(tmp_path: Path) -> None:
    shipped = (DATA / "units.yaml").read_text(encoding="utf-8")
    old = "    pinyin: [shigonganju, sgaj, gonganju, gaj]\n"
    stale = shipped.replace(old, "    pinyin:\n      - wrong\n      - keys\n")
    copy = tmp_path / "units.yaml"
    copy.write_text(stale, encoding="utf-8")
    assert build(copy).returncode == 0
    assert copy.read_text(encoding="utf-8") == shipped
