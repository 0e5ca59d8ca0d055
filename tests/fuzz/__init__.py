"""Fuzzing Talkdown's readers (issue 12): malformed scenarios, rubrics and transcripts, run
through every command that reads them. ``generate`` makes the cases, ``commands`` runs
them, ``run`` is ``make fuzz``."""
