"""The group picture: your contributions per month as bars, and your roles in the group as bands below them,
drawn on the server as SVG (no script, so it works under the strict content security policy)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

MONTHS, BAR, GAP, LEFT, TOP, CHART, LANE = 12, 22, 6, 26, 14, 90, 16
BAR_COLOUR, TAKEN_COLOUR, ROLE_COLOUR = "#2dd4bf", "#115e59", "#99f6e4"


@dataclass(frozen=True)
class RoleSpan:
    """A role held in the group, for the bands."""

    title: str
    started_on: date
    ended_on: date | None


def month_starts(end: date, months: int = MONTHS) -> list[date]:
    """The first days of the ``months`` months up to and including the month of ``end``."""
    year, month = end.year, end.month
    starts = []
    for _ in range(months):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def _x(index: int) -> int:
    """Left edge of month ``index``."""
    return LEFT + index * (BAR + GAP)


def _bars(counts: Counter, roles_taken: Counter, starts: list[date]) -> list[str]:
    """One bar per month, scaled to the busiest month, the roles taken (chairing, presenting...) darker at its
    foot, with the month below it."""
    peak = max([counts[start] for start in starts] + [1])
    parts = [f'<text x="0" y="{TOP + 4}">{peak}</text>', f'<text x="0" y="{TOP + CHART}">0</text>']
    for index, start in enumerate(starts):
        count, height = counts[start], round(counts[start] / peak * CHART)
        taken = round(roles_taken[start] / peak * CHART)
        label = (f"{count} contribution{'' if count == 1 else 's'} in {start:%B %Y}"
                 + (f", {roles_taken[start]} of them roles taken" if roles_taken[start] else ""))
        parts.append(f'<rect x="{_x(index)}" y="{TOP + CHART - height}" width="{BAR}" height="{max(height, 1)}" '
                     f'fill="{BAR_COLOUR if count else "#e5e7eb"}" data-month="{start:%Y-%m}" data-count="{count}" '
                     f'data-roles="{roles_taken[start]}"><title>{escape(label)}</title></rect>')
        if taken:
            parts.append(f'<rect x="{_x(index)}" y="{TOP + CHART - taken}" width="{BAR}" height="{taken}" '
                         f'fill="{TAKEN_COLOUR}" class="roles-taken"><title>{escape(label)}</title></rect>')
        parts.append(f'<text x="{_x(index)}" y="{TOP + CHART + 12}">{start:%b}</text>')
    return parts


def _bands(roles: Sequence[RoleSpan], starts: list[date], end: date) -> list[str]:
    """One band per role, across the months it was held."""
    parts, top = [], TOP + CHART + 20
    for lane, role in enumerate(roles):
        held = [i for i, start in enumerate(starts) if role.started_on <= _month_end(start, end)
                and (role.ended_on is None or role.ended_on >= start)]
        if not held:
            continue
        y, x0, x1 = top + lane * LANE, _x(held[0]), _x(held[-1]) + BAR
        label = f"{role.title}: {role.started_on:%d %b %Y} – {role.ended_on and f'{role.ended_on:%d %b %Y}' or 'now'}"
        parts.append(f'<rect x="{x0}" y="{y}" width="{x1 - x0}" height="{LANE - 4}" rx="3" fill="{ROLE_COLOUR}" '
                     f'class="role-band"><title>{escape(label)}</title></rect>'
                     f'<text x="{x0 + 3}" y="{y + LANE - 7}" fill="#134e4a">{escape(role.title)}</text>')
    return parts


def _month_end(start: date, end: date) -> date:
    """The last day of the month beginning ``start`` (or ``end`` in the current month)."""
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return min(end, date.fromordinal(following.toordinal() - 1))


def contributions_chart(days: Sequence[date], roles: Sequence[RoleSpan], end: date,
                        role_days: Sequence[date] = ()) -> Markup:
    """Draw the last twelve months of contributions (one date per contribution; ``role_days``: those that were
    roles taken, such as chairing) and the roles held in the group then."""
    starts = month_starts(end)
    counts = Counter(day.replace(day=1) for day in days if starts[0] <= day <= end)
    roles_taken = Counter(day.replace(day=1) for day in role_days if starts[0] <= day <= end)
    shown = [role for role in roles if role.ended_on is None or role.ended_on >= starts[0]]
    width, height = _x(MONTHS), TOP + CHART + 24 + LANE * len(shown)
    title = f"{sum(counts.values())} contributions in the last twelve months"
    body = "".join(_bars(counts, roles_taken, starts) + _bands(shown, starts, end))
    return Markup(f'<svg class="visibility-chart" viewBox="0 0 {width} {height}" role="img" '
                  f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" font-size="9" fill="#6b7280">'
                  f'<title>{escape(title)}</title>{body}</svg>')
