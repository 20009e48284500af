"""Dedupe: records of the same man across sources become one person; namesakes stay apart.

A pure library: records (and human judgements, and the previous run's assignment) in; an
assignment of records to stable person ids, the pairs left for people, and person summaries
out. It reads and writes nothing itself: flows move data between it and the warehouse.
"""

from dedupe.api import DedupeResult, dedupe_records

__all__ = ["DedupeResult", "dedupe_records"]
