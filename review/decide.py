"""The routes of deciding: the next pair, one pair side by side, a decision (or a note kept for
later, or a skip), undo, and the history of decisions."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Path, Query, Request
from fastapi.responses import Response

from review.compare import compare, marked_context
from review.evidence import explain
from review.guard import ID_MAX, NOTE_MAX
from review.names import pages_of, pair_label, records_named
from review.persons import answer_pair, date_conflicts
from review.store import VERDICTS
from review.webpage import Csrf, checked, current, go, page, review_of, reviewer_of

Note = Annotated[str, Form(max_length=NOTE_MAX)]
Short = Annotated[str, Form(max_length=ID_MAX)]
Filter = Annotated[str, Query(max_length=ID_MAX)]
PairId = Annotated[int, Path(ge=1, le=2**62)]  # SQLite's integers end at 2**63
KEPT = 200  # skipped pairs and kept notes a session remembers

routes = APIRouter()


@routes.get("/")
def next_pair(request: Request) -> Response:
    who = reviewer_of(request)
    _, session = current(request)
    found = review_of(request).queue.next_pair(who, skip=session.skipped)
    if found is None:
        session.skipped.clear()
        return page(request, "empty.html")
    return go(f"/pair/{found.pair_id}")


@routes.get("/pair/{pair_id}")
def pair(request: Request, pair_id: PairId) -> Response:
    who = reviewer_of(request)
    review = review_of(request)
    found = review.queue.pair(pair_id)
    if found is None:
        raise HTTPException(404, "no such pair in the queue (a newer dedupe run replaced it)")
    a = review.queue.record(found.record_a) or {"record_id": found.record_a}
    b = review.queue.record(found.record_b) or {"record_id": found.record_b}
    holder = review.queue.claimed_by(pair_id)
    persons = _persons(review.queue, a, b)
    return page(
        request,
        "pair.html",
        pair=found,
        a=a,
        b=b,
        rows=compare(a, b),
        context_a=marked_context(a),
        context_b=marked_context(b),
        decided=review.store.verdict(found.record_a, found.record_b),
        holder=holder if holder and holder != who else None,
        verdicts=VERDICTS,
        note=current(request)[1].notes.get(pair_id, ""),
        note_max=NOTE_MAX,
        evidence=explain(found.reasons, found.score),
        **persons,
    )


def _persons(queue, a: dict, b: dict) -> dict:
    """The question at the level of persons: the records of each side, a warning when a merge
    would join conflicting dates, and for two records of one person (a contradiction) the
    other records of that person that join them."""
    pa, pb = a.get("person_id"), b.get("person_id")
    records_p = queue.person_records(pa) if pa else [a]
    records_q = queue.person_records(pb) if pb and pb != pa else [b]
    apart = bool(pa and pb and pa != pb)
    ends = {a["record_id"], b["record_id"]}
    return {
        "apart": apart,
        "records_p": records_p,
        "records_q": records_q,
        "warning": date_conflicts(records_p, records_q) if apart else "",
        "between": [] if apart else [r for r in records_p if r["record_id"] not in ends][:5],
    }


@routes.post("/pair/{pair_id}/decide")
def decide(
    request: Request, pair_id: PairId, csrf: Csrf = "", verdict: Short = "", note: Note = ""
) -> Response:
    _, session = checked(request, csrf)
    who = reviewer_of(request)
    review = review_of(request)
    found = review.queue.pair(pair_id)
    if found is None:
        raise HTTPException(404, "no such pair in the queue")
    if verdict == "note":  # Enter in the note box: keep the note, decide nothing
        _keep(session.notes, pair_id, note.strip())
        session.flash = "Note kept for this pair; nothing decided yet: choose a verdict."
        return go(f"/pair/{pair_id}")
    if verdict == "skip":
        session.skipped = [*session.skipped[-KEPT:], pair_id]
        _keep(session.notes, pair_id, note.strip())
        session.flash = f"Skipped pair {pair_id}; it comes back after the others."
        return go("/")
    if verdict not in VERDICTS:
        raise HTTPException(400, f"verdict must be one of {', '.join(VERDICTS)}")
    made = answer_pair(review.queue, found.record_a, found.record_b, verdict, who, note)
    label = pair_label(review.store, found.record_a, found.record_b)
    if len(made) > 1 or made[0].origin == "merge":  # one decision for both persons whole
        pa, pb = (review.queue.record(r) or {} for r in (found.record_a, found.record_b))
        label += f", so persons {pa.get('person_id')} and {pb.get('person_id')} whole"
        label += f" ({len(made)} record pairs)"
        if made[0].warning:
            label += f"; warning kept with it: {made[0].warning}"
    session.notes.pop(pair_id, None)
    session.flash = f"Recorded «{verdict}» for {label} (pair {pair_id}). Undo with z."
    return go("/")


def _keep(notes: dict[int, str], pair_id: int, note: str) -> None:
    notes.pop(pair_id, None)
    if note:
        notes[pair_id] = note
    while len(notes) > KEPT:
        notes.pop(next(iter(notes)))


@routes.post("/undo")
def undo(request: Request, csrf: Csrf = "", pair: Short = "", note: Note = "") -> Response:
    _, session = checked(request, csrf)
    who = reviewer_of(request)
    if (
        pair.isascii() and pair.isdigit() and note.strip()
    ):  # the note typed but not saved is kept, not lost
        _keep(session.notes, int(pair), note.strip())
    review = review_of(request)
    taken = review.store.undo(who)
    if taken is None:
        session.flash = "Nothing to undo: you have no decision left to take back."
        return go("/history")
    label = pair_label(review.store, taken.record_a, taken.record_b)
    edges = review.store.edges_of(taken.decision or taken.uid)
    if len(edges) > 1:
        label += f" and the rest of its decision ({len(edges)} record pairs)"
    # back to the question it answered: the queue's pair among the decision's edges
    again = next((q for j in edges if (q := review.queue.pair_of(j.record_a, j.record_b))), None)
    if again is not None:
        session.skipped = [p for p in session.skipped if p != again.pair_id]
        if taken.note and again.pair_id not in session.notes:
            _keep(session.notes, again.pair_id, taken.note)
        session.flash = f"Undone: «{taken.verdict}» for {label}; decide it again."
        return go(f"/pair/{again.pair_id}")
    session.flash = f"Undone: «{taken.verdict}» for {label} (no longer in the queue)."
    return go(f"/history?record={quote(taken.record_a)}")


@routes.get("/history")
def history(
    request: Request,
    reviewer: Filter = "",
    verdict: Filter = "",
    record: Filter = "",
    deleted: Filter = "1",
) -> Response:
    reviewer_of(request)
    store = review_of(request).store
    rows = store.history(
        reviewer or None, verdict or None, record or None, include_deleted=deleted == "1"
    )
    return page(
        request,
        "history.html",
        rows=rows,
        named=records_named(store, (r for j in rows for r in (j.record_a, j.record_b))),
        pages=pages_of(store, ((j.record_a, j.record_b) for j in rows)),
        reviewers=store.reviewers(),
        verdicts=VERDICTS,
        filters={"reviewer": reviewer, "verdict": verdict, "record": record, "deleted": deleted},
    )
