"""A fixed now for the tests, and checks of raw calendar text that lenient parsers skip: CRLF, 75 octets,
required properties, unique UIDs."""
from __future__ import annotations

from datetime import datetime, timezone

import icalendar

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=timezone.utc)  # a fixed "now": a Friday, nine days before a DST change

REQUIRED = ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "SEQUENCE", "LAST-MODIFIED")


def lint(body: bytes) -> icalendar.Calendar:
    """Assert the RFC 5545 rules on raw bytes, then parse with icalendar and return the calendar."""
    assert not body.startswith(b"\xef\xbb\xbf"), "no BOM"
    assert body.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in body.replace(b"\r\n", b""), "bare LF"
    assert b"\r" not in body.replace(b"\r\n", b""), "bare CR"
    lines = body.split(b"\r\n")[:-1]
    for line in lines:
        assert len(line) <= 75, f"line over 75 octets: {line!r}"
        line.decode("utf-8")  # folding never splits a character
    unfolded = body.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
    first_event = next((i for i, line in enumerate(unfolded) if line == "BEGIN:VEVENT"), len(unfolded))
    head = {line.split(":", 1)[0].split(";", 1)[0] for line in unfolded[:first_event]}
    assert {"VERSION", "PRODID", "X-WR-CALNAME", "REFRESH-INTERVAL", "X-PUBLISHED-TTL"} <= head
    assert "METHOD" not in head
    calendar = icalendar.Calendar.from_ical(body)
    uids = []
    for event in calendar.walk("VEVENT"):
        for name in REQUIRED:
            assert name in event, f"{name} missing in {event.get('UID')}"
        assert event.decoded("DTSTAMP").tzinfo is not None
        uids.append(str(event["UID"]))
    assert len(uids) == len(set(uids)), "two VEVENTs with one UID"
    return calendar


def events(body: bytes) -> dict[str, icalendar.Event]:
    """The VEVENTs of a linted calendar by UID."""
    return {str(event["UID"]): event for event in lint(body).walk("VEVENT")}
