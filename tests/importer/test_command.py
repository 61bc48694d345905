"""`ipm import` on the command line: the JSON contract, the readable outputs, errors a user can cause."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipmeasures.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "source" / "huizhou-ip-protection-measures-2021.txt"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_help():
    result = run("import", "--help")
    assert result.exit_code == 0 and "SOURCE" in result.output


def test_dry_run_json_shape():
    result = run("import", str(SOURCE), "--dry-run", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert set(doc) == {"document", "items", "review"}
    assert set(doc["document"]) == {"title", "number", "issuers", "issued"}
    item = doc["items"][0]
    assert set(item) == {"path", "title", "units", "division", "open_ended", "deadlines"}
    assert item["path"] == ["二", "(一)"]
    assert set(item["units"][0]) == {"name", "role"}
    assert {u["role"] for i in doc["items"] for u in i["units"]} <= {"lead", "responsible", "support"}
    assert {i["division"] for i in doc["items"]} <= {"sole", "joint", "separately", None}
    assert set(item["deadlines"][0]) == {"text", "due", "ongoing"}
    assert all(set(r) == {"path", "line", "message"} for r in doc["review"])


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_readable_formats(fmt):
    result = run("import", str(SOURCE), "--format", fmt)
    assert result.exit_code == 0
    assert "严厉打击侵权假冒行为" in result.output and "★市市场监督管理局" in result.output


def test_gbk_and_utf16_sources(tmp_path):
    text = SOURCE.read_text("utf-8")
    outputs = []
    for name, encoding in (("gbk.txt", "gb18030"), ("u16.txt", "utf-16")):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        outputs.append(json.loads(run("import", str(path), "--format", "json").output)["items"])
    assert outputs[0] == outputs[1] and len(outputs[0]) == 30


def test_missing_file_is_a_usage_error(tmp_path):
    result = run("import", str(tmp_path / "无.txt"))
    assert result.exit_code == 2 and "无.txt" in result.output


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x00\x01\x02\xff\xfe\x00" * 100)
    result = run("import", str(path))
    assert result.exit_code == 1 and "x.txt" in result.output


@pytest.mark.parametrize(("suffix", "module"), [(".docx", "docx"), (".pdf", "pypdf")])
def test_without_the_extra_says_what_to_install(tmp_path, monkeypatch, suffix, module):
    path = tmp_path / f"a{suffix}"
    path.write_bytes(b"PK")
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    result = run("import", str(path))
    assert result.exit_code == 2 and "ipmeasures[import]" in result.output


def test_html_page(tmp_path):
    page = """<html><head><style>p{}</style><script>var a="（市假局负责）";</script></head><body>
    <div>首页 &gt; 通知</div><h1>某市工作安排</h1><p>一、开展整治</p><p>1.打击侵权。（市公安局负责）</p>
    <table><tr><td>序号</td><td>任务</td><td>牵头单位</td><td>配合单位</td></tr>
    <tr><td>2</td><td>加强协作。</td><td>市商务局</td><td>市财政局</td></tr></table></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, "utf-8")
    doc = json.loads(run("import", str(path), "--format", "json").output)
    assert [(i["path"], [(u["name"], u["role"]) for u in i["units"]]) for i in doc["items"]] == [
        (["一", "1."], [("市公安局", "responsible")]), (["一", "2"], [("市商务局", "lead"), ("市财政局", "support")])]


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("某市工作安排")
    document.add_paragraph("一、开展整治")
    document.add_paragraph("1.打击侵权。（市公安局牵头，市商务局配合）")
    table = document.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ["序号", "任务", "责任单位", "完成时限"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["2", "加强协作。", "市财政局、市审计局", "2023年6月底前"], strict=True):
        cell.text = text
    path = tmp_path / "安排.docx"
    document.save(str(path))
    doc = json.loads(run("import", str(path), "--format", "json").output)
    assert [(i["path"], [(u["name"], u["role"]) for u in i["units"]]) for i in doc["items"]] == [
        (["一", "1."], [("市公安局", "lead"), ("市商务局", "support")]),
        (["一", "2"], [("市财政局", "responsible"), ("市审计局", "responsible")])]
    assert doc["items"][1]["deadlines"][0]["due"] == "2023-06-30"


def test_a_damaged_docx_is_refused_with_its_name(tmp_path):
    pytest.importorskip("docx")
    path = tmp_path / "坏.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    result = run("import", str(path))
    assert result.exit_code == 1 and "坏.docx" in result.output


def _pdf(text: str) -> bytes:
    """A one-page PDF whose text layer holds `text` (ASCII, Helvetica), offsets computed."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii") if text else b""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                b"/Resources << /Font << /F1 5 0 R >> >> >>"),
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def test_pdf_text_layer_is_read(tmp_path):
    pytest.importorskip("pypdf")
    path = tmp_path / "plan.pdf"
    path.write_bytes(_pdf("Work plan 2022"))
    result = run("import", str(path), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["items"] == []


def test_pdf_without_text_layer_or_damaged(tmp_path):
    pytest.importorskip("pypdf")
    empty = tmp_path / "scan.pdf"
    empty.write_bytes(_pdf(""))
    result = run("import", str(empty))
    assert result.exit_code == 1 and "OCR" in result.output
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot a pdf at all")
    result = run("import", str(broken))
    assert result.exit_code == 1 and "broken.pdf" in result.output
