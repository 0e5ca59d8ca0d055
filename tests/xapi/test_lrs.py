"""A real LRS (issue 14, points 3 and 4): Ralph on loopback receives the statements of played
sessions, which are read back through the xAPI API by registration, agent, verb and activity;
a second sync sends nothing; an LRS stopped mid-sync and started again ends with every statement
stored exactly once; a conflict and wrong credentials are reported, never lost."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main
from simulator.settings import Paths
from simulator.xapi.lrs import Lrs
from simulator.xapi.outbox import Outbox, outbox_path
from simulator.xapi.replayed import statements_of_file
from simulator.xapi.statements import ADL, EXT
from simulator.xapi.sync import Sender, sync_after_call, sync_files
from tests.xapi.conftest import RUBRICS, SCENARIOS, play
from tests.xapi.lrs_server import PASSWORD, USER

# One test process runs these, one after another, against one Ralph (started once per session).
pytestmark = pytest.mark.xdist_group("ralph")


def expected(path: Path) -> list[dict]:
    from simulator.scoring import load_rubrics

    return statements_of_file(path, SCENARIOS, load_rubrics(RUBRICS))[0]


def stored(lrs: Lrs, path: Path) -> list[dict]:
    """What the LRS holds of this session (by its registration)."""
    return lrs.query(registration=expected(path)[0]["context"]["registration"])


def sync(lrs: Lrs, *paths: Path, key: str = USER, secret: str = PASSWORD):
    return CliRunner().invoke(main, ["sync", *(str(p) for p in paths), "--lrs", lrs.endpoint, "--key", key,
                                     "--secret", secret, "--retries", "1", "--backoff", "0.1"])


def test_a_synced_session_reads_back_whole_from_the_lrs_and_a_second_sync_sends_nothing(lrs, tmp_path):
    path = play(tmp_path, "1a5e0001", trainee="ana")
    want = expected(path)
    first = sync(lrs, tmp_path)
    assert first.exit_code == 0, first.output
    assert f"Sent {len(want)} statements from 1 session" in first.stdout
    got = stored(lrs, path)
    assert sorted(s["id"] for s in got) == sorted(s["id"] for s in want)
    assert Counter(s["verb"]["id"] for s in got) == Counter(s["verb"]["id"] for s in want)
    for s in got:  # what the LRS added (stored, authority) aside, each is what was sent
        mine = next(w for w in want if w["id"] == s["id"])
        assert {k: s[k] for k in mine} == mine and "stored" in s and "authority" in s
    # Read back by the xAPI filters an instructor's report would use.
    agent = json.dumps({"objectType": "Agent", "account": want[0]["actor"]["account"]})
    assert len(lrs.query(agent=agent)) == len(want)
    passed = lrs.query(agent=agent, verb=ADL + "passed")
    failed = lrs.query(agent=agent, verb=ADL + "failed")
    scores = {s["object"]["id"]: s["result"]["score"]["scaled"] for s in passed + failed}
    assert scores == {w["object"]["id"]: w["result"]["score"]["scaled"] for w in want if "score" in w.get("result", {})}
    assert len(scores) == 4 and all(0 <= v <= 1 for v in scores.values())
    scenario = want[0]["object"]["id"]
    assert len(lrs.query(agent=agent, activity=scenario)) == sum(1 for w in want if w["object"]["id"] == scenario)
    second = sync(lrs, tmp_path)
    assert second.exit_code == 0 and "Nothing new to send" in second.stdout
    assert len(stored(lrs, path)) == len(want)


def test_a_crash_after_the_lrs_stored_a_batch_sends_it_again_and_the_lrs_keeps_one(lrs, tmp_path):
    path = play(tmp_path, "1a5e0002")
    assert sync(lrs, path).exit_code == 0
    box = outbox_path(path)
    box.write_text("".join(line + "\n" for line in box.read_text(encoding="utf-8").splitlines()
                           if '"sent"' not in line), encoding="utf-8")  # the acknowledgement never written
    again = sync(lrs, path)
    assert again.exit_code == 0 and f"Sent {len(expected(path))} statements" in again.stdout
    assert len(stored(lrs, path)) == len(expected(path))


def test_the_lrs_stopped_mid_sync_then_started_again_gets_every_statement_exactly_once(ralph, lrs, tmp_path):
    paths = [play(tmp_path, "1a5e0003"), play(tmp_path, "1a5e0004", walkthrough="commanding")]
    total = sum(len(expected(p)) for p in paths)
    sender = Sender(lrs, retries=1, backoff=0.05)

    def stop_after_first(_):
        ralph.stop()

    report = sync_files(paths, sender, scenarios=SCENARIOS, rubrics=_rubrics(), batch=5, on_batch=stop_after_first)
    assert report.sent == 5 and "does not answer" in report.stopped
    assert report.waiting == total - 5 and not report.ok
    assert sum(len(Outbox.read(p).pending) for p in paths) == total - 5
    ralph.start()
    assert sum(len(stored(lrs, p)) for p in paths) == 5
    report = sync_files(paths, sender, scenarios=SCENARIOS, rubrics=_rubrics(), batch=5)
    assert report.ok and report.sent == total - 5 and report.waiting == 0
    for p in paths:
        ids = [s["id"] for s in stored(lrs, p)]
        assert len(ids) == len(set(ids)) == len(expected(p))
    assert sync_files(paths, sender, scenarios=SCENARIOS, rubrics=_rubrics()).sent == 0


def test_a_different_statement_under_one_of_our_ids_is_rejected_and_the_rest_sent(lrs, tmp_path):
    path = play(tmp_path, "1a5e0005")
    want = expected(path)
    impostor = {**want[3], "result": {"response": "not what the trainee said"}}
    assert lrs.put(impostor).status == 204
    result = sync(lrs, path)
    assert result.exit_code == 1
    assert f"statement {want[3]['id']} rejected: the LRS holds a different statement with this id" in result.stderr
    assert f"{len(want) - 1} statements sent, 1 rejected" in result.stdout
    assert len(stored(lrs, path)) == len(want)
    assert sync(lrs, path).exit_code == 0  # rejected once, reported, not sent again


def test_wrong_credentials_stop_the_sync_and_nothing_is_marked_sent(lrs, tmp_path):
    path = play(tmp_path, "1a5e0006")
    result = sync(lrs, path, secret="wrong")
    assert result.exit_code == 1 and "refused the credentials (401" in result.stderr
    assert Outbox.read(path).sent == set() and stored(lrs, path) == []


def test_the_end_of_a_call_sends_its_statements_when_an_lrs_is_configured(lrs, tmp_path, monkeypatch):
    path = play(tmp_path, "1a5e0007")
    where = Paths(scenarios=SCENARIOS, rubrics=RUBRICS, transcripts=tmp_path)
    assert sync_after_call(path, where) is None  # no LRS configured: nothing queued, nothing sent
    assert not Outbox.read(path).queued
    monkeypatch.setenv("TALKDOWN_LRS_URL", lrs.endpoint)
    monkeypatch.setenv("TALKDOWN_LRS_KEY", USER)
    monkeypatch.setenv("TALKDOWN_LRS_SECRET", PASSWORD)
    monkeypatch.setenv("TALKDOWN_XAPI_HOME_PAGE", "https://academy.example/lms")
    report = sync_after_call(path, where)
    assert report is not None and report.ok and report.sent == len(expected(path))
    got = stored(lrs, path)
    assert {s["actor"]["account"]["homePage"] for s in got} == {"https://academy.example/lms"}
    assert {s["context"]["extensions"][EXT + "session"] for s in got} == {"1a5e0007"}


def _rubrics():
    from simulator.scoring import load_rubrics

    return load_rubrics(RUBRICS)


async def test_a_call_played_in_the_app_arrives_in_the_lrs_when_it_ends(lrs, tmp_path, monkeypatch):
    from simulator.tui.app import make_app
    from simulator.tui.screens.debrief import DebriefScreen
    from simulator.tui.screens.play import PlayScreen
    from tests.tui.conftest import wait_for
    from tests.tui.test_flow import say

    for name, value in (("URL", lrs.endpoint), ("KEY", USER), ("SECRET", PASSWORD)):
        monkeypatch.setenv(f"TALKDOWN_LRS_{name}", value)
    monkeypatch.setenv("TALKDOWN_CONFIG_DIR", str(tmp_path / "config"))
    from simulator.scenario import load_scenario

    app = make_app(paths=Paths(scenarios=SCENARIOS, rubrics=RUBRICS, transcripts=tmp_path / "transcripts"),
                   scenario=load_scenario(SCENARIOS / "library-psychosis.yaml"), trainee="Lee", seed=1,
                   session_ids=lambda: "1a5e0008", cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, PlayScreen)
        await say(pilot, "You sound really scared.")
        await say(pilot, "/end")
        await wait_for(pilot, DebriefScreen)  # and the app's workers done, the LRS's among them
    (path,) = sorted((tmp_path / "transcripts").rglob("*.jsonl"))
    got = stored(lrs, path)
    assert sorted(s["id"] for s in got) == sorted(s["id"] for s in expected(path))
    assert {s["verb"]["display"]["en-US"] for s in got} >= {"launched", "responded", "completed"}
    assert Outbox.read(path).pending == []
