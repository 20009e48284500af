"""The report's figures beyond plain counts: rates per 100,000 men with 95 % intervals, shares
over time, ages, the reporting delay and a nowcast of recent weeks, and comparison series.

All read from the published snapshot (a DuckDB file opened read-only)."""

from __future__ import annotations

import csv
import math
from bisect import bisect_left, bisect_right
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

Z95 = 1.959964


def _poisson_cdf(k: int, lam: float) -> float:
    """P(X ≤ k) for X ~ Poisson(lam)."""
    term = total = math.exp(-lam)
    for i in range(1, k + 1):
        term *= lam / i
        total += term
    return total


def _solve(f, lo: float, hi: float) -> float:
    for _ in range(100):
        mid = (lo + hi) / 2
        if f(mid):
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


def poisson_interval(k: int, z: float = Z95) -> tuple[float, float]:
    """95 % interval for a Poisson count k: exact (Garwood) up to 200, Byar's approximation
    (within a fraction of a percent of exact) beyond."""
    if k <= 0:
        return 0.0, -math.log(0.025)  # 3.69
    if k <= 200:
        # lower: the λ at which k or more events have probability 2.5 %
        lower = _solve(lambda lam: 1 - _poisson_cdf(k - 1, lam) >= 0.025, 0.0, k + 1.0)
        # upper: the λ at which k or fewer events have probability 2.5 %
        upper = _solve(lambda lam: _poisson_cdf(k, lam) <= 0.025, k, 3.0 * k + 10.0)
        return lower, upper
    lower = k * (1 - 1 / (9 * k) - z / (3 * math.sqrt(k))) ** 3
    upper = (k + 1) * (1 - 1 / (9 * (k + 1)) + z / (3 * math.sqrt(k + 1))) ** 3
    return max(lower, 0.0), upper


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def by_region_per_capita(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Deaths per region, absolute and per 100,000 men aged 16–61.5 (2021 census) with a 95 %
    interval, highest rate first; regions without a census figure (occupied territories) keep
    their count and no rate."""
    out = []
    for r in rows(
        con,
        """SELECT p.region, g.name AS region_name, g.name_en AS region_name_en,
                  g.men_16_61, count(*) AS deaths
           FROM persons p LEFT JOIN regions g ON g.region = p.region
           WHERE p.region IS NOT NULL GROUP BY ALL""",
    ):
        men = r["men_16_61"]
        if men:
            low, high = poisson_interval(r["deaths"])
            r["per_100k"] = r["deaths"] / men * 1e5
            r["per_100k_low"] = low / men * 1e5
            r["per_100k_high"] = high / men * 1e5
        else:
            r["per_100k"] = r["per_100k_low"] = r["per_100k_high"] = None
        out.append(r)
    out.sort(key=lambda r: (r["per_100k"] is None, -(r["per_100k"] or 0), -r["deaths"]))
    return out


def category_share_by_year(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Each year's deaths by category, with shares of the year's known categories: the growth
    of volunteers, prisoners and the mobilised."""
    data = rows(
        con,
        """SELECT death_year AS year, coalesce(category, 'unknown') AS category,
                  count(*) AS deaths
           FROM persons WHERE death_year IS NOT NULL GROUP BY ALL ORDER BY 1, 2""",
    )
    known: dict[int, int] = {}
    for r in data:
        if r["category"] != "unknown":
            known[r["year"]] = known.get(r["year"], 0) + r["deaths"]
    for r in data:
        total = known.get(r["year"], 0)
        r["share"] = r["deaths"] / total if total and r["category"] != "unknown" else None
    return data


def by_age(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Deaths by age at death in five-year bands (age as reported, or from the dates)."""
    return rows(
        con,
        """WITH a AS (
             SELECT coalesce(age, CASE WHEN length(birth_date) >= 4 AND death_year IS NOT NULL
                 THEN death_year - TRY_CAST(left(birth_date, 4) AS INTEGER) END) AS age
             FROM persons)
           SELECT CASE WHEN age < 20 THEN '18–19' WHEN age >= 60 THEN '60+'
                       ELSE (age // 5 * 5)::VARCHAR || '–' || (age // 5 * 5 + 4)::VARCHAR
                  END AS band, min(age) AS from_age, count(*) AS deaths
           FROM a WHERE age BETWEEN 14 AND 90 GROUP BY 1 ORDER BY 2""",
    )


def delays(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Days from death to the first report of it, sorted, over persons with a known day of
    death (a report dated before the death counts as the same day)."""
    found = con.execute(
        """SELECT greatest(date_diff('day', death_day, TRY_CAST(first_reported AS DATE)), 0)
           AS days FROM persons
           WHERE death_day IS NOT NULL AND TRY_CAST(first_reported AS DATE) IS NOT NULL
           ORDER BY days"""
    ).fetchall()
    return [d for (d,) in found]


def reporting_delay(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """How long after death the first report appears: quantiles and shares by span."""
    days = delays(con)
    if not days:
        return {"n": 0}

    def q(p: float) -> int:
        return days[min(len(days) - 1, int(p * (len(days) - 1) + 0.5))]

    buckets = [(0, 7), (7, 30), (30, 90), (90, 180), (180, 365), (365, 100000)]
    return {
        "n": len(days),
        "median": q(0.5),
        "p25": q(0.25),
        "p75": q(0.75),
        "p90": q(0.9),
        "within": [
            {
                "from_days": lo,
                "to_days": hi,
                "share": (bisect_left(days, hi) - bisect_left(days, lo)) / len(days),
            }
            for lo, hi in buckets
        ],
    }


def nowcast(
    con: duckdb.DuckDBPyConnection, as_of: date | None = None, weeks: int = 12
) -> list[dict[str, Any]]:
    """Recent weeks' counts corrected for reports still to come: a week of deaths t days
    before `as_of` has so far the share F(t) of its eventual reports, F the reporting-delay
    distribution of earlier deaths; the estimate is observed ÷ F(t) with a 95 % interval from
    the Poisson interval of the observed count. (Mediazona's revisions show why: a year's count
    tripled as reports came in.)"""
    days = delays(con)
    if not days:
        return []
    if as_of is None:
        # the data's own "now": the last report, unless the list stops well before it (a list
        # imported or crawled long after its last entry)
        reported, died = con.execute(
            "SELECT max(TRY_CAST(first_reported AS DATE)), max(death_day) FROM persons"
        ).fetchone()
        as_of = (
            min(d for d in (reported, died and died + timedelta(days=7)) if d)
            if (reported or died)
            else date.today()
        )
    start = as_of - timedelta(days=7 * weeks)
    start -= timedelta(days=start.weekday())
    observed = {
        r["week"]: r["deaths"]
        for r in rows(
            con,
            """SELECT date_trunc('week', death_day)::DATE AS week, count(*) AS deaths
               FROM persons WHERE death_day >= ? AND death_day <= ? GROUP BY 1""",
            [start, as_of],
        )
    }
    out = []
    week = start
    while week <= as_of:
        middle = week + timedelta(days=3)
        elapsed = max((as_of - middle).days, 0)
        reported = bisect_right(days, elapsed) / len(days)
        reported = max(reported, 0.02)  # a week just begun: do not divide by nearly nothing
        k = observed.get(week, 0)
        low, high = poisson_interval(k)
        out.append(
            {
                "week": week.isoformat(),
                "observed": k,
                "reported_share": reported,
                "estimate": k / reported,
                "low": max(low / reported, k),
                "high": high / reported,
            }
        )
        week += timedelta(days=7)
    return out


def _parse_day(text: str) -> date | None:
    text = text.strip().strip('"')
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m", "%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def read_series(path: Path | str, column: str | None = None, name: str | None = None) -> dict:
    """A comparison series from a CSV: the first column of dates (ISO or dd.mm.yyyy) and a
    numeric column (`column`, or the last numeric one), summed by month."""
    path = Path(path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        data = list(reader)
    if not data:
        raise ValueError(f"{path}: no rows")
    date_col = next((c for c in header if _parse_day(data[0].get(c) or "")), None)
    if date_col is None:
        raise ValueError(f"{path}: no column of dates")

    def numeric(c: str) -> bool:
        try:
            float(data[0][c])
            return c != date_col
        except (TypeError, ValueError):
            return False

    value_col = column or next((c for c in reversed(header) if numeric(c)), None)
    if value_col is None or value_col not in header:
        raise ValueError(f"{path}: no column {column!r}" if column else f"{path}: no numbers")
    months: dict[str, float] = {}
    for n, row in enumerate(data, 2):
        day = _parse_day(row.get(date_col) or "")
        raw = (row.get(value_col) or "").strip()
        if day is None:
            raise ValueError(f"{path}: line {n}: not a date: {row.get(date_col)!r}")
        if not raw:
            continue
        try:
            value = float(raw)
        except ValueError as exc:
            raise ValueError(f"{path}: line {n}: not a number: {raw!r}") from exc
        key = day.strftime("%Y-%m")
        months[key] = months.get(key, 0.0) + value
    return {"name": name or f"{path.stem}:{value_col}", "by_month": months}


def comparison(con: duckdb.DuckDBPyConnection, series: list[dict]) -> list[dict[str, Any]]:
    """Each series beside the named count by month, with the named count's share of it (the
    deaths dated only by year, month `YYYY-??`, are in no month a series has)."""
    named = {
        r["month"]: r["deaths"]
        for r in rows(con, "SELECT * FROM deaths_by_month")
        if not r["month"].endswith("??")
    }
    out = []
    for s in series:
        points = []
        for month in sorted(set(s["by_month"]) | set(named)):
            other = s["by_month"].get(month)
            mine = named.get(month, 0)
            points.append(
                {
                    "month": month,
                    "named": mine,
                    "series": other,
                    "coverage": mine / other if other else None,
                }
            )
        total_other = sum(v for v in s["by_month"].values())
        total_named = sum(named.get(m, 0) for m in s["by_month"])
        out.append(
            {
                "name": s["name"],
                "points": points,
                "coverage": total_named / total_other if total_other else None,
            }
        )
    return out


def region_figures(con: duckdb.DuckDBPyConnection, name: str) -> dict[str, Any]:
    """One region's figures, the region named in Russian, English or by its code («Башкирия»,
    «Bashkortostan», «BA», «RU-BA»)."""
    from lexicon.places import find_region

    text = name.strip()
    if text.upper().startswith("RU-"):
        text = text[3:]
    region = find_region(text) or find_region(text.upper())
    if region is None:
        raise ValueError(f"no region called {name!r}")
    row = next((r for r in by_region_per_capita(con) if r["region"] == region.code), None)
    by_year = rows(
        con,
        "SELECT death_year AS year, count(*) AS deaths FROM persons WHERE region = ? "
        "AND death_year IS NOT NULL GROUP BY 1 ORDER BY 1",
        [region.code],
    )
    return {
        "region": region.code,
        "name": region.name_ru,
        "name_en": region.name_en,
        "deaths": row["deaths"] if row else 0,
        "per_100k": row["per_100k"] if row else None,
        "per_100k_low": row["per_100k_low"] if row else None,
        "per_100k_high": row["per_100k_high"] if row else None,
        "men_16_61": con.execute(
            "SELECT men_16_61 FROM regions WHERE region = ?", [region.code]
        ).fetchone()[0],
        "by_year": by_year,
    }
