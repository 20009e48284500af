"""`tally review --cli`: the same queue in the terminal, for maintainers on a server.

Scraped text is never read as rich markup (a «[bold]» in a name is shown as it is), the prompt
keeps its key letters, and undo shows the pair it took back, to decide again."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from review.compare import compare, spans_of
from review.persons import answer_pair, date_conflicts
from review.queue import Queue

KEYS = {"s": "same", "d": "different", "u": "unsure"}
# rich reads «[s]» as markup (strike-through) and would swallow the letters: escaped
PROMPT = escape("[s]ame  [d]ifferent  [u]nsure  [k] skip  [z] undo  [q]uit > ")
STYLE = {"same": "green", "differ": "bold red", "one": "yellow", "empty": "dim"}


def show_pair(console: Console, queue: Queue, pair) -> None:
    a = queue.record(pair.record_a) or {"record_id": pair.record_a}
    b = queue.record(pair.record_b) or {"record_id": pair.record_b}
    table = Table(
        title=Text(f"Pair {pair.pair_id}: {pair.kind}, score {pair.score:.2f}"),
        caption=Text(pair.reasons or ""),
        show_lines=False,
    )
    table.add_column("")
    table.add_column(Text(f"A · {a['record_id']}"))
    table.add_column(Text(f"B · {b['record_id']}"))
    for row in compare(a, b):
        if row["state"] == "empty":
            continue
        style = STYLE[row["state"]]
        table.add_row(
            row["label"],
            Text("" if row["a"] is None else str(row["a"]), style=style),
            Text("" if row["b"] is None else str(row["b"]), style=style),
        )
    table.add_row("Page", Text(a.get("url") or ""), Text(b.get("url") or ""))
    table.add_row("Read from", _context(a), _context(b))
    console.print(table)
    pa, pb = a.get("person_id"), b.get("person_id")
    if pa and pb and pa != pb:  # the answer holds for both persons whole: say so, and warn
        records_p, records_q = queue.person_records(pa), queue.person_records(pb)
        console.print(
            Text(f"Your answer holds for {pa} ({len(records_p)} records) and {pb} "
                 f"({len(records_q)} records) whole.")
        )  # fmt: skip
        warning = date_conflicts(records_p, records_q)
        if warning:
            console.print(Text(f"Warning: a merge joins conflicting dates: {warning}"), style="red")


def _context(record: dict) -> Text:
    text = Text(record.get("context") or "")
    for name, (start, end) in spans_of(record.get("spans")).items():
        if 0 <= start < end <= len(text):
            text.stylize("reverse", start, end)
            del name
    return text


def review_loop(
    queue: Queue,
    reviewer: str,
    console: Console | None = None,
    ask: Callable[[str], str] | None = None,
) -> int:
    """Decide pairs until the queue is empty or the maintainer quits; returns decisions made.
    `ask` reads one answer (input() by default; tests pass their own)."""
    console = console or Console()
    ask = ask or (lambda prompt: console.input(prompt))
    made, skipped, again = 0, [], None
    while True:
        pair, again = again or queue.next_pair(reviewer, skip=skipped), None
        if pair is None:
            console.print("[bold]Nothing left to decide.[/] The next dedupe run obeys you.")
            return made
        show_pair(console, queue, pair)
        answer = ""
        while answer not in (*KEYS, "k", "z", "q"):
            answer = ask(PROMPT).strip().lower()
        if answer == "q":
            return made
        if answer == "k":
            skipped.append(pair.pair_id)
            continue
        if answer == "z":
            taken = queue.store.undo(reviewer)
            if taken is None:
                console.print("Nothing to undo.")
                again = pair
                continue
            console.print(Text(f"Undone: {taken.verdict} on {taken.record_a} / {taken.record_b}"))
            made -= 1
            # back to the pair taken back (if the queue still has it), then on as before
            again = queue.pair_of(taken.record_a, taken.record_b) or pair
            if again.pair_id in skipped:
                skipped.remove(again.pair_id)
            continue
        note = ask("note (Enter for none) > ").strip()
        edges = answer_pair(queue, pair.record_a, pair.record_b, KEYS[answer], reviewer, note)
        if len(edges) > 1:
            console.print(f"One decision for both persons whole: {len(edges)} record pairs.")
        made += 1
