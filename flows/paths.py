"""Where tally keeps its files: the live warehouse and run folders under `var/`, the snapshot
analysts read under `published/`. Both can be moved with TALLY_HOME and TALLY_PUBLISHED."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from spiders.config import SourceConfig, find_source, project_window


@dataclass(frozen=True)
class Home:
    root: Path
    published: Path

    @classmethod
    def from_env(cls, root: str | Path | None = None, published: str | Path | None = None) -> Home:
        root = Path(root or os.environ.get("TALLY_HOME") or "var").resolve()
        published = published or os.environ.get("TALLY_PUBLISHED")
        if not published:
            # `var/` sits beside `published/` in a checkout; any other home holds its own.
            published = root.parent / "published" if root.name == "var" else root / "published"
        return cls(root, Path(published).resolve())

    @classmethod
    def chosen(cls, demo: bool = False) -> Home:
        """The home a command works in: the configured one, or with `--demo` the demo's."""
        home = cls.from_env()
        return home.demo() if demo else home

    def demo(self) -> Home:
        """Where `tally demo` keeps its stand-in world: `demo/` under this home's folders, so
        a volunteer's warehouse and published file never hold stand-in men."""
        return Home(self.root / "demo", self.published / "demo")

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def review_db(self) -> Path:
        """Maintainers' decisions and the review queue (SQLite: reviewing never waits for a
        flow that holds the warehouse)."""
        return self.root / "review.sqlite"

    @property
    def runs(self) -> Path:
        return self.root / "runs"

    @property
    def sources(self) -> Path:
        """Volunteers' own source files, beside the built-in ones."""
        return self.root / "sources"

    @property
    def settings(self) -> Path:
        """Project-wide settings (`var/tally.toml`): its `[validate]` table is every source's
        window of dates and ages unless the source's own config says otherwise."""
        return self.root / "tally.toml"

    def source(self, name_or_path: str) -> SourceConfig:
        """A source by name or path: the volunteers' folder, then the built-in ones, read over
        the project's window."""
        return find_source(name_or_path, [self.sources], project_window(self.settings))

    @property
    def snapshot(self) -> Path:
        return self.published / "tally.duckdb"
