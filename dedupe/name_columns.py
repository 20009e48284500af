"""Many names at once: the shapes most names come in, decided over whole columns.

A million records hold hundreds of thousands of distinct names but only tens of thousands of
distinct words, and most names are two or three words in one of the orders `names._fast_parts`
reads without morphology («Петров Иван Сергеевич», «Иван Петров», «ПЕТРОВ И. С.»). So each
distinct word is looked at once (a given name as written? a patronymic? an initial? its keys in
each role), the shape of every name is decided with numpy over the words' answers, and a name's
keys are its words' keys. A name the words alone do not settle — a declined form, a word the
fast reader does not know (a slip of the pen), a Latin patronymic, one word or five, a name
that comes out unusable — goes to `read_one`, one name at a time.

The decisions mirror `names._fast_parts` and `names.name_key` branch by branch, so a name gets
the same keys either way; tests/dedupe/test_name_columns.py holds the two equal on names of
every shape.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dedupe.loose_names import known_given_keys
from dedupe.names import (
    _FEMININE,
    _INITIALS,
    _LATIN,
    _PATR_NOM,
    _PATR_OBLIQUE,
    _SURNAME_OBLIQUE,
    NameKey,
    _given_as_written,
    _given_keys,
    name_key,
    nominative_surname,
    patronymic_key,
)
from lexicon import names as lex
from lexicon import translit
from lexicon.name_forms import split_name_tokens
from lexicon.text import clean

# words of letters between single spaces: clean() leaves such a name as it is, and
# split_name_tokens() splits it at the spaces
_PLAIN = r"^[A-Za-zА-Яа-яЁё]+(?: [A-Za-zА-Яа-яЁё]+)+$"
_WIDTH = 4  # read_parts looks at the first four words


@dataclass
class NameColumns:
    """The keys of each name as codes into `keys` (0 is "", unknown)."""

    keys: list[str]
    surname: np.ndarray  # int64 codes, one per name
    given: np.ndarray
    patronymic: np.ndarray
    given_initial: np.ndarray
    patronymic_initial: np.ndarray
    given_options: np.ndarray  # (n, 3): other full names a short form may stand for
    gender: np.ndarray  # int8: 0 unknown, 1 m, 2 f
    usable: np.ndarray  # bool


class _Keys:
    """Distinct key strings and their codes, "" first."""

    def __init__(self) -> None:
        self.keys = [""]
        self._code = {"": 0}

    def code(self, key: str) -> int:
        found = self._code.get(key)
        if found is None:
            found = self._code[key] = len(self.keys)
            self.keys.append(key)
        return found


def read_names(
    texts: list[str], read_one: Callable[[list[str]], list[NameKey]] | None = None
) -> NameColumns:
    """The keys of names (each as `name_key` is given it); `read_one` reads the names the
    columns leave, a list at a time (by default `name_key` on each)."""
    n = len(texts)
    grid, count, words = _words(texts)
    facts = _Facts(words)
    shape = _shapes(grid, count, facts)
    keys = _Keys()
    out = NameColumns(
        keys=keys.keys,
        surname=np.zeros(n, dtype=np.int64),
        given=np.zeros(n, dtype=np.int64),
        patronymic=np.zeros(n, dtype=np.int64),
        given_initial=np.zeros(n, dtype=np.int64),
        patronymic_initial=np.zeros(n, dtype=np.int64),
        given_options=np.zeros((n, 3), dtype=np.int64),
        gender=np.zeros(n, dtype=np.int8),
        usable=np.zeros(n, dtype=bool),
    )
    decided = _fill_decided(out, shape, facts, keys)
    rest = np.flatnonzero(~decided)
    found = (read_one or _name_keys)([texts[i] for i in rest.tolist()])
    for i, key in zip(rest.tolist(), found, strict=True):
        out.surname[i] = keys.code(key.surname)
        out.given[i] = keys.code(key.given)
        out.patronymic[i] = keys.code(key.patronymic)
        out.given_initial[i] = keys.code(key.given_initial)
        out.patronymic_initial[i] = keys.code(key.patronymic_initial)
        for k, option in enumerate(key.given_options[:3]):
            out.given_options[i, k] = keys.code(option)
        out.gender[i] = {"m": 1, "f": 2}.get(key.gender or "", 0)
        out.usable[i] = key.usable
    return out


def _name_keys(texts: list[str]) -> list[NameKey]:
    return [name_key(t) for t in texts]


def _words(texts: list[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Each name's first four words as codes into the distinct words (-1 past its last word),
    the number of words (0 for a name of fewer than two: read one at a time), and the words."""
    n = len(texts)
    grid = np.full((n, _WIDTH), -1, dtype=np.int64)
    count = np.zeros(n, dtype=np.int64)
    names = pa.array(texts, pa.string())
    plain = pc.match_substring_regex(names, _PLAIN).to_numpy(zero_copy_only=False)
    at = np.flatnonzero(plain)
    split = pc.split_pattern(names.filter(pa.array(plain)), " ")
    lengths = np.minimum(pc.list_value_length(split).to_numpy(), _WIDTH)
    split = pc.list_slice(split, 0, _WIDTH)
    encoded = pc.dictionary_encode(pc.list_flatten(split))
    words = encoded.dictionary.to_pylist()
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    starts = np.cumsum(lengths) - lengths
    grid[np.repeat(at, lengths), np.arange(len(codes)) - np.repeat(starts, lengths)] = codes
    count[at] = lengths
    # the others as read_parts splits them
    code = {w: k for k, w in enumerate(words)}
    for i in np.flatnonzero(~plain).tolist():
        tokens = split_name_tokens(clean(texts[i]))[:_WIDTH]
        if len(tokens) < 2:
            continue
        count[i] = len(tokens)
        for k, token in enumerate(tokens):
            found = code.get(token)
            if found is None:
                found = code[token] = len(words)
                words.append(token)
            grid[i, k] = found
    grid[grid < 0] = len(words)  # past the last word: the blank word after all others
    return grid, count, words


class _Facts:
    """What `_fast_parts` asks of a word, for every distinct word (and a blank one last)."""

    def __init__(self, tokens: list[str]) -> None:
        self.words = [t.title() if t.isupper() and len(t) > 1 else t for t in tokens] + [""]
        w = self.words
        self.initial = _flags(w, lambda x: bool(_INITIALS.match(x)))
        self.latin = _flags(w, lambda x: bool(_LATIN.search(x)))
        self.patr_oblique = _flags(w, lambda x: bool(_PATR_OBLIQUE.match(x)))
        self.surname_oblique = _flags(w, lambda x: bool(_SURNAME_OBLIQUE.search(x)))
        self.patr_nom = _flags(w, lambda x: bool(_PATR_NOM.match(x)))
        self.feminine = _flags(w, lambda x: bool(_FEMININE.search(x)))
        self.instrumental = _flags(
            w, lambda x: x.endswith(("ым", "им")) and nominative_surname(x) == x
        )
        self.given = _flags(w, lambda x: bool(x) and _given_as_written(x))

    def female(self, index: np.ndarray) -> np.ndarray:
        """lex.name_gender(word) == "f", asked only of the words a name needs it for."""
        out = np.zeros(len(index), dtype=bool)
        unique, inverse = np.unique(index, return_inverse=True)
        found = np.array([lex.name_gender(self.words[k]) == "f" for k in unique.tolist()])
        if len(unique):
            out = found[inverse]
        return out


def _flags(words: list[str], test: Callable[[str], bool]) -> np.ndarray:
    return np.fromiter((test(w) for w in words), dtype=bool, count=len(words))


@dataclass
class _Shape:
    """Which word of each name plays which part (the blank word where none), per name."""

    decided: np.ndarray  # bool: the columns read this name
    surname: np.ndarray
    given: np.ndarray
    patronymic: np.ndarray
    given_initial: np.ndarray
    patronymic_initial: np.ndarray
    male: np.ndarray  # bool: the reading says a man (gender "m")
    # bool: a surname beside initials or a given name as written, in whatever case the text
    # left it («Беловым Р.Д.», «Саша Истоминым»): `nominative_surname` gives it back
    declined: np.ndarray


def _shapes(grid: np.ndarray, count: np.ndarray, facts: _Facts) -> _Shape:
    """`names._fast_parts` over all names at once; a name it would send to a declined reading
    or give up on stays undecided."""
    blank = len(facts.words) - 1
    rows = np.arange(len(count))
    t0, t1, t2, t3 = grid.T
    last = grid[rows, np.maximum(count - 1, 0)]
    init = facts.initial
    # Surname I. [P.]
    b1 = (count >= 2) & ~init[t0]
    for k, t in enumerate((t1, t2, t3), start=1):
        b1 &= (count <= k) | init[t]
    # I. [P.] Surname
    b2 = ~b1 & ((count == 2) | (count == 3)) & ~init[last] & ~facts.latin[last]
    for k, t in enumerate((t0, t1)):
        b2 &= (k >= count - 1) | init[t]
    rest = ~b1 & ~b2 & (count >= 2)
    latin = facts.latin[t0] | facts.latin[t1] | facts.latin[t2] | facts.latin[t3]
    given, patr_nom = facts.given, facts.patr_nom
    # a form _fast_parts may read as declined goes to the one-at-a-time reader
    free = rest & ~((count == 3) & ~latin & facts.patr_oblique[t1])
    free &= ~((count == 2) & ~latin & ~given[t0] & facts.surname_oblique[t1])
    sgp = free & (count == 3) & given[t1] & patr_nom[t2] & ~given[t0]
    gps = free & (count == 3) & ~sgp & given[t0] & patr_nom[t1] & ~given[t2]
    g2, s2 = np.where(given[t0], t0, t1), np.where(given[t0], t1, t0)
    two = free & (count == 2) & (given[t0] != given[t1])
    two &= ~facts.feminine[s2] & ~facts.instrumental[s2]  # «Вова» ends as a woman's surname
    two[two] = ~facts.female(g2[two])

    def pick(*choices: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        return np.select([c for c, _ in choices], [w for _, w in choices], default=blank)

    return _Shape(
        decided=b1 | b2 | sgp | gps | two,
        surname=pick((b1, t0), (b2, last), (sgp, t0), (gps, t2), (two, s2)),
        given=pick((sgp, t1), (gps, t0), (two, g2)),
        patronymic=pick((sgp, t2), (gps, t1)),
        given_initial=pick((b1, t1), (b2, t0)),
        patronymic_initial=pick((b1, t2), (b2 & (count == 3), t1)),
        male=sgp | gps,
        declined=b1 | b2 | two,
    )


def _fill_decided(out: NameColumns, shape: _Shape, facts: _Facts, keys: _Keys) -> np.ndarray:
    """The keys of the names the columns read (`names.name_key` on their parts, each word's
    keys worked out once); returns which names they are. A name that comes out unusable is
    left to the one-at-a-time reader too."""
    words = facts.words
    n_words = len(words)

    def per_word(role: np.ndarray, keys_of: Callable[[str], tuple[str, ...]], width: int):
        table = np.zeros((n_words, width), dtype=np.int64)
        for k in np.unique(role[shape.decided]).tolist():
            if k != n_words - 1:
                table[k] = [keys.code(x) for x in keys_of(words[k])]
        return table[role]

    surname = per_word(shape.surname, _surname_keys, 1)[:, 0]
    nominative = per_word(np.where(shape.declined, shape.surname, n_words - 1),
                          _nominative_surname_keys, 1)[:, 0]  # fmt: skip
    surname = np.where(shape.declined, nominative, surname)
    given = per_word(shape.given, _given_word_keys, 5)
    patronymic = per_word(shape.patronymic, _patronymic_keys, 2)
    given_initial = per_word(shape.given_initial, _initial_keys, 1)[:, 0]
    patronymic_initial = per_word(shape.patronymic_initial, _initial_keys, 1)[:, 0]
    g_init = np.where(given[:, 1] != 0, given[:, 1], given_initial)
    p_init = np.where(patronymic[:, 1] != 0, patronymic[:, 1], patronymic_initial)
    usable = (surname != 0) & ((given[:, 0] != 0) | (g_init != 0))
    # a given name no table knows (a slip: «Нколай») is left to the one-at-a-time reader,
    # which also tries the loose reading (`dedupe.prepare.read_name`)
    known = known_given_keys()
    known_code = np.fromiter((k in known for k in keys.keys), dtype=bool, count=len(keys.keys))
    decided = shape.decided & usable & ((given[:, 0] == 0) | known_code[given[:, 0]])
    at = np.flatnonzero(decided)
    out.surname[at] = surname[at]
    out.given[at] = given[at, 0]
    out.patronymic[at] = patronymic[at, 0]
    out.given_initial[at] = g_init[at]
    out.patronymic_initial[at] = p_init[at]
    out.given_options[at] = given[at, 2:]
    out.gender[at] = np.where(shape.male[at], 1, 0)
    out.usable[at] = True
    return decided


def _surname_keys(word: str) -> tuple[str]:
    surname = lex.masculine_surname(word)
    return (translit.name_key(surname) if surname else "",)


def _nominative_surname_keys(word: str) -> tuple[str]:
    return _surname_keys(nominative_surname(word))


def _given_word_keys(word: str) -> tuple[str, str, str, str, str]:
    """The given name's key, its first letter, and up to three other names it may be."""
    found = _given_keys(word)
    options = found[1:4] + ("",) * (3 - len(found[1:4]))
    return (found[0], found[0][:1], *options)


def _patronymic_keys(word: str) -> tuple[str, str]:
    key = patronymic_key(word)
    return key, key[:1]


def _initial_keys(word: str) -> tuple[str]:
    return (translit.name_key(word.rstrip("."))[:1],)
