"""Bytes to text: choosing the right charset for Russian pages, and article bodies to clean text.

Regional sites still serve windows-1251 or koi8-r, declared in the header, in a meta tag, wrongly,
or not at all. Every candidate charset is tried and the one whose text reads most like Russian
wins; BeautifulSoup's UnicodeDammit supplies the declared and sniffed candidates.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, UnicodeDammit
from bs4.element import Comment, NavigableString, Tag

CANDIDATES = ("utf-8", "windows-1251", "koi8-r")
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_HEADER = re.compile(r"charset\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)
# The commonest letter pairs of Russian text: mis-decoded text has few of them.
_COMMON = frozenset(
    [
        "ст",
        "но",
        "то",
        "на",
        "ен",
        "ов",
        "ни",
        "ра",
        "во",
        "ко",
        "ер",
        "ре",
        "ал",
        "ор",
        "ро",
        "по",
        "ль",
        "ан",
        "ол",
        "от",
        "ел",
        "ли",
        "ос",
        "ка",
        "ва",
        "ет",
        "ом",
        "ит",
        "ла",
        "ин",
        "та",
        "ри",
        "пр",
        "де",
        "ле",
        "ве",
        "ол",
        "ны",
        "ие",
        "го",
        "ат",
        "ой",
        "ск",
        "ед",
        "од",
        "ин",
        "ем",
        "ел",
    ]
)
_CYR = re.compile(r"[а-яё]{2,}")

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "figcaption",
        "dd",
        "dt",
        "pre",
    ]
)
DROP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "iframe", "svg", "form", "button", "nav"]
)


def _russianness(text: str) -> float:
    words = _CYR.findall(text.lower()[:20000])
    pairs = [w[i : i + 2] for w in words for i in range(len(w) - 1)]
    if not pairs:
        return 0.0
    return sum(p in _COMMON for p in pairs) / len(pairs)


def declared_charsets(body: bytes, content_type: str | None) -> list[str]:
    found = []
    if content_type:
        match = _HEADER.search(content_type)
        if match:
            found.append(match.group(1).lower())
    match = _META.search(body[:4096])
    if match:
        found.append(match.group(1).decode("ascii", "replace").lower())
    return found


def decode_html(
    body: bytes, content_type: str | None = None, override: str | None = None
) -> tuple[str, str]:
    """(text, charset) of an HTML page. An override (from the source config) wins; otherwise
    the declared charsets, UnicodeDammit's guess and utf-8/cp1251/koi8-r compete on how much
    the strictly decoded text reads like Russian. A page with no Cyrillic keeps its declared or
    utf-8 decoding."""
    if override:
        return body.decode(override, errors="replace"), override
    declared = declared_charsets(body, content_type)
    dammit = UnicodeDammit(body, known_definite_encodings=declared, is_html=True)
    candidates = list(
        dict.fromkeys([*declared, *(filter(None, [dammit.original_encoding])), *CANDIDATES])
    )
    best: tuple[float, int, str, str] | None = None
    for rank, charset in enumerate(candidates):
        try:
            text = body.decode(charset)
        except (UnicodeDecodeError, LookupError):
            continue
        score = _russianness(text)
        if best is None or (score, -rank) > (best[0], best[1]):
            best = (score, -rank, text, charset)
    if best is None:
        return body.decode("utf-8", errors="replace"), "utf-8"
    return best[2], best[3]


def fragment_text(html: str) -> str:
    """Readable text of an HTML fragment: block elements on their own lines, scripts dropped,
    whitespace collapsed inside lines."""
    soup = BeautifulSoup(html, "lxml")
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = re.sub(r"\s+", " ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                current.append(str(child))
            elif isinstance(child, Tag):
                if child.name in DROP_TAGS:
                    continue
                block = child.name in BLOCK_TAGS
                if block:
                    flush()
                walk(child)
                if block:
                    flush()

    walk(soup)
    flush()
    return "\n".join(lines)
