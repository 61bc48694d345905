"""`ipm import -o DIR`: a data directory that `ipm validate` accepts, REVIEW.md, --units, --force."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ipmeasures.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "source" / "huizhou-ip-protection-measures-2021.txt"
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "import").glob("*.txt"))


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_huizhou_data_validates_and_lists_its_decisions(tmp_path):
    out = tmp_path / "数据"
    result = run("import", str(SOURCE), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert run("--data", str(out), "validate").exit_code == 0
    measures = yaml.safe_load((out / "measures.yaml").read_text("utf-8"))
    nodes = measures["nodes"]
    assert [n["label"] for n in nodes if n["level"] == 1] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    assert sum(1 for n in nodes if "duty" in n) == 22
    nineteen = next(n for n in nodes if n["label"] == "(十九)")
    lead = nineteen["duty"]["assignees"][0]
    assert lead["role"] == "lead" and lead["basis"].startswith("市市场监督管理局(知识产权局)要会同有关部门")
    table = yaml.safe_load((out / "responsibility_table.yaml").read_text("utf-8"))
    assert [n["label"] for n in table["nodes"]] == [str(n) for n in range(1, 9)]
    review = (out / "REVIEW.md").read_text("utf-8")
    assert "第 86 行" in review and "正文" in review  # 十九's lead, with its source line
    assert review.count("分页重复") == 3
    assert "市农村农业局 与 市农业农村局" in review  # the same bureau spelt two ways
    units = yaml.safe_load((out / "units.yaml").read_text("utf-8"))
    assert units["jurisdiction"] == "惠州市"
    police = next(u for u in units["units"] if u["name"] == "市公安局")
    assert police["full_name"] == "惠州市公安局"  # guessed from the jurisdiction, marked for review
    assert "市直有关部门" in {g["name"] for g in units["groups"]}


def test_units_reuses_a_registry(tmp_path):
    out = tmp_path / "d"
    assert run("import", str(SOURCE), "-o", str(out), "--units", str(ROOT / "data")).exit_code == 0
    assert run("--data", str(out), "validate").exit_code == 0
    review = (out / "REVIEW.md").read_text("utf-8")
    assert "不在单位名册中" not in review  # every name, sign and variant resolved through the registry
    measures = yaml.safe_load((out / "measures.yaml").read_text("utf-8"))
    first = measures["nodes"][2]["duty"]["assignees"]
    assert {"unit": "市农业农村局", "as_written": "市农村农业局"} in first


def test_an_existing_empty_directory_needs_force_too(tmp_path):
    out = tmp_path / "d"
    out.mkdir()
    assert run("import", str(SOURCE), "-o", str(out)).exit_code == 1
    assert list(out.iterdir()) == []


def test_never_writes_into_an_existing_directory_without_force(tmp_path):
    out = tmp_path / "d"
    out.mkdir()
    (out / "mine.txt").write_text("keep", "utf-8")
    result = run("import", str(SOURCE), "-o", str(out))
    assert result.exit_code == 1 and "--force" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["mine.txt"]
    assert run("import", str(SOURCE), "-o", str(out), "--force").exit_code == 0
    assert (out / "mine.txt").read_text("utf-8") == "keep"
    assert (out / "measures.yaml").exists()


def test_dry_run_writes_nothing(tmp_path):
    out = tmp_path / "d"
    assert run("import", str(SOURCE), "-o", str(out), "--dry-run", "--format", "json").exit_code == 0
    assert not out.exists()


@pytest.mark.parametrize("source", FIXTURES, ids=lambda p: p.name)
def test_every_development_document_imports_to_valid_data(tmp_path, source):
    out = tmp_path / "d"
    assert run("import", str(source), "-o", str(out)).exit_code == 0
    result = run("--data", str(out), "validate")
    assert result.exit_code == 0, result.output


def test_a_text_with_no_duties_writes_nothing(tmp_path):
    source = tmp_path / "notice.txt"
    source.write_text("关于召开会议的通知\n请各单位准时参加。\n", "utf-8")
    out = tmp_path / "d"
    result = run("import", str(source), "-o", str(out))
    assert result.exit_code == 1 and "notice.txt" in result.output
    assert not out.exists()


def test_a_deadline_without_a_year_is_left_for_review(tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text("工作安排\n一、任务\n1.编制清单,8月底前完成。(市司法局负责)\n", "utf-8")
    out = tmp_path / "d"
    assert run("import", str(source), "-o", str(out)).exit_code == 0
    assert run("--data", str(out), "validate").exit_code == 0
    duty = yaml.safe_load((out / "measures.yaml").read_text("utf-8"))["nodes"][1]["duty"]
    assert "deadlines" not in duty
    assert "8月底前" in (out / "REVIEW.md").read_text("utf-8")


def test_a_sign_two_drafted_units_share_is_given_once(tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text("方案\n一、任务\n1.甲。(市委宣传部(市版权局)负责)\n2.乙。(市宣传部(市版权局)负责)\n3.丙。\n", "utf-8")
    out = tmp_path / "d"
    assert run("import", str(source), "-o", str(out)).exit_code == 0
    assert run("--data", str(out), "validate").exit_code == 0
    units = yaml.safe_load((out / "units.yaml").read_text("utf-8"))["units"]
    assert [(u["name"], u.get("signs", [])) for u in units] == [("市委宣传部", ["市版权局"]), ("市宣传部", [])]
    assert "市委宣传部 与 市宣传部 可能是同一单位" in (out / "REVIEW.md").read_text("utf-8")


def test_a_table_alone_is_the_document(tmp_path):
    source = tmp_path / "table.txt"
    source.write_text("附件\n序号\n任务\n责任单位\n1\n推进数据共享。\n市政务服务数据局\n", "utf-8")
    out = tmp_path / "d"
    assert run("import", str(source), "-o", str(out)).exit_code == 0
    assert run("--data", str(out), "validate").exit_code == 0
    assert not (out / "responsibility_table.yaml").exists()


# --- the data files go where every output goes: never over a link, a pipe or a device; a failed write named ---

def _small_source(tmp_path: Path) -> Path:
    source = tmp_path / "分工方案.txt"
    source.write_text("一、总体要求\n（一）加强保护。（市公安局负责，2022年底前）\n", encoding="utf-8")
    return source


@pytest.mark.parametrize("kind", ["symlink", "fifo", "dangling"])
def test_a_data_file_that_is_not_a_regular_file_is_refused_with_force_too(tmp_path, kind):
    import os

    from tests.timeouts import alarm_after

    out = tmp_path / "数据"
    out.mkdir()
    kept = tmp_path / "别处.txt"
    kept.write_text("保留\n", encoding="utf-8")
    target = out / "units.yaml"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to(kept if kind == "symlink" else tmp_path / "不存在.yaml")
    with alarm_after(30):  # a FIFO opened for writing would block
        result = run("import", str(_small_source(tmp_path)), "-o", str(out), "--force")
    assert result.exit_code == 2, result.output
    assert str(target) in result.stderr and "不是普通文件" in result.stderr
    assert "请写 -" not in result.stderr and "换一个目录" in result.stderr  # a data file cannot go to stdout
    assert kept.read_text(encoding="utf-8") == "保留\n" and not (out / "measures.yaml").exists()  # nothing written


def test_a_data_file_that_cannot_be_written_names_itself_not_stdout(tmp_path):
    blocker = tmp_path / "文件"
    blocker.write_text("x", encoding="utf-8")
    out = blocker / "数据"  # under a regular file: a place no file can go, as -o of every command (exit 2)
    result = run("import", str(_small_source(tmp_path)), "-o", str(out))
    assert result.exit_code == 2, result.output
    assert str(out / "units.yaml") in result.stderr and "stdout" not in result.stderr


def test_a_failed_write_of_a_data_file_is_exit_1_naming_it(tmp_path):
    if not Path("/proc/self").is_dir():
        pytest.skip("needs /proc, where no directory can be made")
    out = Path("/proc") / "ipm-import-test"
    result = run("import", str(_small_source(tmp_path)), "-o", str(out))
    assert result.exit_code == 1, result.output
    assert str(out / "units.yaml") in result.stderr and "stdout" not in result.stderr
