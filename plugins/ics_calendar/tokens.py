"""Secret feed URLs: a token derived from a random nonce and the app's secret key; only its hash is stored.

Deriving the token (HMAC of the nonce) lets the subscribe page show the same URL again without keeping it:
the database alone does not give it away. Rotating draws a new nonce, so the old URL stops working at once.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from netevents.plugins.api import Account, utcnow
from netevents_plugins.ics_calendar.models import CalendarFeed

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")


def derive_token(secret_key: str, nonce: str) -> str:
    """The URL-safe token of a feed: HMAC-SHA256 of its nonce under the app's secret key (43 characters)."""
    digest = hmac.new(secret_key.encode(), f"ics-feed:{nonce}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def hash_token(token: str) -> str:
    """What is stored and looked up: the token's SHA-256, in hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def feed_of(session: Session, owner: Account) -> Optional[CalendarFeed]:
    """The account's feed, or None before the first subscribe."""
    return session.get(CalendarFeed, owner.id)


def ensure_feed(session: Session, secret_key: str, *, owner: Account) -> CalendarFeed:
    """The account's feed, created with a fresh secret on first use."""
    feed = feed_of(session, owner)
    if feed is None:
        nonce = secrets.token_urlsafe(32)
        feed = CalendarFeed(owner_id=owner.id, nonce=nonce, token_hash=hash_token(derive_token(secret_key, nonce)),
                            changes=0, changed_at=utcnow(), zone=owner.timezone or "UTC")
        session.add(feed)
        session.flush()
    return feed


def feed_token(session: Session, feed: CalendarFeed, secret_key: str) -> str:
    """The feed's current token; after a change of the secret key the stored hash follows the new token."""
    token = derive_token(secret_key, feed.nonce)
    if not hmac.compare_digest(hash_token(token), feed.token_hash):
        feed.token_hash = hash_token(token)
        session.flush()
    return token


def rotate_feed(session: Session, secret_key: str, *, owner: Account) -> str:
    """Give the account's feed a new secret (the old URL answers 404 from now on); returns the new token."""
    feed = ensure_feed(session, secret_key, owner=owner)
    feed.nonce = secrets.token_urlsafe(32)
    feed.token_hash = hash_token(derive_token(secret_key, feed.nonce))
    feed.rotated_at = utcnow()
    session.flush()
    return derive_token(secret_key, feed.nonce)


def find_feed(session: Session, token: str):
    """The feed row a token opens (owner_id, changes, changed_at, zone, nonce, token_hash), or None for a malformed,
    unknown or rotated-away token; one indexed query of plain columns, the hash compared in constant time."""
    if not TOKEN_PATTERN.fullmatch(token or ""):
        return None
    wanted = hash_token(token)
    table = CalendarFeed.__table__
    row = session.execute(select(table.c.owner_id, table.c.changes, table.c.changed_at, table.c.zone, table.c.nonce,
                                 table.c.token_hash).where(table.c.token_hash == wanted)).first()
    if row is None or not hmac.compare_digest(row.token_hash, wanted):
        return None
    return row
