"""Finding records waiting on disk: a comparison keeps only a fingerprint and an offset of each (`ipm diff`,
`ipm check --baseline`), so its memory does not grow with what the records say.

Each record is one line of JSON in a binary temporary file (in memory while small, as `reporters.base.Spool`),
read back by its offset.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO, Any

SPOOL_BYTES = 1 << 20


class RecordSpool:
    """JSON records, one a line: `add()` gives each one's offset, `get()` reads it back."""

    def __init__(self, limit: int = SPOOL_BYTES) -> None:
        import json

        self.limit = limit
        self.size = 0
        self._file: IO[bytes] = io.BytesIO()
        self._spilled = False
        self._reading = False  # the position is somewhere a read left it, not at the end
        self._decode = json.JSONDecoder().decode

    def add(self, record: dict[str, Any]) -> int:
        """Write `record`; its offset."""
        from ipmeasures.jsontext import dumps

        return self.add_text(dumps(record, indent=None))

    def add_text(self, text: str) -> int:
        """Write a record given as its one-line JSON text; its offset."""
        # surrogatepass: a lone surrogate (a saved result may escape one: \ud800) comes back as it went
        line = text.encode("utf-8", "surrogatepass") + b"\n"
        offset = self.size
        if not self._spilled and offset + len(line) > self.limit:
            import tempfile

            disk = tempfile.TemporaryFile("w+b")  # noqa: SIM115 - closed by close()
            disk.write(self._file.getvalue())  # type: ignore[attr-defined]
            self._file, self._spilled = disk, True
        if self._reading:
            self._file.seek(offset)
            self._reading = False
        self._file.write(line)
        self.size += len(line)
        return offset

    def get(self, offset: int) -> dict[str, Any]:
        """The record written at `offset`."""
        self._reading = True
        self._file.seek(offset)
        return self._decode(self._file.readline().decode("utf-8", "surrogatepass"))

    def __iter__(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(offset, record) of every record, in the order written."""
        self._reading = True
        self._file.seek(0)
        offset = 0
        while offset < self.size:
            line = self._file.readline()
            yield offset, self._decode(line.decode("utf-8", "surrogatepass"))
            offset += len(line)

    def close(self) -> None:
        self._file.close()
