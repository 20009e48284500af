"""Progress for long jobs: a rich display the command line opens, which tasks report into.

Tasks run in the flow's process, so a crawl task can tick the bar of the terminal that started
it; with no display open (a scheduled run) it reports nothing here and Prefect logs the figures.
Each line ends ✓ or ✗: a step that failed is never shown as done. A wait for the warehouse lock,
a retry and its reason are lines of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from warehouse import lock

_active: Progress | None = None


@contextmanager
def shown(console: Console | None = None) -> Iterator[Progress]:
    """Open the display for the duration of a command."""
    global _active
    progress = Progress(
        SpinnerColumn(finished_text=" "),
        TextColumn("{task.fields[mark]}"),
        TextColumn("{task.description}"),
        TextColumn("{task.fields[count]}"),
        TimeElapsedColumn(),
        console=console or Console(),
        transient=False,
    )
    _active = progress
    lock.listeners.append(note)
    try:
        with progress:
            yield progress
    finally:
        lock.listeners.remove(note)
        _active = None


def _add(description: str) -> int | None:
    if _active is None:
        return None
    return _active.add_task(description, total=None, count="", mark=" ")


def _end(task: int | None, ok: bool) -> None:
    if task is not None and _active is not None:
        mark = "[green]✓[/]" if ok else "[red]✗[/]"
        _active.update(task, total=1, completed=1, mark=mark)


def counter(description: str, unit: str) -> Callable[[int], None] | None:
    """A callback setting a line's count, or None when no display is open."""
    task = _add(description)
    if task is None:
        return None

    def update(n: int) -> None:
        if _active is not None:
            _active.update(task, count=f"[bold]{n:,}[/] {unit}")

    update.task_id = task  # type: ignore[attr-defined]
    return update


def finish(update: Callable[[int], None] | None, ok: bool = True) -> None:
    """Mark a counter's line done (✓) or failed (✗)."""
    if update is not None:
        _end(update.task_id, ok)  # type: ignore[attr-defined]


@contextmanager
def step(description: str) -> Iterator[None]:
    """A line for a step without a count (dedupe, publish): ✓ when it ends, ✗ when it fails."""
    task = _add(description)
    try:
        yield
    except BaseException:
        _end(task, ok=False)
        raise
    _end(task, ok=True)


def note(text: str) -> None:
    """A line of its own: a retry and why, a wait for the warehouse lock."""
    if _active is not None:
        _active.console.print(f"  [yellow]…[/] {text}")
