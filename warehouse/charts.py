"""Charts as inline SVG, drawn here with no library and no JavaScript: bars, horizontal bars
with intervals, lines with a band, and shares over time. Each returns a `<figure>` ready to be
put in a page."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

PALETTE = ["#b3312c", "#3b6ea8", "#e0a030", "#5a9e6f", "#8b5fa8", "#7a7a7a", "#d97aa8", "#3aa0a0"]
WIDTH = 860


def _fmt(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 10 or value == int(value):
        return f"{value:.0f}"
    return f"{value:.1f}"


def _axis_max(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 10 ** (len(str(int(value))) - 1)
    return ((value // step) + 1) * step


def _y_grid(left: float, right: float, top: float, inner_h: float, most: float, tick) -> str:
    """Five horizontal grid lines with their values on the left."""
    out = []
    for k in range(5):
        y = top + inner_h - inner_h * k / 4
        out.append(
            f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">'
            f"{tick(most * k / 4)}</text>"
        )
    return "".join(out)


def _label_every(labels: list[str], inner_w: float) -> int:
    """Label every n-th point on the x axis, so that labels do not overlap."""
    longest = max(len(label) for label in labels)
    return max(1, int(len(labels) * (longest * 6.5 + 10) / inner_w) + 1)


def bar_chart(
    title: str,
    points: list[tuple[str, float]],
    *,
    note: str = "",
    every: int | None = None,
    color: str = PALETTE[0],
) -> Markup:
    """Vertical bars with a y axis; `every` labels every n-th bar on the x axis."""
    if not points:
        return Markup("")
    height, left, bottom, top = 260, 56, 48, 16
    inner_w, inner_h = WIDTH - left - 16, height - bottom - top
    most = _axis_max(max(v for _, v in points))
    step = inner_w / len(points)
    every = every or _label_every([label for label, _ in points], inner_w)
    parts = [_svg_open(title, height), _y_grid(left, left + inner_w, top, inner_h, most, _fmt)]
    for i, (label, value) in enumerate(points):
        h = inner_h * value / most
        x = left + i * step
        parts.append(
            f'<rect class="bar" x="{x + step * 0.1:.1f}" y="{top + inner_h - h:.1f}" '
            f'width="{max(step * 0.8, 0.8):.1f}" height="{h:.1f}" fill="{color}">'
            f"<title>{escape(label)}: {_fmt(value)}</title></rect>"
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{height - bottom + 16}" class="tick" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return _figure(title, "".join(parts), note)


def hbar_chart(
    title: str,
    points: list[tuple[str, float, float | None, float | None]],
    *,
    note: str = "",
    unit: str = "",
    color: str = PALETTE[1],
) -> Markup:
    """Horizontal bars, one per label, with optional interval whiskers (low, high)."""
    if not points:
        return Markup("")
    row, left, top = 22, 290, 10
    height = top + row * len(points) + 28
    most = _axis_max(max((hi if hi is not None else v) for _, v, _, hi in points))
    inner_w = WIDTH - left - 70
    parts = [_svg_open(title, height)]
    for i, (label, value, low, high) in enumerate(points):
        y = top + i * row
        w = inner_w * value / most
        parts.append(
            f'<text x="{left - 8}" y="{y + 15}" class="label" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect class="bar" x="{left}" y="{y + 3}" width="{max(w, 0.8):.1f}" height="{row - 6}" '
            f'fill="{color}"><title>{escape(label)}: {_fmt(value)}{escape(unit)}</title></rect>'
        )
        if low is not None and high is not None:
            x1, x2 = left + inner_w * low / most, left + inner_w * high / most
            cy = y + row / 2
            parts.append(
                f'<line class="whisker" x1="{x1:.1f}" x2="{x2:.1f}" y1="{cy:.1f}" y2="{cy:.1f}"/>'
                f'<line class="whisker" x1="{x1:.1f}" x2="{x1:.1f}" y1="{cy - 4:.1f}" y2="{cy + 4:.1f}"/>'
                f'<line class="whisker" x1="{x2:.1f}" x2="{x2:.1f}" y1="{cy - 4:.1f}" y2="{cy + 4:.1f}"/>'
            )
        end = max(w, inner_w * (high or 0) / most)
        parts.append(
            f'<text x="{left + end + 6:.1f}" y="{y + 15}" class="tick">{_fmt(value)}{escape(unit)}</text>'
        )
    parts.append("</svg>")
    return _figure(title, "".join(parts), note)


def line_chart(
    title: str,
    labels: list[str],
    series: dict[str, list[float | None]],
    *,
    band: tuple[list[float], list[float]] | None = None,
    bars: list[float] | None = None,
    note: str = "",
    percent: bool = False,
) -> Markup:
    """Lines over shared x labels, with an optional shaded interval band and grey bars."""
    if not labels or not series:
        return Markup("")
    height, left, bottom, top = 280, 60, 48, 16
    inner_w, inner_h = WIDTH - left - 150, height - bottom - top
    values = [v for s in series.values() for v in s if v is not None]
    values += list(band[1]) if band else []
    values += bars or []
    most = _axis_max(max(values) if values else 1.0)
    step = inner_w / max(len(labels) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + i * step, top + inner_h - inner_h * v / most

    tick = (lambda v: f"{v:.0%}") if percent else _fmt
    parts = [_svg_open(title, height), _y_grid(left, left + inner_w, top, inner_h, most, tick)]
    if bars:
        for i, v in enumerate(bars):
            x, y = xy(i, v)
            parts.append(
                f'<rect class="bar observed" x="{x - step * 0.35:.1f}" y="{y:.1f}" '
                f'width="{max(step * 0.7, 1):.1f}" height="{top + inner_h - y:.1f}">'
                f"<title>{escape(labels[i])}: {_fmt(v)} so far</title></rect>"
            )
    if band:
        upper = [xy(i, v) for i, v in enumerate(band[1])]
        lower = [xy(i, v) for i, v in enumerate(band[0])][::-1]
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in upper + lower)
        parts.append(f'<polygon class="band" points="{pts}"/>')
    for n, (name, vals) in enumerate(series.items()):
        color = PALETTE[n % len(PALETTE)]
        path, pen = [], "M"
        for i, v in enumerate(vals):
            if v is None:
                pen = "M"
                continue
            x, y = xy(i, v)
            path.append(f"{pen}{x:.1f},{y:.1f}")
            pen = "L"
        parts.append(
            f'<path class="line" d="{" ".join(path)}" stroke="{color}"><title>{escape(name)}</title></path>'
            f'<rect x="{left + inner_w + 12}" y="{top + n * 18}" width="10" height="10" fill="{color}"/>'
            f'<text x="{left + inner_w + 26}" y="{top + n * 18 + 9}" class="tick">{escape(name)}</text>'
        )
    every = _label_every(labels, inner_w)
    for i, label in enumerate(labels):
        if i % every == 0:
            x, _ = xy(i, 0)
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 16}" class="tick" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return _figure(title, "".join(parts), note)


def share_chart(title: str, rows: list[dict[str, Any]], *, note: str = "") -> Markup:
    """100 % stacked bars: each year's known categories."""
    years = sorted({r["year"] for r in rows if r["share"] is not None})
    cats = sorted({r["category"] for r in rows if r["share"] is not None})
    if not years or not cats:
        return Markup("")
    height, left, top, bar_h = 40 + 34 * len(years) + 24 * ((len(cats) + 3) // 4), 70, 10, 24
    inner_w = WIDTH - left - 20
    share = {(r["year"], r["category"]): r["share"] for r in rows if r["share"] is not None}
    parts = [_svg_open(title, height)]
    for i, year in enumerate(years):
        y, x = top + i * 34, float(left)
        parts.append(
            f'<text x="{left - 8}" y="{y + 17}" class="label" text-anchor="end">{year}</text>'
        )
        for n, cat in enumerate(cats):
            w = inner_w * share.get((year, cat), 0.0)
            if w > 0:
                parts.append(
                    f'<rect class="bar" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                    f'fill="{PALETTE[n % len(PALETTE)]}"><title>{year} {escape(cat)}: '
                    f"{share[(year, cat)]:.0%}</title></rect>"
                )
                if w > 34:
                    parts.append(
                        f'<text x="{x + w / 2:.1f}" y="{y + 16}" class="inbar" text-anchor="middle">'
                        f"{share[(year, cat)]:.0%}</text>"
                    )
                x += w
    legend_y = top + len(years) * 34 + 10
    for n, cat in enumerate(cats):
        lx, ly = left + (n % 4) * 190, legend_y + (n // 4) * 24
        parts.append(
            f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{PALETTE[n % len(PALETTE)]}"/>'
            f'<text x="{lx + 18}" y="{ly + 11}" class="tick">{escape(cat)}</text>'
        )
    parts.append("</svg>")
    return _figure(title, "".join(parts), note)


def _svg_open(title: str, height: int) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
    )


def _figure(title: str, svg: str, note: str) -> Markup:
    caption = f"<figcaption><b>{escape(title)}</b>"
    if note:
        caption += f" — {escape(note)}"
    caption += "</figcaption>"
    return Markup(f'<figure class="chart">{caption}{svg}</figure>')
