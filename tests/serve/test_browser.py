"""`talkdown serve` in a real browser: Debian's chromium, headless, driven through its chromedriver
(Selenium, which is never let download a driver or a browser), plays a whole call — the name the
app asks for, a scenario, its briefing, two replies and the subject's answers, /end, the debrief.

What the page shows is read two ways, since textual-serve's xterm.js paints the terminal on a
canvas (no text in the DOM, no accessibility tree): the bytes chromium received on the websocket
(from its performance log) are replayed into a terminal emulator, which gives the screen's text;
and a screenshot is checked against that screen: ink on the rows that hold the subject's answer,
none on the chat's blank rows. Skipped, with the reason, where chromium or chromedriver is
missing (`make test` installs both on Debian as root)."""

from __future__ import annotations

import base64
import json
import shutil
import time
from pathlib import Path

import pytest

from simulator.transcripts import read_transcript

from .client import Server, Terminal, words

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
MISSING = ", ".join(name for name, path in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)) if path is None)
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"{MISSING} not installed (on Debian, as root: apt-get "
                                                      "install chromium chromium-driver; `make test` does it)")

#: a headless chromium on a closed network (no first-run, no background connections)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,900"]
REPLIES = ["Hi Marcus, I'm officer Lee. You sound really scared.", "What are the voices telling you right now?"]


class Page:
    """The served page in chromium, and the terminal screen it was sent."""

    def __init__(self, url: str, profile: Path) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in [*FLAGS, f"--user-data-dir={profile}"]:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        self.driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
        self.terminal: Terminal | None = None
        self.driver.get(url)

    def keys(self, *keys: str) -> None:
        """Typed into xterm.js's input box, as a person types into the page."""
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(*keys)

    def _pump(self) -> None:
        """Replay what the page sent and received on its websocket since the last look."""
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            response = message.get("params", {}).get("response", {})
            if message["method"] == "Network.webSocketFrameSent":
                sent = json.loads(response["payloadData"])
                if sent[0] == "resize":
                    size = sent[1]
                    if self.terminal is None:
                        self.terminal = Terminal(size["width"], size["height"])
                    else:
                        self.terminal.resize(size["width"], size["height"])
            elif message["method"] == "Network.webSocketFrameReceived" and response.get("opcode") == 2:
                assert self.terminal is not None
                self.terminal.feed(base64.b64decode(response["payloadData"]))

    def wait_for(self, text: str, *, flowing: bool = False, gone: bool = False, timeout: float = 30.0) -> Terminal:
        end = time.monotonic() + timeout
        wanted = words(text) if flowing else text
        while True:
            self._pump()
            if self.terminal is not None:
                shown = self.terminal.flowing() if flowing else self.terminal.text()
                if (wanted in shown) != gone:
                    return self.terminal
            if time.monotonic() > end:
                screen = self.terminal.text() if self.terminal else "(nothing received)"
                raise AssertionError(f"{text!r} {'still' if gone else 'not'} shown within {timeout} s:\n{screen}")
            time.sleep(0.1)

    def enter(self, text: str) -> None:
        """Type a line; Enter once the box shows it (see Recruit.enter)."""
        from selenium.webdriver.common.keys import Keys

        self.keys(text)
        self.wait_for(text[-20:])
        self.keys(Keys.ENTER)

    def screenshot(self, path: Path) -> tuple[object, tuple[float, float, float, float]]:
        """The page as a picture, and where the terminal's cells are on it (left, top, cell width, height)."""
        from PIL import Image

        self.driver.save_screenshot(str(path))
        box = self.driver.execute_script(
            "const r = document.querySelector('.xterm-screen').getBoundingClientRect();"
            "return [r.left, r.top, r.width, r.height, window.devicePixelRatio];")
        left, top, width, height, ratio = box
        assert self.terminal is not None
        rows, cols = len(self.terminal.rows), len(self.terminal.rows[0])
        return Image.open(path).convert("RGB"), (left * ratio, top * ratio, width * ratio / cols,
                                                 height * ratio / rows)

    def quit(self) -> None:
        self.driver.quit()


def ink(image, cells: tuple[float, float, float, float], row: int, first: int, last: int) -> int:
    """How many pixels of the cells ``first..last`` of ``row`` differ from those cells' background."""
    left, top, width, height = cells
    crop = image.crop((round(left + first * width), round(top + row * height),
                       round(left + (last + 1) * width), round(top + (row + 1) * height)))
    colours = crop.getcolors(crop.width * crop.height)
    _, background = max(colours)
    return sum(n for n, colour in colours if sum(abs(a - b) for a, b in zip(colour, background, strict=True)) > 60)


@pytest.fixture
def page(server: Server, tmp_path):
    opened = Page(server.url, tmp_path / "profile")
    try:
        yield opened
    finally:
        opened.quit()


def test_a_whole_call_in_chromium(page: Page, server: Server, tmp_path):
    from selenium.webdriver.common.keys import Keys

    page.wait_for("Frightened man in the public library")
    page.keys(Keys.ENTER)  # a call needs a name first
    page.wait_for("Type your name first")
    assert "Briefing" not in page.terminal.text()  # type: ignore[union-attr]
    page.enter("Kim Lee")
    page.wait_for("Training as Kim Lee")
    page.keys("psychosis")
    page.wait_for("Shouting match", gone=True)
    page.keys(Keys.ENTER)
    page.wait_for("Press Enter to start")
    page.keys(Keys.ENTER)
    page.wait_for("Say something to Marcus")
    [path] = (tmp_path / "transcripts").rglob("*.jsonl")
    assert path.parent.name.startswith("Kim-Lee")
    for turn, reply in enumerate(REPLIES, start=1):
        page.enter(reply)
        page.wait_for(f"Turn {turn} of")
        answer = [e for e in read_transcript(path).events if e.event == "subject"][-1]
        assert answer.turn == turn
        # the subject's answer, as the server saved it, is on the recruit's screen
        screen = page.wait_for(f"Marcus: {answer.text}", flowing=True)
        assert words(f"You: {reply}") in screen.flowing()

    # the screenshot shows the chat: the answer's rows are painted, the chat's empty rows are not
    image, cells = page.screenshot(tmp_path / "chat.png")
    assert image.size[0] >= 1000 and image.size[1] >= 600
    rows = screen.rows
    start = words(answer.text)[:30]
    [answer_row] = [i for i, row in enumerate(rows) if f"Marcus: {start[:20]}" in row]
    first, last = rows[answer_row].index("│") + 2, rows[answer_row].index("│", 2) - 2
    blank = [i for i, row in enumerate(rows) if row.startswith("│") and not row[1:last + 1].strip()]
    assert blank, "\n".join(rows)
    assert ink(image, cells, answer_row, first, last) > 200
    assert all(ink(image, cells, i, first, last) == 0 for i in blank)

    page.enter("/end")
    page.wait_for("Outcome:")
    page.wait_for("Debrief")
    saved = read_transcript(path)
    assert saved.header.trainee == "Kim Lee" and saved.trainee_lines == REPLIES
    assert saved.ended is not None and saved.ended.reason == "ended by trainee"
    page.wait_for(f"ended by trainee after {len(REPLIES)} turns", flowing=True)
