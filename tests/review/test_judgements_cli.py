"""`tally judgements import` of a bad file: exit 2, one line naming the bad line and what is
wrong, and nothing imported (not even the good lines before it); `tally review` refuses a weak
token and does not sign decisions with $USER unasked; the terminal's prompt and undo."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from cli import main
from review.queue import Queue
from review.store import Store
from review.terminal import PROMPT, review_loop

GOOD = {
    "uid": "u1",
    "record_a": "r0",
    "record_b": "r1",
    "verdict": "same",
    "reviewer": "anna",
    "note": "",
    "origin": "review",
    "created_at": "2026-12-01T10:00:00",
}


def _without(name: str) -> dict:
    return {k: v for k, v in GOOD.items() if k != name}


BAD = {
    "no created_at": (json.dumps(_without("created_at")), "created_at is missing"),
    "a list as note": (json.dumps({**GOOD, "note": ["a", "b"]}), "note must be text, not list"),
    "paired with itself": (json.dumps({**GOOD, "record_b": "r0"}), "paired with itself"),
    "empty reviewer": (json.dumps({**GOOD, "reviewer": "  "}), "reviewer is not a non-empty"),
    "bad JSON": ('{"uid": "u2", "record_a": ', "not JSON"),
    "not an object": ("[1, 2]", "JSON object, not list"),
    "unknown verdict": (json.dumps({**GOOD, "verdict": "maybe"}), "verdict 'maybe' is not one"),
    "a bad date": (json.dumps({**GOOD, "created_at": "yesterday"}), "not an ISO date"),
    "a number as uid": (json.dumps({**GOOD, "uid": 7}), "uid is not a non-empty text"),
}


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("TALLY_HOME", str(tmp_path / "var"))
    return tmp_path


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_line_is_named_and_nothing_imported(home, capsys, case):
    line, says = BAD[case]
    path = home / "judgements.jsonl"
    good_before = json.dumps({**GOOD, "uid": "u0", "record_b": "r9"})
    path.write_text(f"{good_before}\n\n{line}\n", encoding="utf-8")
    assert main(["judgements", "import", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "line 3:" in err and says in err, err
    assert "Traceback" not in err
    assert Store(home / "var" / "review.sqlite").history() == []


def test_a_file_that_is_not_utf8_is_named_by_its_line(home, capsys):
    path = home / "judgements.jsonl"
    path.write_bytes(json.dumps(GOOD).encode() + b'\n{"uid": "\xff"}\n')
    assert main(["judgements", "import", str(path)]) == 2
    assert "line 2: not UTF-8" in capsys.readouterr().err


def test_a_good_file_is_imported(home, capsys):
    path = home / "judgements.jsonl"
    path.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    assert main(["judgements", "import", str(path)]) == 0
    assert Store(home / "var" / "review.sqlite").active() == [("r0", "r1", "same")]


@pytest.mark.parametrize("token", ["a", "fifteen-chars!!"])
def test_a_weak_token_is_refused(home, capsys, token):
    assert main(["review", "--host", "0.0.0.0", "--token", token]) == 2
    assert "at least 16" in capsys.readouterr().err


def test_token_generate_prints_a_strong_token_and_serves_with_it(home, capsys, monkeypatch):
    served = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: served.update(app=app, **kw))
    args = ["review", "--host", "0.0.0.0", "--token", "generate", "--behind-tls"]
    assert main(args) == 0
    token = capsys.readouterr().out.strip().rsplit(" ", 1)[-1]
    review = served["app"].state.review
    assert len(token) >= 16 and review.token == token and review.tls
    assert served["host"] == "0.0.0.0"


def test_the_terminal_needs_a_name_not_user(home, capsys, monkeypatch):
    monkeypatch.setenv("USER", "root")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["review", "--cli"]) == 2
    assert "--reviewer" in capsys.readouterr().err


def test_the_prompt_keeps_its_key_letters():
    console = Console(record=True, width=120)
    console.print(PROMPT)
    shown = console.export_text()
    assert "[s]ame  [d]ifferent  [u]nsure  [k] skip  [z] undo  [q]uit" in shown


def test_terminal_undo_goes_back_to_the_undone_pair(tmp_path):
    store = Store(tmp_path / "review.sqlite")
    records = [
        {"record_id": f"r{k}", "person_id": f"P{k}", "full_name": "[bold]x"} for k in range(4)
    ]
    pairs = [{"record_a": "r0", "record_b": "r1", "score": 0.1, "priority": 2}, {"record_a": "r2", "record_b": "r3", "score": 0.1, "priority": 1}]  # fmt: skip
    Queue(store).replace(pairs, records, "run-1")
    shown = []
    answers = iter(["s", "first", "z", "d", "", "q"])

    def ask(prompt: str) -> str:
        if prompt == PROMPT:
            shown.append(console.export_text(clear=True))
        return next(answers)

    console = Console(record=True, width=200)
    made = review_loop(Queue(store), "anna", console=console, ask=ask)
    assert made == 1
    assert ["Pair 1" in s for s in shown] == [True, False, True, False]  # after undo: pair 1 again
    assert "[bold]x" in shown[0]  # scraped text is not markup
    assert store.active() == [("r0", "r1", "different")]
