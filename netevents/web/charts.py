"""Server-rendered SVG pictures: the year heatmap of networking days."""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from markupsafe import Markup, escape

CELL, GAP, LEFT, TOP = 11, 2, 28, 16
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LEVELS = ["#e5e7eb", "#99f6e4", "#2dd4bf", "#0d9488", "#115e59"]


def _level(count: int) -> int:
    """Map a day's count to one of five colour levels."""
    if count <= 0:
        return 0
    return min(count, 4)


@lru_cache(maxsize=8)
def _day_cells(first: date, end: date) -> tuple[tuple[date, str, str], ...]:
    """Per day from ``first`` to ``end``: the date, the start of its <rect> and its name (the same all day long)."""
    days = []
    for offset in range((end - first).days + 1):  # day names by hand: strftime per cell was a third of the page
        day = first + timedelta(days=offset)
        days.append((day, f'<rect x="{LEFT + offset // 7 * (CELL + GAP)}" y="{TOP + day.weekday() * (CELL + GAP)}" '
                          f'width="{CELL}" height="{CELL}" rx="2" data-date="{day.isoformat()}" ',
                     f"{WEEKDAYS[day.weekday()]} {day.day:02d} {MONTHS[day.month - 1]} {day.year}"))
    return tuple(days)


def _cells(counts: dict[date, int], first: date, end: date, noun: str) -> list[str]:
    """One <rect> per day from the Monday ``first`` up to ``end``."""
    noun = str(escape(noun))
    return [f'{rect}fill="{LEVELS[_level(count)]}" data-count="{count}"><title>{count} {noun}'
            f'{"" if count == 1 else "s"} on {name}</title></rect>'
            for day, rect, name in _day_cells(first, end) for count in (counts.get(day, 0),)]


def _labels(first: date, end: date) -> list[str]:
    """Month names above the first week of each month, and weekday initials on the left."""
    labels, day = [], first
    while day <= end:
        if day.day <= 7:
            x = LEFT + (day - first).days // 7 * (CELL + GAP)
            labels.append(f'<text x="{x}" y="{TOP - 5}">{day:%b}</text>')
        day += timedelta(days=7)
    for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
        labels.append(f'<text x="0" y="{TOP + row * (CELL + GAP) + CELL - 1}">{name}</text>')
    return labels


def year_heatmap(counts: dict[date, int], end: date, noun: str = "interaction") -> Markup:
    """Draw the 53 weeks up to ``end`` as a GitHub-style heatmap, darker for busier days."""
    first = end - timedelta(days=364)
    first -= timedelta(days=first.weekday())
    weeks = (end - first).days // 7 + 1
    width, height = LEFT + weeks * (CELL + GAP), TOP + 7 * (CELL + GAP)
    active = sum(1 for day, count in counts.items() if first <= day <= end and count > 0)
    title = f"{active} days with at least one {noun} in the last year"
    body = "".join(_labels(first, end) + _cells(counts, first, end, noun))
    return Markup(f'<svg class="heatmap" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
                  f'xmlns="http://www.w3.org/2000/svg" font-size="9" fill="#6b7280">'
                  f'<title>{escape(title)}</title>{body}</svg>')
