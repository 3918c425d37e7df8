"""A real headless Chromium for the tests, driven over the DevTools protocol.

Chromium is started with ``--remote-debugging-pipe``: it reads protocol commands from file
descriptor 3 and writes replies and events to descriptor 4, each message a JSON text ended by a
NUL byte. That needs nothing but the standard library (no WebDriver, no websocket client).

    with Chromium() as browser:
        page = browser.open(path)          # waits for the load event
        page.evaluate("document.title")
        page.console_errors, page.requests, page.dialogs
        page.screenshot(png_path); page.print_to_pdf(pdf_path)
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path


def executable() -> str | None:
    """The Chromium binary, or None when it is not installed (scripts/setup installs it)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class BrowserError(RuntimeError):
    pass


class Chromium:
    def __init__(self, timeout: float = 60.0):
        exe = executable()
        if exe is None:
            raise BrowserError("chromium is not installed (run scripts/setup)")
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="partnerkit-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire_pipes() -> None:  # runs in the child, before exec: the pipe ends become fds 3 and 4
            read_end, write_end = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        args = [
            exe,
            "--headless",
            "--remote-debugging-pipe",
            "--no-sandbox",  # the tests may run as root (CI containers)
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--mute-audio",
            f"--user-data-dir={self._profile.name}",
            "about:blank",
        ]
        self._process = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire_pipes,
            pass_fds=(3, 4),  # kept open after wire_pipes
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict] = []

    # -- protocol -----------------------------------------------------------------------------
    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            self._events.append(reply)

    def wait_for(self, method: str, session: str) -> dict:
        deadline = time.monotonic() + self.timeout
        while True:
            for i, event in enumerate(self._events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self._events.pop(i)
            event = self._read(deadline)
            self._events.append(event)
            if event.get("method") == "Page.javascriptDialogOpening":
                # A dialog blocks the page (and its load event) until answered; Page.collect records it.
                self.send("Page.handleJavaScriptDialog", {"accept": True}, session=event.get("sessionId"))

    def drain(self, session: str, seconds: float = 0.3) -> list[dict]:
        """Every event of a session received so far, waiting briefly for stragglers."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                self._events.append(self._read(deadline))
        except TimeoutError:
            pass
        mine = [e for e in self._events if e.get("sessionId") == session]
        self._events = [e for e in self._events if e.get("sessionId") != session]
        return mine

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from chromium")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError("chromium closed the debugging pipe")
            self._buffer += chunk
        text, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(text)

    # -- pages --------------------------------------------------------------------------------
    def open(self, path: str | os.PathLike) -> "Page":
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session)
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=session)
        url = Path(path).resolve().as_uri()
        page.url = url
        self.send("Page.navigate", {"url": url}, session=session)
        self.wait_for("Page.loadEventFired", session)
        page.collect()
        return page

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (BrowserError, TimeoutError, OSError):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        self._profile.cleanup()

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Page:
    """One loaded page: what it logged, what it requested, and its DOM through JavaScript."""

    def __init__(self, browser: Chromium, session: str):
        self.browser = browser
        self.session = session
        self.url = ""
        self.console_errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []

    def collect(self) -> None:
        for event in self.browser.drain(self.session):
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert", "warning"):
                args = params.get("args", [])
                self.console_errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in args))
            elif method == "Runtime.exceptionThrown":
                self.console_errors.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
                self.console_errors.append(params["entry"].get("text", ""))
            elif method == "Network.requestWillBeSent":
                self.requests.append(params["request"]["url"])
            elif method == "Page.javascriptDialogOpening":
                self.dialogs.append(params.get("message", ""))

    @property
    def network_requests(self) -> list[str]:
        """Requests other than the page itself and data: URIs (which never leave the page)."""
        return [u for u in self.requests if u != self.url and not u.startswith("data:")]

    def evaluate(self, expression: str):
        result = self.browser.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=self.session
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression[:60]}...: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def screenshot(self, path: str | os.PathLike) -> bytes:
        data = base64.b64decode(
            self.browser.send(
                "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=self.session
            )["data"]
        )
        Path(path).write_bytes(data)
        return data

    def print_to_pdf(self, path: str | os.PathLike) -> bytes:
        data = base64.b64decode(
            self.browser.send("Page.printToPDF", {"printBackground": True}, session=self.session)["data"]
        )
        Path(path).write_bytes(data)
        return data
