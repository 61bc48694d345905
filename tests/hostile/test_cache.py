"""Issue 12, item 13: the compiled-data cache is validated and rebuilt, never read into a KeyError; its key
names the program's code, not only its version; and a parallel `ipm check` leaves no worker behind.
"""

from __future__ import annotations

import json
import marshal
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.paths import REPO
from tests.processes import alive, children

from ipmeasures.policy import loader

DATA = REPO / "data"
EXAMPLE = REPO / "examples" / "reports" / "2022-H1" / "市公安局.yaml"


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("catalog-*.marshal"))


def framed(payload: bytes) -> bytes:
    """A cache file with the right magic and a checksum that matches `payload`."""
    return loader.frame(payload)


def good_payload() -> dict:
    return loader.compile_data(str(DATA))


# Each: the bytes of a cache file that is not what ipm wrote for this data and code.
def _right_header_no_content() -> bytes:
    return framed(marshal.dumps({"format": loader.CACHE_FORMAT}))


def _right_header_units_missing() -> bytes:
    compiled = good_payload()
    compiled["units_file"] = {}
    return framed(marshal.dumps(compiled))


def _right_header_index_of_wrong_type() -> bytes:
    compiled = good_payload()
    compiled["index"] = []
    return framed(marshal.dumps(compiled))


def _checksum_does_not_match() -> bytes:
    payload = marshal.dumps(good_payload())
    data = bytearray(framed(payload))
    data[len(data) // 2] ^= 0xFF  # one byte of the content changed after it was written
    return bytes(data)


def _old_format_without_checksum() -> bytes:
    compiled = good_payload()
    del compiled["index"]
    return marshal.dumps(compiled)


def _truncated() -> bytes:
    return framed(marshal.dumps(good_payload()))[:100]


def _not_marshal() -> bytes:
    payload = b"\x00garbage"
    return framed(payload)


def _a_list() -> bytes:
    return framed(marshal.dumps([1, 2, 3]))


def _changed(change) -> bytes:
    compiled = good_payload()
    change(compiled)
    return framed(marshal.dumps(compiled))


# The right header, checksum and top-level shape, with records inside that are not what compile_data writes.
def _right_header_measures_not_records() -> bytes:
    return _changed(lambda c: c.update(measures=[1, 2, 3]))


def _right_header_a_section_without_keys() -> bytes:
    return _changed(lambda c: c.update(sections=[{}]))


def _right_header_a_task_that_is_none() -> bytes:
    return _changed(lambda c: c.update(tasks=[None]))


def _right_header_index_names_of_wrong_shape() -> bytes:
    return _changed(lambda c: c.update(index={"names": {"x": 1}, "pinyin": {}}))


def _right_header_pinyin_of_wrong_shape() -> bytes:
    return _changed(lambda c: c["index"].update(pinyin={"gaj": [["unit"]]}))


def _right_header_index_target_not_text() -> bytes:
    return _changed(lambda c: c["index"]["names"].update({"x": ["unit", 7]}))


def _right_header_document_empty() -> bytes:
    return _changed(lambda c: c.update(document={}))


def _right_header_unit_names_missing() -> bytes:
    return _changed(lambda c: c["units_file"].update(units=[{"english": "x"}]))


DAMAGE = {f.__name__.lstrip("_"): f for f in (
    _right_header_no_content, _right_header_units_missing, _right_header_index_of_wrong_type,
    _checksum_does_not_match, _old_format_without_checksum, _truncated, _not_marshal, _a_list,
    _right_header_measures_not_records, _right_header_a_section_without_keys, _right_header_a_task_that_is_none,
    _right_header_index_names_of_wrong_shape, _right_header_pinyin_of_wrong_shape,
    _right_header_index_target_not_text, _right_header_document_empty, _right_header_unit_names_missing)}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_cache_is_rebuilt_by_every_command(ipm, tmp_path: Path, damage: str):
    cache = tmp_path / "cache"
    env = {"IPM_CACHE_DIR": str(cache)}
    assert ipm("owner", "市公安局", "--format", "json", env=env, timeout=60).returncode == 0
    [cached] = cache_files(cache)
    shutil.copy(EXAMPLE, tmp_path / "r.yaml")
    for args in (("owner", "市公安局", "--format", "json"), ("units", "--format", "json"),
                 ("measure", "十九"), ("check", "r.yaml", "--today", "2025-12-31"),
                 ("ledger", "r.yaml", "--format", "json", "--today", "2025-12-31"), ("--help",)):
        cached.write_bytes(DAMAGE[damage]())
        result = ipm(*args, env=env, timeout=60)
        assert result.returncode == 0, (args, result.stderr)
        assert "KeyError" not in result.stderr
        assert loader._read_cache(str(cached)) is not None, "the cache is written anew"
    owners = json.loads(ipm("owner", "市公安局", "--format", "json", env=env, timeout=60).stdout)
    assert owners  # and serves real data afterwards


def test_the_cache_key_names_the_code(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("IPM_CACHE_DIR", str(tmp_path / "cache"))
    loader.load_compiled(str(DATA))
    calls = []
    real = loader.compile_data

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "compile_data", counting)
    loader.load_compiled(str(DATA))
    assert not calls  # same code, same data: served from the cache
    monkeypatch.setattr(loader, "code_fingerprint", lambda: 12345)
    loader.load_compiled(str(DATA))
    assert calls, "changed code with the same version must rebuild, not read the old cache"


@pytest.mark.parametrize("module", loader.FINGERPRINT_MODULES)
def test_the_fingerprint_changes_with_any_fingerprinted_module(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                                 module: str):
    package = tmp_path / "ipmeasures"
    package.mkdir()
    for name in loader.FINGERPRINT_MODULES:
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(loader.__file__).parent.parent / name, package / name)
    monkeypatch.setattr(loader, "_PACKAGE_DIR", str(package))
    before = loader.code_fingerprint()
    with open(package / module, "a", encoding="utf-8") as handle:
        handle.write("\n# changed\n")
    assert loader.code_fingerprint() != before


def test_every_module_compiling_the_data_is_fingerprinted(tmp_path: Path):
    """compile_data, run in a fresh interpreter: each ipmeasures module it loads is in the fingerprint."""
    script = ("import sys, json; from ipmeasures.policy import loader; loader.compile_data(sys.argv[1]); "
              "print(json.dumps(sorted(m.__file__ for n, m in sys.modules.items() "
              "if n.startswith('ipmeasures') and getattr(m, '__file__', None))))")
    out = subprocess.run([sys.executable, "-c", script, str(DATA)], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    package = Path(loader.__file__).parent.parent
    used = {str(Path(path).relative_to(package)) for path in json.loads(out)}
    assert used - {"__init__.py"} <= set(loader.FINGERPRINT_MODULES), used - set(loader.FINGERPRINT_MODULES)


# --- workers ------------------------------------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux") or not Path("/proc/self/task").exists(),
                    reason="workers are used on Linux only; /proc tells their parent")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_ending_a_parallel_check_ends_its_workers(tmp_path: Path, sig: signal.Signals):
    reports = tmp_path / "reports"
    reports.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    for i in range(1500):
        (reports / f"r{i:04d}.yaml").write_text(text, encoding="utf-8")
    env = {**os.environ, "IPM_JOBS": "3"}  # this process and two workers
    process = subprocess.Popen([sys.executable, "-m", "ipmeasures", "check", str(reports), "--format", "json"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 60
        while len(workers) < 2 and process.poll() is None and time.monotonic() < deadline:
            workers = children(process.pid)
            time.sleep(0.01)
        if process.poll() is not None:
            pytest.skip("the run ended before its workers could be seen (a very fast machine)")
        assert len(workers) >= 2
        os.kill(process.pid, sig)
        process.wait(timeout=30)
        deadline = time.monotonic() + 20
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [w for w in workers if alive(w)], "workers outlived the main process"
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # whatever is left of the test's own process group
        except ProcessLookupError:
            pass
        process.wait(timeout=30)


def test_the_fingerprint_follows_a_module_touched_without_a_size_change(monkeypatch, tmp_path):
    package = tmp_path / "ipmeasures"
    for name in loader.FINGERPRINT_MODULES:
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(loader.__file__).parent.parent / name, package / name)
    monkeypatch.setattr(loader, "_PACKAGE_DIR", str(package))
    before = loader.code_fingerprint()
    target = package / loader.FINGERPRINT_MODULES[0]
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a reinstall: same size, new time
    assert loader.code_fingerprint() != before
