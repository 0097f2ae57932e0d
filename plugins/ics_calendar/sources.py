"""Reading the account's records into feed items: follow-ups, stay-in-touch, contact of the day, events,
renewals, important dates and other plugins' calendar items. Each reader is a few indexed queries of plain rows."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Callable, Iterable, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from netevents.plugins.api import (Account, AssociationMembership, Event, EventKind, FollowUp, Organization, Person,
                                   collect_calendar_items, fading_people, important_dates_between, people_contacted_on,
                                   suggested_contact)
from netevents_plugins.ics_calendar.items import REMINDER_KINDS, FeedItem, FeedSettings

PAST_DAYS, FUTURE_DAYS = 30, 365  # the window a feed covers, around the account's today
UID_DOMAIN = "netevents"
TIMED_MINUTES = 15  # how long a timed reminder lasts in the calendar
MAX_DATE_SPAN = 365  # important_dates_between answers at most a year at a time
COMMITTEE_KINDS = {EventKind.committee_meeting, EventKind.board_meeting, EventKind.association_meeting}


@dataclass(frozen=True)
class Links:
    """Absolute URLs of the pages items link to, built from templates made once per build (url_for is slow)."""

    person: Callable[[int], str]
    event: Callable[[int], str]
    associations: str


@dataclass(frozen=True)
class Window:
    """The days a feed covers: ``start`` included, ``end`` excluded, around ``today``."""

    today: date
    start: date
    end: date

    @classmethod
    def around(cls, today: date) -> "Window":
        """The window of a feed built on ``today``."""
        return cls(today, today - timedelta(days=PAST_DAYS), today + timedelta(days=FUTURE_DAYS))


def uid(kind: str, *parts: object) -> str:
    """A stable UID from the item's kind and the ids of the rows it comes from."""
    return "-".join([kind, *map(str, parts)]) + f"@{UID_DOMAIN}"


def reminder(kind: str, day: date, settings: FeedSettings, **fields) -> FeedItem:
    """A reminder on ``day``: all-day, or timed at the reminder time in the feed's zone; with an alarm."""
    if settings.timed:
        start = datetime.combine(day, settings.reminder_time, settings.zone).astimezone(timezone.utc)
        return FeedItem(kind=kind, start=start, end=start + timedelta(minutes=TIMED_MINUTES),
                        alarm_offset=-settings.reminder_minutes if settings.reminder_minutes else None, **fields)
    offset = settings.reminder_time.hour * 60 + settings.reminder_time.minute - settings.reminder_minutes
    return FeedItem(kind=kind, start=day, end=day, alarm_offset=offset if settings.reminder_minutes else None,
                    **fields)


def followup_items(session: Session, owner: Account, window: Window, settings: FeedSettings,
                   links: Links) -> Iterable[FeedItem]:
    """Open follow-ups on their due date."""
    rows = session.execute(
        select(FollowUp.id, FollowUp.due_on, FollowUp.note, FollowUp.origin, FollowUp.updated_at, Person.id,
               Person.display_name)
        .join(Person, Person.id == FollowUp.person_id)
        .where(FollowUp.owner_id == owner.id, FollowUp.done_at.is_(None), FollowUp.due_on >= window.start,
               FollowUp.due_on < window.end))
    for followup_id, due_on, note, origin, updated_at, person_id, name in rows:
        why = note or "Follow up."
        yield reminder("followup", due_on, settings, uid=uid("followup", followup_id), title=f"Follow up: {name}",
                       description="\n".join(filter(None, [why, f"From: {origin}" if origin else ""])),
                       url=links.person(person_id), modified=updated_at)


def stay_in_touch_items(session: Session, owner: Account, window: Window, settings: FeedSettings,
                        links: Links) -> Iterable[FeedItem]:
    """People whose stay-in-touch contact falls due in the window (the ones fading already included)."""
    rows = session.execute(
        select(Person.id, Person.display_name, Person.stay_in_touch_due_on, Person.last_contact_on)
        .where(Person.owner_id == owner.id, Person.stay_in_touch_due_on >= window.start,
               Person.stay_in_touch_due_on < window.end))
    for person_id, name, due_on, last in rows:
        since = f"Last contact on {last.isoformat()}." if last else "No contact recorded yet."
        yield reminder("stay_in_touch", due_on, settings, uid=uid("stay-in-touch", person_id),
                       title=f"Stay in touch: {name}", description=f"Your stay-in-touch cadence is due. {since}",
                       url=links.person(person_id))


def contact_of_the_day_items(session: Session, owner: Account, window: Window, settings: FeedSettings,
                             links: Links) -> Iterable[FeedItem]:
    """Today's suggested contact, as on the dashboard (without the people skipped in the browser today)."""
    contacted = people_contacted_on(session, window.today, owner=owner)
    fading = fading_people(session, owner=owner, today=window.today, limit=10 + len(contacted))
    suggestion = suggested_contact(session, owner=owner, today=window.today, fading=fading, exclude=contacted)
    if suggestion is not None:
        person = suggestion.person
        yield reminder("contact_of_the_day", window.today, settings,
                       uid=uid("contact-of-the-day", window.today.isoformat()),
                       title=f"Contact of the day: {person.display_name}", description=suggestion.reason,
                       url=links.person(person.id))


def event_items(session: Session, owner: Account, window: Window, settings: FeedSettings,
                links: Links) -> Iterable[FeedItem]:
    """The account's events and committee meetings running in the window."""
    rows = session.execute(
        select(Event.id, Event.name, Event.kind, Event.all_day, Event.starts_on, Event.ends_on, Event.starts_at,
               Event.ends_at, Event.location, Event.updated_at)
        .where(Event.owner_id == owner.id, Event.ends_on >= window.start, Event.starts_on < window.end))
    for event_id, name, kind, all_day, starts_on, ends_on, starts_at, ends_at, location, updated_at in rows:
        what = "Committee meeting" if kind in COMMITTEE_KINDS else kind.value.replace("_", " ").capitalize()
        description = "\n".join(filter(None, [what, f"Where: {location}" if location else ""]))
        common = dict(uid=uid("event", event_id), kind="event", title=name, description=description,
                      url=links.event(event_id), modified=updated_at)
        if all_day or starts_at is None:
            yield FeedItem(start=starts_on, end=max(ends_on, starts_on), **common)
        else:
            yield FeedItem(start=starts_at, end=ends_at if ends_at and ends_at > starts_at else None, **common)


def renewal_items(session: Session, owner: Account, window: Window, settings: FeedSettings,
                  links: Links) -> Iterable[FeedItem]:
    """Renewal dates of the account's running association memberships."""
    rows = session.execute(
        select(AssociationMembership.id, AssociationMembership.renewal_on, AssociationMembership.updated_at,
               Organization.name)
        .join(Organization, Organization.id == AssociationMembership.organization_id)
        .where(AssociationMembership.owner_id == owner.id, AssociationMembership.renewal_on >= window.start,
               AssociationMembership.renewal_on < window.end,
               AssociationMembership.ended_on.is_(None) | (AssociationMembership.ended_on >= window.today)))
    for membership_id, renewal_on, updated_at, name in rows:
        yield reminder("renewal", renewal_on, settings, uid=uid("renewal", membership_id),
                       title=f"Renew membership: {name}", description=f"Your membership of {name} is due for renewal.",
                       url=links.associations, modified=updated_at)


def date_items(session: Session, owner: Account, window: Window, settings: FeedSettings,
               links: Links) -> Iterable[FeedItem]:
    """Birthdays, work anniversaries and other yearly dates of the account's people."""
    start = window.start
    while start < window.end:
        last = min(window.end - timedelta(days=1), start + timedelta(days=MAX_DATE_SPAN - 1))
        for occurrence in important_dates_between(session, start, last, owner=owner):
            important, person = occurrence.important, occurrence.person
            years = f" ({occurrence.years})" if occurrence.years else ""
            yield FeedItem(uid=uid("date", important.id, occurrence.on.year), kind="date",
                           title=f"{important.title}{years}: {person.display_name}", start=occurrence.on,
                           end=occurrence.on, description=f"{important.title} of {person.display_name}.",
                           url=links.person(person.id), modified=important.updated_at)
        start = last + timedelta(days=1)


def plugin_items(session: Session, owner: Account, window: Window, settings: FeedSettings,
                 links: Links) -> Iterable[FeedItem]:
    """What other plugins add through the calendar_items hook."""
    for item in collect_calendar_items(session, owner, window.start, window.end):
        end: Optional[date | datetime] = item.end
        if item.all_day and isinstance(end, date):
            end = max(item.start, end - timedelta(days=1))  # the hook's end is exclusive, ours inclusive
        yield FeedItem(uid=f"plugin-{item.uid}", kind="plugin", title=item.title, start=item.start, end=end,
                       description=item.description, url=item.url)


READERS = {"followup": followup_items, "stay_in_touch": stay_in_touch_items,
           "contact_of_the_day": contact_of_the_day_items, "event": event_items, "renewal": renewal_items,
           "date": date_items, "plugin": plugin_items}
assert set(READERS) >= REMINDER_KINDS


def feed_items(session: Session, owner: Account, window: Window, settings: FeedSettings,
               links: Links) -> list[FeedItem]:
    """Every item of the kinds the settings include, in a stable order, one per uid."""
    found: dict[str, FeedItem] = {}
    for kind, read in READERS.items():
        if kind in settings.kinds:
            for item in read(session, owner, window, settings, links):
                found.setdefault(item.uid, item)
    return sorted(found.values(), key=FeedItem.sort_key)


def midnight_utc(day: date) -> datetime:
    """The start of ``day`` in UTC (a default time of change for items without one)."""
    return datetime.combine(day, time(), timezone.utc)
