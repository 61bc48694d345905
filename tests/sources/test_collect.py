"""Which files a check reads (sources.collect.collect_files): each report once, however its folder or name
is given, in the order given, the first spelling kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ipmeasures.sources.collect import collect_files


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("r/a.yaml", "r/sub/b.yml", "r/sub/deeper/c.yaml", "r/notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("unit: 市公安局\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


WALKED = ["r/a.yaml", "r/sub/b.yml", "r/sub/deeper/c.yaml"]


@pytest.mark.parametrize("spellings", [
    ["r", "r"],
    ["r", "r/"],
    ["r/", "./r", "r/sub/../sub"],
    ["r", "r/sub", "r/sub/deeper/c.yaml", "./r/a.yaml"],
    ["r", "ABSOLUTE/r/sub"],
    ["ABSOLUTE/r/", "r/sub/b.yml"],
])
def test_a_report_reached_by_several_names_is_read_once(reports: Path, spellings: list[str]):
    paths = [s.replace("ABSOLUTE", str(reports)) for s in spellings]
    files, problems = collect_files(paths)
    assert not problems
    assert len(files) == 3
    assert [os.path.relpath(os.path.abspath(f), reports) for f in files] == WALKED


def test_files_named_first_come_first_and_are_not_repeated_by_their_folder(reports: Path):
    files, _problems = collect_files(["r/sub/b.yml", "r"])
    assert files == ["r/sub/b.yml", os.path.join("r", "a.yaml"), os.path.join("r", "sub", "deeper", "c.yaml")]


def test_the_current_folder_given_as_dot(reports: Path):
    os.chdir("r")
    files, _problems = collect_files([".", "a.yaml", os.path.join("..", "r", "sub")])
    assert sorted(map(os.path.abspath, files)) == sorted(str(reports / p) for p in WALKED)
    assert len(files) == 3
