"""Checking one SourceRow as the core would check a person typed in: normalized emails, phones, links, dates.

A row without a name or email, or with an unusable email, is invalid. A phone number, web address or
birthday that cannot be read is left out with a warning: the rest of the person is still worth having.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from netevents_plugins.attendee_import.dates import parse_birthday
from netevents_plugins.attendee_import.fields import SourceRow

from netevents.plugins.api import Invalid, clean_text, normalize_email, normalize_phone, normalize_url

NAME_LENGTH, PART_LENGTH, TEXT_LENGTH, TAG_LENGTH = 200, 120, 200, 80


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in a file, pinned to its row and column."""

    file_name: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file_name}, row {self.row}" + (f", column {self.column!r}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass(slots=True)
class CheckedPerson:
    """A person read from a file and normalized, ready to be matched; ``rows`` lists every row merged into it.

    check_row gives lists; a plan keeps its people's as tuples (see planning._compact).
    """

    display_name: str
    rows: list[int] | tuple[int, ...]
    given_name: str | None = None
    family_name: str | None = None
    organization: str | None = None
    job_title: str | None = None
    location: str | None = None
    linkedin: str | None = None
    website: str | None = None
    notes: str = ""
    birthday: tuple[int | None, int, int] | None = None  # (year or None, month, day)
    emails: list[str] | tuple[str, ...] = field(default_factory=list)
    phones: list[str] | tuple[str, ...] = field(default_factory=list)
    tags: list[str] | tuple[str, ...] = field(default_factory=list)
    warnings: list[Problem] | tuple[Problem, ...] = field(default_factory=list)


def linkedin_key(url: str) -> str:
    """A LinkedIn profile URL as compared: https, lower-case host and path, no query, fragment or trailing slash."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    return urlunsplit(("https", f"www.{host}" if host == "linkedin.com" else host, parts.path.rstrip("/").lower(),
                       "", ""))


def _text(row: SourceRow, field_name: str, limit: int) -> str | None:
    """The first value of a single-valued field, checked for length."""
    found = row.first(field_name)
    if not found:
        return None
    column, value = found
    try:
        return clean_text(value, limit, field=field_name) or None
    except Invalid as error:
        raise _RowInvalid(Problem(row.file_name, row.row, column, error.message)) from None


class _RowInvalid(Exception):
    """Internal: the row cannot become a person."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _emails(row: SourceRow) -> list[str]:
    """Every email of the row, normalized as the core does; an unusable one makes the row invalid."""
    emails: list[str] = []
    for column, value in row.all("email"):
        try:
            address = normalize_email(value)
        except Invalid:
            raise _RowInvalid(Problem(row.file_name, row.row, column, f"{value!r} is not an email address.")) from None
        if address not in emails:
            emails.append(address)
    return emails


def _phones(row: SourceRow, region: str | None, warnings: list[Problem]) -> list[str]:
    """The row's phone numbers in E.164; unreadable ones are left out with a warning."""
    numbers: list[str] = []
    for column, value in row.all("phone"):
        try:
            number = normalize_phone(value.removeprefix("'"), region or None)
        except Invalid:
            warnings.append(Problem(row.file_name, row.row, column, f"{value!r} is not a phone number; left out."))
            continue
        if number not in numbers:
            numbers.append(number)
    return numbers


def _url(row: SourceRow, field_name: str, warnings: list[Problem]) -> str | None:
    """The first web address of a field, normalized; an unreadable one is left out with a warning."""
    for column, value in row.all(field_name):
        try:
            url = normalize_url(value)
        except Invalid:
            warnings.append(Problem(row.file_name, row.row, column, f"{value!r} is not a web address; left out."))
            continue
        if len(url) <= 500:
            return linkedin_key(url) if field_name == "linkedin" else url
    return None


def _display_name(row: SourceRow, emails: list[str]) -> str:
    """The name as the file gives it; else first, middle and last name; else the email address."""
    parts = [row.first(name) for name in ("given_name", "middle_name", "family_name")]
    given = (row.first("display_name") or ("", ""))[1] or " ".join(value for _c, value in filter(None, parts))
    name = " ".join(given.split()) or (emails[0] if emails else "")
    if not name:
        raise _RowInvalid(Problem(row.file_name, row.row, "", "The row has neither a name nor an email address."))
    if len(name) > NAME_LENGTH:
        column = (row.first("display_name") or ("name", ""))[0]
        raise _RowInvalid(Problem(row.file_name, row.row, column, f"The name is longer than {NAME_LENGTH} characters."))
    return name


def _birthday(row: SourceRow, warnings: list[Problem]):
    """The birthday as (year or None, month, day); an unreadable one is left out with a warning."""
    found = row.first("birthday")
    if not found:
        return None
    birthday = parse_birthday(found[1])
    if birthday is None:
        warnings.append(Problem(row.file_name, row.row, found[0], f"{found[1]!r} is not a date; left out."))
    return birthday


def _tags(row: SourceRow, extra: list[str]) -> list[str]:
    """The row's labels and the import's own tags, lower-cased as the core stores them, without repeats."""
    names = [value for _column, value in row.all("tag")] + extra
    return list(dict.fromkeys(name.strip().lower()[:TAG_LENGTH] for name in names if name.strip()))


def check_row(row: SourceRow, *, phone_region: str | None = None,
              extra_tags: tuple[str, ...] = ()) -> CheckedPerson | Problem:
    """The row as a normalized person, or the Problem that makes it unusable."""
    warnings: list[Problem] = []
    try:
        emails = _emails(row)
        person = CheckedPerson(
            display_name=_display_name(row, emails), rows=[row.row], emails=emails,
            given_name=_text(row, "given_name", PART_LENGTH), family_name=_text(row, "family_name", PART_LENGTH),
            organization=_text(row, "organization", TEXT_LENGTH), job_title=_text(row, "job_title", TEXT_LENGTH),
            location=_text(row, "location", TEXT_LENGTH),
            notes="\n".join(value for _c, value in row.all("notes")).replace("\x00", ""),
            phones=_phones(row, phone_region, warnings), linkedin=_url(row, "linkedin", warnings),
            website=_url(row, "website", warnings), birthday=_birthday(row, warnings),
            tags=_tags(row, list(extra_tags)), warnings=warnings)
    except _RowInvalid as invalid:
        return invalid.problem
    return person
