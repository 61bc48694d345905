"""Headless Chromium over the DevTools protocol, with the standard library only (a test helper).

Chromium is started with `--remote-debugging-pipe`: it reads protocol messages from its fd 3 and writes
to its fd 4, each a JSON object ended by NUL. bash puts our pipe ends on 3 and 4 (dash refuses fds above 9), so no preexec_fn.
The session records console messages, log entries, uncaught exceptions and every network request the
page makes, so a test can say "no errors, no requests".
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
         "--disable-extensions", "--mute-audio", "--hide-scrollbars", "--remote-debugging-pipe")


def find_chromium() -> str | None:
    """The first Chromium on PATH (or $IPM_CHROMIUM), else None."""
    explicit = os.environ.get("IPM_CHROMIUM")
    if explicit:
        return shutil.which(explicit) or (explicit if os.path.exists(explicit) else None)
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Chromium:
    """One browser and one page; use as a context manager."""

    def __init__(self, binary: str, timeout: float = 60.0) -> None:
        self.binary, self.timeout = binary, timeout
        self.events: list[dict] = []
        self._next_id = 0
        self._buffer = b""

    def __enter__(self) -> Chromium:  # noqa: PYI034 - not subclassed
        self._profile = tempfile.TemporaryDirectory(prefix="ipm-chromium-")
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        # Move the browser's ends above 9 so the shell's `3<&N 4>&M` cannot clobber them.
        high_r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
        high_w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
        os.close(to_browser_r)
        os.close(from_browser_w)
        script = f'exec "$@" 3<&{high_r} 4>&{high_w} {high_r}<&- {high_w}>&-'
        self._log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [shutil.which("bash") or "bash", "-c", script, "bash", self.binary, *FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"],
            pass_fds=(high_r, high_w), stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log)
        os.close(high_r)
        os.close(high_w)
        self._write, self._read = to_browser_w, from_browser_r
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)
        return self

    def __exit__(self, *exc_info) -> None:
        with contextlib.suppress(OSError, RuntimeError, TimeoutError):  # already gone
            self.call("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._write)
        os.close(self._read)
        self._log.close()
        self._profile.cleanup()

    # --- protocol ------------------------------------------------------------------------------

    def call(self, method: str, params: dict | None = None, *, session: bool = False) -> dict:
        self._next_id += 1
        message: dict = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def _receive(self) -> dict:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _w, _x = select.select([self._read], [], [], max(left, 0))
            if not ready:
                raise TimeoutError("no reply from Chromium")
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                self._log.seek(0)
                raise RuntimeError("Chromium exited: " + self._log.read()[-2000:].decode(errors="replace"))
            self._buffer += chunk
        message, _sep, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def wait_for(self, method: str) -> dict:
        """The first event `method` not yet consumed (waits for it)."""
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            for event in self.events:
                if event["method"] == method and not event.get("_seen"):
                    event["_seen"] = True
                    return event
            reply = self._receive()
            if "method" in reply:
                self.events.append(reply)
        raise TimeoutError(method)

    # --- page ----------------------------------------------------------------------------------

    def open(self, path: Path, *, width: int, height: int = 900, media: str = "screen") -> None:
        """Load a file at a window size and media type, and wait for its load event."""
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=True)
        self.call("Emulation.setEmulatedMedia", {"media": media}, session=True)
        self.call("Page.navigate", {"url": path.resolve().as_uri()}, session=True)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def screenshot(self, path: Path, *, height: int | None = None) -> None:
        """The whole page (beyond the window), or its top `height` pixels, as PNG."""
        width, full = self.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        height = min(height or full, full)
        data = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                    "clip": {"x": 0, "y": 0, "width": width, "height": height,
                                                             "scale": 1}}, session=True)["data"]
        path.write_bytes(base64.b64decode(data))

    def pdf(self, path: Path) -> None:
        """The page printed on A4, backgrounds included."""
        data = self.call("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": True,
                                             "preferCSSPageSize": True}, session=True)["data"]
        path.write_bytes(base64.b64decode(data))

    # --- what happened ---------------------------------------------------------------------------

    def errors(self) -> list[str]:
        """Console errors, error log entries (CSP violations among them) and uncaught exceptions."""
        found = []
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                found.append(params["entry"].get("text", ""))
            elif method == "Runtime.exceptionThrown":
                found.append(params.get("exceptionDetails", {}).get("text", "exception"))
        return found

    def requests(self) -> list[str]:
        """The URL of every request the page made (its own document included)."""
        return [event["params"]["request"]["url"] for event in self.events
                if event["method"] == "Network.requestWillBeSent"]
