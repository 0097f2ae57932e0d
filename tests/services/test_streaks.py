"""Streak arithmetic for the one-contact-a-day goal."""
from datetime import date, timedelta

from netevents.services.streaks import compute_streaks

TODAY = date(2026, 11, 27)


def days_back(*offsets):
    return [TODAY - timedelta(days=n) for n in offsets]


def test_streak_counts_consecutive_days_up_to_today():
    streaks = compute_streaks(days_back(0, 1, 2, 5, 6, 7, 8), TODAY)
    assert (streaks.current, streaks.best, streaks.active_today) == (3, 4, True)


def test_today_not_yet_active_keeps_yesterdays_streak_alive():
    streaks = compute_streaks(days_back(1, 2), TODAY)
    assert (streaks.current, streaks.active_today) == (2, False)


def test_a_missed_day_ends_the_streak():
    assert compute_streaks(days_back(2, 3, 4), TODAY).current == 0
    assert compute_streaks([], TODAY).best == 0


def test_duplicates_and_order_do_not_matter():
    assert compute_streaks(days_back(1, 0, 1, 0), TODAY).current == 2


def test_a_run_read_in_earlier_windows_carries_into_the_first_day():
    streaks = compute_streaks(days_back(3, 2, 1, 0), TODAY, earlier=10)
    assert streaks.current == 14 and streaks.best == 14
    broken = compute_streaks(days_back(5, 4, 1, 0), TODAY, earlier=10)
    assert broken.current == 2 and broken.best == 12
