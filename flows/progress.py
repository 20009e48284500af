"""Progress for long jobs: a rich display the command line opens, which tasks report into.

Tasks run in the flow's process, so a crawl task can tick the bar of the terminal that started
it; with no display open (a scheduled run) it reports nothing here and Prefect logs the figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

_active: Progress | None = None


@contextmanager
def shown(console: Console | None = None) -> Iterator[Progress]:
    """Open the display for the duration of a command."""
    global _active
    progress = Progress(
        SpinnerColumn(finished_text="✓"),
        TextColumn("{task.description}"),
        TextColumn("{task.fields[count]}"),
        TimeElapsedColumn(),
        console=console or Console(),
        transient=False,
    )
    _active = progress
    try:
        with progress:
            yield progress
    finally:
        _active = None


def counter(description: str, unit: str) -> Callable[[int], None] | None:
    """A callback setting a line's count, or None when no display is open."""
    if _active is None:
        return None
    task = _active.add_task(description, total=None, count="")

    def update(n: int) -> None:
        _active.update(task, count=f"[bold]{n:,}[/] {unit}")

    update.task_id = task  # type: ignore[attr-defined]
    return update


def finish(update: Callable[[int], None] | None) -> None:
    """Mark a counter's line done."""
    if update is not None and _active is not None:
        _active.update(update.task_id, total=1, completed=1)  # type: ignore[attr-defined]


@contextmanager
def step(description: str) -> Iterator[None]:
    """A line for a step without a count (dedupe, publish)."""
    if _active is None:
        yield
        return
    task = _active.add_task(description, total=1, count="")
    try:
        yield
    finally:
        _active.update(task, completed=1)
