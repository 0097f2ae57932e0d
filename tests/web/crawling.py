"""Helpers of the crawl in test_no_server_errors.py: real URLs for every route, the forms a page offers, what
a browser would submit in them, and snapshots that show whether one account's data was touched."""
from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Callable, Iterable
from urllib.parse import urljoin, urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netevents.db import Base
from netevents.models import (AssociationMembership, Encounter, Event, EventSession, Favor, FollowUp, Group,
                              ImportantDate, Interaction, Organization, Person, PersonRelation, Role, Tag)
from netevents_plugins.committee_visibility.leaders import mark_leader, set_group_internal
from netevents_plugins.committee_visibility.models import Moment
from netevents_plugins.committee_visibility.moments import MomentFields, log_moment
from netevents_plugins.attendee_import.jobs import create_job
from netevents_plugins.attendee_import.models import ImportJob

# what each <int:...> URL argument names; the same words pick a record kind for form fields
RECORD_KINDS: dict[str, type] = {
    "person_id": Person, "survivor_id": Person, "merged_id": Person, "first_id": Person, "second_id": Person,
    "organization_id": Organization, "event_id": Event, "session_id": EventSession, "encounter_id": Encounter,
    "followup_id": FollowUp, "group_id": Group, "role_id": Role, "membership_id": AssociationMembership,
    "tag_id": Tag, "interaction_id": Interaction, "favor_id": Favor, "date_id": ImportantDate,
    "relation_id": PersonRelation, "moment_id": Moment, "job_id": ImportJob,
}
SAMPLES_PER_KIND = 3
TEXT_KINDS = {"text", "textarea", "search", "hidden", "email", "url", "tel", "password"}


def add_visibility(session: Session, owner, today) -> None:
    """A leader, an internal group and a visibility moment (the committee_visibility plugin's records)."""
    person_id = session.scalar(select(Person.id).where(Person.owner_id == owner.id).order_by(Person.id))
    group_id = session.scalar(select(Group.id).where(Group.owner_id == owner.id).order_by(Group.id))
    event_id = session.scalar(select(Event.id).where(Event.owner_id == owner.id).order_by(Event.id))
    mark_leader(session, person_id, "director", owner=owner, today=today)
    set_group_internal(session, group_id, True, owner=owner, today=today)
    log_moment(session, MomentFields(occurred_on=today, kind="presenting", what="Roadmap", group_id=group_id,
                                     event_id=event_id, present=[person_id]), owner=owner)


def add_import_job(session: Session, owner) -> None:
    """A background import still running (the attendee_import plugin's job pages)."""
    create_job(session, owner=owner, token="crawl" * 5, file_name="attendees.csv", total=5000,
               options={"format_name": "auto", "tag": None, "event": "", "accept_changes": False})


def sample_ids(session: Session, model: type, owner_id: int, count: int = SAMPLES_PER_KIND) -> list[int]:
    """Up to ``count`` ids of the owner's records of one kind, spread from the oldest to the newest."""
    ids = session.scalars(select(model.id).where(model.owner_id == owner_id).order_by(model.id)).all()
    if len(ids) <= count:
        return list(ids)
    return [ids[round(index * (len(ids) - 1) / max(count - 1, 1))] for index in range(count)]


def fillings(arguments: set[str], session: Session, owner_id: int,
             named: dict[str, list[str]]) -> list[dict] | None:
    """Real values for a rule's URL arguments (several sets), or None when an argument cannot be filled."""
    if "session_id" in arguments:  # a talk's URL also names its own event
        talks = [session.get(EventSession, talk_id) for talk_id in sample_ids(session, EventSession, owner_id)]
        return [{"event_id": talk.event_id, "session_id": talk.id} for talk in talks]
    if not arguments <= {*RECORD_KINDS, *named}:
        return None
    if len(arguments) == 2 and all(RECORD_KINDS.get(name) is Person for name in arguments):
        first, second = sorted(arguments)
        people = sample_ids(session, Person, owner_id, SAMPLES_PER_KIND + 1)
        return [{first: one, second: other} for one, other in zip(people, people[1:])]
    combos: list[dict] = [{}]
    for name in sorted(arguments):
        values = named[name] if name in named else sample_ids(session, RECORD_KINDS[name], owner_id)
        combos = [{**combo, name: value} for combo in combos for value in values]
    return combos


def fingerprint(session: Session, owner_id: int) -> dict[str, list[str]]:
    """Every stored row of one account (its own tables and the link tables of its people), to compare later."""
    people = select(Person.id).where(Person.owner_id == owner_id)
    rows = {}
    for table in Base.metadata.sorted_tables:
        if "owner_id" in table.c:
            where = table.c.owner_id == owner_id
        elif "person_id" in table.c:
            where = table.c.person_id.in_(people)
        elif table.name == "account":
            where = table.c.id == owner_id
        else:
            continue
        rows[table.name] = sorted(repr(tuple(row)) for row in session.execute(select(table).where(where)))
    return rows


def cross_account_links(session: Session) -> dict[str, int]:
    """How many rows point at another account's row, per table.column (empty while accounts stay apart)."""
    found = {}
    for table in Base.metadata.sorted_tables:
        ends = [(key.parent, key.column.table.alias(), key.column.name) for key in table.foreign_keys
                if "owner_id" in key.column.table.c]
        if "owner_id" in table.c:
            checks = [(f"{table.name}.{end[0].name}", [end], table.c.owner_id, end[1].c.owner_id) for end in ends]
        else:  # a link table: both of its ends must belong to one account
            checks = [(table.name, ends, ends[0][1].c.owner_id, ends[1][1].c.owner_id)] if len(ends) == 2 else []
        for label, joins, owner, other in checks:
            query = select(func.count()).select_from(table)
            for column, referred, key in joins:
                query = query.join(referred, column == referred.c[key])
            count = session.scalar(query.where(owner != other))
            if count:
                found[label] = count
    return found


@dataclass
class Field:
    """One named control of an HTML form, as a browser would submit it."""

    name: str
    kind: str
    value: str = ""
    options: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)
    checked: bool = False
    required: bool = False
    multiple: bool = False


@dataclass
class Form:
    """A form found on a page: where it goes, how, and its controls."""

    action: str
    method: str
    fields: list[Field] = field(default_factory=list)


class FormReader(HTMLParser):
    """Collect the forms of a page (stdlib parser: no dependency for a test helper)."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url, self.forms, self._form, self._open = page_url, [], None, None

    def handle_starttag(self, tag, attrs):
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form":
            action = urljoin(self.page_url, attributes.get("action") or self.page_url)
            parts = urlsplit(action)
            self._form = Form(parts.path + (f"?{parts.query}" if parts.query else ""),
                              attributes.get("method", "get").lower())
            self.forms.append(self._form)
        elif self._form is not None and tag in {"input", "select", "textarea", "button"} and attributes.get("name"):
            self._control(tag, attributes)
        elif tag == "option" and self._open is not None and self._open.kind == "select":
            self._open.options.append(attributes.get("value", ""))
            if "selected" in attributes:
                self._open.selected.append(attributes.get("value", ""))

    def _control(self, tag: str, attributes: dict) -> None:
        """Add one named control to the current form."""
        kind = {"input": attributes.get("type", "text").lower(), "button": "submit"}.get(tag, tag)
        control = Field(attributes["name"], "submit" if kind in {"submit", "image"} else kind,
                        attributes.get("value", ""), checked="checked" in attributes,
                        required="required" in attributes, multiple="multiple" in attributes)
        self._form.fields.append(control)
        self._open = control if tag in {"select", "textarea"} else None

    def handle_data(self, data):
        if self._open is not None and self._open.kind == "textarea":
            self._open.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        if tag in {"select", "textarea"}:
            self._open = None


def forms_on(page_url: str, html: str) -> list[Form]:
    """The forms of an HTML page."""
    reader = FormReader(page_url)
    reader.feed(html)
    return reader.forms


PLACEHOLDERS = {"date": "2024-05-01", "time": "09:30", "number": "3", "email": "qa@example.com",
                "url": "https://example.com", "password": "correct horse battery staple", "month": "2024-05"}


def baseline(form: Form) -> dict[str, list[str]]:
    """What a browser would submit untouched, with required blanks filled by plausible values."""
    data: dict[str, list[str]] = {}
    for control in form.fields:
        if control.kind in {"submit", "file", "reset", "button"}:
            continue
        if control.kind in {"checkbox", "radio"}:
            value = [control.value or "y"] if control.checked else []
        elif control.kind == "select":
            first = next((option for option in control.options if option), "")
            value = (control.selected or [first]) if control.multiple else (control.selected or [first])[:1]
        else:
            value = [control.value or PLACEHOLDERS.get(control.kind, "QA value" if control.required else "")]
        data.setdefault(control.name, []).extend(value)
    return data


def with_values(data: dict[str, list[str]], names: Iterable[str], value: str | Callable[[str], str]):
    """A copy of ``data`` in which the named fields carry ``value`` (or value(name))."""
    changed = {name: list(values) for name, values in data.items()}
    for name in names:
        changed[name] = [value(name) if callable(value) else value]
    return changed


@dataclass
class Outcome:
    """The status of one request, or the exception it raised (which a browser would get as a 500)."""

    status: int
    error: str = ""
    response: object = None


def fetch(client, method: str, url: str, **options) -> Outcome:
    """Send one request (options as the test client takes them); an escaping exception counts as a 500."""
    try:
        response = client.open(url, method=method, **options)
        response.get_data()  # read the body as a browser does: streamed downloads run (and end) here
    except Exception as error:  # noqa: BLE001 - the crawl reports every failure instead of stopping at the first
        return Outcome(500, f"{_where(error)}: {type(error).__name__}: {str(error).splitlines()[0][:200]}")
    return Outcome(response.status_code, response=response)


def _where(error: Exception) -> str:
    """The innermost netevents frame of an exception, as file:line."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if "/netevents/" in frame.filename]
    frame = frames[-1] if frames else traceback.extract_tb(error.__traceback__)[-1]
    return f"{frame.filename.rsplit('/netevents/', 1)[-1]}:{frame.lineno}"
