"""The one-contact-a-day habit: current and best streaks over days with networking activity."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable


@dataclass(frozen=True)
class Streaks:
    """Consecutive active days: the run that is still alive, and the longest ever."""

    current: int
    best: int
    active_today: bool


def compute_streaks(active_days: Iterable[date], today: date, *, earlier: int = 0) -> Streaks:
    """Count streaks; today without activity yet does not break the current streak (the day is not over).

    ``earlier``: how many active days in a row end just before the first of ``active_days`` (read in windows).
    """
    active = {day.toordinal() for day in active_days}  # day numbers: date arithmetic per day cost milliseconds
    best = run = 0
    previous = None
    for day in sorted(active):
        run = run + 1 if day - 1 == previous else 1 + (earlier if previous is None else 0)
        best = max(best, run)
        previous = day
    anchor = today.toordinal() if today.toordinal() in active else today.toordinal() - 1
    current = 0
    while anchor in active:
        current += 1
        anchor -= 1
    if active and current and anchor < min(active):  # the current streak runs back past the days given
        current += earlier
    return Streaks(current=current, best=best, active_today=today.toordinal() in active)
