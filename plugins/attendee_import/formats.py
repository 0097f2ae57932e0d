"""The export formats, one small declaration each: the headers that identify it and which column fills which field.

A format is recognised from the file's content: its signature headers all appear in one of the first rows
(after a preamble such as LinkedIn's Notes or Zoom's summary block). The most specific signature wins.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from netevents_plugins.attendee_import.fields import SourceRow

Skip = Callable[[dict[str, str]], str]
Extra = Callable[[dict[str, str], SourceRow], None]


def header_key(header: str) -> str:
    """A header as compared: without BOM, quotes, case or repeated spaces."""
    return " ".join(header.replace("\ufeff", "").strip().strip('"').lower().split())


@dataclass(frozen=True)
class CsvFormat:
    """One export format: its identifying headers, its column-to-field map, and rules for skipped rows."""

    name: str
    label: str
    signature: frozenset[str]
    columns: dict[str, tuple[str, ...]]
    skip: Skip | None = None
    extra: Extra | None = None
    section: bool = False  # the table ends at the first blank row (Zoom reports have several sections)
    description: str = ""
    tags_separator: str | None = None
    numbered: dict[str, str] = field(default_factory=dict)  # field -> header pattern with {n} (Google's E-mail 1..)


def _status_skip(column: str, refused: set[str], reason: str) -> Skip:
    """Skip rows whose ``column`` holds one of ``refused`` (compared without case)."""
    return lambda record: reason if record.get(column, "").strip().lower() in refused else ""


def _zoom_name(record: dict[str, str], row: SourceRow) -> None:
    """Zoom's "Name (Original Name)": the name shown in the meeting, without the account name in brackets."""
    for column in ("name (original name)", "user name (original name)"):
        if value := record.get(column):
            row.add("display_name", column, re.sub(r"\s*\([^()]*\)\s*$", "", value) or value)


def _outlook_emails(record: dict[str, str], row: SourceRow) -> None:
    """Outlook's three addresses, leaving out Exchange (``EX``) ones: those are directory paths, not emails."""
    for prefix in ("e-mail", "e-mail 2", "e-mail 3"):
        address, kind = record.get(f"{prefix} address", ""), record.get(f"{prefix} type", "SMTP")
        if kind.strip().upper() != "EX" and not address.startswith("/"):
            row.add("email", f"{prefix} address", address)


def _linkedin_connected(record: dict[str, str], row: SourceRow) -> None:
    """Keep when the LinkedIn connection was made, as a note."""
    if connected := record.get("connected on"):
        row.add("notes", "connected on", f"Connected on LinkedIn on {connected}.")


def _meetup_profile(record: dict[str, str], row: SourceRow) -> None:
    """Meetup has no email: its member profile URL is how to reach the person again."""
    if url := record.get("url of member profile"):
        row.add("notes", "url of member profile", f"Meetup profile: {url}")


def _eventbrite_location(record: dict[str, str], row: SourceRow) -> None:
    """Eventbrite's home city, state and country as one location."""
    parts = [record.get(key, "") for key in ("home city", "home state", "home country")]
    row.add("location", "home city", ", ".join(part for part in parts if part))


def _keys(*headers: str) -> tuple[str, ...]:
    return tuple(header_key(header) for header in headers)


def _signature(*headers: str) -> frozenset[str]:
    return frozenset(_keys(*headers))


COMMON = {"organization": _keys("Company", "Organization", "Company Name", "Organisation"),
          "job_title": _keys("Job Title", "Title", "Position", "Role"),
          "linkedin": _keys("LinkedIn", "LinkedIn URL", "LinkedIn Profile"),
          "phone": _keys("Phone", "Phone Number", "Mobile Phone", "Cell Phone", "Work Phone"),
          "website": _keys("Website", "Web Site")}


def _with_common(columns: dict[str, tuple[str, ...]], *, job_title: bool = True) -> dict[str, tuple[str, ...]]:
    """A format's own columns plus the question columns organisers commonly add (company, job title, phone)."""
    merged = {name: keys for name, keys in COMMON.items() if job_title or name != "job_title"}
    merged.update(columns)
    return merged


EVENTBRITE = CsvFormat(
    "eventbrite", "Eventbrite attendee report", _signature("Order #", "Attendee #", "First Name", "Last Name", "Email"),
    _with_common({"given_name": _keys("First Name"), "family_name": _keys("Last Name"), "email": _keys("Email"),
                  "phone": _keys("Cell Phone", "Work Phone", "Home Phone"), "website": _keys("Website", "Blog")}),
    skip=_status_skip("attendee status", {"not attending", "refunded", "cancelled", "deleted", "transferred"},
                      "the ticket was cancelled, refunded or transferred"),
    extra=_eventbrite_location, description="One row per ticket; a buyer's several tickets become one person.")
MEETUP = CsvFormat(
    "meetup", "Meetup attendee list", _signature("Name", "User ID", "RSVP", "URL of Member Profile"),
    _with_common({"display_name": _keys("Name"), "notes": _keys("Notes")}, job_title=False),
    skip=_status_skip("rsvp", {"no"}, "answered No to the RSVP"), extra=_meetup_profile,
    description="No emails: people are matched by name.")
LUMA = CsvFormat(
    "luma", "Luma guest list", _signature("api_id", "name", "email", "approval_status"),
    _with_common({"display_name": _keys("name"), "given_name": _keys("first_name"),
                  "family_name": _keys("last_name"), "email": _keys("email"), "phone": _keys("phone_number")}),
    skip=_status_skip("approval_status", {"declined", "rejected"}, "the host declined this guest"))
LUMA_GUESTS = CsvFormat(
    "luma_guests", "Luma guest list (guest_id)", _signature("guest_id", "name", "email", "approval_status"),
    LUMA.columns, skip=LUMA.skip)
ZOOM_MEETING = CsvFormat(
    "zoom_meeting", "Zoom meeting participants", _signature("Name (Original Name)", "User Email", "Join Time"),
    {"email": _keys("User Email")}, extra=_zoom_name, section=True,
    description="Someone who rejoined has several rows; they become one person.")
ZOOM_WEBINAR = CsvFormat(
    "zoom_webinar", "Zoom webinar attendee report",
    _signature("Attended", "User Name (Original Name)", "Email", "Join Time"),
    _with_common({"given_name": _keys("First Name"), "family_name": _keys("Last Name"), "email": _keys("Email"),
                  "phone": _keys("Phone"), "location": _keys("Country/Region Name"),
                  "organization": _keys("Organization", "Company")}),
    skip=_status_skip("attended", {"no"}, "registered but did not attend"), extra=_zoom_name, section=True)
RINGCENTRAL = CsvFormat(
    "ringcentral", "RingCentral Events (Hopin)", _signature("Email", "FirstName", "LastName"),
    _with_common({"given_name": _keys("FirstName"), "family_name": _keys("LastName"), "email": _keys("Email"),
                  "job_title": _keys("Headline", "Job Title", "JobTitle")}))
BRELLA = CsvFormat(
    "brella", "Brella invites", _signature("ID", "External ID", "Email", "First name", "Last name", "Join Code"),
    {"given_name": _keys("First name"), "family_name": _keys("Last name"), "email": _keys("Email"),
     "organization": _keys("Company"), "job_title": _keys("Title")})
SWAPCARD = CsvFormat(
    "swapcard", "Swapcard leads", _signature("First Name", "Last Name", "Job Title", "Company", "Email Address"),
    _with_common({"given_name": _keys("First Name"), "family_name": _keys("Last Name"),
                  "email": _keys("Email Address", "Email"), "location": _keys("Country"),
                  "phone": _keys("Phone", "Mobile Phone", "Landline Phone"), "notes": _keys("Notes")}))
LINKEDIN = CsvFormat(
    "linkedin", "LinkedIn connections", _signature("First Name", "Last Name", "Company", "Position", "Connected On"),
    {"given_name": _keys("First Name"), "family_name": _keys("Last Name"), "linkedin": _keys("URL"),
     "email": _keys("Email Address"), "organization": _keys("Company"), "job_title": _keys("Position")},
    extra=_linkedin_connected, description="From LinkedIn's data export (Connections.csv); emails are rare.")
GOOGLE = CsvFormat(
    "google", "Google Contacts", _signature("First Name", "Last Name", "Organization Name", "Labels"),
    {"given_name": _keys("First Name"), "middle_name": _keys("Middle Name"), "family_name": _keys("Last Name"),
     "organization": _keys("Organization Name"), "job_title": _keys("Organization Title"),
     "birthday": _keys("Birthday"), "notes": _keys("Notes"), "tag": _keys("Labels"),
     "location": _keys("Address 1 - City")},
    numbered={"email": "e-mail {n} - value", "phone": "phone {n} - value", "website": "website {n} - value"},
    tags_separator=":::")
GOOGLE_LEGACY = CsvFormat(
    "google_legacy", "Google Contacts (legacy)",
    _signature("Name", "Given Name", "Family Name", "Group Membership"),
    {"display_name": _keys("Name"), "given_name": _keys("Given Name"), "middle_name": _keys("Additional Name"),
     "family_name": _keys("Family Name"), "organization": _keys("Organization 1 - Name"),
     "job_title": _keys("Organization 1 - Title"), "birthday": _keys("Birthday"), "notes": _keys("Notes"),
     "tag": _keys("Group Membership"), "location": _keys("Address 1 - City")},
    numbered={"email": "e-mail {n} - value", "phone": "phone {n} - value", "website": "website {n} - value"},
    tags_separator=":::")
OUTLOOK_COLUMNS = {
    "given_name": _keys("First Name"), "middle_name": _keys("Middle Name"), "family_name": _keys("Last Name"),
    "organization": _keys("Company"), "job_title": _keys("Job Title"), "notes": _keys("Notes"),
    "birthday": _keys("Birthday"), "website": _keys("Web Page"), "tag": _keys("Categories"),
    "location": _keys("Business City", "Home City"),
    "phone": _keys("Mobile Phone", "Business Phone", "Business Phone 2", "Home Phone", "Primary Phone",
                   "Company Main Phone", "Other Phone")}
OUTLOOK_CLASSIC = CsvFormat(
    "outlook", "Outlook (classic desktop)",
    _signature("Title", "First Name", "Last Name", "Company", "Job Title", "E-mail Address", "E-mail Type"),
    OUTLOOK_COLUMNS, extra=_outlook_emails, tags_separator=";",
    description="Exchange (EX) addresses are left out: they are directory entries, not email addresses.")
OUTLOOK_COM = CsvFormat(
    "outlook_com", "Outlook.com", _signature("First Name", "Last Name", "E-mail Address", "Job Title", "Company"),
    OUTLOOK_COLUMNS, extra=_outlook_emails, tags_separator=";")

FORMATS: tuple[CsvFormat, ...] = (EVENTBRITE, MEETUP, LUMA, LUMA_GUESTS, ZOOM_MEETING, ZOOM_WEBINAR, RINGCENTRAL,
                                  BRELLA, SWAPCARD, LINKEDIN, GOOGLE, GOOGLE_LEGACY, OUTLOOK_CLASSIC, OUTLOOK_COM)
BY_NAME = {spec.name: spec for spec in FORMATS}

# any other CSV: the columns recognised by their usual names (the column-mapping step covers the rest)
GENERIC_COLUMNS = {
    "display_name": _keys("Name", "Full Name", "Display Name", "Attendee Name", "Contact Name"),
    "given_name": _keys("First Name", "First", "Given Name", "FirstName", "Forename", "first_name"),
    "family_name": _keys("Last Name", "Last", "Surname", "Family Name", "LastName", "last_name"),
    "email": _keys("Email", "E-mail", "Email Address", "E-mail Address", "Mail", "Work Email", "email_address"),
    "phone": _keys("Phone", "Phone Number", "Mobile", "Mobile Phone", "Telephone", "Cell"),
    "organization": _keys("Company", "Organization", "Organisation", "Company Name", "Employer", "Affiliation"),
    "job_title": _keys("Job Title", "Title", "Position", "Role", "job_title"),
    "linkedin": _keys("LinkedIn", "LinkedIn URL", "LinkedIn Profile"),
    "website": _keys("Website", "Web Site", "URL", "Homepage"),
    "location": _keys("City", "Location", "Country"),
    "notes": _keys("Notes", "Note", "Comments"),
    "tag": _keys("Tags", "Labels", "Categories"),
    "birthday": _keys("Birthday", "Date of Birth"),
}
GENERIC = CsvFormat("csv", "Other CSV (columns by their names)", frozenset(), GENERIC_COLUMNS, tags_separator=",")


def detect(header_rows: list[list[str]]) -> tuple[CsvFormat, int] | None:
    """The format whose signature appears in one of these rows, and that row's index; the most specific wins.

    A report with several sections of one shape (Zoom's hosts, panelists, attendees) is read from its widest
    such section: the attendees.
    """
    best: tuple[CsvFormat, int] | None = None
    for index, row in enumerate(header_rows):
        keys = {header_key(cell) for cell in row}
        for spec in FORMATS:
            if not spec.signature <= keys:
                continue
            if best is None or len(spec.signature) > len(best[0].signature) or (
                    spec is best[0] and len(keys) > len({header_key(c) for c in header_rows[best[1]]})):
                best = (spec, index)
    return best


def generic_header(header_rows: list[list[str]]) -> int | None:
    """The first row naming a name or email column by a usual header, for a CSV of no known format."""
    wanted = {key for name in ("display_name", "given_name", "email") for key in GENERIC_COLUMNS[name]}
    for index, row in enumerate(header_rows):
        if wanted & {header_key(cell) for cell in row}:
            return index
    return None
