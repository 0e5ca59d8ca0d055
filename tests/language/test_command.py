"""`talkdown analyze` (the click command the CLI registers)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from simulator.cli.language import analyze_command


def run(args, stdin=None):
    return CliRunner().invoke(analyze_command, args, input=stdin)


def test_text_argument_prints_techniques_spans_and_effect():
    r = run(["Hi, I'm Officer Lee. What happened?"])
    assert r.exit_code == 0
    assert "introduction" in r.output and "open_question" in r.output
    assert "[ 21,  35]  'What happened?'" in r.output
    assert "\"Hi, I'm Officer Lee\"" in r.output
    assert "agitation -" in r.output and "rapport +" in r.output


def test_context_option_enables_paraphrase():
    r = run(["They took your dog?", "--context", "They took my dog!"])
    assert r.exit_code == 0 and "mirroring" in r.output


def test_jsonl_keeps_input_order_and_shape():
    lines = [{"utterance": "Calm down!"}, {"utterance": "They took your dog?", "context": "They took my dog!"},
             {"utterance": "You seem scared."}]
    r = run(["--jsonl"], "\n".join(json.dumps(x) for x in lines) + "\n")
    assert r.exit_code == 0
    out = [json.loads(x) for x in r.output.splitlines()]
    assert len(out) == 3
    assert set(out[0]) == {"techniques", "spans", "agitation_delta", "rapport_delta", "grounding"}
    assert "dismissal" in out[0]["techniques"] and out[0]["agitation_delta"] > 0
    assert "mirroring" in out[1]["techniques"]
    assert out[2]["techniques"] == ["emotion_label"] and out[2]["spans"] == {"emotion_label": [[0, 15]]}


def test_bad_jsonl_is_one_paragraph_and_exit_2():
    r = run(["--jsonl"], '{"utterance": "ok"}\nnot json\n')
    assert r.exit_code == 2
    assert "line 2" in r.output and "Traceback" not in r.output
    r = run(["--jsonl"], '{"text": "ok"}\n')
    assert r.exit_code == 2 and "utterance" in r.output


def test_missing_text_exits_2():
    r = run([])
    assert r.exit_code == 2 and "--jsonl" in r.output


def test_bad_bank_file_exits_2_with_file_and_line(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text("techniques:\n  threats:\n    phrases: [x]\n")
    r = run(["--banks", str(f), "hello"])
    assert r.exit_code == 2
    assert "mine.yaml:2" in r.output and "threat" in r.output and "Traceback" not in r.output


def test_user_bank_file_is_used(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text("techniques:\n  jargon:\n    phrases: [signal seven]\n")
    r = run(["--banks", str(f), "We have a signal seven."])
    assert r.exit_code == 0 and "jargon" in r.output
