"""Server-side logins: start one per sign-in, recognise its token, end one, the others, or all of them."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from netevents.db import utcnow
from netevents.models import Account, LoginSession

REMEMBER_DAYS = 30  # "keep me logged in": then the password is asked again
SESSION_DAYS = 7  # a browser left open is logged out after a week even without remember-me
TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    """The stored form of a login token: a stolen database does not hold usable cookies."""
    return hashlib.sha256(token.encode()).hexdigest()


def start_login_session(session: Session, account: Account, *, remember: bool,
                        now: datetime | None = None) -> str:
    """Record a new login of ``account`` and return its random token (given to the browser, stored hashed)."""
    now = now or utcnow()
    session.execute(delete(LoginSession).where(LoginSession.account_id == account.id,
                                               LoginSession.expires_at <= now))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    lifetime = timedelta(days=REMEMBER_DAYS if remember else SESSION_DAYS)
    session.add(LoginSession(account_id=account.id, token_hash=token_hash(token), remember=remember,
                             created_at=now, expires_at=now + lifetime))
    session.flush()
    return token


def account_for_token(session: Session, token: str | None, *, remembered_only: bool = False,
                      now: datetime | None = None) -> Account | None:
    """The account of a live login with this token; None when unknown, ended or expired."""
    if not token or len(token) > 200:
        return None
    query = select(LoginSession).where(LoginSession.token_hash == token_hash(token),
                                       LoginSession.expires_at > (now or utcnow()))
    if remembered_only:
        query = query.where(LoginSession.remember.is_(True))
    login = session.scalars(query).first()
    return session.get(Account, login.account_id) if login is not None else None


def end_login_session(session: Session, token: str | None) -> None:
    """End the login with this token (logout): its session and remember-me cookies stop working."""
    if token:
        session.execute(delete(LoginSession).where(LoginSession.token_hash == token_hash(token)))


def end_other_sessions(session: Session, account: Account, *, keep: str | None) -> int:
    """End every login of the account but the one with token ``keep``; return how many ended."""
    statement = delete(LoginSession).where(LoginSession.account_id == account.id)
    if keep:
        statement = statement.where(LoginSession.token_hash != token_hash(keep))
    return session.execute(statement).rowcount or 0


def login_count(session: Session, account: Account) -> int:
    """How many live logins the account has (devices signed in)."""
    query = select(LoginSession.id).where(LoginSession.account_id == account.id, LoginSession.expires_at > utcnow())
    return len(session.scalars(query).all())
