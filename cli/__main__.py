"""`python -m cli …` is `tally …`."""

from cli import run

run()
