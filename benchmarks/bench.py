"""Benchmark: ipm start-up and `ipm check` throughput, as ratios to floors measured in the same run.

    python benchmarks/bench.py                 # everything (about two minutes on 2 cores)
    python benchmarks/bench.py --quick         # fewer repeats, 1,000 reports only
    python benchmarks/bench.py --only startup  # or: throughput, memory
    python benchmarks/bench.py --only memory --workload findings   # one report set only

Targets (issue 7): `ipm owner 市公安局` (table, piped) within 1.35x of `import click, rich.console,
rich.table`; `--format json` within 1.2x of `import click`; `ipm check --format json` over 1,000 generated
reports within 1.5x of a script that only yaml.load()s them with CSafeLoader, within 1.0x at 10,000, and
at least 10x faster than check-jsonschema against `ipm schema` (if installed: pip install '.[bench]');
10,000 reports in at most 1.5x the peak memory of 1,000 and under 64 MiB. Throughput and memory are measured
on two report sets (issue 13): `clean` (every duty reported) and `findings` (each report leaves out the duties
its unit carries through a group and one or two explicit ones: about 3.7 findings a report, printed).

Runs are interleaved (A, B, A, B, …) so that machine noise hits both sides alike; figures are medians.
Start-up runs take ~50 ms each, so they are repeated 4x as often: a few slow runs must not move the median.
The data cache is warmed once (it is what a user has after the first query); `ipm check` has no cache.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
BIN = Path(PY).parent
IPM = [str(BIN / "ipm")] if (BIN / "ipm").exists() else [PY, "-m", "ipmeasures"]
TODAY = "2100-12-31"  # every generated period has ended by then: no report is dated in the future

STATUSES = ["completed", "in_progress", "in_progress", "not_started", "blocked", "not_applicable", "已完成", "推进中"]


def timed(cmd: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def compare(label: str, cmd: list[str], floor_label: str, floor: list[str], repeats: int, target: float,
            rows: list, env: dict | None = None, higher_is_better: bool = False) -> None:
    """Median of interleaved runs of cmd and its floor; ratio = cmd / floor."""
    timed(cmd, env), timed(floor, env)  # warm the OS caches
    a, b = [], []
    for _ in range(repeats):
        a.append(timed(cmd, env))
        b.append(timed(floor, env))
    med_a, med_b = statistics.median(a), statistics.median(b)
    ratio = med_b / med_a if higher_is_better else med_a / med_b
    ok = ratio >= target if higher_is_better else ratio <= target
    rows.append((label, med_a, floor_label, med_b, ratio, target, ok, higher_is_better))
    sign = "≥" if higher_is_better else "≤"
    what = f"{floor_label} / {label}" if higher_is_better else f"{label} / {floor_label}"
    print(f"  {what}: {ratio:.2f}x (target {sign} {target}x) {'ok' if ok else 'MISSED'}"
          f"   [{med_a * 1000:.0f} ms vs {med_b * 1000:.0f} ms]", flush=True)


# --- report generation -----------------------------------------------------------------------------

Duty = tuple[str, int, bool]  # (kind, number, whether the unit carries it through a group)


def duties_by_unit() -> dict[str, list[Duty]]:
    out = subprocess.run(IPM + ["units", "--format", "json"], capture_output=True, text=True, check=True).stdout
    result = {}
    for unit in json.loads(out):
        owner = json.loads(subprocess.run(IPM + ["owner", unit["unit"], "--format", "json"], capture_output=True,
                                          text=True, check=True).stdout)
        duties = [(kind, d["id"], d.get("via") is not None)
                  for kind, key in (("measure", "measures"), ("task", "tasks")) for d in owner[key]]
        if duties:
            result[unit["unit"]] = duties
    return result


def left_out(rng: random.Random, duties: list[Duty]) -> list[Duty]:
    """The findings-heavy workload: a report that leaves out every duty it carries through a group, and one
    of its explicit duties when it has several (a second one now and then): about 3.7 findings a report."""
    explicit = [d for d in duties if not d[2]]
    dropped = set(rng.sample(explicit, min(len(explicit) - 1, 1 + (rng.random() < 0.15))))
    return [d for d in explicit if d not in dropped]


def report_text(rng: random.Random, unit: str, duties: list[Duty], period: str, heavy: bool = False) -> str:
    year, month = map(int, period.split("-"))
    submitted = f"{year + month // 12}-{month % 12 + 1:02d}-{rng.randint(1, 20):02d}"  # early the next month
    lines = [f"unit: {unit}", f"period: {period}", f"submitted: {submitted}", "contact: 办公室 0752-2280000",
             "items:"]
    for kind, number, _via in left_out(rng, duties) if heavy else duties:
        status = rng.choice(STATUSES)
        lines.append(f"  - {kind}: {number}")
        lines.append(f"    status: {status}")
        lines.append("    progress: 开展专项行动，召开联席会议，办结案件若干，形成工作台账并按季度更新。")
        if status in ("completed", "已完成") and rng.random() < 0.9:
            lines.append(f"    evidence: [惠{rng.randint(1, 99)}发〔2022〕{rng.randint(1, 99)}号]")
        if status == "blocked":
            lines.append("    blocker: 专项经费尚未到位，待市财政局审批。")
        if status == "not_applicable":
            lines.append("    reason: 本单位无此项职能。")
        lines.append("    next_steps: 下一阶段继续推进。")
    return "\n".join(lines) + "\n"


def generate(directory: Path, count: int, duties: dict[str, list[Duty]], seed: int = 7, heavy: bool = False) -> None:
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    units = sorted(duties)
    # Monthly periods, one report per unit and period: 20 units × 12 months × 42 years covers 10,000
    # reports with no two for the same unit and period (which would be duplicate-report errors).
    periods = [f"{y}-{m:02d}" for y in range(2022, 2064) for m in range(1, 13)]
    assert count <= len(units) * len(periods)
    for i in range(count):
        unit = units[i % len(units)]
        period = periods[i // len(units)]
        path = directory / period[:4] / f"{period}-{i % len(units):02d}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(report_text(rng, unit, duties[unit], period, heavy), encoding="utf-8")


WORKLOADS = {
    "clean": "every duty reported, a missing evidence now and then",
    "findings": "group duties and an explicit duty or two left out",
}

FLOOR_SCRIPT = ("import sys, os, yaml\n"
                "for root, _d, files in os.walk(sys.argv[1]):\n"
                "    for f in files:\n"
                "        with open(os.path.join(root, f), 'rb') as fh:\n"
                "            yaml.load(fh, Loader=yaml.CSafeLoader)\n")


def peak_rss_mib(cmd: list[str]) -> float:
    """Peak resident memory of one command, read in a fresh parent so no other child counts."""
    probe = ("import resource, subprocess, sys\n"
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([PY, "-c", probe, *cmd], capture_output=True, text=True, check=True).stdout
    return int(out.strip()) / 1024  # Linux reports KiB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", choices=["startup", "throughput", "memory"])
    parser.add_argument("--repeats", type=int)
    parser.add_argument("--workload", choices=list(WORKLOADS), help="only this report set (default: both)")
    args = parser.parse_args()
    repeats = args.repeats or (5 if args.quick else 15)
    rows: list = []
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    print(f"python {sys.version.split()[0]}, ipm = {' '.join(IPM)}, {os.cpu_count()} cores")
    subprocess.run(IPM + ["owner", "市公安局"], stdout=subprocess.DEVNULL, check=True)  # warm the data cache

    if args.only in (None, "startup"):
        print("start-up")
        compare("ipm owner 市公安局", IPM + ["owner", "市公安局"],
                "import click, rich.console, rich.table", [PY, "-c", "import click, rich.console, rich.table"],
                repeats * 4, 1.35, rows, env)
        compare("ipm owner 市公安局 --format json", IPM + ["owner", "市公安局", "--format", "json"],
                "import click", [PY, "-c", "import click"], repeats * 4, 1.2, rows, env)

    if args.only in (None, "throughput", "memory"):
        work = Path(tempfile.mkdtemp(prefix="ipm-bench-"))
        try:
            duties = duties_by_unit()
            sizes = [1000] if args.quick else [1000, 10000]
            workloads = [args.workload] if args.workload else list(WORKLOADS)
            for workload in workloads:
                for size in sizes:
                    generate(work / workload / str(size), size, duties, heavy=workload == "findings")
            schema = work / "schema.json"
            schema.write_text(subprocess.run(IPM + ["schema"], capture_output=True, text=True, check=True).stdout)
            check = lambda workload, size: IPM + ["check", "--format", "json", "--today", TODAY,
                                                  str(work / workload / str(size))]
            floor = lambda workload, size: [PY, "-c", FLOOR_SCRIPT, str(work / workload / str(size))]
            for workload in workloads:
                done = subprocess.run(check(workload, 1000), capture_output=True, text=True, check=False)  # 1: findings
                summary = json.loads(done.stdout)
                print(f"{workload} workload ({WORKLOADS[workload]}): "
                      f"{len(summary['findings']) / summary['summary']['files']:.2f} findings per report")
            if args.only in (None, "throughput"):
                print("throughput")
                for workload in workloads:
                    for size, target in zip(sizes, (1.5, 1.0)):
                        compare(f"ipm check --format json ({size:,} reports, {workload})", check(workload, size),
                                "yaml.load CSafeLoader", floor(workload, size), max(3, repeats // 3), target, rows)
                cjs = shutil.which("check-jsonschema") or (str(BIN / "check-jsonschema")
                                                           if (BIN / "check-jsonschema").exists() else None)
                if cjs and "clean" in workloads:
                    files = [str(p) for p in sorted((work / "clean" / "1000").rglob("*.yaml"))]
                    compare("ipm check --format json (1,000 reports)", check("clean", 1000), "check-jsonschema",
                            [cjs, "--schemafile", str(schema), *files], 3, 10.0, rows, higher_is_better=True)
                elif not cjs:
                    print("  check-jsonschema not installed (pip install '.[bench]'): comparison skipped")
            if args.only in (None, "memory") and not args.quick:
                print("memory")
                for workload in workloads:
                    peak_1k, peak_10k = peak_rss_mib(check(workload, 1000)), peak_rss_mib(check(workload, 10000))
                    ratio = peak_10k / peak_1k
                    print(f"  peak RSS ({workload}): 1,000 reports {peak_1k:.1f} MiB, 10,000 reports "
                          f"{peak_10k:.1f} MiB: {ratio:.2f}x (target ≤ 1.5x) {'ok' if ratio <= 1.5 else 'MISSED'}; "
                          f"{'ok' if peak_10k < 64 else 'MISSED'} under 64 MiB")
                    rows.append((f"peak memory, 10,000 vs 1,000 reports ({workload})", peak_10k, "1,000", peak_1k,
                                 ratio, 1.5, ratio <= 1.5 and peak_10k < 64, False))
        finally:
            shutil.rmtree(work, ignore_errors=True)

    print("\n| command | median | floor | floor median | ratio | target |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, a, floor_label, b, ratio, target, ok, higher in rows:
        unit = "MiB" if "memory" in label else "ms"
        scale = 1 if unit == "MiB" else 1000
        sign = "≥" if higher else "≤"
        print(f"| {label} | {a * scale:.0f} {unit} | {floor_label} | {b * scale:.0f} {unit} | {ratio:.2f}x | "
              f"{sign} {target}x {'✓' if ok else '✗'} |")
    return 0 if all(row[6] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
