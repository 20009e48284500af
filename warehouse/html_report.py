"""`tally report --html DIR`: one static page with the report's charts, drawn as inline SVG by
this module (no JavaScript, no CDN: it opens from a USB stick or an e-mail attachment)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from warehouse.charts import PALETTE, bar_chart, hbar_chart, line_chart, share_chart

CSS = """
body { font: 15px/1.5 system-ui, sans-serif; color: #1d1d1f; margin: 2rem auto; max-width: 900px; padding: 0 1rem; }
h1 { margin-bottom: .2rem; } .lead { font-size: 1.15rem; color: #333; }
figure.chart { margin: 2rem 0; } figcaption { margin-bottom: .4rem; }
svg.chart { max-width: 100%; height: auto; background: #fff; }
.grid { stroke: #e6e6e6; } .tick { font-size: 11px; fill: #555; } .label { font-size: 12px; fill: #222; }
.inbar { font-size: 11px; fill: #fff; } .whisker { stroke: #222; stroke-width: 1.2; }
.line { fill: none; stroke-width: 2.2; } .band { fill: #b3312c; opacity: .18; } .observed { fill: #bbb; }
table { border-collapse: collapse; } td, th { padding: .2rem .6rem; border-bottom: 1px solid #eee; text-align: left; }
td.n { text-align: right; } .small { color: #666; font-size: .9em; }
"""


def render_html(report: dict[str, Any]) -> str:
    """The whole page from `warehouse.report.gather`'s figures."""
    charts: list[Markup] = []
    by_month = [r for r in report.get("by_month") or [] if not r["month"].endswith("??")]
    year_only = sum(r["deaths"] for r in report.get("by_month") or []) - sum(
        r["deaths"] for r in by_month
    )
    charts.append(
        bar_chart(
            "Deaths by month of death",
            [(r["month"], r["deaths"]) for r in by_month],
            note="named dead with a known month of death"
            + (
                f"; {year_only:,} more dated only by year are in the yearly chart"
                if year_only
                else ""
            ),
        )
    )
    weeks = report.get("by_week") or []
    charts.append(
        bar_chart(
            "Deaths by week",
            [(str(r["week"]), r["deaths"]) for r in weeks],
            note="weeks from Monday",
            color=PALETTE[5],
        )
    )
    charts.append(
        bar_chart("Deaths by year", [(str(r["year"]), r["deaths"]) for r in report["by_year"]])
    )
    regions = [r for r in report.get("regions_per_capita") or [] if r.get("per_100k") is not None]
    charts.append(
        hbar_chart(
            "Deaths per 100,000 men aged 16–61.5, by region",
            [
                (
                    r["region_name"] or r["region"],
                    r["per_100k"],
                    r["per_100k_low"],
                    r["per_100k_high"],
                )
                for r in regions[:25]
            ],
            note="2021 census; whiskers are 95 % intervals (Poisson)",
        )
    )
    charts.append(
        hbar_chart(
            "Deaths by region",
            [
                (r["region_name"] or r["region"] or "unknown", r["deaths"], None, None)
                for r in sorted(report.get("regions_per_capita") or [], key=lambda r: -r["deaths"])[
                    :25
                ]
            ],
            color=PALETTE[0],
        )
    )
    charts.append(
        share_chart(
            "Category by year of death",
            report.get("category_share") or [],
            note="shares of the men whose category is known",
        )
    )
    charts.append(
        bar_chart(
            "Age at death",
            [(r["band"], r["deaths"]) for r in report.get("by_age") or []],
            every=1,
            color=PALETTE[4],
        )
    )
    charts.append(
        hbar_chart(
            "Units with the most dead",
            [(r["unit"], r["deaths"], None, None) for r in report.get("by_unit") or []],
            color=PALETTE[3],
        )
    )
    delay = report.get("reporting_delay") or {}
    if delay.get("n"):
        charts.append(
            bar_chart(
                "How long after death the first report appears",
                [
                    (
                        f"{b['from_days']}–{b['to_days'] if b['to_days'] < 100000 else '…'} d",
                        b["share"] * 100,
                    )
                    for b in delay["within"]
                ],
                note=f"% of men; median {delay['median']} days, 90 % within {delay['p90']} days",
                every=1,
                color=PALETTE[2],
            )
        )
    now = report.get("nowcast") or []
    if now:
        charts.append(
            line_chart(
                "Recent weeks: counted so far and the nowcast",
                [r["week"] for r in now],
                {"nowcast": [r["estimate"] for r in now]},
                band=([r["low"] for r in now], [r["high"] for r in now]),
                bars=[r["observed"] for r in now],
                note="grey: reported so far; line and band: expected once reports come in (95 %)",
            )
        )
    for comp in report.get("comparison") or []:
        labels = [p["month"] for p in comp["points"]]
        charts.append(
            line_chart(
                f"Named count beside {comp['name']}",
                labels,
                {
                    "named": [p["named"] for p in comp["points"]],
                    comp["name"]: [p["series"] for p in comp["points"]],
                },
                note="by month",
            )
        )
        charts.append(
            line_chart(
                f"Coverage: named count as a share of {comp['name']}",
                labels,
                {"coverage": [p["coverage"] for p in comp["points"]]},
                percent=True,
                note=(
                    f"overall {comp['coverage']:.0%}" if comp.get("coverage") is not None else ""
                ),
            )
        )
    days = "".join(
        f"<tr><td>{escape(str(r['day']))}</td><td class='n'>{r['deaths']:,}</td></tr>"
        for r in report.get("deadliest_days") or []
    )
    weeks_rows = "".join(
        f"<tr><td>{escape(str(r['week']))}</td><td class='n'>{r['deaths']:,}</td></tr>"
        for r in report.get("deadliest_weeks") or []
    )
    body = "".join(str(c) for c in charts if c)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>tally: the dead counted by name</title><style>{CSS}</style></head>
<body>
<h1>The dead counted by name</h1>
<p class="lead"><b>{report["persons"]:,}</b> men counted from <b>{report["records"]:,}</b> records
of open sources. Snapshot {escape(str(report["published_at"])[:19])}.</p>
<p class="small">{report.get("unknown_death_date", 0):,} men have no known date of death and appear in no
chart by date. Every figure is a floor: only the dead someone named are here.</p>
{body}
<h2>Deadliest days</h2><table><tr><th>day</th><th>dead</th></tr>{days}</table>
<h2>Deadliest weeks</h2><table><tr><th>week from</th><th>dead</th></tr>{weeks_rows}</table>
</body></html>
"""


def write_html(report: dict[str, Any], out_dir: Path | str) -> Path:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "index.html"
    tmp = out_dir / ".index.html.tmp"
    tmp.write_text(render_html(report), encoding="utf-8")
    tmp.replace(path)
    return path
