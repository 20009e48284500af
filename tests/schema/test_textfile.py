"""Bytes to text: the encoding decided per file with a confidence; a byte undefined in the
file's encoding, a binary file or an undecidable one refused by offset and line."""

from __future__ import annotations

import pytest

from schema.textfile import TextError, decode

SHEET = "ФИО;Дата гибели;Регион\nПетров Иван Сергеевич;5 мая 2023;Башкирия\nСемёнов Олег;2024;KEM\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8-r", "utf-16"])
def test_each_encoding_is_told(encoding):
    decoded = decode(SHEET.encode(encoding))
    assert decoded.text == SHEET and decoded.confidence >= 0.95


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_is_told_by_its_nul_pattern(encoding):
    assert decode(SHEET.encode(encoding)).encoding == encoding


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
def test_a_sheet_in_capitals_is_told_too(encoding):
    caps = "ФИО;ДАТА\nПЕТРОВ ИВАН СЕРГЕЕВИЧ;2023\nСИДОРОВ ОЛЕГ ПЕТРОВИЧ;2024\n"
    assert decode(caps.encode(encoding)).encoding == encoding


def _cp1251_with_undefined_byte() -> bytes:
    data = (SHEET * 20).encode("cp1251")
    at = data.rindex("Семёнов".encode("cp1251")) + 2
    return data[:at] + b"\x98" + data[at + 1 :]


def test_a_byte_undefined_in_cp1251_is_named_not_read_as_koi8r():
    with pytest.raises(TextError) as caught:
        decode(_cp1251_with_undefined_byte())
    message = str(caught.value)
    assert "byte 0x98" in message and "line 60" in message and "cp1251" in message
    assert "--encoding cp1251" in message


def test_encoding_given_reads_the_undefined_byte_as_a_replacement():
    decoded = decode(_cp1251_with_undefined_byte(), "cp1251")
    assert decoded.replaced == 1 and "Се\ufffdёнов" in decoded.text


def test_a_stray_byte_in_utf8_is_named():
    data = SHEET.encode() + b"\xff\n" + SHEET.encode()
    with pytest.raises(TextError, match=r"line 4: byte 0xff at offset \d+ is not utf-8"):
        decode(data)


def test_binary_files_are_refused_by_name():
    with pytest.raises(TextError, match="byte 0: a PNG image"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(TextError, match="an .xlsx"):
        decode(b"PK\x03\x04" + bytes(100))
    with pytest.raises(TextError, match="binary data"):
        decode(bytes(range(256)) * 4)


def test_an_undecidable_text_and_an_unknown_encoding_are_refused():
    with pytest.raises(TextError, match="cannot tell its encoding"):
        decode("name\nMüller Hans\n".encode("latin-1"))
    with pytest.raises(TextError, match="no such encoding"):
        decode(b"a", "no-such-codec")
    with pytest.raises(TextError, match="empty"):
        decode(b"")
