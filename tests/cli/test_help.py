"""`talkdown --help` lists every command without importing any command's implementation."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from simulator.cli import COMMANDS, main


def test_help_lists_every_command_and_imports_none_of_them():
    code = ("import sys\nfrom simulator.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('simulator')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    help_text, loaded = out.rsplit("\n", 2)[0], out.strip().splitlines()[-1]
    assert loaded == "['simulator', 'simulator.cli']"
    for name in COMMANDS:
        assert f"\n  {name} " in help_text


def test_every_command_has_its_own_help():
    for name in COMMANDS:
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and f"Usage: main {name}" in result.output, name
