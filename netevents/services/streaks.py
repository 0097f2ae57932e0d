"""The one-contact-a-day habit: current and best streaks over days with networking activity."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable


@dataclass(frozen=True)
class Streaks:
    """Consecutive active days: the run that is still alive, and the longest ever."""

    current: int
    best: int
    active_today: bool


def compute_streaks(active_days: Iterable[date], today: date) -> Streaks:
    """Count streaks; today without activity yet does not break the current streak (the day is not over)."""
    days = sorted(set(active_days))
    best = run = 0
    previous = None
    for day in days:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = day
    active = set(days)
    anchor = today if today in active else today - timedelta(days=1)
    current = 0
    while anchor in active:
        current += 1
        anchor -= timedelta(days=1)
    return Streaks(current=current, best=best, active_today=today in active)
