"""Building an account's feed: the items, each one's VEVENT from the text cache or freshly serialised, and the
HTTP validators (ETag, Last-Modified) taken from the feed row alone so a 304 needs one query."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from netevents.plugins.api import Account, utcnow
from netevents_plugins.ics_calendar.items import FeedItem, FeedSettings
from netevents_plugins.ics_calendar.models import CalendarFeed, CalendarItemText
from netevents_plugins.ics_calendar.render import FOOTER, header, vevent
from netevents_plugins.ics_calendar.sources import Links, Window, feed_items

FORMAT_VERSION = "1"
SECOND = timedelta(seconds=1)  # bump when the serialised text changes for the same data, to invalidate every ETag


@dataclass(frozen=True)
class Validators:
    """What a conditional request is answered from."""

    etag: str
    last_modified: datetime


def validators(feed, now: datetime | None = None) -> Validators:
    """ETag and Last-Modified of a feed (a CalendarFeed or find_feed's row) from its change counter and today's
    date in its zone (no other query)."""
    zone = ZoneInfo(feed.zone)
    today = (now or utcnow()).astimezone(zone).date()
    raw = f"{FORMAT_VERSION}:{feed.owner_id}:{feed.changes}:{today.isoformat()}:{feed.nonce}"
    day_start = datetime.combine(today, time(), zone).astimezone(timezone.utc)
    return Validators(f'"{hashlib.sha256(raw.encode()).hexdigest()[:32]}"', max(feed.changed_at, day_start))


def _cached(session: Session, owner: Account) -> dict[str, tuple]:
    """uid -> (id, fingerprint, sequence, changed_at, text) of the account's cached items."""
    table = CalendarItemText.__table__
    rows = session.execute(select(table.c.uid, table.c.id, table.c.fingerprint, table.c.sequence,
                                  table.c.changed_at, table.c.text).where(table.c.owner_id == owner.id))
    return {row[0]: tuple(row[1:]) for row in rows}


def _stamp(item: FeedItem, now: datetime, previous: datetime | None) -> datetime:
    """LAST-MODIFIED (and DTSTAMP): the record's update time when first seen, and on every change a moment
    later than the one sent before, so clients that compare it (not SEQUENCE) see the change too."""
    stamp = (item.modified or now) if previous is None else max(now, item.modified or now, previous + SECOND)
    return stamp.astimezone(timezone.utc).replace(microsecond=0)


def render_items(session: Session, owner: Account, items: list[FeedItem], now: datetime) -> list[str]:
    """Each item's VEVENT text: reused when its fingerprint is unchanged, else serialised (SEQUENCE + 1) and kept."""
    cached, texts, new_rows, changed_rows = _cached(session, owner), [], [], []
    for item in items:
        fingerprint, row = item.fingerprint(), cached.pop(item.uid, None)
        if row is not None and row[1] == fingerprint:
            texts.append(row[4])
            continue
        sequence = row[2] + 1 if row is not None else 0
        changed_at = _stamp(item, now, row[3] if row is not None else None)
        text = vevent(item, sequence, changed_at)
        texts.append(text)
        values = {"fingerprint": fingerprint, "sequence": sequence, "changed_at": changed_at, "text": text}
        if row is None:
            new_rows.append({"owner_id": owner.id, "uid": item.uid, **values})
        else:
            changed_rows.append({"row_id": row[0], **values})
    _store(session, new_rows, changed_rows, [row[0] for row in cached.values()])
    return texts


def _store(session: Session, new_rows: list[dict], changed_rows: list[dict], gone_ids: list[int]) -> None:
    """Write the cache's changes in three bulk statements (our own table: no change counting)."""
    table = CalendarItemText.__table__
    if new_rows:
        session.execute(insert(table), new_rows)
    if changed_rows:
        session.connection().execute(
            update(table).where(table.c.id == bindparam("row_id"))
            .values(fingerprint=bindparam("fingerprint"), sequence=bindparam("sequence"),
                    changed_at=bindparam("changed_at"), text=bindparam("text")), changed_rows)
    for start in range(0, len(gone_ids), 500):
        session.execute(delete(table).where(table.c.id.in_(gone_ids[start:start + 500])))


def build_calendar(session: Session, owner: Account, settings: FeedSettings, links: Links,
                   now: datetime | None = None) -> bytes:
    """The account's whole calendar as bytes: the same data always gives the same bytes."""
    now = now or utcnow()
    window = Window.around(now.astimezone(settings.zone).date())
    items = feed_items(session, owner, window, settings, links)
    texts = render_items(session, owner, items, now)
    return "".join([header(), *texts, FOOTER]).encode("utf-8")


def remember_zone(session: Session, feed: CalendarFeed, settings: FeedSettings) -> None:
    """Keep the zone the feed was built in, for the next conditional request's idea of today."""
    if feed.zone != settings.zone.key:
        feed.zone = settings.zone.key
        session.flush()
