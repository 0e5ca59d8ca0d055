"""The HTML exports in a real browser (Debian's chromium, headless): the page a browser builds from
each export holds the dialogue, the chart and the notes, and what a trainee typed stays text — no
element of it is ever created. Skipped, with the reason, where chromium is not installed
(`apt-get install chromium`)."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main
from simulator.transcripts.notes import add_note

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
RECORDED = ROOT / "tests" / "data" / "replay" / "transcripts" / "dynamic"
HOSTILE = "<script>document.title='PWNED'</script><img src=x onerror=alert(2)>"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install "
                                                          "chromium)")

#: flags for a headless chromium on a closed network (no first-run, no background connections)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Dom(HTMLParser):
    """The elements and the text of the page chromium built."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, int] = {}
        self.text: list[str] = []
        self.titles: list[str] = []
        """The page's title first, then the chart's tooltips."""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self._in_title = tag == "title"
        if self._in_title:
            self.titles.append("")

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_title:
            self.titles[-1] += data

    @property
    def plain(self) -> str:
        return " ".join(" ".join(self.text).split())


def browse(page: Path, tmp_path: Path) -> Dom:
    """The DOM chromium builds from ``page`` (scripts allowed to run, as a reader's browser would)."""
    assert CHROMIUM is not None
    result = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=2000",
                             "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    dom = Dom()
    dom.feed(result.stdout)
    return dom


def hostile_copy(src: Path, folder: Path, typed: str) -> Path:
    """A real session whose first reply (and trainee name) carry markup and script."""
    folder.mkdir(parents=True, exist_ok=True)
    events = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines()]
    events[0]["trainee"] = "Lee " + HOSTILE
    first = next(e for e in events if e["event"] == "analysis")
    first["text"] = first["text"] + " " + typed
    path = folder / src.name
    path.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    return path


def run(*args: str) -> None:
    result = CliRunner().invoke(main, list(args), env={"TALKDOWN_SCENARIOS": str(ROOT / "scenarios"),
                                                       "TALKDOWN_RUBRICS": str(ROOT / "rubrics")})
    assert result.exit_code == 0, result.output


@pytest.fixture
def attempts(tmp_path, monkeypatch) -> tuple[Path, Path]:
    monkeypatch.setenv("TALKDOWN_CACHE_DIR", str(tmp_path / "cache"))
    first, second = sorted(RECORDED.glob("*domestic-dispute*.jsonl"))[:2]
    a = hostile_copy(first, tmp_path / "t" / "lee", HOSTILE)
    b = hostile_copy(second, tmp_path / "t" / "lee", "**bold** and <b>tags</b>")
    add_note(a, turn=2, tag="concern", text="Note " + HOSTILE, author="Sgt <i>Rivera</i>")
    return a, b


def assert_nothing_typed_became_an_element(dom: Dom) -> None:
    assert dom.tags.get("script", 0) == 0 and dom.tags.get("img", 0) == 0
    assert dom.titles and dom.titles[0] != "PWNED"  # no script ran to retitle the page
    assert HOSTILE in dom.plain  # shown as the characters typed


def test_a_debrief_page_in_chromium_shows_dialogue_chart_and_notes_as_text(attempts, tmp_path):
    a, _ = attempts
    page = tmp_path / "debrief.html"
    run("export", str(a), "--format", "html", "-o", str(page))
    dom = browse(page, tmp_path)
    assert_nothing_typed_became_an_element(dom)
    assert dom.tags.get("svg") == 1 and dom.tags.get("polyline") == 1
    assert "Instructor notes" in dom.plain and "Note " + HOSTILE in dom.plain and "Sgt <i>Rivera</i>" in dom.plain
    assert "Dialogue" in dom.plain and "Tanya" in dom.plain
    # and it renders: a screenshot of the page is a real picture
    shot = tmp_path / "debrief.png"
    assert CHROMIUM is not None
    subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile2'}", f"--screenshot={shot}",
                    "--window-size=1000,1400", page.as_uri()], capture_output=True, timeout=120, check=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_a_comparison_page_in_chromium_draws_both_curves_on_one_chart(attempts, tmp_path):
    a, b = attempts
    page = tmp_path / "compare.html"
    run("compare", str(a), str(b), "--format", "html", "-o", str(page))
    dom = browse(page, tmp_path)
    assert_nothing_typed_became_an_element(dom)
    assert dom.tags.get("svg") == 1 and dom.tags.get("polyline") == 2
    assert "**bold** and <b>tags</b>" in dom.plain and dom.tags.get("b", 0) == 0


def test_a_report_page_in_chromium_names_trainees_as_text(attempts, tmp_path):
    page = tmp_path / "report.html"
    run("report", str(tmp_path / "t"), "--format", "html", "-o", str(page))
    dom = browse(page, tmp_path)
    assert_nothing_typed_became_an_element(dom)
    assert dom.tags.get("svg", 0) >= 1
    assert "domestic-dispute" in dom.plain
