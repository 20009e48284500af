"""Records to comparable features, column by column.

Every text value becomes a stable 64-bit hash of its normal form (0 = unknown), so features
computed in one run can be kept and reused by the next (an incremental run prepares only the
new records). The work is done once per distinct value — a million records hold far fewer
distinct names, dates and places — and the per-record part is array assembly.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dedupe import call_signs, outlets
from dedupe.dates import ordinal, precision, read_age, split_date
from dedupe.field_codes import (
    category_code,
    cell_ranks,
    rank_code,
    region_code,
    settlement_code,
    stable_hash,
    unit_code,
)
from dedupe.name_cells import bare_names, wrapped
from dedupe.name_columns import read_names
from dedupe.name_repair import read_name
from dedupe.names import NameKey


@dataclass
class Features:
    record_id: np.ndarray  # object: str
    usable: np.ndarray  # bool: a surname and something of the given name
    surname: np.ndarray  # int64 hashes of the normalised parts, 0 unknown
    given: np.ndarray
    given_alt: np.ndarray  # (n, 3) other full names a short form may stand for (Слава)
    patronymic: np.ndarray
    given_initial: np.ndarray
    patronymic_initial: np.ndarray
    surname_skeleton: np.ndarray  # consonants only, г/х/h as one: transliterations and typos
    gender: np.ndarray  # int8: 0 unknown, 1 m, 2 f
    surname_text: np.ndarray  # object: the keys themselves, for string similarity
    given_text: np.ndarray
    patronymic_text: np.ndarray
    birth_y: np.ndarray  # int16, 0 unknown
    birth_m: np.ndarray  # int8
    birth_d: np.ndarray  # int8
    age: np.ndarray  # int16, -1 unknown
    death_ord: np.ndarray  # int32 day number of the middle of what is known, 0 unknown
    death_prec: np.ndarray  # int8: 0 unknown, 1 year, 2 month, 3 day
    death_y: np.ndarray  # int16
    region: np.ndarray  # int64 hashes
    settlement: np.ndarray  # int64 hashes of the town or village named (its gazetteer name)
    unit: np.ndarray
    unit_kind: np.ndarray  # int8: what the unit names (`UNIT_KINDS`), 0 unknown
    category: np.ndarray
    call_sign: np.ndarray  # int64 hash of the call sign's key (`dedupe.call_signs`), 0 none
    rank: np.ndarray  # int8 seniority of the rank (`dedupe.rank_levels`), 0 unknown
    source: np.ndarray  # int64 hash of the outlet, 0 unknown (`dedupe.outlets`)
    home_region: np.ndarray  # int64: the outlet's home region, learnt from the whole list
    published: np.ndarray  # int32 day number the man was dead and reported by, 0 unknown

    def __len__(self) -> int:
        return len(self.record_id)

    def take(self, index: np.ndarray) -> Features:
        return Features(**{f.name: getattr(self, f.name)[index] for f in fields(self)})

    @classmethod
    def concat(cls, parts: Iterable[Features]) -> Features:
        parts = list(parts)
        return cls(
            **{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(cls)}
        )

    def to_arrow(self) -> pa.Table:
        columns = {}
        for f in fields(self):
            values = getattr(self, f.name)
            if values.ndim == 2:  # given_alt: a fixed number of alternatives per record
                flat = pa.array(values.ravel())
                columns[f.name] = pa.FixedSizeListArray.from_arrays(flat, values.shape[1])
            else:
                columns[f.name] = pa.array(values)
        return pa.table(columns)

    @classmethod
    def from_arrow(cls, table: pa.Table) -> Features:
        out = {}
        for f in fields(cls):
            column = table.column(f.name)
            if f.name.endswith("_text") or f.name == "record_id":
                out[f.name] = np.array(column.to_pylist(), dtype=object)
            elif pa.types.is_fixed_size_list(column.type):
                width = column.type.list_size
                flat = column.combine_chunks().flatten().to_numpy()
                out[f.name] = flat.reshape(-1, width)
            else:
                out[f.name] = column.to_numpy()
        return cls(**out)


def _column(table: pa.Table, name: str) -> list:
    return table.column(name).to_pylist() if name in table.column_names else [None] * table.num_rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    return "" if text.lower() in {"nan", "none", "null"} else text


# Below this many names left to read one at a time, one process is quicker than starting a second.
PARALLEL_FROM = 20_000


def _read_everywhere(texts: list[str]) -> list[NameKey]:
    """read_name on each text; with many, on every core (`_everywhere`)."""
    return _everywhere(_read_all, texts)


def _everywhere(fn: Callable[[list[str]], list], texts: list[str]) -> list:
    """`fn` over the texts, a part at a time; with many texts, on every core: this process
    takes a share itself beside forked workers (which share the loaded dictionaries), so the
    machine holds one copy of it fewer than a pool of one worker per core would."""
    workers = min(os.cpu_count() or 1, 8)
    if len(texts) < PARALLEL_FROM or workers < 2 or "fork" not in _start_methods():
        return fn(texts)
    # load the lexicon and the morphology before forking: the workers share them
    for warm in ("Иванов Иван Иванович", "Петрову Ивану Сергеевичу", "Ivan Petrovich Ivanov"):
        read_name(warm)
    bare_names(["рядовой Иванов Иван «Грач»"])
    chunk = -(-len(texts) // (workers * 4))
    parts = [texts[k : k + chunk] for k in range(0, len(texts), chunk)]
    mine = list(range(0, len(parts), workers))
    theirs = [k for k in range(len(parts)) if k % workers]
    with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
        pending = pool.map_async(fn, [parts[k] for k in theirs])
        done = dict(zip(mine, (fn(parts[k]) for k in mine), strict=True))
        done.update(zip(theirs, pending.get(), strict=True))
    return [x for k in range(len(parts)) for x in done[k]]


def _read_all(texts: list[str]) -> list[NameKey]:
    return [read_name(t) for t in texts]


def _start_methods() -> list[str]:
    return multiprocessing.get_all_start_methods()


_VOWELS = str.maketrans("", "", "aeiouyj")


@lru_cache(maxsize=1 << 20)
def skeleton(key: str) -> str:
    """The consonants of a name key with doubles and г/х/h folded: Ivanov and Ivnov, Semenov
    and Semonov, Agafonov and Ahafonov, Spiridonov and Spiridyonov share one."""
    if len(key) < 3:
        return ""
    letters = key.replace("kh", "g").replace("h", "g").translate(_VOWELS)
    out = [c for k, c in enumerate(letters) if k == 0 or c != letters[k - 1]]
    return "".join(out) if len(out) >= 2 else ""


def _date_row(text: str) -> tuple[int, int, int, int, int]:
    y, m, d = split_date(text)
    return y, m, d, ordinal(y, m, d), precision(y, m, d)


@dataclass(frozen=True)
class Unread:
    """Values of one field that were there but said nothing dedupe can use (a date as «весна
    2024», a region the gazetteer does not know, a name of one word): those records compare as
    if the field were empty. How many records, and a few of the values, most common first."""

    records: int
    examples: tuple[str, ...]


def prepare(
    records: pa.Table | list[dict[str, Any]], unread: dict[str, Unread] | None = None
) -> Features:
    """Features of records given as an Arrow table or dicts in the dedupe contract. `unread`,
    if given, is filled with the fields some of whose values could not be read (`Unread`)."""
    if not isinstance(records, pa.Table):
        # every field any record has (Arrow would take the first record's fields only)
        names = list(dict.fromkeys(k for r in records for k in r))
        records = pa.Table.from_pylist(
            [{k: (None if r.get(k) is None else str(r.get(k))) for k in names} for r in records]
        )
    table = records
    birth_cols = _read(table, "birth_date", _date_row, 5, unread)
    death_cols = _read(table, "death_date", _date_row, 5, unread)
    region = _read(table, "region", lambda t: (region_code(t, cell=True),), 1, unread)[0]
    settlement, town = _read(table, "settlement", lambda t: (region_code(t), settlement_code(t)), 2)
    unit, unit_kind = _read(table, "unit", unit_code, 2)
    category = _read(table, "category", lambda t: (category_code(t),), 1)[0]
    source = outlets.outlet_codes(table)
    rank = _read(table, "rank", lambda t: (rank_code(t),), 1)[0]
    age = _read(table, "age", lambda t: (read_age(t),), 1, unread, lost=-1)[0]
    names = _distinct(table, "full_name")
    name = _name_columns(names, unread)
    cell_rank = name.pop("cell_rank")
    # a row of an already merged list is one man: never merged with anything
    alone = (
        np.array([bool(v) for v in _column(table, "distinct_person")], dtype=bool)
        if "distinct_person" in table.column_names
        else np.zeros(table.num_rows, dtype=bool)
    )
    place = np.where(region != 0, region, settlement).astype(np.int64)  # a town's region too
    return Features(
        record_id=_record_ids(table),
        usable=name.pop("usable") & ~alone,
        **name,
        birth_y=birth_cols[0].astype(np.int16),
        birth_m=birth_cols[1].astype(np.int8),
        birth_d=birth_cols[2].astype(np.int8),
        age=age.astype(np.int16),
        death_ord=death_cols[3].astype(np.int32),
        death_prec=death_cols[4].astype(np.int8),
        death_y=death_cols[0].astype(np.int16),
        region=place,
        settlement=town.astype(np.int64),
        unit=unit.astype(np.int64),
        unit_kind=unit_kind.astype(np.int8),
        category=category.astype(np.int64),
        call_sign=_call_signs(table, names),
        # the rank column, else the rank the name's cell opens with
        rank=np.where(rank != 0, rank, cell_rank).astype(np.int8),
        source=source,
        home_region=outlets.home_regions(source, place),
        published=outlets.published_by(table),
    )


def _call_signs(table: pa.Table, names: tuple[list[str], np.ndarray]) -> np.ndarray:
    """Each record's call sign, hashed (0 none): from a `call_sign` column, else the name's
    cell (`names`: the distinct full names, and each record's), else the name as the text
    wrote it, else the text after the name."""
    code = np.zeros(table.num_rows, dtype=np.int64)
    if {"context", "spans"} <= set(table.column_names):
        texts, spans = (_as_text(table.column(name)) for name in ("context", "spans"))
        for row, got in call_signs.in_texts(texts, spans).items():
            code[row] = stable_hash(got)
    for column in ("name_raw", "full_name", "call_sign"):  # each later one wins
        if column in table.column_names:
            texts, at = names if column == "full_name" else _distinct(table, column)
            hashed = np.zeros(len(texts), dtype=np.int64)
            for k, found in call_signs.cells(texts, column).items():
                hashed[k] = stable_hash(found)
            said = hashed[at]
            code = np.where(said != 0, said, code)
    return code


def _as_text(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    return column if pa.types.is_string(column.type) else column.cast(pa.string())


def _name_columns(
    names: tuple[list[str], np.ndarray], unread: dict[str, Unread] | None = None
) -> dict[str, np.ndarray]:
    """The name features of every record: the keys of each distinct name (`read_names`), each
    distinct key hashed once, spread over the records. With `unread`, the names noted there
    that are no name dedupe can use (one word, or none it can tell the parts of)."""
    texts, at = names
    # a rank, a call sign, the years… around a name are taken away before it is read
    # (`dedupe.name_cells`): «Ефрейтор С. В. Соколов» is no man whose given name starts with Е;
    # the rank the cell opens with is read in the same pass over the cores
    cells = _everywhere(_bare_and_ranked, texts)
    read = read_names([bare for bare, _ in cells], _read_everywhere)
    if unread is not None:
        said = np.array([bool(t) for t in texts], dtype=bool)
        _note(unread, "full_name", (said & ~read.usable)[at], texts, at)
    hashes = np.fromiter(map(stable_hash, read.keys), dtype=np.int64, count=len(read.keys))
    keys = np.array(read.keys, dtype=object)
    skeletons = np.zeros(len(keys), dtype=np.int64)
    for code in np.unique(read.surname).tolist():
        skeletons[code] = stable_hash(skeleton(read.keys[code]))
    surname, given, patronymic = read.surname[at], read.given[at], read.patronymic[at]
    return {
        "usable": read.usable[at],
        "surname": hashes[surname],
        "given": hashes[given],
        "patronymic": hashes[patronymic],
        "given_initial": hashes[read.given_initial[at]],
        "patronymic_initial": hashes[read.patronymic_initial[at]],
        "surname_skeleton": skeletons[surname],
        "given_alt": hashes[read.given_options[at]],
        "gender": read.gender[at],
        "surname_text": keys[surname],
        "given_text": keys[given],
        "patronymic_text": keys[patronymic],
        "cell_rank": np.fromiter((r for _, r in cells), np.int8, len(cells))[at],
    }


def _bare_and_ranked(texts: list[str]) -> list[tuple[str, int]]:
    """`bare_names` and `cell_ranks` of the same texts (which of them carry anything looked
    for once): one part of a pass over the cores."""
    carried = wrapped(texts)
    out: list[tuple[str, int]] = []
    # a slice at a time, so the rank each cell opens with, asked by both, is still remembered
    # (`lexicon.ranks.leading_rank`) when the second asks
    for k in range(0, len(texts), _SLICE):
        part, said = texts[k : k + _SLICE], carried[k : k + _SLICE]
        out += zip(bare_names(part, said), cell_ranks(part, said).tolist(), strict=True)
    return out


_SLICE = 2_000


def _record_ids(table: pa.Table) -> np.ndarray:
    column = table.column("record_id") if "record_id" in table.column_names else None
    if column is not None and column.null_count == 0 and pa.types.is_string(column.type):
        return column.to_numpy(zero_copy_only=False).astype(object)
    return np.array([str(r) for r in _column(table, "record_id")], dtype=object)


_NO_EDGE_SPACE = r"(?s)^[0-9A-Za-zА-Яа-яЁё.,()-].*[0-9A-Za-zА-Яа-яЁё.,()-]$"


def _distinct(table: pa.Table, name: str) -> tuple[list[str], np.ndarray]:
    """The distinct texts of a column and, per record, the position of its text among them
    (Arrow's dictionary encoding: a million records in milliseconds)."""
    if name not in table.column_names or table.num_rows == 0:
        return [""], np.zeros(table.num_rows, dtype=np.int64)
    column = _as_text(table.column(name).combine_chunks())
    encoded = pc.dictionary_encode(column, null_encoding="encode")
    values = encoded.dictionary.to_pylist()
    # _text leaves a value alone that neither starts nor ends with a space and is no «nan»
    as_is = pc.and_(
        pc.match_substring_regex(encoded.dictionary, _NO_EDGE_SPACE),
        pc.greater(pc.utf8_length(encoded.dictionary), 4),
    ).fill_null(False)
    for k in np.flatnonzero(~as_is.to_numpy(zero_copy_only=False)).tolist():
        values[k] = _text(values[k])
    return values, encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)


def _read(
    table: pa.Table,
    name: str,
    fn: Callable[[str], tuple],
    width: int,
    unread: dict[str, Unread] | None = None,
    lost: int = 0,
) -> list[np.ndarray]:
    """`fn` on each distinct value of a column, as `width` columns over the records; with
    `unread`, the values there whose row starts with `lost` (no year, no region) noted."""
    values, at = _distinct(table, name)
    rows = [fn(v) for v in values]
    if unread is not None and rows:
        bad = np.array(
            [bool(v) and r[0] == lost for v, r in zip(values, rows, strict=True)], dtype=bool
        )
        _note(unread, name, bad[at], values, at)
    return _columns(rows, at, width)


def _note(
    unread: dict[str, Unread], name: str, bad: np.ndarray, values: list[str], at: np.ndarray
) -> None:
    """`unread[name]`: how many records `bad` marks, and their commonest values."""
    if not bad.any():
        return
    counts = np.bincount(at[bad], minlength=len(values))
    common = np.argsort(-counts, kind="stable")[:3]
    unread[name] = Unread(int(bad.sum()), tuple(values[k] for k in common.tolist() if counts[k]))


def _columns(rows: list[tuple], at: np.ndarray, width: int) -> list[np.ndarray]:
    """Rows computed per distinct value, as `width` columns over the records."""
    if not rows:
        return [np.zeros(len(at), dtype=np.int64) for _ in range(width)]
    out = []
    for k in range(width):
        values = [row[k] for row in rows]
        if isinstance(values[0], tuple):  # given_alt: a fixed-width tuple of hashes
            array = np.array(values, dtype=np.int64)
            out.append(array[at].ravel())
            continue
        kind = object if isinstance(values[0], str) else None
        out.append(np.array(values, dtype=kind)[at])
    return out
