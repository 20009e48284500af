"""Cyrillic ↔ Latin for names, and a key that compares a name across scripts.

``to_latin`` writes Russian Cyrillic in one of four systems (BGN/PCGN, ISO 9, the ICAO rules of
Russian passports, and the spelling the English-language press uses); ``to_latin_ukrainian`` is
the Ukrainian national system of 2010. ``latin_to_cyrillic`` guesses the Russian spelling of a
Latin name; ``name_key`` folds a name so that «Семёнов», «Semyonov» and «Semenov» compare equal.
Given names go through the table in ``lexicon.given_table`` first, so «Alexander», «Oleksandr»
and «Александр» share a key while «Саша» (a short form) does not.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from lexicon import foreign_spelling
from lexicon.given_table import GivenName, cyrillic, given_name, is_given_name, rows_by_rank
from lexicon.romanize import CYRILLIC_VOWELS, romanize, to_latin_ukrainian
from lexicon.text import clean, fold

SYSTEMS = ("bgn", "iso9", "passport", "simple")

_CYR_WORD = re.compile(r"[А-Яа-яЁёҐґЄєІіЇї]+")
_IY_END = re.compile(r"(?:iy|yy)$", re.IGNORECASE)


def _like(source: str, target: str) -> str:
    if source.isupper() and len(source) > 1:
        return target.upper()
    return target if source[:1].isupper() else target.lower()


def _simple_word(m: re.Match[str]) -> str:
    word = m.group(0)
    row = given_name(word)
    if row is not None and row.latin:
        return _like(word, row.latin[0])
    lat = romanize(word, "bgn")
    return _IY_END.sub(lambda e: "Y" if e.group(0).isupper() else "y", lat)


def to_latin(text: str, system: str = "bgn") -> str:
    """Russian Cyrillic in Latin letters. ``system``: "bgn" (BGN/PCGN without the apostrophes
    of ь and ъ: Aleksandr, Sergey, Yuriy, Semyonov), "iso9" (ISO 9:1995 with its diacritics:
    Sergej, Ûrij, Š), "passport" (ICAO Doc 9303 as in Russian passports: Sergei, Iurii,
    Semenov, Iuliia) or "simple" (the press: the table's spelling for known given names — Sergei,
    Yuri, Dmitry, Alexei, Yevgeny — else BGN with -iy and -yy shortened to -y)."""
    if system == "simple":
        return _CYR_WORD.sub(_simple_word, clean(text))
    if system not in SYSTEMS:
        raise ValueError(f"unknown system {system!r}; expected one of {SYSTEMS}")
    return romanize(text, system)


# --- the given-name table seen from Latin and Ukrainian ---------------------------------------


def _generated_latin(row: GivenName) -> list[str]:
    forms = [to_latin(row.name, s) for s in ("bgn", "passport", "iso9")]
    if row.ukrainian or row.group == "slavic":
        kmu = to_latin_ukrainian(row.ukrainian or row.name)  # Олег → Oleh, Денис → Denys
        forms.append(kmu)
        if kmu.endswith("ii"):  # Serhii → Serhiy, Serhij
            forms += [kmu[:-1] + "y", kmu[:-1] + "j"]
    return forms


_PRIMES = str.maketrans("", "", "ʹʺ'’")


def _latin_key(form: str) -> str:
    return fold(form).translate(_PRIMES)


@functools.cache
def _latin_index() -> dict[str, GivenName]:
    """Folded Latin spelling → row: the table's own spellings win over generated ones."""
    index: dict[str, GivenName] = {}
    rows = rows_by_rank()
    for row in rows:
        for form in row.latin:
            index.setdefault(_latin_key(form), row)
    for row in rows:
        for form in _generated_latin(row):
            index.setdefault(_latin_key(form), row)
    for row in rows:  # the German and Polish press last: they never shadow a system's spelling
        for form in (foreign_spelling.german(row.name), foreign_spelling.polish(row.name)):
            index.setdefault(_latin_key(form), row)
    return index


@functools.cache
def _cyrillic_index() -> dict[str, GivenName]:
    """Folded full name or Ukrainian form → row (short forms deliberately left out)."""
    index: dict[str, GivenName] = {}
    rows = rows_by_rank()
    for row in rows:
        index.setdefault(fold(row.name), row)
    for row in rows:
        if row.ukrainian:
            index.setdefault(fold(row.ukrainian), row)
    return index


# --- Latin → Cyrillic -----------------------------------------------------------------------

_L2C = {
    "a": "а", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и",
    "j": "й", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р",
    "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "кс", "y": "ы", "z": "з",
}  # fmt: skip
_L2C_CLUSTERS = (
    ("shch", "щ"), ("sch", "щ"), ("dzh", "дж"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"),
    ("sh", "ш"), ("tsh", "тш"), ("ts", "ц"), ("ph", "ф"),
)  # fmt: skip
_L2C_DIACRITICS = str.maketrans({
    "ž": "ж", "č": "ч", "š": "ш", "ŝ": "щ", "ë": "ё", "è": "э", "é": "е", "û": "ю", "â": "я",
    "ì": "и", "ï": "и", "ê": "е", "ǵ": "г", "ʹ": "ь", "ʺ": "ъ", "'": "ь", "’": "ь",
})  # fmt: skip
_IOTATED = {"a": "я", "u": "ю", "e": "е", "o": "ё"}
# Stems where "ai" is two vowels, not «ай» as in Mikhailov, Zaitsev, Gainullin.
_L2C_STEMS = re.compile(
    r"(?:dzh|dž|j)abrail|ismail|ismoil|mikail|israil|moise|troits|k?husain|faiz(?=ov)"
    r"|bair(?=ov|$)|andrian|iull"
)
_VELAR_HUSHING = frozenset("гкхжшчщ")
_LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F\u02B9\u02BA'’]+")


def _is_consonant(ch: str) -> bool:
    return ch.isalpha() and ch not in CYRILLIC_VOWELS and ch not in "ьъй"


def _ending(rest: str, prev: str, before: str) -> str | None:
    """Cyrillic for the last letters of a word (-iy, -yy, -y, -ski) after a consonant."""
    if not _is_consonant(prev):
        return None
    if rest in ("iy", "ii", "ij"):
        return "ий"
    if rest in ("yi", "yy", "yj"):
        return "ий" if prev in _VELAR_HUSHING else "ый"
    if rest == "y":  # Vysotsky → Высоцкий, but Dazhy → Дажы (BGN writes -ый as -yy)
        return "ий" if prev in "гкх" else None
    if rest == "ia":
        return "ия"  # Beria → Берия
    if rest == "i" and prev == "к" and before in "сц":
        return "ий"  # Vysotski → Высоцкий
    return None


def _l2c_plain(stem: str) -> str:
    """Letter for letter, for the few stems where the rules below would guess wrong."""
    for latin, cyr in _L2C_CLUSTERS:
        stem = stem.replace(latin, cyr)
    return "".join(_L2C.get(c, c) for c in stem.translate(_L2C_DIACRITICS))


def _l2c_word(word: str) -> str:
    s = _L2C_STEMS.sub(lambda m: _l2c_plain(m.group(0)), word.lower())
    s = s.translate(_L2C_DIACRITICS)
    out: list[str] = []  # one Cyrillic letter per item
    i = 0
    while i < len(s):
        prev, before = (out[-1] if out else ""), (out[-2] if len(out) > 1 else "")
        ch, nxt = s[i], s[i + 1 : i + 2]
        end = _ending(s[i:], prev, before)
        if end is not None:
            out.extend(end)
            break
        cluster = next((c for c in _L2C_CLUSTERS if s.startswith(c[0], i)), None)
        if cluster:
            out.extend(cluster[1])
            i += len(cluster[0])
            continue
        if ch == "d" and nxt == "j" and s[i + 2 : i + 3] in _IOTATED:
            out.extend("дж")
            i += 2
            continue
        after_vowel = prev in CYRILLIC_VOWELS or (prev != "" and prev in "ьъй")
        glide = ch in "yj" or (
            ch == "i" and (after_vowel or (not out and nxt != "o") or (out and nxt in ("a", "u")))
        )  # passport ia, iu after a consonant: Poliakov → Поляков, Tiurin → Тюрин
        if glide and nxt and nxt in _IOTATED:
            if not out or after_vowel:
                out.extend("йо" if nxt == "o" and out else _IOTATED[nxt])
            elif nxt == "e" or (nxt == "o" and prev in "бв"):
                out.extend("ь" + _IOTATED[nxt])  # Vasilyev → Васильев, Solovyov → Соловьёв
            else:
                out.append(_IOTATED[nxt])  # Semyonov → Семёнов, Lyubimov → Любимов
            i += 2
            continue
        if ch in "iyj" and prev in CYRILLIC_VOWELS and (not nxt or nxt not in "aeiou"):
            out.append("й")  # Aidar, Zaitsev, Sergei, Nikolay, Bayyr
        elif ch == "y" and nxt == "i" and _is_consonant(prev):
            out.append("ь")  # Ilyin → Ильин
        elif ch == "y":
            out.append("ы")
        elif ch == "j":
            out.append("й" if prev in CYRILLIC_VOWELS or not nxt else "дж")
        elif ch.isascii():  # c is ц as in ISO 9; English c-for-k names are in the table
            out.extend(_L2C.get(ch, ch))
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _l2c_token(m: re.Match[str]) -> str:
    return _l2c_text(m.group(0))


@functools.lru_cache(maxsize=200_000)
def _l2c_text(text: str) -> str:
    """One Latin word in Cyrillic (once per distinct word: a list of a million names holds a
    few thousand distinct Latin given names and patronymics)."""
    word = text.strip("'’")
    if not word:
        return text
    parts = []
    for part in word.split("-"):
        row = _latin_index().get(_latin_key(part))
        spelling = foreign_spelling.spelling_of(part)
        if row is not None:
            cyr = row.name
        elif spelling:
            cyr = foreign_spelling.to_cyrillic(part, spelling)
        else:
            cyr = _l2c_word(part)
        if part.isupper() and len(part) > 1:
            cyr = cyr.upper()
        elif part[:1].isupper():
            cyr = cyr[:1].upper() + cyr[1:]
        parts.append(cyr)
    return "-".join(parts)


def latin_to_cyrillic(text: str) -> str:
    """Best single guess at the Russian Cyrillic of a Latin-script name: given names through the
    table (Aleksandr, Alexander, Oleksandr → Александр; Serhiy → Сергей; Oleh → Олег), other
    words by rule (Khabibullin → Хабибуллин, Sergeyev → Сергеев, Tsyrenov → Цыренов,
    Shcherbakov → Щербаков), German, Polish and French spellings by their own letters
    (Chabarow → Хабаров, Bezruczko → Безручко, Skoubko → Скубко; see
    ``lexicon.foreign_spelling``). Cyrillic and other characters pass through unchanged."""
    return _LATIN_WORD.sub(_l2c_token, clean(text))


# --- name_key -------------------------------------------------------------------------------

_SK_CYR = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ye",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": None, "ы": "y", "ь": None, "э": "e",
    "ю": "yu", "я": "ya", "ž": "zh", "č": "ch", "š": "sh", "ŝ": "shch", "ë": "e", "è": "e",
    "é": "e", "ê": "e", "û": "yu", "â": "ya", "ì": "i", "ï": "yi", "ʹ": None, "ʺ": None,
    "'": None, "’": None, "-": None, ".": None,
})  # fmt: skip
_SK_CLUSTERS = {
    "shch": "Щ", "sch": "Щ", "dj": "dЖ", "zh": "Ж", "kh": "h", "ch": "Ч", "sh": "Ш", "ts": "Ц",
    "c": "Ц", "q": "k", "x": "ks", "w": "v", "ph": "f", "j": "y",
}  # fmt: skip
_SK_CLUSTER_RE = re.compile("|".join(sorted(_SK_CLUSTERS, key=len, reverse=True)))
_SK_STEPS = (
    (re.compile(r"[iy]+(?=e)"), ""),  # Sergeyev = Sergeev, Yevgeny = Evgeny, Vasilyev = Vasilev
    (re.compile(r"[iy]+o"), "e"),  # Semyonov = Semionov = Semenov (ё is folded to е)
    (re.compile(r"[iy]+(?=[au])"), "i"),  # Maria = Mariya = Mariia, Yulia = Iulia
    (re.compile(r"[iy]+$"), "i"),  # -iy, -ii, -yy, -y, -i, -ij endings
    (re.compile(r"[iy]*y[iy]*"), "i"),  # ы = y = i; a plain "ii" (Даниил) stays
    (re.compile(r"([^i])\1+"), r"\1"),  # Khabibullin = Habibulin
)
# ж, ш and щ are one sound here: German writes ж and ш alike (Schoga is Жога, Schpilewski
# Шпилевский) and English writes щ as «sch» (Scherbakov); few surnames differ only there.
_SK_OUT = str.maketrans({"Ж": "sh", "Ч": "ch", "Ш": "sh", "Щ": "sh", "Ц": "ts"})


@functools.cache
def _skeleton(word: str) -> str:
    s = unicodedata.normalize("NFC", fold(word)).translate(_SK_CYR)
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if c.isascii() and c.isalpha())
    s = _SK_CLUSTER_RE.sub(lambda m: _SK_CLUSTERS[m.group(0)], s)
    for pattern, repl in _SK_STEPS:
        s = pattern.sub(repl, s)
    return s.translate(_SK_OUT)


def _token_key(token: str) -> str:
    key = fold(cyrillic(token))
    row = _cyrillic_index().get(key) or _latin_index().get(key.translate(_PRIMES))
    if row is None and (spelling := foreign_spelling.spelling_of(key)):
        key = fold(foreign_spelling.to_cyrillic(key, spelling))  # Chabarow, Magomied, Skoubko
        row = _cyrillic_index().get(key)
    if row is not None:
        return _skeleton(row.name)
    if is_given_name(key):
        return _skeleton(key) + "~"  # a short form: never equal to a full name (Юля ≠ Юлия)
    return _skeleton(key)


@functools.cache
def name_key(text: str) -> str:
    """A key equal for spellings of the same name in any script and system: Александр,
    Aleksandr, Alexander, Oleksandr, Олександр; Семёнов, Semyonov, Semenov, Semionov;
    Хабибуллин, Khabibullin, Habibullin; Хабаров, Khabarov, Chabarow (German); Алиев, Aliyev,
    Alijew (Polish); ж, ш and щ count as one sound (Жога, Schoga). Different names keep different keys, and short forms
    are not folded into full ones (that is ``names.full_forms``' job): a known short form gets a
    key of its own, ending in "~". Several words are keyed one by one and joined by a space."""
    return " ".join(_token_key(t) for t in clean(text).split(" ") if t)
