"""The password policy: long enough, not the email, not one repeated character, not a well-known password."""
from __future__ import annotations

from netevents.errors import Invalid

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
# zxcvbn scores 0-4; 0 and 1 are "too guessable" / "very guessable" (well-known, keyboard walks, repeats, dates)
MIN_STRENGTH_SCORE = 2
# zxcvbn's cost grows with the length; beyond this many characters a password is long enough by itself
SCORED_PREFIX = 100


def check_password(password: str, *, email: str = "") -> None:
    """Raise Invalid, with a message on the password field, for a password that is too weak."""
    problem = password_problem(password, email=email)
    if problem is not None:
        raise Invalid(problem, password=problem)


def password_problem(password: str, *, email: str = "") -> str | None:
    """What is wrong with the password, in words for the person choosing it; None when it will do."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Use at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Use at most {MAX_PASSWORD_LENGTH} characters."
    if len(set(password.strip())) <= 1:
        return "A password of one repeated character is easy to guess."
    address = email.strip().lower()
    personal = [part for part in (address, address.split("@")[0]) if len(part) >= 4]
    if any(part in password.lower() for part in personal):
        return "Do not use your email address in your password."
    from zxcvbn import zxcvbn  # 12 MB of word lists: loaded when a password is chosen, not by every server

    result = zxcvbn(password[:SCORED_PREFIX], user_inputs=personal)
    if result["score"] < MIN_STRENGTH_SCORE:
        reason = result["feedback"]["warning"] or "It is easy to guess."
        return f"This password is too easy to guess. {reason} Add a few uncommon words."
    return None
