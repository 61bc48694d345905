"""Unit names as clerks type them (issue #17, point 7): punctuation around a name, 市监局, suggestions that
are not noise, a group named where a unit is wanted.

Expected names come from data/units.yaml (short names, aliases, group memberships), read by hand.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from tests.clirun import run, run_english

from ipmeasures.errors import UnknownNameError
from ipmeasures.policy.catalog import load_catalog

CATALOG = load_catalog()

@pytest.fixture(autouse=True)
def _chinese_afterwards():
    """--lang en sets the process's language: later tests expect the default, Chinese."""
    yield
    from ipmeasures.i18n import set_language

    set_language("zh")



@pytest.mark.parametrize("typed", ["市公安局。", "市公安局，", "市公安局.", "“市公安局”", "《市公安局》", "市公安局；",
                                   " 市公安局！", "「市公安局」。", "【惠州市公安局】"])
def test_punctuation_around_a_name_is_not_part_of_it(typed):
    assert CATALOG.resolve_unit(typed) == "市公安局"
    code, out, _err = run("owner", typed, "--format", "json")
    assert code == 0 and '"市公安局"' in out


def test_parentheses_still_belong_to_the_name():
    assert CATALOG.resolve_unit("市委宣传部（市版权局）") == "市委宣传部"


@pytest.mark.parametrize("typed", ["市监局", "惠州市监局", "市监局。"])
def test_the_short_form_of_market_regulation_resolves(typed):
    assert CATALOG.resolve_unit(typed) == "市市场监管局"


# A misspelling suggests the unit it is closest to, not every 市…局 that shares 市 and 局.
@pytest.mark.parametrize(("typed", "first"), [
    ("市公按局", "市公安局"), ("市委宣转部", "市委宣传部"), ("市场监督局", "市市场监管局"), ("市发展局", "市发展改革局"),
    ("市司发局", "市司法局"),
])
def test_a_misspelling_suggests_its_unit_first(typed, first):
    with pytest.raises(UnknownNameError) as caught:
        CATALOG.resolve_unit(typed)
    assert caught.value.suggestions[0] == first


@pytest.mark.parametrize("typed", ["市食药局", "市气象局", "市烟草局", "张三"])
def test_a_name_sharing_only_common_characters_suggests_nothing(typed):
    # None of these shares a distinctive character with a unit in the data: 市 and 局 are in most names.
    with pytest.raises(UnknownNameError) as caught:
        CATALOG.resolve_unit(typed)
    assert caught.value.suggestions == []
    assert "是否指" not in str(caught.value)


def test_suggestions_differ_with_the_name():
    seen = set()
    for typed in ("市公按局", "市委宣转部", "市场监督局"):
        with pytest.raises(UnknownNameError) as caught:
            CATALOG.resolve_unit(typed)
        seen.add(tuple(caught.value.suggestions))
    assert len(seen) == 3


def test_a_group_where_a_unit_is_wanted_lists_its_members():
    code, _out, err = run("template", "市直有关部门")
    assert code == 2
    # Members by hand: the units of data/units.yaml that list 市直有关部门 among their groups.
    for member in ("市委组织部", "市委宣传部", "市公安局", "市发展改革局", "市市场监管局", "市商务局"):
        assert member in err
    assert "惠州海关" not in err and "市法院" not in err


def test_a_group_without_listed_members_says_so():
    code, _out, err = run("template", "各级党委、政府")
    assert code == 2 and "没有列出它的成员" in err


def test_period_help_names_the_real_default():
    code, out, _err = run("template", "--help")
    today = dt.date.today()
    expected = f"{today.year}-H{1 if today.month <= 6 else 2}"
    assert code == 0 and expected in "".join(out.split())
    assert "例如2022-H1" not in "".join(out.split())


def test_a_search_with_no_hit_says_so_and_exits_as_its_help_says():
    code, out, _err = run("search", "量子计算")
    assert code == 0 and "没有找到“量子计算”" in out
    _code, help_text, _err = run("search", "--help")
    assert "退出码仍为0" in "".join(help_text.split())


def test_rule_help_has_no_restructuredtext_markers():
    from ipmeasures.rules import RULES

    for rule_id in RULES:
        for runner in (lambda *a: run("--lang", "zh", *a), run_english):
            code, out, _err = runner("rules", rule_id)
            assert code == 0
            assert not re.search(r"::\s*$", out, re.MULTILINE), rule_id
    _code, out, _err = run("--lang", "zh", "rules", "missing-evidence")
    assert "不通过：" in out and "通过：" in out


@pytest.mark.parametrize("typed", ["市公按局", "市直有关部门", "张三"])
def test_a_name_refused_once_is_refused_every_time(typed):
    # resolve_unit remembers what it resolved: never what it refused (a misspelling, a group, an unknown name).
    fresh = load_catalog()
    for _attempt in range(3):
        with pytest.raises(UnknownNameError):
            fresh.resolve_unit(typed)


def test_a_unit_resolved_again_is_the_same_unit():
    fresh = load_catalog()
    assert [fresh.resolve_unit(t) for t in ("公安局", "市公安局", "公安局", "gaj", "惠州市公安局")] == ["市公安局"] * 5
