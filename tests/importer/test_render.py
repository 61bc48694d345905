"""`ipm import`'s table and markdown outputs carry an outside document's text inertly (issue 12, items 3 and 4).

The document is written by the test, one hostile spelling per run; the terminal text is checked character
by character, the Markdown with markdown-it-py (CommonMark + GFM tables), as every other output is.
"""

from __future__ import annotations

import pytest
from tests.clirun import run
from tests.hostile.test_inert_everywhere import LIVE_REFERENCE, assert_inert, parsed_text

SPELLINGS = ["加强\u202e保护", "加强\x9b31m保护", "加强##[error]保护", "  ::error file=README.md::x", "见[链接](http://e.vil)",
             "![图](http://e.vil/i.png)", "通知 @team 与 #12", "<b>粗</b>&amp;", "a|b", "*强调*_下划_`代码`"]


def document(tmp_path, text: str):
    source = tmp_path / "分工方案.txt"
    source.write_text(f"一、总体要求\n（一）{text}。（市公安局负责，2022年底前）\n（二）{text}。（市法院负责）\n",
                      encoding="utf-8")
    return source


@pytest.mark.parametrize("text", SPELLINGS)
def test_the_table_shows_nothing_live(tmp_path, text):
    code, out, err = run("import", str(document(tmp_path, text)))
    assert code == 0, err
    assert_inert(out)
    assert "市公安局" in out  # the items are still listed


@pytest.mark.parametrize("text", SPELLINGS)
def test_the_markdown_renders_as_the_text_it_is(tmp_path, text):
    code, out, err = run("import", str(document(tmp_path, text)), "--format", "markdown")
    assert code == 0, err
    assert_inert(out)
    texts = parsed_text(out)  # no link, image, HTML or code span
    assert not [t for t in texts if LIVE_REFERENCE.search(t)], texts
    rows = [line for line in out.splitlines() if line.startswith("| 一")]
    assert len(rows) == 2 and all(line.count(" | ") == 4 for line in rows), rows  # a `|` in the text splits no cell
