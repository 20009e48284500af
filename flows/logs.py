"""What the terminal shows of Prefect's log: one line per record. A failed flow's traceback is
80 lines in the `tally serve` terminal after each alert; the alert's one line says what failed,
the Prefect UI keeps the whole record, and `tally -v` prints it all. `flows/prefect_logging.yml`
names this formatter; the command line points Prefect at that file before importing it."""

from __future__ import annotations

import logging

from prefect.logging.formatters import PrefectFormatter


class OneLineFormatter(PrefectFormatter):
    """Prefect's console format, but only the first line of a message and no traceback."""

    def format(self, record: logging.LogRecord) -> str:
        record = logging.makeLogRecord(record.__dict__)
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return super().format(record).splitlines()[0]
