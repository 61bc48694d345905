"""Issue 12, item 10: workbook bombs are counted by parsing, not by byte patterns.

Every workbook is built here from ipm's own template, with one XML part replaced: cells and shared
strings spelled every way XML allows (a line break or tab before `/>`, a namespace prefix, a default
namespace), a flood of other elements, and DTD/entity bombs. Each is refused as invalid-report by every
command that reads workbooks, in seconds, within a memory cap far below what openpyxl would take.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("openpyxl")
pytest.importorskip("defusedxml")

MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
MEMORY = 1 << 30
COUNT = 2_000_000  # ten times the cell bound; openpyxl would build them all (gigabytes)

CELL_SPELLINGS = {
    "plain": b"<c/>",
    "newline": b"<c\n/>",
    "tab": b"<c\t/>",
    "carriage-return": b"<c\r\n/>",
    "with-attribute-on-next-line": b'<c\nt="s"/>',
    "prefixed": b"<x:c/>",
    "prefixed-newline": b"<x:c\n/>",
    "open-close": b"<c></c>",
    "open-close-spaced": b"<c ></c >",
}
STRING_SPELLINGS = {
    "plain": b"<si/>",
    "newline": b"<si\n/>",
    "prefixed": b"<x:si/>",
    "open-close": b"<si></si>",
}


def template(folder: Path) -> dict[str, bytes]:
    from ipmeasures.policy.catalog import load_catalog
    from ipmeasures.workbook.layout import write_template

    path = folder / "template.xlsx"
    path.write_bytes(write_template(load_catalog(), "市贸促会", "2022-H1"))
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def workbook(folder: Path, parts: dict[str, bytes], name: str = "bomb.xlsx") -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    assert path.stat().st_size < 1 << 20  # under --max-bytes: only the unpacked content is the bomb
    return path


def cell_flood(parts: dict[str, bytes], filler: bytes, count: int = COUNT) -> dict[str, bytes]:
    count = min(count, (12 << 20) // len(filler))  # under the unpacked-size bound: only the count can stop it
    row = b'<row r="1" xmlns:x="' + MAIN + b'">' + filler * count + b"</row>"
    sheet = parts[SHEET]
    assert b"<sheetData>" in sheet
    return {**parts, SHEET: sheet.replace(b"<sheetData>", b"<sheetData>" + row, 1)}


def string_flood(parts: dict[str, bytes], filler: bytes, count: int = COUNT // 4) -> dict[str, bytes]:
    count = min(count, (12 << 20) // len(filler))
    table = (b'<?xml version="1.0"?><sst xmlns="' + MAIN + b'" xmlns:x="' + MAIN + b'">' + filler * count + b"</sst>")
    return {**parts, STRINGS: table}


def refused_by_every_command(ipm, folder: Path, bomb: Path, words: str) -> None:
    result = ipm("check", bomb.name, "--format", "json", timeout=60, memory=MEMORY)
    [finding] = json.loads(result.stdout)["findings"]
    assert result.returncode == 1 and finding["rule"] == "invalid-report" and words in finding["message"], finding
    result = ipm("convert", bomb.name, "-o", "out.yaml", timeout=60, memory=MEMORY)
    assert result.returncode == 1 and words in result.stderr and not (folder / "out.yaml").exists()
    # ledger and dashboard: the bomb is left out (and said), a good report beside it still counts
    good = folder / "good.yaml"
    good.write_text("unit: 市贸促会\nperiod: 2022-H1\nitems:\n  - task: 6\n    status: 推进中\n    progress: 培训。\n",
                    encoding="utf-8")
    result = ipm("ledger", bomb.name, good.name, "--format", "json", "--today", "2025-12-31", timeout=60,
                 memory=MEMORY)
    assert result.returncode == 0, result.stderr
    ledger = json.loads(result.stdout)
    assert ledger["periods"] == ["2022-H1"]
    assert any(f["file"] == bomb.name and words in f["message"] for f in ledger["findings"])
    result = ipm("dashboard", bomb.name, good.name, "-o", "board.html", "--today", "2025-12-31", timeout=60,
                 memory=MEMORY)
    assert result.returncode == 0, result.stderr


def test_the_template_itself_passes_the_guard(ipm, tmp_path: Path):
    path = workbook(tmp_path, template(tmp_path), "t.xlsx")
    result = ipm("check", path.name, "--format", "json", timeout=60, memory=MEMORY)
    findings = json.loads(result.stdout)["findings"]
    assert findings and all(f["line"] is not None for f in findings)  # read: only the blank statuses are said


@pytest.mark.parametrize("spelling", sorted(CELL_SPELLINGS))
def test_cells_in_any_spelling_are_counted(ipm, tmp_path: Path, spelling: str):
    bomb = workbook(tmp_path, cell_flood(template(tmp_path), CELL_SPELLINGS[spelling]))
    refused_by_every_command(ipm, tmp_path, bomb, "单元格")


@pytest.mark.parametrize("spelling", sorted(STRING_SPELLINGS))
def test_shared_strings_in_any_spelling_are_counted(ipm, tmp_path: Path, spelling: str):
    bomb = workbook(tmp_path, string_flood(template(tmp_path), STRING_SPELLINGS[spelling]))
    refused_by_every_command(ipm, tmp_path, bomb, "共享字符串")


@pytest.mark.parametrize("filler", [b"<a/>", b"<x:a/>", b"<row/>", b"<x:row/>"])  # 1.5 million or more in 12 MB
def test_a_flood_of_other_elements_is_bounded_too(ipm, tmp_path: Path, filler: bytes):
    bomb = workbook(tmp_path, cell_flood(template(tmp_path), filler, count=3_000_000))
    refused_by_every_command(ipm, tmp_path, bomb, "XML 元素")


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
                  + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&" + bytes([97 + i]) + b";") * 10)
                             for i in range(8))
                  + b']><sst xmlns="' + MAIN + b'"><si><t>&i;</t></si></sst>')
EXTERNAL = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<sst xmlns="' + MAIN + b'"><si><t>&e;</t></si></sst>')
DOCTYPE_ONLY = b'<?xml version="1.0"?><!DOCTYPE sst><sst xmlns="' + MAIN + b'"></sst>'


@pytest.mark.parametrize(("part", "content"), [
    (STRINGS, BILLION_LAUGHS), (STRINGS, EXTERNAL), (STRINGS, DOCTYPE_ONLY),
    (SHEET, BILLION_LAUGHS.replace(b"sst", b"worksheet")), ("xl/workbook.xml", EXTERNAL.replace(b"sst", b"workbook")),
    ("[Content_Types].xml", DOCTYPE_ONLY.replace(b"sst", b"Types")),
], ids=["laughs", "external", "doctype", "laughs-in-sheet", "external-in-workbook", "doctype-in-content-types"])
def test_dtd_and_entity_bombs_are_refused(ipm, tmp_path: Path, part: str, content: bytes):
    bomb = workbook(tmp_path, {**template(tmp_path), part: content})
    refused_by_every_command(ipm, tmp_path, bomb, "文档类型声明或实体")


def test_an_undeclared_prefix_is_a_damaged_file_not_a_crash(ipm, tmp_path: Path):
    parts = template(tmp_path)
    parts[SHEET] = parts[SHEET].replace(b"<sheetData>", b"<sheetData><y:c/>", 1)
    bomb = workbook(tmp_path, parts)
    refused_by_every_command(ipm, tmp_path, bomb, "损坏")


def test_the_unpacked_size_is_counted_as_it_unpacks(ipm, tmp_path: Path):
    parts = template(tmp_path)
    parts["xl/padding.xml"] = b"<p>" + b" " * (17 << 20) + b"</p>"  # whitespace: no element to count
    bomb = workbook(tmp_path, parts)
    refused_by_every_command(ipm, tmp_path, bomb, "解压后")


def test_without_defusedxml_reading_a_workbook_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import sys

    from click.testing import CliRunner

    from ipmeasures.cli import cli

    path = workbook(tmp_path, template(tmp_path), "t.xlsx")
    (tmp_path / "good.yaml").write_text("unit: 市贸促会\nperiod: 2022-H1\nitems:\n  - task: 6\n    status: 推进中\n"
                                        "    progress: 培训。\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "defusedxml", None)
    monkeypatch.setitem(sys.modules, "defusedxml.ElementTree", None)
    result = CliRunner().invoke(cli, ["convert", str(path), "-o", str(tmp_path / "t.yaml")])
    assert result.exit_code == 2 and "ipmeasures[excel]" in result.stderr and not (tmp_path / "t.yaml").exists()
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "--format", "json", "--today", "2025-12-31"],
                                catch_exceptions=False)
    findings = json.loads(result.stdout)["findings"]
    assert {f["file"] for f in findings} == {str(path), str(tmp_path / "template.xlsx")}  # good.yaml is clean
    assert all("ipmeasures[excel]" in f["message"] for f in findings)
