"""A browser-less recruit for `talkdown serve`: textual-serve's websocket protocol, spoken as its
page (``textual.js``) speaks it, with the screen kept by a terminal emulator (pyte) as xterm.js
keeps it in the browser. The tests and ``benchmarks/serve_bench.py`` drive sessions with it, and
the browser test reads what chromium was sent through the same :class:`Terminal`.

The protocol: the page opens ``/ws?width=W&height=H``, then sends JSON text frames
(``["stdin", keys]``, ``["resize", {"width", "height"}]``, ``["ping", t]``) and receives the
app's output as binary frames of terminal bytes.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pyte

ROOT = Path(__file__).resolve().parents[2]

#: what xterm.js sends for these keys
KEYS = {"enter": "\r", "escape": "\x1b", "f2": "\x1bOQ", "down": "\x1b[B", "up": "\x1b[A", "tab": "\t"}


class Terminal:
    """The screen a terminal shows after the bytes it was sent."""

    def __init__(self, width: int, height: int) -> None:
        self.screen = pyte.Screen(width, height)
        self._stream = pyte.ByteStream(self.screen)

    def feed(self, data: bytes) -> None:
        self._stream.feed(data)

    def resize(self, width: int, height: int) -> None:
        self.screen.resize(height, width)

    @property
    def rows(self) -> list[str]:
        return list(self.screen.display)

    def text(self) -> str:
        return "\n".join(self.rows)

    def flowing(self) -> str:
        """The screen's words in one line: box borders dropped and wrapped lines joined, so a
        sentence the app wrapped over several rows reads as it was written."""
        return words(self.text())


def words(text: str) -> str:
    """``text`` as :meth:`Terminal.flowing` would show it."""
    cleaned = "".join(ch if ch.isalnum() or ch in " .,;:!?'\"()-—’…" else " " for ch in text)
    return " ".join(cleaned.split())


@dataclass
class Recruit:
    """One browser-less session on a running server.

    What the app sends is kept as it came; the terminal emulator reads it only when the screen is
    looked at, and :meth:`wait_for` first looks in what came since the last key, so a message that
    was drawn and taken away again (a notification) counts, and a class of recruits in one
    process costs little more than its sockets."""

    url: str
    width: int = 120
    height: int = 40
    _terminal: Terminal = field(init=False)
    _received: bytearray = field(default_factory=bytearray)
    _read_upto: int = 0
    _since_key: int = 0
    """Where the output stood when the last key was sent."""
    _http: aiohttp.ClientSession | None = None
    _ws: aiohttp.ClientWebSocketResponse | None = None
    _reader: asyncio.Task[None] | None = None
    _changed: asyncio.Event = field(default_factory=asyncio.Event)
    closed: bool = False

    def __post_init__(self) -> None:
        self._terminal = Terminal(self.width, self.height)

    @property
    def terminal(self) -> Terminal:
        """The screen as it stands."""
        if self._read_upto < len(self._received):
            self._terminal.feed(bytes(self._received[self._read_upto:]))
            self._read_upto = len(self._received)
        return self._terminal

    async def open(self) -> None:
        ws_url = self.url.replace("http", "ws", 1).rstrip("/") + f"/ws?width={self.width}&height={self.height}"
        self._http = aiohttp.ClientSession()
        self._ws = await self._http.ws_connect(ws_url, max_msg_size=0)
        await self._ws.send_json(["resize", {"width": self.width, "height": self.height}])
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self._ws is not None
        async for message in self._ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self._received += message.data
                self._changed.set()
        self.closed = True
        self._changed.set()

    async def send(self, keys: str) -> None:
        assert self._ws is not None
        self._since_key = len(self._received)
        await self._ws.send_json(["stdin", keys])

    async def press(self, *names: str) -> None:
        for name in names:
            await self.send(KEYS[name])

    async def type(self, text: str, *, per_key: float = 0.0) -> None:
        """Type ``text`` a key at a time (as xterm.js sends it), ``per_key`` seconds apart."""
        for ch in text:
            await self.send(ch)
            if per_key:
                await asyncio.sleep(per_key)

    async def enter(self, text: str, *, per_key: float = 0.0, timeout: float = 30.0) -> None:
        """Type ``text``, wait until its end shows (the box has it), then press Enter. A priority
        Enter binding is handled as soon as it arrives, before keys still queued for the box."""
        await self.type(text, per_key=per_key)
        await self.wait_for(text[-20:], timeout=timeout)
        await self.press("enter")

    def _shows(self, text: str, flowing: bool, gone: bool) -> bool:
        if gone:
            return text not in self.terminal.text()
        if flowing:
            return words(text) in self.terminal.flowing()
        return text.encode() in self._received[self._since_key:] or text in self.terminal.text()

    async def wait_for(self, text: str, *, timeout: float = 30.0, flowing: bool = False, gone: bool = False) -> float:
        """Wait until ``text`` is drawn (since the last key, or on the screen; in
        :meth:`Terminal.flowing` form if ``flowing``), or is no longer on the screen if ``gone``;
        the seconds it took. Raises TimeoutError with the screen."""
        start = time.perf_counter()
        while True:
            if self._shows(text, flowing, gone):
                return time.perf_counter() - start
            left = timeout - (time.perf_counter() - start)
            if left <= 0 or self.closed:
                state = "still shown" if gone else "not shown"
                raise TimeoutError(f"{text!r} {state} within {timeout} s; the screen:\n{self.terminal.text()}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), min(left, 1.0))

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        if self._http is not None:
            await self._http.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`talkdown serve` in a process of its own; :meth:`stop` ends it (and its sessions) with SIGTERM."""

    def __init__(self, transcripts: Path, *, env: dict[str, str] | None = None, log: Path | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log or transcripts.parent / "serve.log"
        self._out = self.log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "simulator", "serve", "--port", str(self.port), "--transcripts", str(transcripts)],
            cwd=ROOT, stdout=self._out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
            start_new_session=True)

    def wait_ready(self, timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise RuntimeError(f"talkdown serve exited ({self.process.returncode}):\n{self.output()}")
            with contextlib.suppress(OSError), urllib.request.urlopen(self.url, timeout=2) as answer:
                if answer.status == 200:
                    return
            time.sleep(0.2)
        raise TimeoutError(f"talkdown serve did not answer within {timeout} s:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self, timeout: float = 30.0) -> int:
        """SIGTERM, as a service manager stops it; the whole group is killed if it lingers."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._out.close()
        return self.process.returncode
