"""The report: figures read from the published snapshot, printed as tables with bars."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
from rich.console import Console
from rich.table import Table

from warehouse.rejects import rejects_by_kind


def open_snapshot(path: Path | str) -> duckdb.DuckDBPyConnection:
    """Readers open the published file read-only; the live warehouse is never theirs."""
    return duckdb.connect(str(path), read_only=True)


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def gather(con: duckdb.DuckDBPyConnection, top: int = 10) -> dict[str, Any]:
    meta = _rows(con, "SELECT * FROM metadata")[0]
    return {
        "published_at": str(meta["published_at"]),
        "persons": con.execute("SELECT count(*) FROM persons").fetchone()[0],
        "records": con.execute("SELECT count(*) FROM records WHERE removed_at IS NULL").fetchone()[
            0
        ],
        "records_removed": con.execute(
            "SELECT count(*) FROM records WHERE removed_at IS NOT NULL"
        ).fetchone()[0],
        "rejects": con.execute("SELECT count(*) FROM rejects").fetchone()[0],
        # the count's 95 % interval while pairs await review (older snapshots: none)
        **{
            k: meta.get(k)
            for k in ("persons_expected", "persons_low", "persons_high", "pairs_pending")
        },  # fmt: skip
        "rejects_by_reason": rejects_by_kind(con, limit=8),
        "sources": _rows(
            con,
            "SELECT source, count(*) AS records, count(DISTINCT person_id) AS persons "
            "FROM records WHERE removed_at IS NULL GROUP BY 1 ORDER BY 2 DESC",
        ),
        "by_year": _rows(con, "SELECT * FROM deaths_by_year"),
        "by_month": _rows(con, "SELECT * FROM deaths_by_month"),
        "top_regions": _rows(con, f"SELECT * FROM deaths_by_region LIMIT {int(top)}"),
        "by_category": _rows(con, "SELECT * FROM deaths_by_category"),
        "deadliest_days": _rows(con, f"SELECT * FROM deadliest_days LIMIT {int(top)}"),
        "unknown_death_date": con.execute(
            "SELECT count(*) FROM persons WHERE death_date IS NULL"
        ).fetchone()[0],
        **_more(con, top),
    }


def _more(con: duckdb.DuckDBPyConnection, top: int) -> dict[str, Any]:
    """Weeks, rates, shares, ages, units, the reporting delay and the nowcast."""
    from warehouse import analysis

    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views()").fetchall()}
    if "deaths_by_week" not in views:  # a snapshot published by an older tally
        return {}
    return {
        "by_day": _rows(con, "SELECT * FROM deaths_by_day"),
        "by_week": _rows(con, "SELECT * FROM deaths_by_week"),
        "deadliest_weeks": _rows(con, f"SELECT * FROM deadliest_weeks LIMIT {int(top)}"),
        "regions_per_capita": analysis.by_region_per_capita(con),
        "category_share": analysis.category_share_by_year(con),
        "by_age": analysis.by_age(con),
        "by_unit": _rows(con, f"SELECT * FROM deaths_by_unit LIMIT {int(top) + 5}"),
        "reporting_delay": analysis.reporting_delay(con),
        "nowcast": analysis.nowcast(con),
    }


def _bar(value: int, most: int, width: int = 40) -> str:
    if most <= 0:
        return ""
    full = value * width / most
    return "█" * int(full) + ("▌" if full - int(full) >= 0.5 else "")


def _counts_table(
    title: str, rows: list[dict], label: str, key: str, value: str = "deaths"
) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    table.add_column(label)
    table.add_column("dead", justify="right")
    table.add_column("", style="red")
    most = max((r[value] for r in rows), default=0)
    for r in rows:
        table.add_row(
            str(r[key] if r[key] is not None else "unknown"), f"{r[value]:,}", _bar(r[value], most)
        )
    return table


def count_line(report: dict[str, Any]) -> str:
    """The count beside its uncertainty: «5,036 men named (between 4,826 and 5,029 once the
    442 pairs awaiting review are decided)»; empty for a snapshot that does not say."""
    low, high = report.get("persons_low"), report.get("persons_high")
    if low is None or high is None:
        return ""
    pending = report.get("pairs_pending") or 0
    once = (
        f"once the {pending:,} pair{'s' if pending != 1 else ''} awaiting review "
        f"{'are' if pending != 1 else 'is'} decided"
        if pending
        else "no pairs await review"
    )
    return f"{report['persons']:,} men named (between {low:,} and {high:,} {once})."


def render(report: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    console.rule("[bold]tally: the dead counted by name")
    console.print(
        f"[bold]{report['persons']:,}[/] people counted from [bold]{report['records']:,}[/] records "
        f"({report['records_removed']:,} since removed from their pages); "
        f"[bold]{report['rejects']:,}[/] rejects. Snapshot {report['published_at'][:19]}."
    )
    line = count_line(report)
    if line:
        console.print(line)
    if report["unknown_death_date"]:
        console.print(f"{report['unknown_death_date']:,} people have no known death date.")
    if report["sources"]:
        table = Table(title="Sources", title_justify="left", show_edge=False)
        for col in ("source", "records", "people"):
            table.add_column(col, justify="right" if col != "source" else "left")
        for s in report["sources"]:
            table.add_row(s["source"], f"{s['records']:,}", f"{s['persons']:,}")
        console.print(table)
    console.print(_counts_table("Deaths by year", report["by_year"], "year", "year"))
    console.print(_counts_table("Deaths by month", report["by_month"], "month", "month"))
    console.print(
        _counts_table(
            "Top regions",
            [
                {**r, "label": f"{r['region_name'] or r['region'] or 'unknown'}"}
                for r in report["top_regions"]
            ],
            "region",
            "label",
        )
    )
    console.print(_counts_table("By category", report["by_category"], "category", "category"))
    console.print(_counts_table("Deadliest days", report["deadliest_days"], "day", "day"))
    if report.get("deadliest_weeks"):
        console.print(
            _counts_table("Deadliest weeks", report["deadliest_weeks"], "week from", "week")
        )
    rates = [r for r in report.get("regions_per_capita") or [] if r.get("per_100k") is not None]
    if rates:
        table = Table(
            title="Per 100,000 men aged 16–61.5 (2021 census), 95 % interval",
            title_justify="left",
            show_edge=False,
        )
        for col in ("region", "dead", "per 100k", "95 % interval", ""):
            table.add_column(col, justify="left" if col in ("region", "") else "right")
        most = max(r["per_100k"] for r in rates)
        for r in rates[:15]:
            table.add_row(
                r["region_name"] or r["region"],
                f"{r['deaths']:,}",
                f"{r['per_100k']:.1f}",
                f"{r['per_100k_low']:.1f}–{r['per_100k_high']:.1f}",
                _bar(round(r["per_100k"] * 100), round(most * 100), 30),
            )
        console.print(table)
    delay = report.get("reporting_delay") or {}
    if delay.get("n"):
        console.print(
            f"Reporting delay: half the men are first reported within {delay['median']} days of "
            f"death, 90 % within {delay['p90']} days."
        )
    now = report.get("nowcast") or []
    if now:
        table = Table(title="Nowcast of recent weeks", title_justify="left", show_edge=False)
        for col in ("week from", "so far", "expected", "95 % interval"):
            table.add_column(col, justify="left" if col == "week from" else "right")
        for r in now[-8:]:
            table.add_row(
                r["week"], f"{r['observed']:,}", f"{r['estimate']:,.0f}",
                f"{r['low']:,.0f}–{r['high']:,.0f}",
            )  # fmt: skip
        console.print(table)
    for comp in report.get("comparison") or []:
        if comp.get("coverage") is not None:
            console.print(
                f"The named count is {comp['coverage']:.1%} of {comp['name']} over the months "
                "both cover."
            )
    if report["rejects_by_reason"]:
        table = Table(title="Rejects", title_justify="left", show_edge=False)
        table.add_column("scope")
        table.add_column("reason")
        table.add_column("n", justify="right")
        table.add_column("sources", justify="right")
        for r in report["rejects_by_reason"]:
            table.add_row(r["scope"], r["reason"], f"{r['n']:,}", f"{r['sources']:,}")
        console.print(table)
        console.print("Every kind, its sources and an example: `tally report --rejects`.")


def render_from(
    snapshot: Path | str,
    console: Console | None = None,
    compare: list[dict] | None = None,
    show: bool = True,
) -> dict[str, Any]:
    con = open_snapshot(snapshot)
    try:
        report = gather(con)
        if compare:
            from warehouse.analysis import comparison

            report["comparison"] = comparison(con, compare)
    finally:
        con.close()
    if show:
        render(report, console)
    return report
