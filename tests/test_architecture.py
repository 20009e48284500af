"""The house rules, checked: the layers and the one-way data flow (import-linter's contracts in
pyproject.toml: no stage imports flows or cli, dedupe never imports the warehouse, spiders and
the warehouse meet only in schema, only cli and flows import the stand-in site, no import
circle inside a package), and no module grown past ~400 lines but the data tables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "cli",
    "flows",
    "review",
    "warehouse",
    "dedupe",
    "spiders",
    "schema",
    "lexicon",
    "sandbox",
)
MAX_LINES = 400
# modules that are mostly data (tables written out as Python), allowed to be longer
DATA_TABLES: dict[str, str] = {}


def test_import_contracts_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def _modules() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_module_is_a_room_not_a_house(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    name = str(path.relative_to(ROOT))
    limit = MAX_LINES if name not in DATA_TABLES else 10 * MAX_LINES
    assert lines <= limit, f"{name} has {lines} lines: split it by job (see docs/ARCHITECTURE.md)"
