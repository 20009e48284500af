"""Hostile files given to `tally import` and `tally dedupe`: each ends in exit 2 and ONE line
on stderr that names the line or byte (or the path, for a folder or an output that cannot be
written) — or, where a bad row is a reject, exit 0 with that row in the rejects, named by its
line. Never a traceback, never a row lost without a word."""

from __future__ import annotations

import json
import re
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cli import main

SEP = {"import": ";", "dedupe": ","}
HEADER = {"import": "ФИО;Дата гибели\n", "dedupe": "record_id,full_name\n"}


def _rows(kind: str, names: list[str]) -> str:
    """A file for the command: import's sheet of names and dates, dedupe's records."""
    sep = SEP[kind]
    if kind == "import":
        body = "".join(f"{n.format(sep=sep)};2023-05-05\n" for n in names)
    else:
        body = "".join(f"{i},{n.format(sep=sep)}\n" for i, n in enumerate(names, 1))
    return HEADER[kind] + body


def _cp1251_undefined(kind: str) -> bytes:
    data = _rows(kind, ["Петров Иван Сергеевич"] * 30 + ["Козлов Илья"]).encode("cp1251")
    at = data.rindex("Козлов".encode("cp1251")) + 3
    return data[:at] + b"\x98" + data[at + 1 :]


def _png(kind: str) -> bytes:
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + zlib.compress(bytes(9))


@dataclass(frozen=True)
class Bad:
    name: str
    make: Callable[[str], bytes] | None  # None: a folder
    named: str  # what the line must name (a regex)
    import_exit: int | None = 2  # None: not a case for import
    dedupe_exit: int = 2

    def __str__(self) -> str:  # the test's id
        return self.name


NAMES = ["Петров Иван", "Иванов Пётр", "Сидоров Олег", "Козлов Илья"]
CASES = [
    Bad(
        "unterminated quote",
        lambda k: _rows(k, ["Петров Иван", '"Иванов Пётр', "Сидоров Олег"]).encode(),
        r"line 3: unterminated quote \(opened on line 3\)",
    ),
    Bad("10 MB on one line", lambda k: b"a" * 10_485_760, r"line 1: a line of 10,485,760"),
    Bad("a folder", None, r"a directory, not a file"),
    Bad("cp1251 with an undefined byte", _cp1251_undefined, r"line 32: byte 0x98 at offset \d+"),
    Bad("utf-16", lambda k: _rows(k, NAMES).encode("utf-16"), "", 0, 0),
    Bad("utf-16 without a mark", lambda k: _rows(k, NAMES).encode("utf-16-le"), "", 0, 0),
    Bad("a NUL byte", lambda k: _rows(k, ["Петров Иван", "Ива\x00нов Пётр"]).encode(), "line 3", 0),
    Bad(
        "a 5M-character name",
        lambda k: _rows(k, ["Петров Иван", "П" * 5_000_000]).encode(),
        r"line 3",
        0,
    ),  # fmt: skip
    Bad("an empty file", lambda k: b"", r"line 1: the file is empty"),
    Bad("a header only", lambda k: HEADER[k].encode(), r"line 1: a header and no rows", 2, 0),
    Bad(
        "a row longer than the header",
        lambda k: _rows(k, ["Петров Иван{sep}лишнее"]).encode(),
        r"line 2: 3 cells, the header has 2",
    ),  # fmt: skip
    Bad("binary: a PNG", _png, r"byte 0: a PNG image"),
    Bad("an empty name", lambda k: _rows(k, ["Петров Иван", ""]).encode(), "line 3", 0, 2),
]


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("TALLY_HOME", str(tmp_path / "var"))
    monkeypatch.setenv("TALLY_PUBLISHED", str(tmp_path / "published"))
    return tmp_path / "var"


def _path(tmp_path: Path, case: Bad, kind: str) -> Path:
    if case.make is None:
        folder = tmp_path / "a-folder.csv"
        folder.mkdir()
        return folder
    path = tmp_path / "in.csv"
    path.write_bytes(case.make(kind))
    return path


def _one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.endswith("\n"), err[:2000]
    return err


def _rejects(home: Path) -> list[dict]:
    return [json.loads(line) for p in home.glob("runs/*/rejects.jsonl") for line in p.open()]


@pytest.mark.parametrize("case", [c for c in CASES if c.import_exit is not None], ids=str)
def test_import_a_bad_file(case, home, tmp_path, capsys):
    path = _path(tmp_path, case, "import")
    code = main(["import", str(path), "--source", "x", "--no-publish"])
    err = _one_line(capsys)
    assert code == case.import_exit, err
    if code == 2:
        assert err.startswith(f"tally import: {path}: ") and re.search(case.named, err), err
    elif case.named:  # the bad row is a reject named by its line
        (reject,) = _rejects(home)
        line = re.search(r"\d+", case.named).group(0)
        assert reject["url"].endswith(f"#line={line}") and reject["reason"]
        assert "1 rejected" in err


@pytest.mark.parametrize("case", CASES, ids=str)
def test_dedupe_a_bad_file(case, tmp_path, capsys):
    path = _path(tmp_path, case, "dedupe")
    out = tmp_path / "out.csv"
    code = main(["dedupe", "--records", str(path), "--out", str(out)])
    err = _one_line(capsys)
    assert code == case.dedupe_exit, err
    if code == 2:
        assert err.startswith(f"tally dedupe: {path}") and re.search(case.named, err), err
        assert not out.exists()
    else:
        assert re.match(r"\d+ records → \d+ people", err) and out.exists()


def test_dedupe_an_unwritable_out(tmp_path, capsys):
    path = tmp_path / "in.csv"
    path.write_text(_rows("dedupe", NAMES), encoding="utf-8")
    for out in ("/nonexistent/dir/o.csv", str(tmp_path)):
        assert main(["dedupe", "--records", str(path), "--out", out]) == 2
        assert _one_line(capsys).startswith(f"tally dedupe: --out {out}: ")


def test_dedupe_a_bad_config(tmp_path, capsys):
    path = tmp_path / "in.csv"
    path.write_text(_rows("dedupe", NAMES), encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text("x = [", encoding="utf-8")
    for config, says in ((tmp_path / "none.toml", "No such file"), (broken, "Invalid value")):
        args = ["dedupe", "--records", str(path), "--out", str(tmp_path / "o.csv")]
        assert main([*args, "--config", str(config)]) == 2
        assert _one_line(capsys).startswith(f"tally dedupe: --config {config}: {says}")
