"""Compiled patterns behind spiders.extract.dates: month names, date shapes, cue words, ages.

Patterns are lower case and run on `lower(text)`, which keeps every offset of the original
text (spans need no mapping back) and lets the regex engine skip ahead on first letters, which
re.IGNORECASE prevents. Every dash and both ё and е are accepted.
"""

from __future__ import annotations

import re

from spiders.extract.sentences import sentence_ends  # noqa: F401 - dates.py reads it here

DASH = r"[-\u2010-\u2015\u2212]"
YEAR = r"(?:1[89]|20)\d\d"
# Digits first and the look-behind after them, so that the engine can skip to digits.
_DAY = r"(?P<d>\d(?<![\d.,/]\d)\d?)(?!\d)(?:-?(?:го|е|ое)|st|nd|rd|th)?"


def _year(group: str, alone: bool = True) -> str:
    """A year 1800–2099 not inside a longer number (nor, when alone, before «.5» or «/5»)."""
    return rf"(?P<{group}>(?:1[89]|20)(?<![\d.,/]\d\d)\d\d)" + (r"(?!\d|[./]\d)" if alone else "")


def lower(text: str) -> str:
    """Lower case with every offset kept (the odd character whose lower case is longer stays)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# Full names first, abbreviations (with their optional dot) after; the trailing look-ahead
# keeps "мар" out of "марка" and "may" out of "mayor".
_RU_MONTH = (
    r"январ[ьяе]|янв\.?|феврал[ьяе]|февр?\.?|март[ае]?|мар\.?|апрел[ьяе]|апр\.?|ма[йяе]"
    r"|июн[ьяе]|июн\.?|июл[ьяе]|июл\.?|август[ае]?|авг\.?|сентябр[ьяе]|сент?\.?"
    r"|октябр[ьяе]|окт\.?|ноябр[ьяе]|нояб?\.?|декабр[ьяе]|дек\.?"
)
_EN_MONTH = (
    r"january|jan\.?|february|feb\.?|march|mar\.?|april|apr\.?|may|june|jun\.?|july|jul\.?"
    r"|august|aug\.?|september|sept?\.?|october|oct\.?|november|nov\.?|december|dec\.?"
)
MONTH = rf"(?<![^\W\d])(?P<mon>{_RU_MONTH}|{_EN_MONTH})(?![a-zа-яё])"
RU_MONTH = rf"(?<![\w])(?P<mon>{_RU_MONTH})(?![а-яё])"
# No look-behind: the engine then skips straight to Latin letters, which Russian text lacks.
# dates.py checks the word start of these instead (WORD_START_KINDS).
EN_MONTH = rf"(?P<mon>{_EN_MONTH})(?![a-z])"
MONTH_NUMBERS = {
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "май": 5, "мая": 5, "мае": 5, "июн": 6,
    "июл": 7, "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# «года», «г.», «г» after a year belong to the date, but never the «г» of «г.р.».
_YEAR_WORD_1 = r"\s*(?:(?:года|году|год)(?![а-яё])|г(?![а-яё])\.?)(?!\.?\s*р(?![а-яё]))"
_YEAR_WORD = rf"(?:{_YEAR_WORD_1})?"
_BIRTH_AHEAD = r"(?=\s*г\.?\s*р(?![а-яё])|\s*г(?:ода|\.)?\s*рожд)"
_Y = _year("y")

DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx))
    for kind, rx in (
        ("yrange", rf"{_year('y1')}(?:\s*г\.?\s*р\.?)?\s*{DASH}\s*{_year('y2')}"
                   rf"(?:\s*(?:(?:годы|годах|годов)(?![а-яё])|гг?(?![а-яё])\.?))?"),
        ("dmy", rf"{_DAY}\s*{MONTH}\s*,?\s*{_Y}{_YEAR_WORD}"),
        ("mdy", rf"{EN_MONTH}\s*{_DAY},?\s*{_Y}"),
        ("num", rf"(?P<d>\d(?<![\d.,/]\d)\d?)(?P<sep>[./])(?P<m>\d{{1,2}})(?P=sep)"
                rf"(?P<y>{YEAR}|\d\d)(?![\d]|[./]\d){_YEAR_WORD}"),
        ("iso", rf"{_year('y', alone=False)}-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)"),
        ("my", rf"{RU_MONTH}\s*,?\s*{_Y}{_YEAR_WORD}"),
        ("my", rf"{EN_MONTH}\s*,?\s*{_Y}"),
        ("dm", rf"{_DAY}\s*{MONTH}"),
        ("md", rf"{EN_MONTH}\s*{_DAY}"),
        ("year", rf"{_year('y')}"
                 rf"(?:-(?:м|го|й)(?![а-яё]){_YEAR_WORD}|{_YEAR_WORD_1}|{_BIRTH_AHEAD})"),
        # «1899 – 10.10.1937»: a birth year before a dash and a full date of death
        ("year", rf"{_year('y')}(?=\s*{DASH}\s*\d\d?[./]\d\d?[./]{YEAR}(?!\d))"),
        ("en_year", rf"(?:born\s+in|born|died\s+in|b\.|d\.|in|since|until)\s+{_year('y')}"),
        # «Род. 1898,», «р. 1884», «расстр. 1937», «расстрелян в 1937»: a year alone after a
        # register's abbreviation or verb of birth or death
        ("ru_year", rf"(?<![\w.])(?:род|р|ум|расстр)\.\s*(?:в\s+)?{_year('y')}{_YEAR_WORD}"),
        ("ru_year", rf"(?<![\w])(?:год|дата)\s+(?:рождения|смерти|гибели|расстрела)\s*:?\s*"
                    rf"{_year('y')}{_YEAR_WORD}"),
        ("ru_year", rf"(?<![\w])(?:родил(?:ся|ась)|умер(?:ла)?|погиб(?:ла)?|скончал(?:ся|ась)"
                    rf"|расстрелян[аы]?|казн[её]н[аы]?)\s+в\s+{_year('y')}(?!\s*{DASH}){_YEAR_WORD}"),
    )
)  # fmt: skip
WORD_START_KINDS = frozenset({"mdy", "my", "md", "en_year"})
YEAR_KINDS = frozenset({"en_year", "ru_year"})  # the date starts at the year group

# Between the two halves of a lifespan: «1990 г.р. – 2024», «12.03.1990 — 20.02.24».
RANGE_TAIL = re.compile(rf"(?:\s*г\.?\s*р\.?)?\s*{DASH}\s*")
TAIL_YEAR = re.compile(rf"{YEAR}(?![\d]|[./]\d)")

_CUES = {
    # «г.р.» and «рождения» right after a date override everything before it.
    "gr": r"г\.?\s*р(?:\.|(?![а-яё]))|рождени[яеюи]|рожд\.",
    "birth": r"родил(?:ся|ась)|родивш\w*|(?<!\.)(?:род|р)\.(?=\s*(?:в\s+)?\d)|д\.\s*р\.|born"
             r"|b\.(?=\s*\d)|birth|dob",
    "death": r"погиб(?:ла|ли|ло|нет|нут|ает|ают)?(?![а-яё])|гибел(?:ь|и|ью)(?![а-яё])"
             r"|ум\.(?=\s*\d)|d\.(?=\s*\d)|†"
             r"|смерт(?:и|ь|ью)(?![а-яё])|скончал(?:ся|ась|ись)|умер(?:ла|ли)?(?![а-яё])"
             r"|уш[её]л\w*\s+из\s+жизни|убит[аыо]?(?![а-яё])"
             r"|пал[аи]?\s+(?:в\s+бою|смертью|на\s+поле|героем|при)"
             r"|пожертвова\w*\s+(?:сво\w+\s+)?жизн\w*|отдал\w*\s+(?:сво\w+\s+)?жизн\w*"
             r"|расстрел(?:ян[аы]?|ь|а|е)?(?![а-яё])|расстр\.|казн[её]н[аы]?(?![а-яё])"
             r"|died|dies|killed|death|kia|passed\s+away|lost\s+(?:his|her|their)\s+li(?:fe|ves)",
    # Participles describe the person, not the event: they lose to a real verb or noun.
    "weak": r"погибш\w*|павш\w*|умерш\w*|скончавш\w*|убит(?:ого|ый|ому|ым|ых|ая|ой)(?![а-яё])",
    "funeral": r"похорон(?:ен[аоы]?|или|ят|ы|ах|ам|ами|ить)(?![а-яё])|прощани\w*|простил\w*"
               r"|простят\w*|попрощал\w*|попрощают\w*|прощаться|проститься|панихид\w*"
               r"|погреб[её]н\w*|погребени\w*|отпевани\w*|отпели|предан\w*\s+земле|funeral\w*"
               r"|buried|burial|laid\s+to\s+rest|memorial\s+service",
    # «состоится», «прошло» count as funeral only after a funeral word in the same sentence.
    "funeral_verb": r"состоит?ся|состоятся|состоял\w*|пройд[её]т|пройдут|прошл[аои]|прош[её]л",
    "missing": r"(?:без\s+вести\s+)?пропа(?:л|вш)\w*(?:\s+без\s+вести)?|missing",
    "other": r"мобилизова\w*|мобилизаци\w*|призван\w*|призвал\w*|призыв\w*|контракт\w*"
             r"|добровол\w*|уш[её]л\w*\s+(?:на|в|добровол\w*)|ушла\s+(?:на|в)|ушли\s+(?:на|в)"
             r"|отправил\w*|отправлен\w*|направлен\w*|награжд\w*|наград\w*|прибыл\w*|вступил\w*"
             r"|подписал\w*|заключил\w*|окончил\w*|служил\w*|проходил\w*\s+службу"
             r"|ранен[аоы]?(?![а-яё])|получил\w*\s+ранени\w*"
             # a register's steps before and after the death: their dates are not the death's
             r"|арестован\w*|арест(?:а|е|ом)?(?![а-яё])|задержан\w*|осужд[её]н\w*|приговор\w*"
             r"|реабилитир\w*|освобожд[её]н\w*|этапирован\w*|выслан\w*|сослан\w*"
             r"|mobili[sz]\w*|conscripted|drafted|enlisted|signed|joined|deployed|awarded"
             r"|volunteered|sent\s+to|wounded",
}  # fmt: skip
CUES = re.compile(
    r"(?<![\w])(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _CUES.items()) + r")(?![\w])"
)
WITH_BEFORE = re.compile(r"(?:^|[^\w])(?:с|со)\s+$")

# Ages. «лет службы», «34 дня», «34 км» must not read as ages.
_N = r"(?P<n>\d(?<![\d.,]\d)\d{0,2})(?!\d)"
_UNIT = r"\s*(?:год|года|лет)(?![а-яё])(?!\s+(?:служб|стаж|работ|брака|в\s+браке|назад|спустя))"
_NO_UNIT = r"(?!\s*[-\u2010-\u2015]?\s*[а-яёa-z%])"
_SMALL = r"(?:(?:всего|лишь|только|уже|около)\s+)?"
AGE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx))
    for kind, rx in (
        ("stated", rf"(?<![\w])(?:ему|ей)\s+(?:было\s+)?{_SMALL}{_N}(?:{_UNIT}|{_NO_UNIT})"),
        ("stated", rf"(?<![\w])было\s+{_SMALL}{_N}{_UNIT}"),
        ("would_be", rf"(?<![\w])(?:(?:ему|ей)\s+)?(?P<by>бы\s+)?исполнил(?:ось|ся|ась)?\s+"
                     rf"(?P<ba>бы\s+)?{_SMALL}{_N}(?:{_UNIT}|{_NO_UNIT})"),
        ("stated", rf"{_N}(?:\s*-?\s*х)?\s*[-\u2010-\u2015]?\s*летн(?:ий|его|ему|им|ем|яя|ей|юю"
                   rf"|ие|их|ими)(?![а-яё])(?!\s+(?:юбиле|стаж|опыт|срок|период|контракт(?!ник)|служб"
                   rf"|перерыв|план))"),
        ("stated", rf"(?<![\w])в\s+возрасте\s+{_SMALL}{_N}(?:\s*[-\u2010-\u2015]?\s*(?:х|ти|ми"
                   rf"|ех|и)(?![а-яё]))?(?:{_UNIT}|{_NO_UNIT})"),
        ("stated", rf"(?<![\w])в\s+{_N}{_UNIT}"),
        # «за день до своего 22-летия», «не дожив до 30-летия»: a year short of the birthday
        ("nth_year", rf"(?<![\w])(?:за\s+(?:[а-яё]+\s+){{1,2}}до|накануне|не\s+дожи[а-яё]*"
                     rf"(?:\s+[а-яё]+){{0,3}}?\s+до)\s+(?:сво(?:его|ей)\s+)?{_N}\s*"
                     rf"[-\u2010-\u2015]?\s*(?:лети[яю]|летнего\s+юбилея)(?![а-яё])"),
        ("nth_year", rf"(?<![\w])на\s+{_N}\s*[-\u2010-\u2015]?\s*(?:м|ом|ем)?\s+году\s+жизни"),
        ("nth_year", rf"(?<![\w])ш[её]л\s+(?:(?:ему|ей)\s+)?{_N}\s*[-\u2010-\u2015]?\s*(?:й|ой)?"
                     rf"\s+год(?![а-яё])"),
        ("stated", rf"\(\s*{_N}\s*(?:год|года|лет)\s*\)"),
        ("stated", rf"(?<![\w])(?:aged|age\s+of|age)\s+{_N}"),
        ("stated", rf"(?<![\w])(?:he|she)\s+was\s+(?:only\s+|just\s+)?{_N}"
                   rf"(?:\s+years?\s+old)?(?=\s*[.,;)]|\s+when)"),
        ("stated", rf"{_N}\s*[-\u2010-\u2015]?\s*years?\s*[-\u2010-\u2015]?\s*old"),
        ("stated", rf"(?<![\w])был\s+{_SMALL}{_N}\s*(?:год|года)(?![а-яё])"),  # «Маркову был 31 год»
        ("stated", rf",\s+(?:only|just)\s+{_N}\s*,"),  # «Andrey Zhinzhikov, only 23, also…»
        ("stated", rf"{_N}\s*[-\u2010-\u2015]?\s*jährig\w*"),  # «des 37-jährigen Kommandanten»
        ("stated", rf"\(\s*\+?\s*{_N}\s*(?:l\.|lat)\s*\)"),  # Polish «(+35 l.)»
    )
)  # fmt: skip
# «Ivan Petrov, 34, was…», «Глеб Серов, 34 года, из Благовещенска»: an age set off by commas
# right after a capitalised name. Needs capitals, so it runs on the original text.
AGE_AFTER_NAME = re.compile(
    rf"(?<![\w])(?!(?i:{_EN_MONTH})\b)(?:[A-Z][a-z]+,\s+(?P<n>\d\d),"
    rf"|[А-ЯЁ][а-яё]+,\s+(?P<ru>\d\d)\s+(?:год|года|лет)(?=\s*[,.)—–-]))"
)
