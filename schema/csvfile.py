"""Reading a CSV table strictly: every physical line of the file ends in the header, a row, a
blank line, or a bad row with the line and the reason — never inside another row unnoticed.
`tally import` and `tally dedupe` both read their files through here.

The separator is the one of `,` `;` and tab that the header line (outside quotes) holds most.
A quoted cell may hold line breaks — a note over several lines is read whole. A quote is
taken to be left open by mistake (the row named: `unterminated quote (opened on line N)`)
when:

- it is still open at the end of the file;
- it is closed by a quote followed by more text of the same cell: the opening quote of a cell
  further down, so the rows in between were swallowed;
- one of the lines it takes in reads as a row of its own — as many separators as the header
  has, in a file of three columns or more — or the cell it makes grows past `MAX_CELL`.

The one legitimate file this refuses is a note whose inner line holds exactly as many
separators as the header; the caller's lenient mode then rejects that row and reads on. Text
after the closing quote of a cell on one line (`"Вагнер" ЧВК`) is refused the same way: what
the writer meant cannot be told.

A bad row is a `BadRow`: `structural` ones (quotes, more cells than the header) mean the
file's shape is in doubt; the others (a NUL byte, an over-long cell or line) spoil one row
only. The callers decide which refuse the file and which become rejects; reading resumes on
the line after the one that broke.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

# A cell longer than this is not a value a person typed: the longest real notes are a few
# thousand characters; beyond is a runaway quote, a pasted page or junk.
MAX_CELL = 10_000
# A physical line longer than this is not a row of a table (rows are well under a kilobyte):
# one line of binary, a JSON dump, a file whose line breaks were lost.
MAX_LINE = 1_000_000
# how much of a bad row a reject keeps: enough to find it in the file
SHOWN = 300
SEPARATORS = ",;\t"


class CsvError(ValueError):
    """A file that cannot be read as a table, with the line that shows it."""


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # the physical line it starts on, from 1
    cells: list[str]


@dataclass(frozen=True, slots=True)
class BadRow:
    line: int
    reason: str
    text: str  # the raw line(s), cut to SHOWN characters
    structural: bool = False


def sniff_separator(text: str) -> str:
    """The separator the first non-blank line holds most, outside quoted parts."""
    first = next((ln for ln in text.split("\n", 50)[:50] if ln.strip()), "")
    bare = re.sub(r'"[^"]*"', "", first)
    best = max(SEPARATORS, key=bare.count)
    return best if bare.count(best) else ","


def read_table(text: str, separator: str | None = None) -> tuple[list[str], Iterator[Row | BadRow]]:
    """The header (stripped cells) and an iterator over the rows below it.

    Raises `CsvError` for a file with no header or a header that is itself a bad row."""
    separator = separator or sniff_separator(text)
    lines = io.StringIO(text, newline="").readlines()
    reader = _Reader(lines, separator, "\x00" in text)
    for item in reader:
        if isinstance(item, BadRow):
            raise CsvError(f"line {item.line}: {item.reason} (in the header line)")
        if not any(cell.strip() for cell in item.cells):
            continue
        header = [cell.strip() for cell in item.cells]
        seen: dict[str, int] = {}
        for n, name in enumerate(header):
            if not name:
                header[n] = f"(column {n + 1})"
            elif name in seen:
                raise CsvError(
                    f"line {item.line}: column {name!r} twice (columns {seen[name] + 1} "
                    f"and {n + 1}): rename one"
                )
            seen[name] = n
        reader.width = len(header)
        return header, iter(reader)
    raise CsvError("line 1: no header line (the file holds no text)")


class _LongLine(Exception):
    def __init__(self, index: int) -> None:
        self.index = index


class _Lines:
    """The physical lines, handed to csv one by one; rewindable, so reading can resume on
    the line after a bad one."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.next = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.next >= len(self.lines):
            raise StopIteration
        line = self.lines[self.next]
        self.next += 1
        if len(line) > MAX_LINE:
            raise _LongLine(self.next - 1)
        return line


class _Reader:
    def __init__(self, lines: list[str], separator: str, nul: bool) -> None:
        self.lines = lines
        self.nul = nul  # the file holds a NUL byte somewhere: look for it in each row
        self.sep = separator
        self.width = 0  # the header's, once known
        self.src = _Lines(lines)
        self.csv = csv.reader(self.src, delimiter=separator, strict=True)

    def __iter__(self) -> Iterator[Row | BadRow]:
        while True:
            start = self.src.next
            try:
                cells = next(self.csv)
            except StopIteration:
                return
            except _LongLine as exc:
                self.src.next = exc.index + 1
                yield self._bad(
                    exc.index,
                    exc.index + 1,
                    f"a line of {len(self.lines[exc.index]):,} characters "
                    f"(the limit is {MAX_LINE:,})",
                )
                continue
            except csv.Error as exc:
                yield self._broken(start, str(exc))
                continue
            end = self.src.next
            yield self._checked(start, end, cells)

    def _bad(self, start: int, end: int, reason: str, structural: bool = False) -> BadRow:
        text = "".join(ln[:SHOWN] for ln in self.lines[start:end][:3])[:SHOWN]
        return BadRow(start + 1, reason, text, structural)

    def _broken(self, start: int, error: str) -> BadRow:
        """A row Python's csv refused: where its quote opened, and where to read on."""
        end = self.src.next
        lines = self.lines[start:end]
        opened = _open_quote(lines, self.sep)  # still open where csv stopped
        if opened is None and end - start > 1:
            opened = _open_quote(lines, self.sep, spanning=True)  # closed by a later quote
        if opened is not None:
            tail = "the end of the file" if "end of data" in error else f"line {end}"
            return self._unterminated(start, start + opened, f"it runs to {tail}")
        if "field larger" in error:
            return self._bad(start, end, f"a cell of more than {MAX_CELL:,} characters")
        if "expected after" in error:
            return self._bad(start, end, "text after the closing quote of a cell", True)
        return self._bad(start, end, f"not CSV: {error}", True)

    def _unterminated(self, start: int, at: int, what: str) -> BadRow:
        self.src.next = at + 1
        bad = self._bad(start, at + 1, f"unterminated quote (opened on line {at + 1}); {what}")
        return BadRow(bad.line, bad.reason, bad.text, True)

    def _checked(self, start: int, end: int, cells: list[str]) -> Row | BadRow:
        if end - start > 1:
            swallowed = self._swallowed(start, end, cells)
            if swallowed is not None:
                return swallowed
        if self.width and len(cells) > self.width and any(c.strip() for c in cells[self.width :]):
            return self._bad(
                start, end, f"{len(cells)} cells, the header has {self.width}", structural=True
            )
        size = len(self.lines[start]) if end - start == 1 else sum(map(len, self.lines[start:end]))
        if size > MAX_CELL and any(len(c) > MAX_CELL for c in cells):
            return self._bad(start, end, f"a cell of more than {MAX_CELL:,} characters")
        if self.nul and any("\x00" in c for c in cells):
            return self._bad(start, end, "a NUL byte in a cell (binary data?)")
        return Row(start + 1, cells)

    def _swallowed(self, start: int, end: int, cells: list[str]) -> BadRow | None:
        """A multi-line cell that took in lines which read as rows of their own."""
        rows_like = self.width >= 3
        for cell in cells:
            if "\n" not in cell and "\r" not in cell:
                continue
            inner = cell.splitlines()[1:]
            looks = rows_like and any(ln.count(self.sep) == self.width - 1 for ln in inner)
            if looks or len(cell) > MAX_CELL:
                opened = _open_quote(self.lines[start:end], self.sep, spanning=True)
                at = start + (opened or 0)
                why = "lines below it read as rows" if looks else "its cell grows too long"
                return self._unterminated(start, at, f"{why}, up to line {end}")
        return None


def _open_quote(lines: list[str], sep: str, spanning: bool = False) -> int | None:
    """The index (in `lines`) of the line whose quote is left open at the end of `lines` —
    or, with `spanning`, of the first quoted cell that runs over a line break."""
    inside, opened, at_start = False, 0, True
    for n, line in enumerate(lines):
        i = 0
        while i < len(line):
            if inside:
                close = line.find('"', i)
                if close < 0:
                    break
                if line.startswith('""', close):
                    i = close + 2
                    continue
                inside, at_start, i = False, False, close + 1
                if spanning and n > opened:
                    return opened
                continue
            ch = line[i]
            if ch == '"' and at_start:
                inside, opened = True, n
            at_start = ch in (sep, "\r", "\n")
            i += 1
        if not inside:
            at_start = True
    return opened if inside else None
