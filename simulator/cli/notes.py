"""`talkdown annotate`: an instructor's notes on the turns of a saved session (a sidecar file
beside the transcript; the transcript is never rewritten).

Exit status: 0, or 2 on bad input (an unreadable transcript, a turn it does not have, an empty
or too long note) or when the note cannot be saved.
"""

from __future__ import annotations

from pathlib import Path

import click

from simulator.cli.common import fail
from simulator.sanitize import printable
from simulator.transcripts import TranscriptError, read_transcript
from simulator.transcripts.notes import MAX_NOTE_CHARS, TAGS, add_note, notes_path, read_notes


@click.command("annotate")
@click.argument("transcript", type=click.Path(dir_okay=False))
@click.argument("text", required=False)
@click.option("--turn", type=click.IntRange(min=0), default=None,
              help="The turn the note is about (0 is the opening; `talkdown export` numbers them).")
@click.option("--tag", type=click.Choice(TAGS), default="teaching_point", show_default=True,
              help="What kind of note it is.")
@click.option("--author", default="instructor", show_default=True, help="Who wrote it (your name).")
def annotate_command(transcript: str, text: str | None, turn: int | None, tag: str, author: str) -> None:
    """Add a note on a turn of TRANSCRIPT, or with no TEXT list its notes.

    \b
    talkdown annotate T.jsonl --turn 4 --tag concern --author "Sgt Ruiz" "Closed question too early"
    talkdown annotate T.jsonl            (lists the notes)

    Notes are appended to T.notes.ndjson beside the transcript and shown in every export.
    """
    path = Path(transcript)
    try:
        t = read_transcript(path)
    except TranscriptError as exc:
        fail(str(exc))
    if text is None:
        if turn is not None:
            fail(f"{path}: --turn {turn} was given but no note: add the note's TEXT after the transcript.")
        notes, skipped = read_notes(path)
        for line in skipped:
            click.echo(f"warning: {printable(line)}", err=True)
        if not notes:
            click.echo(f"No notes on {printable(str(path))}.")
        for n in notes:
            click.echo(f"turn {n.turn:>3}  {n.tag_label:<14}  {printable(n.author)}  {n.time}  {printable(n.text)}")
        return
    last = max((getattr(e, "turn", 0) for e in t.events), default=0)
    if turn is None:
        fail(f"{path}: say which turn the note is about with --turn (0 to {last}).")
    if turn > last:
        fail(f"{path}: this session has turns 0 to {last}; there is no turn {turn}.")
    if len(text.strip()) > MAX_NOTE_CHARS:
        fail(f"{path}: a note is at most {MAX_NOTE_CHARS:,} characters; this one is {len(text.strip()):,}.")
    try:
        note = add_note(path, turn=turn, tag=tag, text=text, author=author)
    except ValueError as exc:
        fail(f"{path}: the note was not added: {exc}.")
    except OSError as exc:
        fail(f"{notes_path(path)}: the note cannot be saved ({exc.strerror or exc}); the transcript is unchanged.")
    click.echo(f"Note on turn {note.turn} ({note.tag_label}) added to {printable(str(notes_path(path)))}.")
