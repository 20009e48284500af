"""Estimates of all deaths from the named count: named ÷ coverage, as the seeds' articles do.

Mediazona and the BBC say their named list holds 45–65 % of all deaths (the probate registry
and excess-mortality studies put it there); an extra group the list cannot see (the militias of
occupied Donetsk and Luhansk, say 21,000–23,500) is added on top; a density divides by the
territory's area. Every figure is rounded half up to whole men."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def whole(value: float) -> int:
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


_RANGE = re.compile(r"^\s*([0-9][0-9_,. ]*%?)\s*(?:[-–—…]|\.\.)\s*([0-9][0-9_,. ]*%?)\s*$")


def _number(text: str) -> float:
    text = text.strip()
    percent = text.endswith("%")
    text = text.rstrip("%").replace("_", "").replace(" ", "").replace(",", "")
    value = float(text)
    return value / 100 if percent else value


def parse_range(text: str) -> tuple[float, float]:
    """«0.45-0.65», «45%–65%», «21000-23500», «21,000–23,500» → (low, high)."""
    match = _RANGE.match(text)
    if not match:
        value = _number(text)
        return value, value
    low, high = _number(match.group(1)), _number(match.group(2))
    if low > high:
        low, high = high, low
    return low, high


@dataclass(frozen=True)
class Estimate:
    named: int
    coverage: tuple[float, float]
    low: int  # all deaths at the highest coverage
    high: int  # … at the lowest
    extra: tuple[int, int] | None = None
    with_extra: tuple[int, int] | None = None
    km2: float | None = None
    per_km2: tuple[float, float] | None = None  # named (and all) per km²

    def lines(self) -> list[str]:
        lo, hi = self.coverage
        out = [f"named dead: {self.named:,}"]
        if (lo, hi) != (1.0, 1.0):
            out.append(f"coverage {lo:.0%}–{hi:.0%}: all deaths {self.low:,}–{self.high:,}")
        if self.extra and self.with_extra:
            out.append(
                f"plus {self.extra[0]:,}–{self.extra[1]:,}: "
                f"{self.with_extra[0]:,}–{self.with_extra[1]:,}"
            )
        if self.km2 and self.per_km2:
            text = (
                f"per km² of {self.km2:,.0f} km²: {whole(self.named / self.km2):,} named dead "
                f"({self.named / self.km2:.2f})"
            )
            if self.per_km2[0] != self.named / self.km2 or self.per_km2[1] != self.per_km2[0]:
                text += f"; all deaths {self.per_km2[0]:.1f}–{self.per_km2[1]:.1f}"
            out.append(text)
        return out


def estimate(
    named: int,
    coverage: tuple[float, float] | None = None,
    extra: tuple[float, float] | None = None,
    km2: float | None = None,
) -> Estimate:
    """All deaths = named ÷ coverage (the highest coverage gives the lowest total), plus an
    extra group the list cannot see; per km² of a territory if `km2` is given. Without a
    coverage the named count is taken as the whole (coverage 100 %)."""
    lo, hi = sorted(coverage) if coverage is not None else (1.0, 1.0)
    if not 0 < lo <= hi <= 1:
        raise ValueError(f"coverage must be a share between 0 and 1, not {lo}–{hi}")
    if named < 0:
        raise ValueError("the named count cannot be negative")
    low, high = whole(named / hi), whole(named / lo)
    extra_i = with_extra = None
    if extra is not None:
        extra_i = (whole(min(extra)), whole(max(extra)))
        with_extra = (low + extra_i[0], high + extra_i[1])
    per = None
    if km2 is not None:
        if km2 <= 0:
            raise ValueError("the territory's area must be positive")
        top = with_extra or (low, high)
        per = (top[0] / km2, top[1] / km2)
    return Estimate(named, (lo, hi), low, high, extra_i, with_extra, km2, per)
