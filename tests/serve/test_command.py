"""`talkdown serve` before it serves: loopback unless told otherwise (and then a warning that there
is no authentication), folders checked, a busy port refused in one paragraph with exit status 2,
and the command each browser's session runs."""

from __future__ import annotations

import shlex
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main
from simulator.settings import Paths
from simulator.tui import serve as serving

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def served(monkeypatch) -> list[dict]:
    """What `serve` was asked to do (nothing is served)."""
    calls: list[dict] = []
    monkeypatch.setattr(serving, "serve", lambda paths, **kw: calls.append({"paths": paths, **kw}))
    return calls


def invoke(*args: str, tmp_path: Path):
    return CliRunner().invoke(main, ["--scenarios", str(ROOT / "scenarios"), "serve", *args,
                                     "--transcripts", str(tmp_path / "t")])


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "talkdown.academy.example"])
def test_a_host_other_than_loopback_is_refused_without_allow_remote(host, served, tmp_path):
    result = invoke("--host", host, tmp_path=tmp_path)
    assert result.exit_code == 2
    assert result.output.startswith(f"--host {host}: not a loopback address")
    assert "no authentication" in result.output and "--allow-remote" in result.output
    assert served == [] and not (tmp_path / "t").exists()


def test_allow_remote_serves_there_with_a_warning_that_there_is_no_authentication(served, tmp_path):
    result = invoke("--host", "192.168.1.20", "--port", "8123", "--allow-remote", tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    [warning] = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert "no authentication" in warning and "http://192.168.1.20:8123" in warning and "gateway" in warning
    assert "each recruit opens http://192.168.1.20:8123 in a browser" in result.stdout
    [call] = served
    assert (call["host"], call["port"], call["public_url"]) == ("192.168.1.20", 8123, None)
    assert call["paths"].transcripts == tmp_path / "t" and (tmp_path / "t").is_dir()


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_every_address_needs_the_address_browsers_open(host, served, tmp_path):
    result = invoke("--host", host, "--allow-remote", tmp_path=tmp_path)
    assert result.exit_code == 2
    assert result.output.startswith(f"--host {host} listens on every address of this machine")
    assert "--public-url" in result.output and served == []
    result = invoke("--host", host, "--allow-remote", "--public-url", "https://talkdown.academy.example",
                    tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    assert "https://talkdown.academy.example can play" in result.stderr
    assert [(c["host"], c["public_url"]) for c in served] == [(host, "https://talkdown.academy.example")]


@pytest.mark.parametrize("host", ["127.0.0.1", "127.3.2.1", "localhost", "::1"])
def test_loopback_hosts_serve_without_a_warning(host, served, tmp_path):
    result = invoke("--host", host, tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.stderr
    assert [c["host"] for c in served] == [host]


def test_the_default_is_loopback_port_8000_and_says_where_recruits_go(served, tmp_path):
    result = invoke(tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    assert [(c["host"], c["port"], c["public_url"]) for c in served] == [("127.0.0.1", 8000, None)]
    assert "each recruit opens http://127.0.0.1:8000 in a browser" in result.stdout
    assert str((tmp_path / "t").resolve()) in result.stdout


def test_a_public_url_is_what_recruits_are_told_to_open(served, tmp_path):
    result = invoke("--public-url", "https://talkdown.academy.example", tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    assert "opens https://talkdown.academy.example in a browser" in result.stdout
    assert served[0]["public_url"] == "https://talkdown.academy.example"


def test_no_scenarios_or_an_unusable_transcripts_folder_stop_before_serving(served, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["--scenarios", str(empty), "serve", "--transcripts", str(tmp_path / "t")])
    assert result.exit_code == 2 and result.output.startswith(f"No scenarios found in '{empty}'")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    result = CliRunner().invoke(main, ["--scenarios", str(ROOT / "scenarios"), "serve", "--transcripts",
                                       str(blocked / "t")])
    assert result.exit_code == 2
    assert result.output.startswith(f"{blocked / 't'}: the transcripts folder cannot be created")
    assert served == []


def test_a_port_in_use_is_refused_in_one_paragraph(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "simulator", "serve", "--port", str(port), "--transcripts",
                               str(tmp_path / "t")], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"Cannot listen on 127.0.0.1 port {port}: Address already in use. Choose another --port, or stop what "
        "is using it."]


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.255.0.9", True), ("::1", True), ("[::1]", True), ("LOCALHOST", True),
    ("0.0.0.0", False), ("::", False), ("10.0.0.5", False), ("example.org", False), ("", False)])
def test_is_loopback(host, loopback):
    assert serving.is_loopback(host) is loopback


def test_an_ipv6_address_is_bracketed_in_the_url():
    assert serving.default_url("::1", 8000) == "http://[::1]:8000"
    assert serving.default_url("127.0.0.1", 80) == "http://127.0.0.1:80"


def test_each_session_runs_the_app_with_the_servers_folders_quoted_for_the_shell(tmp_path):
    odd = tmp_path / "it's a $HOME; folder"
    where = Paths(scenarios=ROOT / "scenarios", rubrics=ROOT / "rubrics", transcripts=odd, cache_dir=odd / "c",
                  config_dir=tmp_path / "not-shared")
    words = shlex.split(serving.session_command(where))
    assert words[:4] == ["exec", sys.executable, "-m", "simulator.tui.serve"]
    given = dict(zip(words[4::2], words[5::2], strict=True))
    assert given == {"--scenarios": str(ROOT / "scenarios"), "--rubrics": str(ROOT / "rubrics"),
                     "--transcripts": str(odd), "--cache-dir": str(odd / "c")}
