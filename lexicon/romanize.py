"""Russian and Ukrainian Cyrillic in Latin letters, letter by letter: the transliteration
systems that need no name table (BGN/PCGN, ISO 9, the ICAO rules of Russian passports, the
Ukrainian national system). ``lexicon.translit`` adds the press's spelling, which reads the
given-name table, and the way back.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from lexicon.text import clean

LETTER_SYSTEMS = ("bgn", "iso9", "passport")

_BASE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ґ": "g", "і": "i",
}  # fmt: skip
_BGN = {**_BASE, "ё": "yo", "й": "y", "ю": "yu", "я": "ya", "є": "ye", "ї": "yi"}
_PASSPORT = {**_BASE, "ё": "e", "й": "i", "ъ": "ie", "ю": "iu", "я": "ia", "є": "ie", "ї": "i"}
_ISO9 = {
    **_BASE, "е": "e", "ё": "ë", "ж": "ž", "й": "j", "х": "h", "ц": "c", "ч": "č", "ш": "š",
    "щ": "ŝ", "ъ": "ʺ", "ь": "ʹ", "э": "è", "ю": "û", "я": "â", "ґ": "g̀", "є": "ê", "і": "ì",
    "ї": "ï",
}  # fmt: skip
_KMU = {
    **_BASE, "г": "h", "и": "y", "є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia",
    "ё": "io", "'": "", "’": "", "ʼ": "",
}  # fmt: skip
_KMU_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya", "ё": "yo"}
CYRILLIC_VOWELS = frozenset("аеёиоуыэюяєії")
_HUSHING = frozenset("жчшщ")

Rule = Callable[[str, str, str], str | None]


def _render(text: str, table: dict[str, str], rule: Rule | None = None) -> str:
    """Letter by letter through ``table``; ``rule(letter, prev, next)`` may override by context.
    Case follows the source: «Щукин» → Shchukin, «ЩУКИН» → SHCHUKIN."""
    out: list[str] = []
    for i, ch in enumerate(text):
        low = ch.lower()
        if low not in table:
            out.append(ch)
            continue
        prev = text[i - 1].lower() if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        lat = rule(low, prev, nxt.lower()) if rule else None
        if lat is None:
            lat = table[low]
        if ch != low and lat:
            shout = nxt.isupper() or (i > 0 and text[i - 1].isupper() and not nxt.islower())
            lat = lat.upper() if shout else lat[0].upper() + lat[1:]
        out.append(lat)
    return "".join(out)


def _word_start(prev: str) -> bool:
    return prev == "" or (not prev.isalpha() and prev not in "'’ʼ")


def _bgn_rule(low: str, prev: str, nxt: str) -> str | None:
    iotated = _word_start(prev) or (prev != "" and prev in "йъь") or prev in CYRILLIC_VOWELS
    if low == "е":
        return "ye" if iotated else "e"
    if low == "ё":
        return "e" if prev in _HUSHING else "yo"
    return None


def _kmu_rule(low: str, prev: str, nxt: str) -> str | None:
    if low in _KMU_INITIAL and _word_start(prev):
        return _KMU_INITIAL[low]
    if low == "г" and prev == "з":
        return "gh"  # зг → zgh, so as not to read as zh
    return None


def romanize(text: str, system: str = "bgn") -> str:
    """Russian Cyrillic in Latin letters by one of ``LETTER_SYSTEMS`` (see ``translit.to_latin``)."""
    text = clean(text)
    if system == "bgn":
        return _render(text, _BGN, _bgn_rule)
    if system == "passport":
        return _render(text, _PASSPORT)
    if system == "iso9":
        return unicodedata.normalize("NFC", _render(text, _ISO9))
    raise ValueError(f"unknown system {system!r}; expected one of {LETTER_SYSTEMS}")


def to_latin_ukrainian(text: str) -> str:
    """Ukrainian Cyrillic in the national system of 2010 (KMU): Олександр → Oleksandr,
    Сергій → Serhii, Дмитро → Dmytro, Юрій → Yurii, Євген → Yevhen, Згурський → Zghurskyi."""
    return _render(clean(text), _KMU, _kmu_rule)
