"""Candidate pairs: only records that share a blocking key are compared.

Several keys, so that a true pair missed by one (a typo in the surname, a short form of the
given name, no patronymic, a funeral date for a death date) is caught by another. Within a key,
records are sorted by death date: a group up to `cap` records is compared all against all, a
bigger one (Иванов А., a common name) only within a window of neighbours in that order.
Everything is numpy over whole columns; no Python loop runs per record.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from dedupe.dates import month_day
from dedupe.outlets import region_or_home
from dedupe.prepare import Features, stable_hash

_MIX = np.uint64(0x9E3779B97F4A7C15)
_MASK = np.uint64(0x7FFFFFFFFFFFFFFF)


def combine(*parts: np.ndarray) -> np.ndarray:
    """One int64 key from several hash columns; 0 wherever any part is unknown (0)."""
    known = np.ones(len(parts[0]), dtype=bool)
    acc = np.zeros(len(parts[0]), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for part in parts:
            known &= part != 0
            acc = (acc * _MIX) ^ part.astype(np.uint64)
            # splitmix64's finaliser: every bit of the key depends on every part (a small
            # last part, a month number, must not stay in the low bits alone)
            acc ^= acc >> np.uint64(30)
            acc *= np.uint64(0xBF58476D1CE4E5B9)
            acc ^= acc >> np.uint64(27)
            acc *= np.uint64(0x94D049BB133111EB)
            acc ^= acc >> np.uint64(31)
    out = (acc & _MASK).astype(np.int64)
    out[out == 0] = 1
    out[~known] = 0
    return out


def unique_pairs(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """The distinct (a, b) pairs of ints below n, sorted, as an (m, 2) array (a sort of packed
    codes: np.unique's hash table is several times slower on tens of millions)."""
    return _distinct_codes(a.astype(np.int64) * np.int64(n) + b, n)


def _distinct_codes(codes: np.ndarray, n: int, presorted: bool = False) -> np.ndarray:
    """Packed pair codes a·n + b, sorted in place (unless `presorted`), as the (m, 2) array of
    distinct pairs."""
    if not presorted:
        codes.sort()
    if len(codes):
        codes = codes[np.r_[True, codes[1:] != codes[:-1]]]
    out = np.empty((len(codes), 2), dtype=np.int64)
    np.floor_divide(codes, np.int64(n), out=out[:, 0])  # (np.divmod and a stack: 3× slower)
    np.subtract(codes, out[:, 0] * np.int64(n), out=out[:, 1])
    return out


def given_or_initial(f: Features) -> np.ndarray:
    """The full given name where known, otherwise its initial."""
    return np.where(f.given != 0, f.given, f.given_initial)


def blocking_keys(f: Features) -> dict[str, np.ndarray]:
    """The keys, each an int64 column (0 = this record has no such key). Each is narrow enough
    that a million records make small groups, and together they catch what one misses."""
    usable = f.usable
    year = f.birth_y.astype(np.int64)
    birth_or_age = np.where(
        year > 0,
        year,
        np.where((f.age > 0) & (f.death_y > 0), f.death_y.astype(np.int64) - f.age, 0),
    )
    death_month = np.where(f.death_prec >= 2, f.death_ord // 30 + 1, 0).astype(np.int64)
    # a funeral a few weeks after the death: the month window shifted by half a month
    death_shift = np.where(f.death_prec >= 2, (f.death_ord + 15) // 30 + 1, 0).astype(np.int64)
    death_year = np.where(f.death_prec >= 1, f.death_y, 0).astype(np.int64)
    name = combine(f.surname, given_or_initial(f))
    place = region_or_home(f)  # the region a record names, else its outlet's home
    death_day = np.where(f.death_prec == 3, f.death_ord, 0).astype(np.int64)
    # the age at death: as given, or from the dates (a year less before the birthday)
    dm, dd = month_day(f.death_ord)
    before = (
        (f.death_prec == 3)
        & (f.birth_d > 0)
        & ((dm < f.birth_m) | ((dm == f.birth_m) & (dd < f.birth_d)))
    )
    from_dates = np.where(
        (year > 0) & (f.death_y > 0), f.death_y.astype(np.int64) - year - before, 0
    )
    age_at_death = np.where(f.age > 0, f.age, from_dates).astype(np.int64)
    # the first letter of the surname's key (e for Егоов and Yegorov alike)
    letter = np.fromiter((ord(s[0]) if s else 0 for s in f.surname_text), np.int64, len(f))
    keys = {
        # the day of death with the initials of both names: both names slipped (Егоов Вова,
        # Vladimir Yegorov; Ермакв Виталй, ЕРМЧАКОВ Виатлий), the day itself rare enough
        "death_day+initials": combine(death_day, letter, f.given_initial),
        # one name and one age at death (given, or from the dates): «Игорь Тарасов, 55»
        # beside «Тарасов Игорь Михайлович, 1967-10-20 – 2023-07-24», in a crowd of the name
        "name+age": combine(name, age_at_death),
        # the given name in one town: a surname slipped past a letter (Пюпов, ПОПОВ at Онега)
        "given+settlement": combine(f.given, f.settlement),
        # one name and one month of death (or the half-month beside it)
        "name+death": combine(name, death_month),
        "name+death_shifted": combine(name, death_shift),
        # one name and one year of birth (from an age too)
        "name+birth": combine(name, birth_or_age),
        # one name in one region: a post with no dates beside a register
        "name+region": combine(name, place),
        "surname+initial+region": combine(f.surname, f.given_initial, place),
        # one unit: «Карпов А.А, войсковая часть 80501» beside «рядовой КАРПОВ Александр
        # Анатольевич, в/ч80501» (no region, no date in common)
        "surname+initial+unit": combine(f.surname, f.given_initial, f.unit),
        # one call sign: «Борис Смирнов «Святой»» beside «Смирнов Борис Владимирович (Святой)»
        # in a crowd of Смирновых with nothing else in common; with the given name, a surname
        # slipped
        "surname+call_sign": combine(f.surname, f.call_sign),
        "given+call_sign": combine(f.given, f.call_sign),
        # the surname with initials only (СЕМЕНОВ А.А.) against full names of that year
        "surname+initials+death_year": combine(
            f.surname, f.given_initial, f.patronymic_initial, death_year
        ),
        # given name and patronymic with a date: a surname mistyped or transliterated oddly
        "given+patronymic+birth": combine(f.given, f.patronymic, birth_or_age),
        "given+patronymic+death": combine(f.given, f.patronymic, death_month),
        # the surname's consonants with the initial and the year of birth: Ivnov for Ivanov
        "skeleton+initial+birth": combine(f.surname_skeleton, f.given_initial, birth_or_age),
        # and with the given name: slips among the vowels, two of them too (Ппоов, Попов); a
        # broad key (the narrow window: the consonants of Иванов are those of Ивинов too)
        "skeleton+given": combine(f.surname_skeleton, f.given),
        # the full name, patronymic too: in a crowd of one name, a narrower group
        "full_name": combine(f.surname, f.given, f.patronymic),
        # the name alone: a record that says nothing else (small groups only; see cap)
        "name": name,
        # the surname and the first initial: «Кузнецов И. А.» beside «Кузнецов Илья»
        "surname+initial": combine(f.surname, f.given_initial),
    }
    for key in keys:
        keys[key][~usable] = 0
    return keys


# the keys' two-letter spellings of one Cyrillic letter (ш ж щ → sh, ч → ch, ц → ts, я → ia,
# ю → iu) as one sign each, so that a letter dropped or mistyped in Cyrillic (Ахмершв for
# Ахмеров, Баин for Бажин) is one letter away in the key too
_LETTERS = (("sh", "1"), ("ch", "2"), ("ts", "3"), ("ia", "4"), ("iu", "5"))


def letters(key: str) -> str:
    """A name key with each Cyrillic letter one sign (see `_LETTERS`)."""
    for pair, sign in _LETTERS:
        key = key.replace(pair, sign)
    return key


def _left_out(text: str):
    """`text` with each letter left out in turn. A letter left out between two alike leaves
    them side by side, and keys write a double letter once (Соколов less к is Соолов, whose
    key is solov): so is the variant."""
    for k in range(len(text)):
        if 0 < k < len(text) - 1 and text[k - 1] == text[k + 1]:
            yield text[:k] + text[k + 2 :]
        else:
            yield text[:k] + text[k + 1 :]


def surname_variants(f: Features) -> tuple[np.ndarray, ...]:
    """The one-letter-left-out spellings of every distinct surname that another surname shares
    (computed once per distinct surname): per record its surname's row (`inverse`), the
    variants as (row, key) sorted by row, where each row's start, and how many each has."""
    codes, first, inverse = np.unique(f.surname, return_index=True, return_inverse=True)
    variant_rows, variant_keys = [], []
    for row, (code, text) in enumerate(zip(codes.tolist(), f.surname_text[first], strict=True)):
        if not code or len(text) < 4:
            continue
        text = letters(text)
        for v in {text, *_left_out(text)}:
            variant_rows.append(row)
            variant_keys.append(stable_hash("~" + v))
    if not variant_rows:
        empty = np.zeros(0, dtype=np.int64)
        return inverse, empty, empty, empty, np.zeros(len(codes), dtype=np.int64)
    rows = np.asarray(variant_rows, dtype=np.int64)
    keys = np.asarray(variant_keys, dtype=np.int64)
    # a variant only one surname has joins no two surnames: all its pairs would be dropped
    _, which, shared = np.unique(keys, return_inverse=True, return_counts=True)
    rows, keys = rows[shared[which] > 1], keys[shared[which] > 1]
    starts = np.searchsorted(rows, np.arange(len(codes)))
    counts = np.bincount(rows, minlength=len(codes))
    return inverse, rows, keys, starts, counts


def deletion_keys(
    f: Features, given: np.ndarray | None = None, variants: tuple | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Every surname with one letter left out, joined with the given name (or its initial;
    `given` another column of given-name codes in its place), as (record, key) entries: two
    spellings one typo apart (Зверев and Зерев, Кузнецов and Куунецов, Силин and Силтин) share
    one of them. `variants` (`surname_variants(f)`) spares working them out again."""
    inverse, rows, keys, starts, counts = surname_variants(f) if variants is None else variants
    if not len(rows):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    # the same for the distinct (surname, given name) of the records: a key only one of them
    # has gives no pair, so only keys two of them share are spread over the records
    given = given_or_initial(f) if given is None else given
    users = np.flatnonzero(f.usable & (given != 0) & (counts[inverse] > 0))
    _, given_code = np.unique(given[users], return_inverse=True)
    packed = inverse[users] * np.int64(len(users) + 1) + given_code
    _, at, combo_of = np.unique(packed, return_index=True, return_inverse=True)
    combo_row, combo_given = inverse[users][at], given[users][at]
    combo, k = _spread(counts[combo_row])
    key = combine(keys[starts[combo_row][combo] + k], combo_given[combo])
    _, which, shared = np.unique(key, return_inverse=True, return_counts=True)
    combo, key = combo[shared[which] > 1], key[shared[which] > 1]
    # then each kept (combo, key) for every record of the combo
    by_combo = users[np.argsort(combo_of, kind="stable")]
    size = np.bincount(combo_of, minlength=len(at))
    entry, k = _spread(size[combo])
    first = np.cumsum(size) - size
    return by_combo[first[combo][entry] + k], key[entry]


def _spread(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each item repeated its count times, with 0, 1, … counting the copies of each."""
    item = np.repeat(np.arange(len(counts)), counts)
    return item, np.arange(len(item)) - np.repeat(np.cumsum(counts) - counts, counts)


def _pair_codes(
    record: np.ndarray,
    key: np.ndarray,
    rank: np.ndarray,
    cap: int,
    window: int,
    differ: np.ndarray | None = None,
) -> np.ndarray:
    """Pairs of records sharing a key, from (record, key) entries: all against all within a
    group of up to `cap`, a window of neighbours in `rank` beyond. With `differ`, only pairs
    whose values in it differ (the rest another key already gives). `rank` is each record's
    place in the order windows follow (by date of death, then birth). Each pair i < j comes
    packed as i·n + j (n = len(rank)): one int64 to sort and count once, whatever the key."""
    valid = key != 0
    record, key = record[valid], key[valid]
    if record.size < 2:
        return np.zeros(0, dtype=np.int64)
    # one int64 sort: the key's high bits, then the record's rank (a 2⁻⁴³ chance
    # that two keys share their high bits only adds a candidate pair)
    bits = max(int(len(rank)).bit_length(), 1)
    packed = ((key >> bits) << bits) | rank[record]
    idx = np.argsort(packed)
    sk, sv = packed[idx] >> bits, record[idx]
    starts = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]])
    sizes = np.diff(np.r_[starts, len(sk)])
    values = differ[sv] if differ is not None else None
    if values is not None and len(sk):
        # a group all of one value in `differ` gives no pair: left out before pairing
        mixed = np.minimum.reduceat(values, starts) != np.maximum.reduceat(values, starts)
        inside = np.repeat(mixed, sizes)
        sk, sv, values, sizes = sk[inside], sv[inside], values[inside], sizes[mixed]
        starts = np.cumsum(sizes) - sizes
    a, b = _pairs_in_groups(sv, values, starts, sizes, cap, window)
    return np.minimum(a, b) * np.int64(len(rank)) + np.maximum(a, b)


def _pairs_in_groups(
    sv: np.ndarray,
    values: np.ndarray | None,
    starts: np.ndarray,
    sizes: np.ndarray,
    cap: int,
    window: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The records of groups laid end to end in `sv`, paired: all pairs of a group of up to
    `cap`, each entry with the next `window` of a bigger one; two entries of one record, or of
    one value in `values`, make no pair."""
    out_a, out_b = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]

    def add(i: np.ndarray, j: np.ndarray) -> None:
        keep = sv[i] != sv[j]
        if values is not None:
            keep &= values[i] != values[j]
        out_a.append(sv[i[keep]])
        out_b.append(sv[j[keep]])

    small = (sizes >= 2) & (sizes <= cap)
    for size in np.unique(sizes[small]).tolist():
        i, j = np.triu_indices(size, 1)
        base = starts[sizes == size][:, None]
        add((base + i).ravel(), (base + j).ravel())
    big = sizes > cap
    position = np.flatnonzero(np.repeat(big, sizes))
    end = np.repeat((starts + sizes)[big], sizes[big])
    for step in range(1, window + 1):
        inside = position + step < end
        position, end = position[inside], end[inside]
        add(position, position + step)
    return np.concatenate(out_a), np.concatenate(out_b)


def _codes_of_key(key: np.ndarray, rank: np.ndarray, cap: int, window: int) -> np.ndarray:
    return _pair_codes(np.arange(len(key)), key, rank, cap, window)


def death_rank(f: Features) -> np.ndarray:
    """Each record's place when sorted by date of death, then year of birth; a record without
    one where its page's date puts it (a month before: reports follow the death by weeks)."""
    when = np.where(
        f.death_ord != 0, f.death_ord, np.where(f.published != 0, f.published - 30, 0)
    ).astype(np.int64)
    order = when * 4096 + f.birth_y.astype(np.int64)
    rank = np.empty(len(f), dtype=np.int64)
    rank[np.argsort(order, kind="stable")] = np.arange(len(f))
    return rank


# keys whose big groups (Иванов А. among a million) say little about who is who: compared
# all against all only when small, and in a narrower window of neighbours by date
_BROAD = ("name", "surname+initial", "skeleton+given", "given+settlement", "surname+initial+region")


# From this many records the keys are paired side by side on threads (their sorts let go of
# the GIL): a million records spend ~10 s here on one core
THREADS_FROM = 200_000


def candidate_pairs(
    f: Features, cap: int = 40, window: int = 6, only: np.ndarray | None = None
) -> np.ndarray:
    """Array (m, 2) of index pairs i < j sharing a key, each pair once. With `only` (a bool
    mask), just the pairs touching a marked record: an incremental run's new records."""
    n = len(f)
    rank = death_rank(f)
    jobs: list[Callable[[], np.ndarray]] = [
        lambda key=key, narrow=name in _BROAD: _codes_of_key(
            key, rank, *((cap // 3, window // 2) if narrow else (cap, window))
        )
        for name, key in blocking_keys(f).items()
    ]
    variants = surname_variants(f)

    def slipped(initial: bool) -> np.ndarray:
        # with the initial only: a slip in the given name as well (Сминров Вктор, Смирнов
        # Виктор), in the narrower window of a broad key
        record, key = deletion_keys(f, f.given_initial if initial else None, variants)
        narrow = (cap // 3, window // 2) if initial else (cap, window)
        return _pair_codes(record, key, rank, *narrow, differ=f.surname)

    jobs += [lambda: slipped(False), lambda: slipped(True)]
    # each key's pairs sorted apart, then merged: a stable sort of sorted runs is a merge
    workers = min(os.cpu_count() or 1, 4) if n >= THREADS_FROM else 1
    if workers > 1:
        with ThreadPoolExecutor(workers) as pool:
            found = list(pool.map(lambda job: np.sort(job()), jobs))
    else:
        found = [np.sort(job()) for job in jobs]
    codes = np.concatenate(found)
    codes.sort(kind="stable")
    pairs = _distinct_codes(codes, n, presorted=True)
    if only is not None and len(pairs):
        pairs = pairs[only[pairs[:, 0]] | only[pairs[:, 1]]]
    return pairs
