"""Text a person reads shows dates the way pages do ("Tue 10 Sep 2024", through netevents.dates), never a raw
``date`` in an f-string (which prints as ISO, "2024-09-10"). Issue 14 found ISO dates in error messages."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*sorted((ROOT / "netevents").rglob("*.py")), *sorted((ROOT / "plugins").rglob("*.py"))]
DATE_ENDINGS = ("_on", "_at", "date", "day", "today", "starts", "ends")


def _looks_like_a_date(node: ast.expr) -> bool:
    """``x.started_on``, ``due_date``, ``today``...; not ``day.day`` (the day of the month, a number)."""
    if isinstance(node, ast.Attribute):
        return node.attr != "day" and node.attr.endswith(DATE_ENDINGS)
    return isinstance(node, ast.Name) and node.id.endswith(DATE_ENDINGS)


def raw_dates(source: str, where: str) -> list[str]:
    """Places where an f-string formats a date-looking value with no format of its own."""
    return [f"{where}:{part.lineno}: {ast.unparse(part.value)}"
            for text in ast.walk(ast.parse(source)) if isinstance(text, ast.JoinedStr)
            for part in text.values
            if isinstance(part, ast.FormattedValue) and part.format_spec is None and _looks_like_a_date(part.value)]


def test_no_text_prints_a_date_as_iso():
    problems = [problem for path in SOURCES
                for problem in raw_dates(path.read_text("utf-8"), str(path.relative_to(ROOT)))]
    assert problems == [], "format these with netevents.dates.day_label:\n" + "\n".join(problems)


def test_the_check_finds_the_bug_issue_14_reported():
    before = 'raise Invalid("x", day=f"Between {event.starts_on} and {day_label(event.ends_on)}.")'
    assert raw_dates(before, "sample") == ["sample:1: event.starts_on"]
    assert raw_dates('flash(f"Ended on {day_label(role.ended_on)}, {day:%a} {day.day}.")', "sample") == []
