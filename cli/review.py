"""`tally review | judgements`: the maintainers' decisions — the queue on a web page or in the
terminal, and the decisions as a JSONL file to keep in git."""

from __future__ import annotations

import argparse
import os
import sys

from flows.paths import Home
from review.auth import MIN_TOKEN, check_token, new_token
from review.judgement_io import export_jsonl, import_jsonl
from review.queue import Queue
from review.store import Store
from review.terminal import review_loop


def cmd_review(args: argparse.Namespace) -> int:
    home = Home.chosen(args.demo)
    store = Store(home.review_db)
    if args.cli:
        reviewer = _reviewer(args.reviewer)
        if reviewer is None:
            return 2
        made = review_loop(Queue(store), reviewer)
        print(f"{made} decisions by {reviewer}", file=sys.stderr)
        return 0
    import uvicorn  # the server and its app (FastAPI): only this command needs them

    from review.web import create_app, is_loopback

    token = args.token or os.environ.get("TALLY_REVIEW_TOKEN") or None
    if token == "generate":
        token = new_token()
        print(f"tally review: the team's token (give it to the maintainers): {token}")
    if not is_loopback(args.host) and not token:
        print(
            f"tally review: listening on {args.host} (not this machine only) needs a token that "
            f"maintainers log in with: --token TOKEN (at least {MIN_TOKEN} characters), "
            "--token generate, or TALLY_REVIEW_TOKEN",
            file=sys.stderr,
        )
        return 2
    try:
        check_token(token)
    except ValueError as exc:
        print(f"tally review: {exc}", file=sys.stderr)
        return 2
    app = create_app(store, token=token, runs_dir=home.runs, behind_tls=args.behind_tls)
    counts = Queue(store).counts()
    scheme = "https" if args.behind_tls else "http"
    print(
        f"tally review: {counts['open']} of {counts['queue']} pairs open; "
        f"{scheme}://{args.host}:{args.port}/ (Ctrl-C stops)",
        file=sys.stderr,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _reviewer(given: str | None) -> str | None:
    """Who decides in the terminal: --reviewer, or asked once (never $USER unasked: on a
    shared server that would sign everyone's decisions with one account's name)."""
    name = " ".join((given or "").split())
    if name:
        return name
    if not sys.stdin.isatty():
        print("tally review --cli: say who decides: --reviewer NAME", file=sys.stderr)
        return None
    try:
        name = " ".join(input("Your name (it goes with every decision you make): ").split())
    except EOFError:
        name = ""
    if not name:
        print("tally review --cli: no name, no decisions: --reviewer NAME", file=sys.stderr)
        return None
    return name


def cmd_judgements(args: argparse.Namespace) -> int:
    store = Store(Home.chosen(args.demo).review_db)
    if args.judgements_command == "export":
        count = export_jsonl(store, args.file)
        print(f"{count} judgements (replaced and undone ones too) → {args.file}", file=sys.stderr)
        return 0
    try:
        added, skipped = import_jsonl(store, args.file)
    except (OSError, ValueError) as exc:
        print(f"tally judgements import: {exc}", file=sys.stderr)
        return 2
    print(f"{added} judgements added, {skipped} already known", file=sys.stderr)
    return 0


def add_parsers(sub) -> None:
    p = sub.add_parser("review", help="decide the pairs dedupe is unsure of (web page or terminal)")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: this machine)"
    )
    p.add_argument("--port", type=int, default=8780)
    p.add_argument(
        "--token",
        help=f"required to listen beyond 127.0.0.1, at least {MIN_TOKEN} characters; "
        "'generate' makes one and prints it (or TALLY_REVIEW_TOKEN)",
    )
    p.add_argument(
        "--behind-tls",
        action="store_true",
        help="served through an HTTPS proxy: cookies are Secure, HSTS is sent",
    )
    p.add_argument("--cli", action="store_true", help="review in the terminal instead")
    p.add_argument("--reviewer", help="your name, for --cli (asked if not given)")
    p.add_argument("--demo", action="store_true", help="review the demo's pairs (tally demo)")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("judgements", help="maintainers' decisions, as a JSONL file to keep in git")
    jsub = p.add_subparsers(dest="judgements_command", required=True)
    for name, text in (("export", "write every judgement"), ("import", "add judgements")):
        j = jsub.add_parser(name, help=f"{text} (FILE.jsonl)")
        j.add_argument("file")
        j.add_argument("--demo", action="store_true", help="the demo's decisions")
        j.set_defaults(func=cmd_judgements)
