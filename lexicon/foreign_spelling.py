"""Russian names as the German, Polish and French press spell them, both ways.

English-language pages follow the systems of ``lexicon.romanize``; German, Polish and French
pages write Russian names by their own languages' letters: Хабаров is Chabarow, Шпилевский
Schpilewski, Юферов Juferow, Сергеевич Sergejewitsch (German, Duden); Магомед Алиев is
Magomied Alijew and Безручко Bezruczko (Polish); Скубко is Skoubko and Игонин Igonine (French).
``spelling_of`` tells such a word from an English one by its letters, ``to_cyrillic`` reads it
back, and ``german``/``polish`` write a Cyrillic given name the way those pages do, so that the
given-name table knows Wladimir, Jewgeni, Siergiej and Michaił.

Deliberate limits: German «sch» is both ш and ж and «s» both с and з; the guess here is ш and
с (with з between vowels), and ``translit.name_key`` folds ж, ш and щ into one sound so that
Schoga and Жога still compare equal. A bare «sch» in a word that ends like English (-ov, -ev,
-in, -sky) stays щ: Scherbakov is Щербаков.
"""

from __future__ import annotations

import re

from lexicon.text import clean, fold

SPELLINGS = ("german", "polish", "french")

_POLISH_LETTERS = frozenset("łżźśćńąęó")
_CONSONANTS = "bcdfghjklmnpqrstvwxz"
# Polish «ie» after a consonant (Siergiej, Magomieda); English «-iev», «-ienko» are not it.
_POLISH_IE = re.compile(rf"[{_CONSONANTS}]ie[{_CONSONANTS}]")
_NOT_POLISH_IE = re.compile(r"ie[vn]")
_ENGLISH_END = re.compile(r"(?:ov|ev|in|yn|sky|skiy|y|ova|eva|ina|yna|aya)$")


def spelling_of(word: str) -> str | None:
    """ "german", "polish" or "french" when the letters of a Latin word say so; None for English
    and the transliteration systems (Scherbakov, Vasiliev, Sergienko are English)."""
    low = fold(word)
    if not low.isascii() and not (_POLISH_LETTERS & set(low)) and not {"ï", "é"} & set(low):
        return None  # ISO 9 and other diacritics are not a press language
    if _POLISH_LETTERS & set(low) or "sz" in low or "cz" in low:
        return "polish"
    if _POLISH_IE.search(low) and not _NOT_POLISH_IE.search(low):
        return "polish"
    if "w" in low or "tsch" in low or ("sch" in low and "shch" not in low and not
                                       _ENGLISH_END.search(low)):  # fmt: skip
        return "german"
    if (
        "ou" in low
        or "tch" in low
        or "ï" in low
        or "é" in low
        or re.search(rf"[{_CONSONANTS}]ine$", low)
    ):
        return "french"
    return None


_VOWELS = "aeiouyóąęé"
_IOTATED = {"a": "я", "u": "ю", "e": "е", "o": "ё"}
# longest first; the value is Cyrillic
_GERMAN = (
    ("schtsch", "щ"), ("tsch", "ч"), ("sch", "ш"), ("ch", "х"), ("zh", "ж"), ("sh", "ш"),
    ("ts", "ц"), ("tz", "ц"), ("ck", "к"), ("ph", "ф"), ("qu", "кв"), ("ss", "с"), ("z", "ц"),
    ("w", "в"), ("v", "в"), ("x", "кс"), ("y", "ы"), ("h", "х"), ("c", "к"),
)  # fmt: skip
_POLISH = (
    ("szcz", "щ"), ("sz", "ш"), ("cz", "ч"), ("ch", "х"), ("ż", "ж"), ("ź", "з"), ("ś", "сь"),
    ("ć", "ць"), ("ń", "нь"), ("ł", "л"), ("ó", "у"), ("ą", "он"), ("ę", "ен"), ("w", "в"),
    ("c", "ц"), ("y", "ы"), ("h", "х"), ("x", "кс"), ("v", "в"), ("q", "к"),
)  # fmt: skip
_FRENCH = (
    ("chtch", "щ"), ("tch", "ч"), ("dj", "дж"), ("ch", "ш"), ("kh", "х"), ("ou", "у"), ("gue", "ге"),
    ("gui", "ги"), ("ss", "с"), ("ts", "ц"), ("ph", "ф"), ("qu", "к"), ("j", "ж"), ("w", "в"),
    ("v", "в"), ("x", "кс"), ("ï", "й"), ("é", "е"), ("è", "е"), ("ë", "е"), ("y", "ы"), ("h", ""),
    ("c", "к"),
)  # fmt: skip
_PLAIN = {
    "a": "а", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "i": "и", "k": "к", "l": "л",
    "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "z": "з",
}  # fmt: skip
_TABLES = {"german": _GERMAN, "polish": _POLISH, "french": _FRENCH}


def _ending(low: str, spelling: str) -> tuple[str, str]:
    """The word without its adjectival ending, and that ending in Cyrillic."""
    for latin, cyr in (("skij", "ский"), ("ski", "ский"), ("zkij", "цкий"), ("zki", "цкий"),
                       ("ckij", "цкий"), ("cki", "цкий"), ("ij", "ий"), ("yj", "ый")):  # fmt: skip
        if low.endswith(latin) and len(low) > len(latin) + 1:
            if spelling == "polish" and latin in ("zki", "zkij"):
                continue  # Polish z is з: «-zki» is «-зкий», rare enough to leave to the rules
            return low[: -len(latin)], cyr
    if spelling == "french" and re.search(rf"[{_CONSONANTS}]ine$", low):
        return low[:-1], ""  # Igonine → Игонин
    if spelling == "french" and low.endswith(("off", "eff")):
        return low[:-2], "в"  # Smirnoff → Смирнов
    return low, ""


def to_cyrillic(word: str, spelling: str) -> str:
    """One Latin word read back by the rules of `spelling` ("german", "polish", "french"):
    Chabarow → Хабаров, Sergejewitsch → Сергеевич, Magomieda → Магомеда, Skoubko → Скубко.
    Letter case follows the word's first letter."""
    if spelling not in _TABLES:
        raise ValueError(f"unknown spelling {spelling!r}; expected one of {SPELLINGS}")
    low, tail = _ending(word.lower(), spelling)
    table = _TABLES[spelling]
    out: list[str] = []
    i = 0
    while i < len(low):
        ch, nxt = low[i], low[i + 1 : i + 2] or "#"
        prev = low[i - 1] if i else "#"
        if ch == "j" and spelling != "french":
            soft = prev not in _VOWELS and prev not in "j#" and spelling == "german"
            if nxt in _IOTATED:
                out.append(("ь" if soft else "") + _IOTATED[nxt])  # Wassiljew → Васильев
                i += 2
                continue
            if nxt == "i" and soft:
                out.append("ь")  # Iljitsch → Ильич
                i += 1
                continue
            out.append("й")
            i += 1
            continue
        if ch == "i" and spelling == "polish" and nxt in _IOTATED and prev not in _VOWELS + "#":
            out.append(_IOTATED[nxt])  # Magomieda → Магомеда, Siergiej → Сергей
            i += 2
            continue
        if ch == "s" and spelling == "german" and prev in _VOWELS and nxt in _VOWELS:
            out.append("з")  # Rasumow → Разумов; «ss» between vowels is с
            i += 1
            continue
        if ch == "i" and spelling in ("german", "french") and prev in "aeou" and nxt not in _VOWELS:
            out.append("й")  # Nikolai, Aidar, Sergueï
            i += 1
            continue
        hit = next(((lat, cyr) for lat, cyr in table if low.startswith(lat, i)), None)
        if hit:
            out.append(hit[1])
            i += len(hit[0])
            continue
        out.append(_PLAIN.get(ch, ch))
        i += 1
    cyr = "".join(out) + tail
    return cyr[:1].upper() + cyr[1:] if word[:1].isupper() else cyr


# --- Cyrillic → German and Polish, for the given-name table -----------------------------------

_DE = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "sch", "з": "s", "и": "i", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "ju", "я": "ja", "ё": "jo", "е": "e", "й": "j",
}  # fmt: skip
_PL = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "ż", "з": "z", "и": "i", "к": "k",
    "л": "ł", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "ju", "я": "ja", "ё": "jo", "е": "je", "й": "j",
}  # fmt: skip
_CYR_VOWELS = "аеёиоуыэюя"
_HARD = "жшчщц"


def _letters(name: str) -> str:
    return clean(name).lower()


def german(name: str) -> str:
    """A Cyrillic name as German pages write it (Duden): Владимир → Wladimir, Евгений →
    Jewgeni, Алексей → Alexej, Пётр → Pjotr, Василий → Wassili, Айдыс → Aidys."""
    low = _letters(name)
    if low.endswith(("ий", "ый")) and len(low) > 3:
        low = low[:-1]  # Juri, Jewgeni, Dmitri
    out = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else "#"
        nxt = low[i + 1] if i + 1 < len(low) else "#"
        if ch == "е" and prev in _CYR_VOWELS + "ьъ#-":
            out.append("je")
        elif ch == "ё" and prev in _HARD:
            out.append("o")
        elif ch == "й" and prev in "аоуыэ":
            out.append("i")  # Nikolai, Aidys; but Sergej
        elif ch == "с" and prev in _CYR_VOWELS and prev and nxt in _CYR_VOWELS:
            out.append("ss")  # Wassili
        elif ch == "к" and nxt == "с":
            out.append("x")  # Alexej
        elif ch == "с" and prev == "к":
            continue
        elif ch == "ь" and nxt in "ио":
            out.append("j")  # Iljitsch, Iljin
        else:
            out.append(_DE.get(ch, ch))
    return _title("".join(out))


def polish(name: str) -> str:
    """A Cyrillic name as Polish pages write it: Сергей → Siergiej, Магомед → Magomied,
    Михаил → Michaił, Владимир → Władimir, Евгений → Jewgienij."""
    low = _letters(name)
    out = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else "#"
        nxt = low[i + 1] if i + 1 < len(low) else "#"
        if ch in "еёюя" and prev not in _CYR_VOWELS + "ьъ#-":
            hard = prev in _HARD or prev == "л"  # Polish l is soft already: Aleksiej, Ilja
            out.append(("e" if hard else "ie") if ch == "е" else ("" if hard else "i") + _PL[ch][1])
        elif ch == "л" and nxt in "иеёюяь":
            out.append("l")
        elif ch == "и" and prev in "жшц":
            out.append("y")
        else:
            out.append(_PL.get(ch, ch))
    return _title("".join(out))


def _title(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))
