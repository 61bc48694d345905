"""`ipm fix`: repair report files' Chinese-keyboard mistakes (keyboard.repair) and re-encode them as UTF-8.

Above both the YAML reader and `keyboard`: it decodes with `decoding.decode`, repairs with `keyboard.repair`
and reads the result back with `yamldoc.load_yaml`, while the reader uses `keyboard` to explain its errors.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipmeasures.i18n import _
from ipmeasures.sources.keyboard import repair


@dataclass(slots=True)
class Fixed:
    """One file through `ipm fix`: its text before and after, the encoding it was read in, the bytes to write."""

    path: str
    before: str
    after: str
    encoding: str  # as decoding.decode names it: utf-8, utf-8-sig, gb18030, utf-16…, utf-32…
    changes: list[tuple[int, str]]

    @property
    def reencoded(self) -> bool:
        return self.encoding not in ("utf-8", "utf-8-sig")

    @property
    def changed(self) -> bool:
        return self.reencoded or self.after != self.before

    def data(self) -> bytes:
        """The repaired file: UTF-8 (a UTF-8 BOM the file had is kept; every other encoding becomes plain UTF-8)."""
        return (b"\xef\xbb\xbf" if self.encoding == "utf-8-sig" else b"") + self.after.encode("utf-8")

    def diff(self) -> str:
        """A unified diff of the text (line endings shown as they will be written)."""
        import difflib
        import os

        from ipmeasures.escaping import inert

        # The report's lines and name reach the terminal: each line's text is made inert (escaping.inert),
        # its line ending kept as it will be written.
        path = inert(self.path)
        relative = not os.path.isabs(self.path)
        lines = difflib.unified_diff(self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
                                     f"a/{path}" if relative else path, f"b/{path}" if relative else path)
        out = []
        for line in lines:
            body = line.rstrip("\r\n")
            out.append(inert(body) + line[len(body):] if body != line else inert(line) + "\n\\ No newline at end of file\n")
        return "".join(out)


def fix_bytes(path: str, data: bytes) -> Fixed:
    """Decode a YAML file's bytes as ipm check does (SourceError when they are not text) and repair its text."""
    from ipmeasures.sources.decoding import decode

    text, encoding, _warnings = decode(path, data)
    repaired = repair(text)
    return Fixed(path, text, repaired.text, encoding, repaired.changes)


@dataclass(slots=True)
class FixOutcome:
    """What `ipm fix` did across its files: the diffs to show, messages for stderr, the exit code."""

    diffs: list[str]
    messages: list[str]
    exit_code: int


def fix_files(paths: list[str], *, write: bool, max_bytes: int) -> FixOutcome:
    """Repair each file (writing it back only with `write`); never raises for a file's content."""
    import os

    from ipmeasures.errors import EXIT_FINDINGS, EXIT_OK, SourceError
    from ipmeasures.sources.files import read_bounded
    from ipmeasures.sources.yamldoc import load_yaml

    diffs: list[str] = []
    messages: list[str] = []
    failed = pending = False
    for path in paths:
        if path.lower().endswith(".xlsx"):
            messages.append(_("{path}：Excel 工作簿不需要也不能用 ipm fix 修正，已跳过。").format(path=path))
            continue
        try:
            fixed = fix_bytes(path, read_bounded(path, max_bytes))
        except SourceError as exc:
            messages.append(exc.render())
            failed = True
            continue
        if fixed.changed:
            diffs.append(fixed.diff())
            if fixed.reencoded:
                messages.append(_("{path}：文件编码 {encoding} 将改为 UTF-8。").format(
                    path=path, encoding=fixed.encoding.upper()))
            if write:
                target = os.path.realpath(path)  # a symlinked report: write the file it points at, keep the link
                mode = os.stat(target).st_mode & 0o7777
                from ipmeasures.atomic import write_bytes_atomic

                try:
                    write_bytes_atomic(target, fixed.data(), overwrite=True)
                    os.chmod(target, mode)
                except OSError as exc:
                    messages.append(_("{path}：无法写入（{reason}）；请检查权限。").format(
                        path=path, reason=exc.strerror or exc))
                    failed = True
                    continue
                messages.append(_("{path}：已修正 {n} 处并写回。").format(path=path, n=len(fixed.changes)
                                                                   + fixed.reencoded))
            else:
                pending = True
        try:
            load_yaml(path, fixed.data())
        except SourceError as exc:
            messages.append(_("{path}：修正后仍无法读取，请手工修改：{problem}").format(path=path, problem=exc.render()))
            failed = True
    if pending and not failed:
        messages.append(_("以上是将要做的改动；加 --write 写回文件。"))
    return FixOutcome(diffs, messages, EXIT_FINDINGS if failed or pending else EXIT_OK)
