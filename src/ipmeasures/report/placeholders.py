"""Evidence placeholders: words like 无, 暂无, 见附件 or - that fill the `evidence` field without being evidence.

The list is data (`data/placeholders.yaml`), not code, so that an office can extend it: a
`placeholders.yaml` in the `--data` directory replaces the shipped one, and `ipm check --placeholder WORD`
adds to it. Entries are compared after `normalise`, so one entry covers its full-width, bracketed and
punctuated spellings.
"""

from __future__ import annotations

import os
import unicodedata

from ipmeasures.errors import SourceError
from ipmeasures.i18n import _

FILE_NAME = "placeholders.yaml"
# Brackets and quotes a clerk puts around a word (【无】, （无）, “无”), and the punctuation that ends it.
_WRAPPERS = ("[]", "()", "【】", "〔〕", "「」", "『』", "<>", "《》", "“”", "‘’", "\"\"", "''")
_TRAILING = "。.，,；;、！!？?:："


def normalise(text: str) -> str:
    """The comparable form of an evidence entry: NFKC (full-width to half-width), no blanks, no wrapping
    brackets or quotes, no trailing punctuation, case-folded. Dashes and dots alone are kept as written."""
    value = "".join(unicodedata.normalize("NFKC", text).split())
    while True:
        stripped = value.rstrip(_TRAILING) if value.rstrip(_TRAILING) else value
        for pair in _WRAPPERS:
            if len(stripped) > 2 and stripped[0] == pair[0] and stripped[-1] == pair[1]:
                stripped = stripped[1:-1]
        if stripped == value:
            return value.casefold()
        value = stripped


def load_placeholders(data_dir: str | None = None, extra: tuple[str, ...] | list[str] = ()) -> frozenset[str]:
    """The normalised placeholder words: `data_dir`'s placeholders.yaml (else the shipped one), plus `extra`."""
    from ipmeasures.policy.loader import default_data_dir
    from ipmeasures.sources.yamldoc import load_yaml

    path = os.path.join(data_dir, FILE_NAME) if data_dir else ""
    if not path or not os.path.isfile(path):
        path = os.path.join(default_data_dir(), FILE_NAME)
    words: list[str] = list(extra)
    if os.path.isfile(path):
        loaded = load_yaml(path)
        value = loaded.value.get("evidence") if isinstance(loaded.value, dict) else None
        if not isinstance(value, list) or not all(isinstance(w, (str, int)) for w in value):
            raise SourceError(_("应写成 evidence: 后跟占位词列表（每行“- 词语”）；请按随包的 placeholders.yaml 修改。"),
                              path, (loaded.mark(("evidence",)) or (None, None))[0], None, "evidence")
        words += [str(w) for w in value]
    return frozenset(n for n in map(normalise, words) if n)


def only_placeholders(evidence: tuple[str, ...], placeholders: frozenset[str]) -> bool:
    """True when `evidence` is not empty and every entry of it is a placeholder."""
    return bool(evidence) and all(normalise(entry) in placeholders for entry in evidence)
