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


@dataclass
class Scale:
    """Maps dates between two year boundaries onto 0–100 % of the chart's width."""

    start: date
    end: date

    def x(self, day: date) -> float:
        """Horizontal position of ``day`` in percent."""
        return round(100 * (day - self.start).days / (self.end - self.start).days, 3)


def _bar(entry: TimelineEntry, row: int, scale: Scale, today: date) -> Bar:
    """Lay out one role; a current role runs to today, an upcoming open one is a short stub."""
    role = entry.role
    left = scale.x(role.started_on)
    width = round(max(scale.x(role.ended_on or max(today, role.started_on)) - left, MIN_BAR_WIDTH), 3)
    on_left = left <= 100 - (left + width)
    state = "current" if entry.is_current else "upcoming" if entry.is_upcoming else "past"
    return Bar(entry, left, width, AXIS_HEIGHT + row * ROW_HEIGHT,
               _label(entry, LABEL_LIMIT), _label(entry, SHORT_LABEL_LIMIT),
               left if on_left else round(left + width, 3), "start" if on_left else "end", state, role.ended_on)


def _ticks(scale: Scale) -> list[Tick]:
    """One tick per 1 January; labels thinned out on long spans."""
    step = _year_step(scale.end.year - scale.start.year)
    return [Tick(scale.x(date(year, 1, 1)), year, (year - scale.start.year) % step == 0 and year < scale.end.year)
            for year in range(scale.start.year, scale.end.year + 1)]


def timeline_chart(entries: list[TimelineEntry], today: date) -> Optional[Chart]:
    """Lay out one bar per role from whole years before the first start to after today; None when empty."""
    if not entries:
        return None
    last = max([e.role.ended_on or max(today, e.role.started_on) for e in entries] + [today])
    scale = Scale(date(min(e.role.started_on for e in entries).year, 1, 1), date(last.year + 1, 1, 1))
    bars = [_bar(entry, row, scale, today) for row, entry in enumerate(entries)]
    return Chart(bars, _ticks(scale), scale.x(today), AXIS_HEIGHT + len(entries) * ROW_HEIGHT + 6)
