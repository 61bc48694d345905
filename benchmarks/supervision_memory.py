"""Benchmark: peak memory and time of `ipm diff` and `ipm check --baseline` as findings grow (issue 12, item 9).

    python benchmarks/supervision_memory.py                     # both commands, two sizes each (about a minute)
    python benchmarks/supervision_memory.py --only diff --files 250 --items 100 --format json
    python benchmarks/supervision_memory.py --keep /tmp/inputs  # leave the generated inputs there

Each generated report holds `items` empty items (`- {}`): two findings each, so 100 items are the 200
findings a file may list before the cap. `diff` compares two folders of `files` such reports, a later
period with a few items more or less in each file (new, persisting and resolved findings all occur);
`baseline` checks a small folder against a saved `ipm check --format json` result of `baseline_files`
such reports (most of its findings then resolved) and the same folder against it (all persisting).
Figures are the peak RSS of the one `ipm` process (read in a fresh parent) and its wall time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
IPM = [PY, "-m", "ipmeasures"]
TODAY = "2100-12-31"
UNITS = ["市公安局", "市法院", "市检察院", "市司法局", "市财政局", "市商务局", "市市场监管局", "惠州海关", "市民政局",
         "市农业农村局"]


def periods(count: int, start: int = 0) -> list[str]:
    """Monthly periods from 2022-01 on, one for each of `count` reports of a unit."""
    return [f"{2022 + (start + k) // 12}-{(start + k) % 12 + 1:02d}" for k in range(count)]


def generate(directory: Path, files: int, items: int, *, later: bool = False) -> Path:
    """`files` reports of `items` empty items each, spread over UNITS, one period per unit and report;
    `later`: the next periods, with each file's item count moved by -3..+3 (new and resolved findings)."""
    directory.mkdir(parents=True, exist_ok=True)
    per_unit = -(-files // len(UNITS))
    for i in range(files):
        unit = UNITS[i % len(UNITS)]
        period = periods(per_unit, per_unit if later else 0)[i // len(UNITS)]
        count = max(1, items + (i % 7) - 3) if later else items
        text = f"unit: {unit}\nperiod: {period}\nitems:\n" + "- {}\n" * count
        (directory / f"{period}-{i % len(UNITS):02d}.yaml").write_text(text, encoding="utf-8")
    return directory


def peak(cmd: list[str]) -> tuple[float, float, int]:
    """(peak RSS in MiB, wall seconds, exit code) of `cmd`, read in a fresh parent so no other child counts."""
    probe = ("import resource, subprocess, sys, time\n"
             "t = time.perf_counter()\n"
             "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t, code)\n")
    out = subprocess.run([PY, "-c", probe, *cmd], capture_output=True, text=True, check=True,
                         env={**os.environ, "IPM_JOBS": "1"}).stdout.split()
    return int(out[0]) / 1024, float(out[1]), int(out[2])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=["diff", "baseline"])
    parser.add_argument("--files", type=int, default=250, help="reports per side of the diff (default 250)")
    parser.add_argument("--items", type=int, default=100, help="empty items per report (default 100: 200 findings)")
    parser.add_argument("--baseline-files", type=int, default=1010, help="reports in the saved result (default 1010)")
    parser.add_argument("--format", default="json", help="the output format measured (default json)")
    parser.add_argument("--keep", type=Path, help="generate the inputs here and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="ipm-supervision-"))
    rows = []
    try:
        if args.only in (None, "diff"):
            for files in (args.files // 5, args.files):
                old = generate(work / f"diff-{files}" / "old", files, args.items)
                new = generate(work / f"diff-{files}" / "new", files, args.items, later=True)
                cmd = [*IPM, "diff", str(old), str(new), "--today", TODAY, "--format", args.format]
                if args.format == "xlsx":
                    cmd += ["-o", str(work / f"diff-{files}.xlsx"), "--force"]
                rows.append((f"ipm diff, 2 × {files} reports × {2 * args.items} findings ({args.format})", *peak(cmd)))
        if args.only in (None, "baseline"):
            small = generate(work / "small", 10, args.items)
            for files in (args.baseline_files // 5, args.baseline_files):
                reports = generate(work / f"baseline-{files}", files, args.items)
                saved = work / f"baseline-{files}.json"
                with saved.open("w", encoding="utf-8") as out:
                    subprocess.run([*IPM, "check", str(reports), "--today", TODAY, "--format", "json"], stdout=out,
                                   check=False)
                mib = saved.stat().st_size / (1 << 20)
                for label, target in (("10 reports", small), (f"the same {files} reports", reports)):
                    cmd = [*IPM, "check", str(target), "--today", TODAY, "--format", args.format, "--baseline",
                           str(saved)]
                    rows.append((f"ipm check {label} --baseline ({files} reports, {mib:.0f} MiB saved, {args.format})",
                                 *peak(cmd)))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print("| command | peak RSS | time | exit |")
    print("| --- | --- | --- | --- |")
    for label, mib, seconds, code in rows:
        print(f"| {label} | {mib:.0f} MiB | {seconds:.1f} s | {code} |")
    return 0


if __name__ == "__main__":
    started = time.perf_counter()
    status = main()
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    sys.exit(status)
