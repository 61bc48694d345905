"""When a finding in one period is "the same" as one in another.

A finding is the same when its rule, unit, duty and period-independent location agree. Line numbers,
columns, the file's folder and the message (which names the period) all move between periods and do not
count. The location inside a report is the field path with the item's position replaced by its duty
(`items.3.status` -> `items.*.status` when the finding names a measure or task): a unit that reorders its
items keeps its findings.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from typing import Any

_ITEM_INDEX = re.compile(r"^items\.\d+(?=\.|$)")

Key = tuple[str, str, Any, Any, Any, str]


def finding_key(record: dict[str, Any]) -> Key:
    """The identity of a finding record (`Finding.to_record()` or a saved JSON record)."""
    field = record.get("field") or ""
    if record.get("measure") is not None or record.get("task") is not None or record.get("item") is not None:
        field = _ITEM_INDEX.sub("items.*", field)
    # Without a unit (unknown-unit, unreadable file) the file's own name is all that stays the same.
    owner = record.get("unit") or os.path.basename(str(record.get("file") or "").replace("\\", "/"))
    return (str(record.get("rule")), str(owner), record.get("measure"), record.get("task"), record.get("item"), field)


def fingerprint(record: dict[str, Any]) -> bytes:
    """finding_key() as 16 bytes: all a comparison keeps of a finding while its record waits in a spool (two
    identities with one fingerprint: a chance of about one in 10^19 for a million findings)."""
    return hashlib.blake2b(repr(finding_key(record)).encode("utf-8", "backslashreplace"), digest_size=16).digest()


def match(old: Iterable[dict], new: Iterable[dict]) -> tuple[list[dict], list[tuple[dict, dict]], list[dict]]:
    """Pair findings by identity: (only in `new`, [(old, new)] in both, only in `old`).

    Two findings with one identity in a period (rare: two bad items that name no duty) pair in order,
    so the counts add up: len(new) = new-only + pairs, len(old) = old-only + pairs.
    """
    pending: dict[Key, list[dict]] = {}
    for record in old:
        pending.setdefault(finding_key(record), []).append(record)
    added: list[dict] = []
    kept: list[tuple[dict, dict]] = []
    for record in new:
        waiting = pending.get(finding_key(record))
        if waiting:
            kept.append((waiting.pop(0), record))
        else:
            added.append(record)
    gone = [record for records in pending.values() for record in records]
    return added, kept, gone
