"""Bytes to text for the tables people hand tally (`tally import`, `tally dedupe`): which
encoding a file is in, decided per file with a confidence, and a clear refusal otherwise.

The order of questions:

1. `--encoding` given: read in it, an undefined byte becoming U+FFFD (counted, not silent).
2. A known binary signature (PNG, PDF, ZIP — an .xlsx —, old Excel, Parquet …): refused by name.
3. A byte-order mark (UTF-8, UTF-16, UTF-32): read in it.
4. UTF-16 without a mark: every second byte 0x00 or 0x04 (Latin and Cyrillic text), on the
   odd bytes (little-endian) or the even ones (big-endian).
5. Many control bytes (NUL and the like): binary, refused. One NUL in a cell is not binary:
   the table reader rejects that row.
6. Valid UTF-8: UTF-8. Otherwise UTF-8, cp1251 and koi8-r are each scored on how Russian the
   text reads (letter frequencies, no «пЕТРОВ» case flips, no box-drawing or undefined
   characters); the best wins if it is at least `MIN_CONFIDENCE` sure. A file that is mostly
   one encoding but holds bytes undefined in it (0x98 in cp1251; a stray byte in UTF-8) is
   refused naming the byte, its offset and its line — read whole in another encoding it would
   turn every letter into nonsense — unless `--encoding` says to read it anyway.
"""

from __future__ import annotations

import codecs
import math
from dataclasses import dataclass

CANDIDATES = ("utf-8", "cp1251", "koi8-r")
# below this the guess is refused: two encodings that read about as well are a coin toss
MIN_CONFIDENCE = 0.95
# how much of a file the guess reads: enough letters to be sure, little enough to be quick
SAMPLE_BYTES = 1 << 16

SIGNATURES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (an .xlsx or .ods workbook? save it as CSV)"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.xls? save it as CSV)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"PAR1", "a Parquet file"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# letters per 1000 in Russian text (and the Ukrainian ones cp1251 has, as if rare)
_FREQ = dict(
    zip(
        "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъёіїєґ",
        (109.7, 84.5, 80.1, 73.5, 67.0, 62.6, 54.7, 47.3, 45.4, 44.0, 34.9, 32.1, 29.8, 28.1)
        + (26.2, 20.1, 19.0, 17.4, 17.0, 16.5, 15.9, 14.4, 12.1, 9.7, 9.4, 7.3, 6.4, 4.8)
        + (3.6, 3.2, 2.6, 0.4, 0.4, 3.0, 1.0, 1.0, 0.3),
        strict=True,
    )
)
_LOG = {ch: math.log(f / 1000) for ch, f in _FREQ.items()}
_RARE_LETTER = math.log(0.05 / 1000)  # a Cyrillic letter Russian hardly uses (џ, ћ …)
_CASE_FLIP = math.log(0.01)  # «пЕТРОВ»: what cp1251 read as koi8-r looks like
_ODD_CHAR = math.log(1e-4)  # box drawing, C1 controls, U+FFFD: what a wrong guess gives


class TextError(ValueError):
    """Bytes that are not text tally can read, with the byte or line that shows it."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    confidence: float = 1.0
    replaced: int = 0  # bytes undefined in the given --encoding, read as U+FFFD

    def describe(self) -> str:
        """`cp1251, 99 % sure` — for a command's summary line."""
        out = self.encoding
        if self.confidence < 1:
            out += f", {self.confidence:.0%} sure"
        if self.replaced:
            out += f", {self.replaced} undefined byte(s) read as �"
        return out


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """The file's text and how it was read; `TextError` when it cannot be read with trust."""
    if encoding:
        return _decode_as(data, encoding)
    if not data:
        raise TextError("line 1: the file is empty")
    for magic, what in SIGNATURES:
        if data.startswith(magic):
            raise TextError(f"byte 0: {what}, not a CSV text file")
    for bom, name in BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data[len(bom) :], name, len(bom)), name)
    utf16 = _utf16_order(data)
    if utf16:
        return Decoded(_strict(data, utf16, 0), utf16)
    _refuse_binary(data)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _guess(data)


def line_of(data: bytes, offset: int, encoding: str = "latin-1") -> int:
    """The line (from 1) that byte `offset` is on."""
    return data[:offset].decode(encoding, errors="replace").count("\n") + 1


def _decode_as(data: bytes, encoding: str) -> Decoded:
    try:
        codec = codecs.lookup(encoding)
    except LookupError as exc:
        raise TextError(f"--encoding {encoding}: no such encoding") from exc
    if not getattr(codec, "_is_text_encoding", True):
        raise TextError(f"--encoding {encoding}: not a text encoding")
    name = codec.name
    for bom, bom_name in BOMS:
        if data.startswith(bom) and codecs.lookup(bom_name).name == name:
            data = data[len(bom) :]
            break
    try:
        text = data.decode(name, errors="replace")
    except (UnicodeError, ValueError) as exc:  # a codec that is not a text encoding
        raise TextError(f"--encoding {encoding}: cannot read the file with it ({exc})") from exc
    text = text.encode("utf-8", errors="replace").decode("utf-8")  # no lone surrogates
    replaced = text.count("\ufffd") - _count_fffd(data)
    return Decoded(text, name, 1.0, max(replaced, 0))


def _count_fffd(data: bytes) -> int:
    """U+FFFD that were in the file already (as UTF-8), not made by decoding."""
    return data.count("\ufffd".encode())


def _strict(data: bytes, encoding: str, shift: int) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        at = exc.start + shift
        line = line_of(data, exc.start, encoding)
        raise TextError(
            f"line {line}: byte {data[exc.start]:#04x} at offset {at} is not {encoding} "
            f"({exc.reason}); the file starts as {encoding}"
        ) from exc


def _utf16_order(data: bytes) -> str | None:
    """utf-16-le or -be when the bytes have the NUL pattern of UTF-16 without a mark."""
    sample = data[: SAMPLE_BYTES & ~1]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    high = (b"\x00", b"\x04")  # the high byte of Latin and of Cyrillic letters
    for name, highs, lows in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        share = sum(highs.count(h) for h in high) / len(highs)
        if share >= 0.9 and highs.count(b"\x00") and lows.count(b"\x00") <= len(lows) // 20:
            return name
    return None


def _refuse_binary(data: bytes) -> None:
    sample = data[:SAMPLE_BYTES]
    control = sum(sample.count(bytes([b])) for b in range(32) if b not in (9, 10, 13))
    if control >= 16 and control >= len(sample) // 20:
        first = next(i for i, b in enumerate(sample) if b < 32 and b not in (9, 10, 13))
        raise TextError(
            f"line {line_of(data, first)}: binary data, not a CSV text file ({control} control "
            f"bytes in the first {len(sample):,}, the first {sample[first]:#04x} at offset {first})"
        )


def _score(text: str) -> float:
    """How much a text reads like Russian: a log-likelihood (higher is likelier)."""
    total, lower_before = 0.0, False
    for ch in text:
        if "\u0400" <= ch <= "\u04ff":
            low = ch.lower()
            total += _LOG.get(low, _RARE_LETTER)
            if lower_before and ch != low:
                total += _CASE_FLIP
            lower_before = ch == low
            continue
        lower_before = False
        if ch == "\ufffd" or "\x80" <= ch <= "\x9f" or "\u2200" <= ch <= "\u25ff":
            total += _ODD_CHAR
    return total


def _guess(data: bytes) -> Decoded:
    sample = data[:SAMPLE_BYTES]
    if len(data) > SAMPLE_BYTES and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]  # no letter cut in two
    scores = {name: _score(sample.decode(name, errors="replace")) for name in CANDIDATES}
    top = max(scores.values())
    weights = {name: math.exp(max(s - top, -700)) for name, s in scores.items()}
    best = max(weights, key=weights.__getitem__)
    confidence = weights[best] / sum(weights.values())
    if confidence < MIN_CONFIDENCE:
        odds = ", ".join(f"{n} {w / sum(weights.values()):.0%}" for n, w in weights.items())
        raise TextError(
            f"line 1: not UTF-8, and cannot tell its encoding ({odds}): give --encoding ENC"
        )
    try:
        return Decoded(data.decode(best), best, confidence)
    except UnicodeDecodeError as exc:
        bad = sum(1 for ch in data.decode(best, errors="replace") if ch == "\ufffd")
        bad -= _count_fffd(data) if best == "utf-8" else 0
        line = line_of(data, exc.start, best)
        raise TextError(
            f"line {line}: byte {data[exc.start]:#04x} at offset {exc.start} is not {best}, "
            f"though the file reads as {best} ({confidence:.0%} sure)"
            + (f"; {bad} such bytes" if bad > 1 else "")
            + f": fix the byte, or give --encoding {best} to read it as �"
        ) from exc
