"""`talkdown serve` with recruits connected the way the browser's page connects (textual-serve's
websocket protocol, the screen kept by a terminal emulator): it listens on loopback only, each
connection is a session of its own, a call needs a trainee name, transcripts land in the server's
folder per trainee, and stopping the server saves a call in progress as abandoned."""

from __future__ import annotations

import asyncio
from pathlib import Path

from simulator.transcripts import read_transcript
from simulator.transcripts.store import safe_trainee_name

from .client import Recruit, Server

REPLY = "Hi Marcus, I'm officer Lee. You sound really scared."


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in (Path("/proc/net/tcp"), Path("/proc/net/tcp6")):
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


async def open_call(recruit: Recruit, name: str) -> None:
    """From the library to the first line of the call: the name, the scenario, its briefing."""
    await recruit.open()
    await recruit.wait_for("Frightened man")
    assert "Trainee ▊  your name " in recruit.terminal.text()  # an empty name box: each session is new
    await recruit.press("enter")  # no name yet: the app asks for it and puts the cursor in its box
    await recruit.wait_for("Type your name first")
    await recruit.enter(name)
    await recruit.wait_for(f"Training as {name}")
    await recruit.type("psychosis")
    await recruit.wait_for("Shouting match", gone=True)
    await recruit.press("enter")
    await recruit.wait_for("Press Enter to start")
    await recruit.press("enter")
    await recruit.wait_for("Say something to")


def transcripts_of(server_folder: Path, name: str) -> list[Path]:
    return sorted((server_folder / safe_trainee_name(name)).glob("*.jsonl"))


def test_it_listens_on_loopback_only(server: Server):
    assert listening_addresses(server.port) == {"0100007F"}  # 127.0.0.1, and nothing else


async def test_a_call_needs_a_trainee_name(server: Server, tmp_path):
    recruit = Recruit(server.url)
    try:
        await recruit.open()
        await recruit.wait_for("Frightened man")
        await recruit.press("enter")
        await recruit.wait_for("Type your name first")
        await asyncio.sleep(0.5)
        assert "Briefing" not in recruit.terminal.text()
        assert "Scenario library" in recruit.terminal.text()
    finally:
        await recruit.close()
    assert not list((tmp_path / "transcripts").rglob("*.jsonl"))


async def test_two_browsers_are_two_sessions_saving_per_trainee(server: Server, tmp_path):
    kim, ana = Recruit(server.url), Recruit(server.url)
    try:
        await open_call(kim, "Kim Lee")
        await open_call(ana, "Ana Ruiz")  # while Kim's call goes on; her name box is empty all the same
        await kim.enter(REPLY)
        await ana.enter("What's your name?")
        await kim.wait_for(f"You: {REPLY}", flowing=True)
        await ana.wait_for("You: What's your name?", flowing=True)
        await kim.wait_for("Turn 1 of")
        await ana.wait_for("Turn 1 of")
        [kims] = transcripts_of(tmp_path / "transcripts", "Kim Lee")
        [anas] = transcripts_of(tmp_path / "transcripts", "Ana Ruiz")
        for path, name, said, recruit in ((kims, "Kim Lee", REPLY, kim), (anas, "Ana Ruiz", "What's your name?", ana)):
            saved = read_transcript(path)  # flushed every turn: complete while the call goes on
            assert saved.header.trainee == name
            assert saved.trainee_lines == [said]
            answer = [e for e in saved.events if e.event == "subject"][-1]
            assert answer.turn == 1
            await recruit.wait_for(answer.text, flowing=True)  # what the server saved is what the recruit sees
    finally:
        await kim.close()
        await ana.close()


async def test_stopping_the_server_saves_the_call_in_progress_as_abandoned(server: Server, tmp_path):
    recruit = Recruit(server.url)
    try:
        await open_call(recruit, "Kim Lee")
        await recruit.enter(REPLY)
        await recruit.wait_for("Turn 1 of")
        status = await asyncio.get_running_loop().run_in_executor(None, server.stop)
        assert status == 0
    finally:
        await recruit.close()
    [path] = transcripts_of(tmp_path / "transcripts", "Kim Lee")
    saved = read_transcript(path)
    assert not saved.truncated
    ended = saved.events[-1]
    assert (ended.event, ended.outcome, ended.reason) == ("ended", "abandoned", "stopped by SIGTERM")
    assert saved.trainee_lines == [REPLY]
