"""`talkdown analyze`: techniques, spans and default effects of a reply (or many, as JSONL)."""

from __future__ import annotations

import json
import sys
from typing import NoReturn

import click

from simulator.language.analyzer import Analyzer
from simulator.language.techniques import TECHNIQUES
from simulator.problems import DataFileError


def _fail(message: str) -> NoReturn:
    click.echo(f"talkdown analyze: {message}", err=True)
    sys.exit(2)


def _jsonl(analyzer: Analyzer, stdin, stdout) -> None:
    """One result a line, in input order. Each answer is flushed before the next line is
    read, so a program can send a reply and wait for its analysis; output written before
    a bad line is kept."""
    for n, line in iter_lines(stdin):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            _fail(f"line {n} of the input is not JSON ({exc.msg}). Each line must be an object "
                  'like {"utterance": "...", "context": "..."}.')
        except RecursionError:
            _fail(f"line {n} of the input is nested too deeply to be a reply. Each line must be an object "
                  'like {"utterance": "...", "context": "..."}.')
        if not isinstance(row, dict) or not isinstance(row.get("utterance"), str):
            _fail(f'line {n} of the input has no string "utterance". Each line must be an object '
                  'like {"utterance": "...", "context": "..."}.')
        ctx = row.get("context")
        if ctx is not None and not isinstance(ctx, str):
            _fail(f'line {n} of the input has a "context" that is not a string.')
        a = analyzer.analyze(row["utterance"], ctx)
        stdout.write(json.dumps({"techniques": list(a.techniques), "spans": a.spans,
                                 "agitation_delta": a.agitation_delta,
                                 "rapport_delta": a.rapport_delta, "grounding": a.grounding}) + "\n")
        stdout.flush()


def iter_lines(stream):
    """Numbered lines as they arrive (``for line in stream`` may read ahead and wait)."""
    n = 0
    while True:
        line = stream.readline()
        if not line:
            return
        n += 1
        yield n, line


@click.command("analyze")
@click.argument("text", required=False)
@click.option("--context", default=None, metavar="TEXT",
              help="The subject's previous line (for paraphrase, mirroring and summary).")
@click.option("--jsonl", is_flag=True,
              help='Read {"utterance", "context"} objects, one a line, from stdin; write one result a line.')
@click.option("--banks", "bank_files", multiple=True, type=click.Path(dir_okay=False),
              help="A user phrase-bank file (YAML) that extends the built-in banks. Repeatable.")
def analyze_command(text: str | None, context: str | None, jsonl: bool, bank_files: tuple[str, ...]) -> None:
    """Show which de-escalation techniques TEXT uses, where, and their default effect."""
    try:
        analyzer = Analyzer(bank_files=bank_files) if bank_files else Analyzer()
    except DataFileError as exc:
        _fail("the bank file cannot be used:\n" + "\n".join(p.format() for p in exc.problems))
    except ValueError as exc:
        _fail(str(exc))
    if jsonl:
        if text is not None or context is not None:
            _fail("--jsonl reads the replies from stdin; give no TEXT or --context with it.")
        _jsonl(analyzer, sys.stdin, sys.stdout)
        return
    if text is None:
        _fail('give the reply to analyse, e.g. talkdown analyze "Tell me what happened", '
              "or use --jsonl to read many from stdin.")
    a = analyzer.analyze(text, context)
    if not a.detections:
        click.echo("No technique found.")
    for d in a.detections:
        info = TECHNIQUES[d.technique]
        grounded = "" if d.grounding is None else f"  grounding {d.grounding:.2f}"
        click.echo(f"{d.technique:<20} [{d.start:>3}, {d.end:>3}]  {d.text!r}  ({info.polarity}){grounded}")
    click.echo(f"agitation {a.agitation_delta:+g}   rapport {a.rapport_delta:+g}")
