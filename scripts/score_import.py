#!/usr/bin/env python3
"""Score `ipm import` on a development set: hand-read answers (expected.json) against what it extracts.

    python scripts/score_import.py                       # tests/fixtures/import
    python scripts/score_import.py DIR [DIR …] [-v]      # any folders holding expected.json and the texts
    python scripts/score_import.py --json                # the scores as JSON

Metrics (issue #15):
- items found: expected items whose path the import lists;
- assignments: (item path, unit) pairs, precision and recall; names compared after folding (traditional →
  simplified, pinyin glosses and spaces removed, full-width brackets as ASCII);
- roles: of the matched pairs, the share whose role agrees (expected joint/resp = responsible); reported
  for all matched pairs and for those the answer marks lead or support;
- deadlines: (item, YYYY-MM or ongoing) pairs, precision and recall.

The extraction is the same function `ipm import --dry-run --format json` prints (ImportResult.to_dict).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ipmeasures.importer import extract
from ipmeasures.importer.normalise import clean_line, fold
from ipmeasures.importer.reading import decode

ROLE = {"lead": "lead", "support": "support", "joint": "responsible", "resp": "responsible",
        "responsible": "responsible"}


def key(name: str) -> str:
    return fold(clean_line(name)).rstrip("等")


def score_file(text_path: Path, answer: dict) -> dict:
    result = extract(decode(text_path.read_bytes()), str(text_path)).to_dict()
    got_items = {tuple(i["path"]): i for i in result["items"]}
    exp_items = answer["items"]
    found = sum(1 for i in exp_items if tuple(i["path"]) in got_items)
    exp_pairs = {(tuple(i["path"]), key(n)): ROLE[r] for i in exp_items for n, r in i.get("assign", [])}
    got_pairs = {(tuple(i["path"]), key(u["name"])): u["role"] for i in result["items"] for u in i["units"]}
    matched = exp_pairs.keys() & got_pairs.keys()
    roles_ok = sum(1 for p in matched if exp_pairs[p] == got_pairs[p])
    marked = [p for p in matched if exp_pairs[p] in ("lead", "support")]
    marked_ok = sum(1 for p in marked if exp_pairs[p] == got_pairs[p])

    def dl(d: dict) -> str:
        return "ongoing" if d["ongoing"] else (d["due"] or "")[:7]

    exp_dl = {(tuple(i["path"]), d) for i in exp_items for d in i.get("deadlines", [])}
    got_dl = {(tuple(i["path"]), dl(d)) for i in result["items"] for d in i["deadlines"]}
    return {
        "items": len(exp_items), "found": found,
        "expected_pairs": len(exp_pairs), "got_pairs": len(got_pairs), "matched": len(matched),
        "roles_ok": roles_ok, "marked": len(marked), "marked_ok": marked_ok,
        "expected_deadlines": len(exp_dl), "got_deadlines": len(got_dl), "matched_deadlines": len(exp_dl & got_dl),
        "missing_items": [list(i["path"]) for i in exp_items if tuple(i["path"]) not in got_items],
        "extra_items": [list(p) for p in got_items if p not in {tuple(i["path"]) for i in exp_items}],
        "missing_pairs": sorted(f"{'/'.join(p)} {n}" for p, n in exp_pairs.keys() - got_pairs.keys()),
        "extra_pairs": sorted(f"{'/'.join(p)} {n}" for p, n in got_pairs.keys() - exp_pairs.keys()),
        "wrong_roles": sorted(f"{'/'.join(p)} {n}: {got_pairs[(p, n)]} (expected {exp_pairs[(p, n)]})"
                              for p, n in matched if exp_pairs[(p, n)] != got_pairs[(p, n)]),
        "missing_deadlines": sorted(f"{'/'.join(p)} {d}" for p, d in exp_dl - got_dl),
        "extra_deadlines": sorted(f"{'/'.join(p)} {d}" for p, d in got_dl - exp_dl),
    }


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", default=[str(ROOT / "tests" / "fixtures" / "import")])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    per_file: dict[str, dict] = {}
    for folder in map(Path, args.dirs):
        answers = json.loads((folder / "expected.json").read_text("utf-8"))
        for name, answer in answers.items():
            per_file[f"{folder.name}/{name}"] = score_file(folder / name, answer)
    total = {k: sum(s[k] for s in per_file.values()) for k in
             ("items", "found", "expected_pairs", "got_pairs", "matched", "roles_ok", "marked", "marked_ok",
              "expected_deadlines", "got_deadlines", "matched_deadlines")}
    summary = {
        "files": len(per_file),
        "items_found": ratio(total["found"], total["items"]),
        "precision": ratio(total["matched"], total["got_pairs"]),
        "recall": ratio(total["matched"], total["expected_pairs"]),
        "roles": ratio(total["roles_ok"], total["matched"]),
        "lead_support_roles": ratio(total["marked_ok"], total["marked"]),
        "deadline_precision": ratio(total["matched_deadlines"], total["got_deadlines"]),
        "deadline_recall": ratio(total["matched_deadlines"], total["expected_deadlines"]),
        "totals": total,
    }
    if args.json:
        print(json.dumps({"summary": summary, "files": per_file}, ensure_ascii=False, indent=1))
        return 0
    for name, s in per_file.items():
        print(f"{name}: items {s['found']}/{s['items']}  pairs P {ratio(s['matched'], s['got_pairs']):.2f} "
              f"R {ratio(s['matched'], s['expected_pairs']):.2f}  roles {s['roles_ok']}/{s['matched']}  "
              f"deadlines {s['matched_deadlines']}/{s['expected_deadlines']} (+{s['got_deadlines'] - s['matched_deadlines']})")
        if args.verbose:
            for k in ("missing_items", "extra_items", "missing_pairs", "extra_pairs", "wrong_roles",
                      "missing_deadlines", "extra_deadlines"):
                for entry in s[k]:
                    print(f"    {k}: {entry}")
    print(f"\n{summary['files']} files: items found {summary['items_found']:.1%}, assignments precision "
          f"{summary['precision']:.3f} recall {summary['recall']:.3f}, roles {summary['roles']:.1%} "
          f"(lead/support {summary['lead_support_roles']:.1%} of {total['marked']}), deadlines precision "
          f"{summary['deadline_precision']:.2f} recall {summary['deadline_recall']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
