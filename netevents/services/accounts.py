"""Accounts: creating them, checking passwords, the first-run admin."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netevents.db import lock_transaction
from netevents.errors import Conflict, Invalid, NotFound
from netevents.models import Account
from netevents.services.clock import check_timezone
from netevents.services.login_sessions import end_other_sessions
from netevents.services.passwords import check_password
from netevents.services.unique import add_unless_taken
from netevents.services.validation import normalize_email

SETUP_LOCK_ID = 0x6E65_7473  # first-run setups take turns: exactly one admin however many race
_hasher = PasswordHasher()


def use_password_hasher(hasher: PasswordHasher) -> None:
    """Replace the Argon2 parameters (tests use cheap ones; production keeps the library defaults)."""
    global _hasher
    _hasher = hasher


def account_count(session: Session) -> int:
    """Return how many accounts exist."""
    return session.scalar(select(func.count()).select_from(Account)) or 0


def create_account(session: Session, email: str, password: str, *, is_admin: bool = False,
                   timezone: str = "UTC") -> Account:
    """Create an account with an Argon2id password hash in a time zone; the first account is always an admin."""
    address = normalize_email(email)
    check_timezone(timezone)
    check_password(password, email=address)
    if session.scalar(select(Account.id).where(Account.email == address)) is not None:
        raise Conflict(f"An account for {address} already exists.", email="An account with this email exists.")
    first = account_count(session) == 0
    account = Account(email=address, password_hash=_hasher.hash(password), is_admin=is_admin or first,
                      timezone=timezone)
    if not add_unless_taken(session, account):
        raise Conflict(f"An account for {address} already exists.", email="An account with this email exists.")
    return account


def set_up_instance(session: Session, email: str, password: str, *, timezone: str = "UTC") -> Account:
    """Create the first account, the admin; Conflict when the instance already has one (another setup won)."""
    lock_transaction(session, SETUP_LOCK_ID)
    if account_count(session) > 0:
        raise Conflict("This instance is already set up: log in.", email="This instance already has its admin.")
    return create_account(session, email, password, is_admin=True, timezone=timezone)


def authenticate(session: Session, email: str, password: str) -> Account | None:
    """Return the account when email and password match, else None."""
    account = account_for_login(session, email)
    if not password_matches(account, password):
        return None
    rehash_if_needed(session, account, password)
    return account


def account_for_login(session: Session, email: str) -> Account | None:
    """The account a login form names, if any (the password is checked apart: see ``password_matches``)."""
    try:
        address = normalize_email(email)
    except Invalid:
        return None
    return session.scalar(select(Account).where(Account.email == address))


def password_matches(account: Account | None, password: str) -> bool:
    """Whether ``password`` is the account's; as slow for no account as for a wrong password. Reads nothing.

    Argon2 takes a while on purpose: callers end their transaction before, so no lock is held meanwhile.
    """
    if account is None:
        _hasher.hash(password)  # spend the same time as a real check, so timing does not reveal accounts
        return False
    try:
        return _hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def rehash_if_needed(session: Session, account: Account, password: str) -> None:
    """Store a fresh hash when the hashing parameters changed since the password was set."""
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = _hasher.hash(password)
        session.flush()


def change_password(session: Session, account: Account, current: str, new: str, *, keep: str | None) -> int:
    """Change the account's password after checking the current one; end its other logins, return how many."""
    try:
        _hasher.verify(account.password_hash, current)
    except (VerificationError, InvalidHashError):
        raise Invalid("The current password is wrong.", current_password="This is not your current password.") \
            from None
    if new == current:
        raise Invalid("The new password is the current one.", password="Choose a password you do not use yet.")
    return _store_password(session, account, new, keep=keep)


def set_password(session: Session, email: str, new: str) -> Account:
    """Set an account's password without the old one (administrators, lost passwords); every login ends."""
    try:
        address = normalize_email(email)
    except Invalid:
        raise NotFound(f"No account for {email}.") from None
    account = session.scalar(select(Account).where(Account.email == address))
    if account is None:
        raise NotFound(f"No account for {address}.")
    _store_password(session, account, new, keep=None)
    return account


def _store_password(session: Session, account: Account, new: str, *, keep: str | None) -> int:
    """Check and hash the new password, and end every login except ``keep``."""
    check_password(new, email=account.email)
    account.password_hash = _hasher.hash(new)
    session.flush()
    return end_other_sessions(session, account, keep=keep)


def get_account(session: Session, account_id: int) -> Account:
    """Return an account by id or raise NotFound."""
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound("No such account.")
    return account
