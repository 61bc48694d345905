"""`ipm import SOURCE` opens only regular files and bounds the read (issue #12 promises, for the importer).

A FIFO named like a document would block a plain open() forever; a device such as /dev/zero never ends;
a directory or a missing path is a usage mistake. Each gets an answer naming the path, never a hang.
"""

from __future__ import annotations

import os

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")

SUFFIXES = ["文件.txt", "plan.docx", "plan.pdf", "page.html"]


@pytest.mark.parametrize("name", SUFFIXES)
def test_fifo_source_is_refused_without_blocking(ipm, tmp_path, name):
    os.mkfifo(tmp_path / name)
    result = ipm("import", name, "--dry-run", "--format", "json", timeout=30)
    assert result.returncode == 1, result.stdout + result.stderr
    assert name in result.stderr
    assert "不是普通文件" in result.stderr


@pytest.mark.parametrize("name", SUFFIXES)
def test_symlink_to_fifo_is_refused(ipm, tmp_path, name):
    os.mkfifo(tmp_path / "pipe")
    os.symlink(tmp_path / "pipe", tmp_path / name)
    result = ipm("import", name, "--dry-run", timeout=30)
    assert result.returncode == 1
    assert "不是普通文件" in result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_endless_device_is_refused(ipm):
    result = ipm("import", "/dev/zero", "--dry-run", timeout=30, memory=1 << 30)
    assert result.returncode == 1
    assert "/dev/zero" in result.stderr


def test_oversized_file_is_refused_before_reading(ipm, tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:  # sparse: 60 MB on paper, nothing on disk
        handle.truncate(60 * 1024 * 1024)
    result = ipm("import", "big.txt", "--dry-run", timeout=30, memory=1 << 30)
    assert result.returncode == 1
    assert "big.txt" in result.stderr


@pytest.mark.parametrize("args, code", [(("missing.txt",), 2), ((".",), 2)])
def test_missing_path_and_directory_are_usage_mistakes(ipm, args, code):
    result = ipm("import", *args, "--dry-run", timeout=30)
    assert result.returncode == code
    assert args[0] in result.stderr
