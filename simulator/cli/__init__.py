"""The `talkdown` command. Bad input: a one-paragraph message and exit status 2.

Each command lives in a module of this package named for what it is about; the group
imports a command's module only when that command runs (or its help is shown), so
`talkdown --help` and `talkdown analyze --jsonl` do not pay for the app or scoring.
"""

from __future__ import annotations

import importlib

import click

from simulator import __version__

#: command name -> (module, function)
COMMANDS: dict[str, tuple[str, str]] = {
    "play": ("simulator.cli.session", "play"),
    "run": ("simulator.cli.session", "run"),
    "check": ("simulator.cli.authoring", "check"),
    "test": ("simulator.cli.authoring", "test"),
    "graph": ("simulator.cli.authoring", "graph"),
    "new": ("simulator.cli.authoring", "new"),
    "schema": ("simulator.cli.authoring", "schema"),
    "codes": ("simulator.cli.authoring", "codes"),
    "analyze": ("simulator.cli.language", "analyze_command"),
    "score": ("simulator.cli.debrief", "score_command"),
    "export": ("simulator.cli.debrief", "export_command"),
    "compare": ("simulator.cli.compare", "compare_command"),
    "annotate": ("simulator.cli.notes", "annotate_command"),
    "report": ("simulator.cli.report", "report_command"),
    "plan": ("simulator.cli.plan", "plan_command"),
    "sync": ("simulator.cli.sync", "sync_command"),
    "serve": ("simulator.cli.serve", "serve_command"),
}
#: One line each for `talkdown --help`, so listing the commands imports none of them.
SUMMARIES: dict[str, str] = {
    "play": "Open the app (straight into SCENARIO's briefing if given).",
    "run": "A headless session on standard input and output.",
    "check": "Validate and lint scenarios and rubrics.",
    "test": "Run the scenarios' scripted walkthroughs.",
    "graph": "Print the phase graph of SCENARIO.",
    "new": "Scaffold a new scenario file to fill in.",
    "schema": "Print the JSON Schema of scenario (or rubric) files.",
    "codes": "List the error and warning codes, or explain one.",
    "analyze": "Show which de-escalation techniques a reply uses.",
    "score": "(Re)score transcripts against the current rubrics.",
    "export": "Export a transcript's debrief, or its xAPI statements.",
    "compare": "Two attempts side by side: scores, curves, dialogue by phase (Markdown or HTML).",
    "annotate": "Add an instructor's note on a turn of a transcript, or list its notes.",
    "report": "Progress per trainee and the cohort's weak spots (Markdown, HTML or CSV).",
    "plan": "Which scenarios to drill first, from call counts and the cohort's results.",
    "sync": "Send sessions' xAPI statements to a Learning Record Store (what it has not acknowledged yet).",
    "serve": "Class mode: the app in each recruit's browser, transcripts on this server.",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr = COMMANDS[name]
        command = getattr(importlib.import_module(module), attr)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, SUMMARIES[name]) for name in self.list_commands(ctx)])


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="talkdown")
@click.option("--scenarios", type=click.Path(file_okay=False), default=None,
              help="Scenario folder [default: $TALKDOWN_SCENARIOS or scenarios/].")
@click.option("--rubrics", type=click.Path(), default=None,
              help="Rubric folder [default: $TALKDOWN_RUBRICS, or rubrics/ beside the scenarios].")
@click.option("--transcripts", type=click.Path(file_okay=False), default=None,
              help="Where sessions are saved [default: $TALKDOWN_TRANSCRIPTS or transcripts/].")
@click.option("--config-dir", type=click.Path(file_okay=False), default=None,
              help="Remembered choices [default: $TALKDOWN_CONFIG_DIR or ~/.config/talkdown].")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Remembered scores and compiled phrase banks, safe to delete [default: $TALKDOWN_CACHE_DIR or "
                   "~/.cache/talkdown].")
@click.pass_context
def main(ctx: click.Context, **_paths: str | None) -> None:
    """Talkdown: practise verbal de-escalation against scripted role-players.

    With no command, opens the app.
    """
    if _paths.get("cache_dir"):
        from simulator.settings import use_cache_dir
        use_cache_dir(str(_paths["cache_dir"]))
    if ctx.invoked_subcommand is None:
        command = ctx.command.get_command(ctx, "play")  # type: ignore[attr-defined]
        ctx.invoke(command)


if __name__ == "__main__":  # pragma: no cover
    main()
