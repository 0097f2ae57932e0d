"""The preview: what importing a file would do, person by person, before anything is written.

Rows that describe the same person (a ticket each, a Zoom rejoin) are merged first: by email, then LinkedIn
profile, then name and organization when a row has no email. Each merged person is then matched against the
network in the same order; a name-and-organization match is a suggestion, shown as such.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from netevents_plugins.attendee_import.checking import CheckedPerson, Problem, check_row, linkedin_key
from netevents_plugins.attendee_import.fields import SourceRow
from netevents_plugins.attendee_import.network import KnownPerson, NetworkIndex, load_index, load_known
from sqlalchemy.orm import Session

from netevents.plugins.api import Account, name_key

EXAMPLES = 10
KEPT_PROBLEMS = 200


@dataclass(frozen=True)
class Change:
    """A value a newer export has for a matched person: a new job title, company, email..."""

    field: str
    old: str
    new: str


@dataclass(slots=True)
class Planned:
    """One person of the file and what importing does with them: new, matched (by how), and the changes."""

    person: CheckedPerson
    existing_id: int | None = None
    matched_by: str = ""  # "email", "LinkedIn profile", "name and organization" (a suggestion)
    existing_name: str = ""
    changes: list[Change] | tuple[()] = ()  # a list for the matched only: no empty list for every new person

    @property
    def status(self) -> str:
        """new, changed, matched or suggested (matched by name and organization only)."""
        if self.existing_id is None:
            return "new"
        if self.changes:
            return "changed"
        return "suggested" if self.matched_by == "name and organization" else "matched"


@dataclass
class ImportPlan:
    """The preview of one file: the people, the skipped rows (with reasons), invalid rows and warnings."""

    file_name: str
    format_name: str
    format_label: str
    headers: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # header as in the file -> field, for the mapping step
    people: list[Planned] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    invalid: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped_count: int = 0
    invalid_count: int = 0
    rows: int = 0

    @property
    def mappable(self) -> bool:
        """Whether the columns were guessed or mapped (any CSV), so the user may map them."""
        return self.format_name in ("csv", "mapped")

    def with_status(self, status: str) -> list[Planned]:
        """The people of one status."""
        return [planned for planned in self.people if planned.status == status]

    def counts(self) -> dict[str, int]:
        """How many people are new, matched (incl. suggested), changed; rows skipped and invalid."""
        statuses = [planned.status for planned in self.people]
        return {"new": statuses.count("new"), "matched": statuses.count("matched") + statuses.count("suggested"),
                "suggested": statuses.count("suggested"), "changed": statuses.count("changed"),
                "skipped": self.skipped_count, "invalid": self.invalid_count}


class _FileMerger:
    """Merges rows of one file that describe the same person.

    The merge keys are the person's own email and profile strings (no tagged copies), and the values many
    rows repeat (first names, companies, job titles, tags) are kept as one string each: the merged people
    of a 100,000-row file are held until it is imported.
    """

    def __init__(self):
        self.people: list[CheckedPerson] = []
        self.by_email: dict[str, int] = {}
        self.by_linkedin: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        self.shared: dict[str, str] = {}

    def add(self, person: CheckedPerson) -> int | None:
        """Keep a new person, or merge into an earlier one; return that one's first row when merged."""
        person = _compact(person, self.shared)
        found = next((self.by_email[email] for email in person.emails if email in self.by_email), None)
        if found is None and person.linkedin:
            found = self.by_linkedin.get(person.linkedin)
        name = f"{name_key(person.display_name)}|{name_key(person.organization or '')}"
        if found is None and name in self.by_name and (not person.emails
                                                       or not self.people[self.by_name[name]].emails):
            found = self.by_name[name]
        if found is None:
            found = len(self.people)
            self.people.append(person)
        else:
            _merge(self.people[found], person)
        for email in person.emails:
            self.by_email.setdefault(email, found)
        if person.linkedin:
            self.by_linkedin.setdefault(person.linkedin, found)
        self.by_name.setdefault(name, found)
        return None if self.people[found] is person else self.people[found].rows[0]


def _compact(person: CheckedPerson, shared: dict[str, str]) -> CheckedPerson:
    """The person as the plan keeps them: lists as tuples (most are empty or hold one value), and the values
    rows often repeat replaced by the file's one string for each."""
    for name in ("given_name", "family_name", "organization", "job_title", "location"):
        value = getattr(person, name)
        if value is not None:
            setattr(person, name, shared.setdefault(value, value))
    person.tags = tuple(shared.setdefault(tag, tag) for tag in person.tags)
    person.rows, person.emails, person.phones = tuple(person.rows), tuple(person.emails), tuple(person.phones)
    person.warnings = tuple(person.warnings)
    return person


def _merge(into: CheckedPerson, other: CheckedPerson) -> None:
    """Fold a repeated row into the person it repeats: values united, blanks filled."""
    into.rows = (*into.rows, other.rows[0])
    for name in ("emails", "phones", "tags"):
        values = getattr(into, name)
        setattr(into, name, (*values, *(value for value in getattr(other, name) if value not in values)))
    for name in ("given_name", "family_name", "organization", "job_title", "location", "linkedin", "website",
                 "birthday"):
        if getattr(into, name) is None:
            setattr(into, name, getattr(other, name))
    if other.notes and other.notes not in into.notes:
        into.notes = f"{into.notes}\n{other.notes}".strip()
    into.warnings = (*into.warnings, *other.warnings)


def _match(person: CheckedPerson, index: NetworkIndex) -> tuple[int | None, str]:
    """The network person this one is, and by which key: email, then LinkedIn, then name and organization."""
    for email in person.emails:
        if email in index.by_email:
            return index.by_email[email], "email"
    if person.linkedin and person.linkedin in index.by_linkedin:
        return index.by_linkedin[person.linkedin], "LinkedIn profile"
    name, organization = name_key(person.display_name), name_key(person.organization or "")
    found = index.by_name.get((name, organization)) or (index.by_name.get((name, "")) if organization else None)
    return (found, "name and organization") if found else (None, "")


def _changes(person: CheckedPerson, known: KnownPerson, index: NetworkIndex) -> list[Change]:
    """What the file says that the network does not know yet about this person."""
    changes = []
    for name, label in (("job_title", "job title"), ("organization", "organization"), ("location", "location")):
        new, old = getattr(person, name), getattr(known, name)
        if new and name_key(new) != name_key(old or ""):
            changes.append(Change(label, old or "", new))
    free = [e for e in person.emails if e not in known.emails and index.by_email.get(e, known.id) == known.id]
    changes += [Change("email", "", email) for email in free]
    changes += [Change("phone", "", number) for number in person.phones if number not in known.phones]
    if person.linkedin and linkedin_key(known.links.get("linkedin", "")) != person.linkedin:
        changes.append(Change("LinkedIn profile", known.links.get("linkedin", ""), person.linkedin))
    if person.website and not known.links.get("website"):
        changes.append(Change("website", "", person.website))
    changes += [Change("tag", "", tag) for tag in person.tags if tag not in known.tags]
    return changes


def plan_import(session: Session, rows: Iterable[SourceRow], *, owner: Account, file_name: str, format_name: str,
                format_label: str, headers: list[str] | None = None, phone_region: str | None = None,
                extra_tags: tuple[str, ...] = ()) -> ImportPlan:
    """Read every row, merge repeats, match against the network and list the changes; writes nothing."""
    plan = ImportPlan(file_name, format_name, format_label, headers or [])
    _plan_people(session, plan, _merged_people(plan, rows, phone_region, extra_tags), owner)
    return plan


def _merged_people(plan: ImportPlan, rows: Iterable[SourceRow], phone_region: str | None,
                   extra_tags: tuple[str, ...]) -> list[CheckedPerson]:
    """Check every row and merge repeats, counting skipped and invalid rows (the merge keys freed on return)."""
    merger = _FileMerger()
    for row in rows:
        plan.rows += 1
        if row.skip_reason:
            _skip(plan, row.row, row.skip_reason)
            continue
        checked = check_row(row, phone_region=phone_region, extra_tags=extra_tags)
        if isinstance(checked, Problem):
            plan.invalid_count += 1
            if len(plan.invalid) < KEPT_PROBLEMS:
                plan.invalid.append(checked)
            continue
        if (first := merger.add(checked)) is not None:
            _skip(plan, row.row, f"the same person as row {first}")
    return merger.people


def _skip(plan: ImportPlan, row: int, reason: str) -> None:
    """Count a skipped row, keeping the first ones as examples."""
    plan.skipped_count += 1
    if len(plan.skipped) < KEPT_PROBLEMS:
        plan.skipped.append((row, reason))


def _plan_people(session: Session, plan: ImportPlan, people: list[CheckedPerson], owner: Account) -> None:
    """Match the merged people and work out the changes of the matched ones."""
    index = load_index(session, owner=owner)
    claimed: dict[int, int] = {}
    for person in people:
        existing_id, how = _match(person, index)
        if existing_id is not None and existing_id in claimed:
            _skip(plan, person.rows[0], f"the same person as row {claimed[existing_id]} (by {how})")
            continue
        if existing_id is not None:
            claimed[existing_id] = person.rows[0]
        plan.people.append(Planned(person, existing_id, how))
        if person.warnings:
            plan.warnings.extend(person.warnings[:KEPT_PROBLEMS - len(plan.warnings)])
            person.warnings = ()  # counted into the plan's; not kept for every person of the file
    known = load_known(session, claimed, owner=owner)
    for planned in plan.people:
        if planned.existing_id is not None:
            details = known[planned.existing_id]
            planned.existing_name = details.display_name
            planned.changes = _changes(planned.person, details, index)
