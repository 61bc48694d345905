"""`ipm dashboard` (issue 8): one offline HTML page whose figures match `ipm check --format json`.

The page is rendered in headless Chromium (tests/chromium.py, the DevTools protocol over a pipe) at a
desktop width and at A4 print width; the test fails on any console error or any network request, and
compares the figures on the page with the JSON output for the same reports. Screenshots and the A4 PDF
are kept in $IPM_ARTIFACTS, else tests/artifacts/ (ignored by git; CI can upload it). Without a browser
(`chromium`, or $IPM_CHROMIUM) those tests skip and say so; the others still run.

IPM_README_SCREENSHOT=1 also rewrites docs/dashboard.png from the same reports.

The reports are tests/fixtures/periods (see tests/ledger/test_ledger.py for what they say), with 惠州仲裁委's
2022-H2 report turned into a workbook so the directory is mixed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from tests.clirun import run
from tests.paths import TESTS

PERIODS = TESTS / "fixtures" / "periods"
TODAY = "2025-12-31"
DESKTOP, A4 = 1280, 794  # A4 is 210 mm: 794 CSS pixels at 96 dpi


def _chromium_module():
    spec = importlib.util.spec_from_file_location("ipm_test_chromium", TESTS / "chromium.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """The two periods of reports, one of them a workbook."""
    root = tmp_path / "reports"
    shutil.copytree(PERIODS, root)
    if importlib.util.find_spec("openpyxl") is not None:
        source = root / "2022-H2" / "惠州仲裁委.yaml"
        assert run("convert", str(source), "-o", str(source.with_suffix(".xlsx")))[0] == 0
        source.unlink()
    return root


def dashboard(reports: Path, out: Path, *more: str) -> str:
    code, _out, err = run("dashboard", str(reports), "--today", TODAY, "-o", str(out), *more)
    assert code == 0, err
    return out.read_text(encoding="utf-8")


def check_json(reports: Path) -> dict:
    code, out, _err = run("check", str(reports), "--today", TODAY, "--format", "json")
    assert code == 1  # the fixtures have two errors
    return json.loads(out)


# --- the page, as text -----------------------------------------------------------------------------------


def test_the_page_is_self_contained_and_requests_nothing(mixed, tmp_path):
    page = dashboard(mixed, tmp_path / "d.html")
    assert page.startswith("<!DOCTYPE html>")
    assert ('<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;' in page
            or "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'" in page)
    for forbidden in ("<script", "<link", "<img", "<iframe", "<object", "<embed", " src=", " href=", "url(", "@import"):
        assert forbidden not in page, forbidden
    assert '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC"' in page
    assert "@page { size: A4;" in page and "@media print" in page


def test_every_id_is_unique_and_every_fragment_link_has_a_target(mixed, tmp_path):
    # vnu: "Duplicate ID" is an error; the page also has a figure and a section about units not reporting
    from html.parser import HTMLParser

    class Ids(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.ids: list[str] = []
            self.links: list[str] = []

        def handle_starttag(self, tag, attrs):
            found = dict(attrs)
            if "id" in found:
                self.ids.append(found["id"])
            if found.get("href", "").startswith("#"):
                self.links.append(found["href"][1:])

    for n, more in enumerate(((), ("--expect-all",))):
        parser = Ids()
        parser.feed(dashboard(mixed, tmp_path / f"d{n}.html", *more))
        duplicates = sorted({i for i in parser.ids if parser.ids.count(i) > 1})
        assert duplicates == [], duplicates
        assert {"overview", "not-reported", "units-not-reported", "findings"} <= set(parser.ids)
        assert set(parser.links) <= set(parser.ids)


def test_report_text_is_escaped(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(PERIODS / "2022-H1" / "市公安局.yaml", reports / "a.yaml")
    (reports / "<b>x.yaml").write_text('unit: "<script>alert(1)</script>"\nperiod: 2022-H1\nitems: []\n',
                                       encoding="utf-8")
    page = dashboard(reports, tmp_path / "d.html")
    assert "<script>" not in page and "<b>x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;x.yaml" in page


def test_the_figures_match_the_reports_and_ipm_check(mixed, tmp_path):
    page = dashboard(mixed, tmp_path / "d.html")
    document = check_json(mixed)

    def attr(ident: str, name: str) -> str:
        return re.search(rf'id="{ident}"[^>]*data-{name}="([^"]*)"', page).group(1)

    summary = document["summary"]
    assert int(attr("files", "count")) == summary["files"] == 7
    assert int(attr("errors", "count")) == summary["errors"] == 2
    assert int(attr("warnings", "count")) == summary["warnings"]
    assert int(attr("suppressed", "count")) == summary["suppressed"]
    # 2022-H2: 市公安局 completed measures 1, 2, 9, 16, 19, 22 and task 2; 惠州仲裁委 measure 6; 市政协办公室 measure 5.
    assert int(attr("completion", "completed")) == 9
    assert re.search(r'id="periods" data-periods="2022-H2 2022-H1"', page)


# --- the page, in a browser -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    chromium = _chromium_module()
    binary = chromium.find_chromium()
    if binary is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium, or set IPM_CHROMIUM=/path/to/chrome): "
                    "the dashboard was not rendered")
    with chromium.Chromium(binary) as session:
        yield session


@pytest.fixture(scope="module")
def artifacts() -> Path:
    path = Path(os.environ.get("IPM_ARTIFACTS") or TESTS / "artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


FIGURES_JS = """JSON.stringify({
  figures: Object.fromEntries([...document.querySelectorAll('.figure')].map(
      f => [f.id, {data: {...f.dataset}, text: f.querySelector('.value').textContent}])),
  units: Object.fromEntries([...document.querySelectorAll('#findings section.unit-findings')].map(
      s => [s.dataset.unit, +s.dataset.count])),
  findingRows: document.querySelectorAll('#findings tbody tr').length,
  notReported: Object.fromEntries([...document.querySelectorAll('#not-reported .period-missing')].map(
      p => [p.dataset.period, [...p.querySelectorAll('li')].map(li => li.dataset.unit)])),
  trendPeriods: [...document.querySelectorAll('#trend thead th')].slice(2).map(th => th.textContent),
  measure5: [...document.querySelectorAll('#measures tr[data-kind="measure"][data-id="5"] .chip')].map(
      c => [c.dataset.unit, c.dataset.state, c.textContent]),
  overflow: document.documentElement.scrollWidth - window.innerWidth,
  fonts: getComputedStyle(document.body).fontFamily,
})"""


def test_the_dashboard_renders_without_errors_or_requests_and_shows_the_check_figures(
        browser, artifacts, mixed, tmp_path):
    from ipmeasures.policy.catalog import load_catalog

    page = tmp_path / "dashboard.html"
    dashboard(mixed, page)
    document = check_json(mixed)
    browser.events.clear()
    for name, width, media in (("desktop", DESKTOP, "screen"), ("a4", A4, "print")):
        browser.open(page, width=width, media=media)
        seen = json.loads(browser.evaluate(FIGURES_JS))
        assert seen["overflow"] <= 0, f"{name}: the page is wider than the window"
        browser.screenshot(artifacts / f"dashboard-{name}.png")
        if media == "print":
            browser.pdf(artifacts / "dashboard-a4.pdf")
        figures = seen["figures"]
        summary = document["summary"]
        for ident in ("files", "errors", "warnings", "suppressed"):
            assert int(figures[ident]["data"]["count"]) == summary[ident], ident
            assert figures[ident]["text"] == str(summary[ident]), ident  # the number shown is the number
        assert seen["units"] == dict(Counter(f["unit"] or "" for f in document["findings"]))
        assert seen["findingRows"] == len(document["findings"])
        # 2022-H2: three units reported (市公安局, 惠州仲裁委, 市政协办公室); 2022-H1: four.
        units = load_catalog().units_with_duties()
        assert sorted(seen["notReported"]["2022-H2"]) == sorted(set(units) - {"市公安局", "惠州仲裁委", "市政协办公室"})
        assert sorted(seen["notReported"]["2022-H1"]) == sorted(
            set(units) - {"市公安局", "惠州仲裁委", "市贸促会", "市人大常委会办公室"})
        assert figures["units-not-reported"]["text"] == str(len(seen["notReported"]["2022-H2"]))
        assert figures["completion"]["data"]["completed"] == "9"
        assert seen["trendPeriods"] == ["2022-H1", "2022-H2"]
        measure5 = {unit: (state, text) for unit, state, text in seen["measure5"]}
        assert measure5["市政协办公室"] == ("completed", "市政协办公室 已完成")  # a colour and a text label
        assert measure5["市人大常委会办公室"] == ("not_reported", "市人大常委会办公室 未报送")
        assert "Noto Sans CJK SC" in seen["fonts"]
    assert browser.errors() == [], "console errors"
    assert set(browser.requests()) == {page.resolve().as_uri()}, "the page requested something"
    if os.environ.get("IPM_README_SCREENSHOT"):
        browser.open(page, width=DESKTOP)
        browser.screenshot(TESTS.parent / "docs" / "dashboard.png", height=1100)


def test_the_harness_sees_requests_and_csp_errors(browser, tmp_path):
    """A control: a page that tries to load an image is caught, so "no errors, no requests" means something."""
    from ipmeasures.ledger.dashboard import CSP

    blocked = tmp_path / "blocked.html"
    blocked.write_text(f'<meta http-equiv="Content-Security-Policy" content="{CSP}"><img src="http://127.0.0.1:9/x.png">',
                       encoding="utf-8")
    browser.events.clear()
    browser.open(blocked, width=400)
    assert any("Content Security Policy" in error for error in browser.errors())
    open_page = tmp_path / "open.html"
    open_page.write_text('<img src="http://127.0.0.1:9/x.png">', encoding="utf-8")
    browser.events.clear()
    browser.open(open_page, width=400)
    assert "http://127.0.0.1:9/x.png" in browser.requests()


def test_help():
    code, out, _err = run("dashboard", "--help")
    assert code == 0 and "离线 HTML 看板" in out
