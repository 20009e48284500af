"""A name as a list's cell carries it, and the name alone.

Reports put more than the name in the name's cell: a rank before it («Рядовой», «гвардии
младший сержант», «private», «Lance corporal»), an honour («Герой России», «Hero of Russia»), a
call sign in quotes or brackets («Иванов Иван "Грач"», «(позывной «Грач»)»), the years or the age
after it («1990 г.р.», «33 года»), an aside after a comma («…, позывной Монах», «…,
мобилизованный»), and letters a scan or a keyboard slipped into a Cyrillic word (a Latin «p» or
a zero in «Антон0вич»). Read as they stand, the strict reader takes «Ефрейтор С. В. Соколов» for
a man whose given name starts with Е and «старший сержант И.Е. Исхаков» for a Mr Старший: the
two reports of one man then look like namesakes that cannot be one man.

`wrapped` says, quickly and for a million names at once, which texts may carry anything of the
kind; `trimmed_name` takes it away; `bare_names` is the two together, what dedupe reads.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lexicon.given_table import cyrillic
from lexicon.ranks import leading_rank, rank_openings
from lexicon.romanize import to_latin_ukrainian

_ASIDE = re.compile(r"\s*[(\[][^)\]]*[)\]]?")  # «(позывной «Грач»)», «(1990–2024)», «[Ваня]»
_QUOTED = re.compile(r"\s*(?:«[^»]*»?|\"[^\"]*\"?|“[^”]*”?|„[^“”]*[“”]?)")  # a call sign
_CALL_SIGN = re.compile(r"\s+(?:позывн(?:ой|ым|ого)|call\s*-?sign|nom\s+de\s+guerre)\b.*$", re.I)
_HONOUR = re.compile(r"^\s*(?:Геро[йяю]\s+(?:России|Российской\s+Федерации|РФ|Советского\s+Союза)"
                     r"|кавалер\s+ордена\s+\S+"
                     r"|Hero\s+of\s+(?:the\s+)?(?:Russia(?:n\s+Federation)?|Soviet\s+Union))\s*",
                     re.I)  # fmt: skip
# what follows a name in a list's cell: «1990 г.р.», «06.05.1990», «33 года», «1990–2024»
_TAIL = re.compile(
    r"(?:[\s,–—-]+(?:\d[\d.\-–/]*(?:\s*г\.?\s*р\.?)?|г\.?\s*р\.?|гг?\.|года?|лет"
    r"|[yY]\.?[oO]\.?))+\s*$"
)  # fmt: skip  (lower case: «Орлов Г.» keeps his initial)
# a Cyrillic word with a Latin look-alike or a digit a scan reads for a letter
_MIXED = re.compile(
    r"(?<!\w)(?=\w*[А-Яа-яЁё])(?=\w*[A-Za-z036])[А-Яа-яЁёA-Za-z][А-Яа-яЁёA-Za-z036]*(?!\w)"
)
_DIGITS = str.maketrans("036", "озб")  # then `lexicon.given_table.cyrillic` for the letters
# a Latin word with a Ukrainian letter in it («Іgor», «Єvgen»: a look-alike, or a Ukrainian
# spelling's first letter left in Cyrillic): the letter as the national system writes it
_UKRAINIAN_IN_LATIN = re.compile(r"(?<!\w)(?=\w*[ІЄЇієї])(?=\w*[A-Za-z])[ІЄЇієїA-Za-z']+(?!\w)")
# a name in Ukrainian spelling («Іванов Ігор Сергійович», «Євген Ковальов»): read as its Latin
# transliteration (the national system), whose spellings the Latin reader knows (Ihor, Yevhen)
# (a Belarusian «ў» is the «в» of the Russian form: Іваноў is Иванов)
_UKRAINIAN = re.compile(r"[ІЇЄҐіїєґЎў]")
_SHORT_U = str.maketrans("Ўў", "Вв")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
# French and German letters of a Latin spelling, as English writes them («Boïko», «Sergeï»)
_ACCENTS = str.maketrans("àâäáçèéêëìíîïñòóôöùúûüÿÀÂÄÁÇÈÉÊËÌÍÎÏÑÒÓÔÖÙÚÛÜ",
                         "aaaaceeeeiiiinoooouuuuyAAAACEEEEIIIINOOOOUUUU")  # fmt: skip
_OPENINGS = "|".join(re.escape(w) for w in sorted(rank_openings()))
# one pattern for a whole column at once (RE2 through Arrow: no look-arounds): a bracket, a
# quote, a comma, a digit; a rank's or an honour's first word, or a shortened one, first; a call
# sign; a Latin letter beside a Cyrillic one
_WRAPPED = (
    rf"(?i)[«»\"“”„(\[\],:;0-9]|^\s*(?:{_OPENINGS}|геро|hero|кава|\w\w+\.)|позывн|call\s*-?sign"
    r"|[А-Яа-яЁёІЄЇієї][A-Za-z]|[A-Za-z][А-Яа-яЁёІЄЇієї]|[À-ÖØ-öø-ÿ]|[ІЇЄҐіїєґЎў]"
)


def wrapped(texts: list[str]) -> np.ndarray:
    """Which texts may carry something around the name (`trimmed_name` would know): a bracket,
    a quote, a comma, a digit, a word a rank or an honour opens with (or a shortened word: «мл.
    сержант»), a call sign, a Cyrillic word with a Latin letter, an accented Latin letter. Most
    names carry nothing and are read as they are."""
    found = pc.match_substring_regex(pa.array(texts, pa.string()), _WRAPPED)
    return found.fill_null(False).to_numpy(zero_copy_only=False)


def bare_names(texts: list[str], carried: np.ndarray | None = None) -> list[str]:
    """The names as dedupe reads them: `trimmed_name` of each `wrapped` text (`carried`, if
    the caller has it already), the others as they are."""
    out = list(texts)
    for i in np.flatnonzero(wrapped(texts) if carried is None else carried).tolist():
        out[i] = trimmed_name(out[i])
    return out


def trimmed_name(text: str) -> str:
    """The name without what a list's cell may carry around it (see the module's docstring):
    asides in brackets or quotes, a call sign, an honour or a rank before the name, dates or an
    age after it, and anything after a comma that follows two words or more; Latin look-alikes
    and digits inside a Cyrillic word made Cyrillic, a Ukrainian letter inside a Latin word
    Latin («Іgor», «Єvgen»), a name in Ukrainian spelling in Latin letters, accented Latin
    letters plain («Boïko»). The text as it was when nothing is found, and when taking something
    away would leave fewer than two words."""
    out = _ASIDE.sub(" ", text)
    out = _QUOTED.sub(" ", out)
    out = _CALL_SIGN.sub("", out)
    out = _HONOUR.sub("", out)
    end = leading_rank(out)
    if end and len(out[end:].split()) >= 2:
        out = out[end:]
    head, comma, _ = out.partition(",")
    if comma and len(head.split()) >= 2:
        out = head
    out = _TAIL.sub("", out)
    if _UKRAINIAN.search(out) and not _LATIN_LETTER.search(out):
        out = to_latin_ukrainian(out.translate(_SHORT_U))
    out = _UKRAINIAN_IN_LATIN.sub(lambda m: to_latin_ukrainian(m.group(0)), out)
    out = _MIXED.sub(lambda m: cyrillic(m.group(0).translate(_DIGITS)), out).translate(_ACCENTS)
    out = " ".join(out.split())
    return out if len(out.split()) >= 2 or len(text.split()) < 2 else text
