"""Scoring the free-text reader on real news excerpts (`tests/fixtures/real_news/`): each
excerpt's hand-checked truth of the dead men it names against what `records_from_text` reads.

- recall: dead men of the truth found (surname and given name agree, ё = е, any case);
- precision: records that are a dead man of the truth (a trap excerpt's record is never one);
- traps clean: trap excerpts (naming only the living, or dead of other wars) giving no record;
- field accuracy: for men found, each field the truth states read the same (dates as precise
  as the truth gives them; age; region; settlement).

The excerpts are split by file number into a tuning part and a held-out part (every third
file), so the figures of the part never looked at while tuning say how the reader generalises.
Used by `bench/real_text.py` and `tests/spiders/test_real_text.py`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lexicon.translit import name_key
from spiders.fields import records_from_text

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "real_news"
FIELDS = ("age", "death_date", "birth_date", "region", "settlement")


def excerpts(part: str = "all") -> list[dict]:
    """The corpus files (`all`, `tune` or `held_out`: every third file by number)."""
    out = []
    for path in sorted(CORPUS.glob("*.json")):
        number = int(path.name[:3])
        held = number % 3 == 0
        if part == "all" or (part == "held_out") == held:
            data = json.loads(path.read_text(encoding="utf-8"))
            data["file"] = path.name
            out.append(data)
    return out


def _fold(text: str | None) -> str:
    return (text or "").lower().replace("ё", "е").strip()


def _key(surname: str | None, given: str | None) -> tuple[str, str]:
    return _fold(surname), _fold(given)[:1] if given else ""


def _same(a: str | None, b: str | None) -> bool:
    """One name part, in any script: Sokolov = Соколов (a Latin-script page keeps its
    spelling; dedupe compares spellings by sound)."""
    return _fold(a) == _fold(b) or (bool(a) and bool(b) and name_key(a) == name_key(b))


def _matches(record: dict, man: dict) -> bool:
    if not _same(record.get("surname"), man.get("surname")):
        return False
    mine, theirs = record.get("given_name"), man.get("given_name")
    if not mine or not theirs or _same(mine, theirs):
        return True
    return len(_fold(mine)) == 1 and _fold(mine) == _fold(theirs)[:1]  # an initial


def _published(value: str | None) -> date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 7, parts[2] if len(parts) > 2 else 1)


@dataclass
class Score:
    dead: int = 0
    found: int = 0
    records: int = 0
    right: int = 0
    traps: int = 0
    traps_clean: int = 0
    trap_records: int = 0
    fields: Counter = field(default_factory=Counter)  # field → stated
    fields_right: Counter = field(default_factory=Counter)
    missed: list[tuple[str, str]] = field(default_factory=list)
    wrong: list[tuple[str, str]] = field(default_factory=list)
    field_errors: list[tuple[str, str, str, object, object]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.dead if self.dead else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.records if self.records else 1.0

    @property
    def traps_clean_share(self) -> float:
        return self.traps_clean / self.traps if self.traps else 1.0

    def field_rate(self, name: str) -> float:
        return self.fields_right[name] / self.fields[name] if self.fields[name] else 1.0


def read(excerpt: dict) -> list[dict]:
    """What tally reads from one excerpt, as a crawl of a news page would."""
    base = {"source": "real-news", "spider": "test", "url": excerpt["url"],
            "fetched_at": "2026-12-07T00:00:00"}  # fmt: skip
    records, _ = records_from_text("", excerpt["text"], base, _published(excerpt["published"]))
    return records


def _same_value(name: str, got: object, want: object) -> bool:
    if name in ("death_date", "birth_date"):
        return bool(got) and str(want).startswith(str(got)) and len(str(got)) >= len(str(want))
    if name == "settlement":
        return _fold(str(got)) == _fold(str(want))
    return got == want


def score(items: list[dict]) -> Score:
    out = Score()
    for excerpt in items:
        records = read(excerpt)
        if excerpt["trap_kind"] or not excerpt["dead"]:
            out.traps += 1
            out.trap_records += len(records)
            out.traps_clean += not records
            out.records += len(records)
            out.wrong += [(excerpt["file"], r["full_name"]) for r in records]
            continue
        out.dead += len(excerpt["dead"])
        out.records += len(records)
        used = set()
        for man in excerpt["dead"]:
            hit = next(
                (k for k, r in enumerate(records) if k not in used and _matches(r, man)), None
            )
            if hit is None:
                out.missed.append((excerpt["file"], man["full_name"]))
                continue
            used.add(hit)
            out.found += 1
            for name in FIELDS:
                if man.get(name) is None:
                    continue
                out.fields[name] += 1
                got = records[hit].get(name)
                if _same_value(name, got, man[name]):
                    out.fields_right[name] += 1
                else:
                    out.field_errors.append(
                        (excerpt["file"], man["full_name"], name, got, man[name])
                    )
        out.right += len(used)
        out.wrong += [
            (excerpt["file"], r["full_name"]) for k, r in enumerate(records) if k not in used
        ]
    return out
