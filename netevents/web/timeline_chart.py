"""Geometry of the "My roles" Gantt chart, drawn as server-side SVG by templates/groups/_timeline.svg.

Horizontal positions are percentages, so the chart stretches to any width while text keeps its size.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional

from netevents.services.roles import TimelineEntry

AXIS_HEIGHT = 26
ROW_HEIGHT = 40
LABEL_LIMIT = 44
# phones show a shorter label: half the chart (the least room a label gets) holds about this many characters
SHORT_LABEL_LIMIT = 26
MIN_BAR_WIDTH = 0.8


@dataclass
class Bar:
    """One role drawn as a bar, with its label on the side of the chart that has more room."""

    entry: TimelineEntry
    x: float
    width: float
    y: int
    label: str
    short_label: str
    label_x: float
    label_anchor: str
    state: str
    until: Optional[date]


@dataclass
class Tick:
    """A year boundary on the x axis; only some carry a label when the span is long."""

    x: float
    year: int
    labelled: bool


@dataclass
class Chart:
    """Everything the SVG template needs."""

    bars: list[Bar]
    ticks: list[Tick]
    today_x: float
    height: int


def _label(entry: TimelineEntry, limit: int) -> str:
    """Role and group, shortened to ``limit`` characters."""
    text = f"{entry.role.title} · {entry.group.name}"
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ·") + "…"


def _year_step(years: int) -> int:
    """How many years apart the labelled ticks are."""
    return 1 if years <= 8 else 2 if years <= 16 else 5 if years <= 40 else 10


def timeline_chart(entries: list[TimelineEntry], today: date) -> Optional[Chart]:
    """Lay out one bar per role from whole years before the first start to after today; None when empty."""
    if not entries:
        return None
    start = date(min(e.role.started_on for e in entries).year, 1, 1)
    last = max([e.role.ended_on or max(today, e.role.started_on) for e in entries] + [today])
    end = date(last.year + 1, 1, 1)
    span = (end - start).days

    def x(day: date) -> float:
        return round(100 * (day - start).days / span, 3)

    bars = []
    for row, entry in enumerate(entries):
        role = entry.role
        left, right = x(role.started_on), x(role.ended_on or max(today, role.started_on))
        width = max(right - left, MIN_BAR_WIDTH)
        on_left = left <= 100 - (left + width)
        state = "current" if entry.is_current else "upcoming" if entry.is_upcoming else "past"
        bars.append(Bar(entry, left, round(width, 3), AXIS_HEIGHT + row * ROW_HEIGHT,
                        _label(entry, LABEL_LIMIT), _label(entry, SHORT_LABEL_LIMIT),
                        left if on_left else round(left + width, 3), "start" if on_left else "end",
                        state, role.ended_on))
    step = _year_step(end.year - start.year)
    ticks = [Tick(x(date(year, 1, 1)), year, (year - start.year) % step == 0 and year < end.year)
             for year in range(start.year, end.year + 1)]
    return Chart(bars, ticks, x(today), AXIS_HEIGHT + len(entries) * ROW_HEIGHT + 6)
