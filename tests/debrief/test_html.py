"""`talkdown export --format html` (issue 13, point 5): one self-contained, printable page built by
a template engine with auto-escaping; the dialogue, the scores, the curve as SVG, the notes; every
trainee-typed string shown as text, never as markup."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main
from simulator.transcripts.notes import add_note

ROOT = Path(__file__).resolve().parents[2]
SOURCE = sorted((ROOT / "tests/data/replay/transcripts/odd").glob("*library-psychosis*.jsonl"))[0]
HOSTILE = "<script>alert(1)</script> & <img src=x onerror=alert(2)>"


class Tags(HTMLParser):
    VOID = {"meta", "br", "circle", "line", "polyline", "img"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.seen: dict[str, int] = {}
        self.balanced = True

    def handle_starttag(self, tag, attrs):
        self.seen[tag] = self.seen.get(tag, 0) + 1
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.open or self.open.pop() != tag:
            self.balanced = False


@pytest.fixture
def exported(tmp_path) -> str:
    path = tmp_path / SOURCE.name
    events = [json.loads(line) for line in SOURCE.read_text(encoding="utf-8").splitlines()]
    events[0]["trainee"] = "Lee " + HOSTILE
    for e in events:
        if e["event"] == "analysis":
            e["text"] = e["text"] + " " + HOSTILE  # what the trainee typed, hostile
            break
    path.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    add_note(path, turn=1, tag="concern", text="Watch this: " + HOSTILE, author="Sgt <b>Ruiz</b>")
    out = tmp_path / "debrief.html"
    result = CliRunner().invoke(main, ["export", str(path), "--format", "html", "-o", str(out)],
                                env={"TALKDOWN_SCENARIOS": str(ROOT / "scenarios"),
                                     "TALKDOWN_RUBRICS": str(ROOT / "rubrics")})
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_everything_typed_is_escaped_and_nothing_runs(exported):
    assert "<script" not in exported and "onerror=" not in exported.replace("onerror=alert(2)&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;" in exported
    assert "Sgt &lt;b&gt;Ruiz&lt;/b&gt;" in exported


def test_the_page_is_whole_self_contained_and_printable(exported):
    tags = Tags()
    tags.feed(exported)
    assert tags.balanced and tags.open == []
    assert "http://" not in exported.replace("http://www.w3.org", "") and "<link" not in exported  # nothing fetched
    assert "@media print" in exported
    assert tags.seen.get("svg") == 1 and tags.seen.get("polyline") == 1 and tags.seen.get("circle", 0) >= 3


def test_the_page_holds_the_dialogue_scores_notes_and_cues(exported):
    for heading in ("Outcome", "Instructor notes", "Scores", "Agitation", "Dialogue", "Cues"):
        assert f"<h2>{heading}</h2>" in exported
    assert "<strong>You:</strong>" in exported and "<strong>Marcus:</strong>" in exported
    assert "Active listening" in exported and ("PASS" in exported or "FAIL" in exported)
    assert 'class="tag">concern</span>, turn 1' in exported


def test_the_chart_has_a_point_per_turn(tmp_path):
    path = tmp_path / SOURCE.name
    shutil.copy2(SOURCE, path)
    result = CliRunner().invoke(main, ["export", str(path), "--format", "html"],
                                env={"TALKDOWN_SCENARIOS": str(ROOT / "scenarios"),
                                     "TALKDOWN_RUBRICS": str(ROOT / "rubrics")})
    points = result.output.split('<polyline class="line" points="', 1)[1].split('"', 1)[0].split()
    turns = 1 + max(e["turn"] for e in map(json.loads, SOURCE.read_text(encoding="utf-8").splitlines())
                    if e["event"] == "subject")
    assert len(points) >= turns - 1 and all(0 <= float(p.split(",")[1]) <= 180 for p in points)


def test_a_folder_exports_one_file_each_and_an_index_and_names_what_it_skipped(tmp_path):
    folder = tmp_path / "t"
    shutil.copytree(ROOT / "tests/data/replay/transcripts/dynamic", folder / "dynamic")
    (folder / "dynamic" / "not-a-session.jsonl").write_text("hello\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", str(folder), "--format", "html", "-o", str(out)],
                                env={"TALKDOWN_SCENARIOS": str(ROOT / "scenarios"),
                                     "TALKDOWN_RUBRICS": str(ROOT / "rubrics")})
    sessions = len(list((ROOT / "tests/data/replay/transcripts/dynamic").glob("*.jsonl")))
    assert result.exit_code == 2 and "not-a-session.jsonl" in result.stderr
    assert f"{sessions} debriefs and an index written" in result.output and "1 transcript skipped" in result.output
    pages = sorted(p.name for p in out.glob("dynamic--*.html"))
    assert len(pages) == sessions >= 6
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{name}"' in index for name in pages)
    again = CliRunner().invoke(main, ["export", str(folder)], env={"TALKDOWN_SCENARIOS": str(ROOT / "scenarios")})
    assert again.exit_code == 2 and "-o DIR" in again.output
