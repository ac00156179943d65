"""A real headless Chromium for the page tests, driven over the DevTools protocol on a pipe.

Chromium is started with the flags the machine docs list (no sandbox as root,
no GPU, no background networking), a fresh ``--user-data-dir``, every host
name mapped to "not found" and the network emulated offline: a page that
needs the network fails here as it would on a planner's offline machine.
``--remote-debugging-pipe`` (fds 3 and 4) means no port and no websocket
library: messages are JSON separated by NUL bytes.

A missing ``chromium`` binary FAILS the tests (CI installs it; style.md).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "visualizations"

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars", "--mute-audio",
    "--remote-debugging-pipe",
]

_LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


class CDPError(RuntimeError):
    """The browser answered a command with an error, or did not answer in time."""


def _high(fd: int) -> int:
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved


class Browser:
    """One Chromium process and the DevTools messages it sends."""

    def __init__(self, binary: str, flags: list[str] = CHROMIUM_FLAGS) -> None:
        self.profile = tempfile.mkdtemp(prefix="policykg-chromium-")
        to_child_r, self._w = os.pipe()
        self._r, from_child_w = os.pipe()
        # Move the child's ends above fd 9, so that putting them on 3 and 4 cannot overwrite either.
        to_child_r, from_child_w = (_high(to_child_r), _high(from_child_w))
        cmd = [binary, *flags, f"--user-data-dir={self.profile}", "about:blank"]
        # bash (dash takes single-digit fds only) puts our pipe ends on fds 3 and 4, where --remote-debugging-pipe expects them.
        self.proc = subprocess.Popen(
            ["bash", "-c", f'exec "$@" 3<&{to_child_r} 4>&{from_child_w}', "bash", *cmd],
            pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.profile, "chromium.log"), "wb"))
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._r], [], [], left)[0]:
                raise CDPError("no message from Chromium in time")
            chunk = os.read(self._r, 1 << 20)
            if not chunk:
                raise CDPError("Chromium closed the DevTools pipe")
            self._buf += chunk
        raw, _, self._buf = self._buf.partition(b"\0")
        return json.loads(raw)

    def call(self, method: str, session: str | None = None, timeout: float = 30, **params: Any) -> dict:
        self._next += 1
        msg: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def pump(self, seconds: float) -> None:
        """Collect events for a while (console messages arrive without a command)."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                self.events.append(self._read(deadline))
        except CDPError:
            pass

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (CDPError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._w)
        os.close(self._r)
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    """One tab: navigate to a file, evaluate, hover, screenshot; records errors and network requests."""

    def __init__(self, browser: Browser, width: int = 1400, height: int = 900) -> None:
        self.b = browser
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        self.target = target
        self.session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call("Network.emulateNetworkConditions", offline=True, latency=0,
                  downloadThroughput=-1, uploadThroughput=-1)
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=False)

    def call(self, method: str, **params: Any) -> dict:
        return self.b.call(method, self.session, **params)

    def _mine(self) -> list[dict[str, Any]]:
        return [e for e in self.b.events if e.get("sessionId") == self.session]

    def goto(self, path: Path, timeout: float = 30) -> None:
        self.call("Page.navigate", url=path.resolve().as_uri())
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self._mine()):
            self.b.pump(0.1)
            if time.monotonic() > deadline:
                raise CDPError(f"{path.name} did not finish loading")

    def eval(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise CDPError(f"{expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = self.eval(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise CDPError(f"timed out waiting for {expression!r}")
            time.sleep(0.1)

    def hover(self, x: float, y: float) -> None:
        self.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path = ARTIFACTS / name
        path.write_bytes(base64.b64decode(data))
        return path

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors (CSP violations among them)."""
        self.b.pump(0.2)
        out = []
        for e in self._mine():
            method, p = e.get("method"), e.get("params", {})
            if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append("console: " + " ".join(str(a.get("value", a.get("description"))) for a in p["args"]))
            elif method == "Runtime.exceptionThrown":
                out.append("exception: " + json.dumps(p["exceptionDetails"], ensure_ascii=False)[:500])
            elif method == "Log.entryAdded" and p["entry"]["level"] == "error":
                out.append("log: " + p["entry"]["text"])
        return out

    def requests(self) -> list[str]:
        """Every URL the page asked for that is not a local file, data, blob or about: URL."""
        return [e["params"]["request"]["url"] for e in self._mine()
                if e.get("method") == "Network.requestWillBeSent"
                and not e["params"]["request"]["url"].startswith(_LOCAL_SCHEMES)]

    def close(self) -> None:
        try:
            self.b.call("Target.closeTarget", targetId=self.target, timeout=5)
        except CDPError:
            pass


def running_browser(flags: list[str] = CHROMIUM_FLAGS) -> Iterator[Browser]:
    """Debian's headless Chromium with ``flags``, answering, until the generator is closed.

    The run FAILS when Chromium is not installed (CI installs it; style.md).
    """
    binary = shutil.which("chromium")
    if binary is None:
        pytest.fail("chromium not found: install Debian's `chromium` package (.ci/apt-packages lists it)")
    b = Browser(binary, flags)
    try:
        b.call("Browser.getVersion", timeout=30)
        yield b
    finally:
        b.close()


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, offline."""
    yield from running_browser()


@pytest.fixture()
def page(browser):
    p = Page(browser)
    try:
        yield p
    finally:
        p.close()


@pytest.fixture(autouse=True)
def chinese_by_default():
    """Each test starts in Chinese: a command run with --lang en leaves the process's language set."""
    from policykg.messages import set_language

    set_language("zh")
    yield
    set_language("zh")
