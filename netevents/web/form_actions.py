"""Small helpers shared by thin views: run a service for a submitted form, and safe redirects."""
from __future__ import annotations

import dataclasses
from typing import Callable, TypeVar
from urllib.parse import urlsplit

from flask import request
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session

from netevents.db import request_session
from netevents.errors import Conflict, Invalid
from netevents.models import Account
from netevents.web.forms_helpers import attach_errors

T = TypeVar("T")
FAILED = object()


def current_owner() -> Account:
    """The logged-in account, as services expect it."""
    return current_user._get_current_object()


def submit(form: FlaskForm, action: Callable[[Session], T]) -> T | object:
    """For a valid POSTed form, run the service action with the request session and commit.

    On Invalid or Conflict, roll back and show the messages on the form; NotFound propagates, so another
    account's ids always end in a 404. Returns the action's result, or FAILED when
    nothing was saved (not submitted, or errors to show).
    """
    if not form.validate_on_submit():
        return FAILED
    session = request_session()
    try:
        result = action(session)
        session.commit()
    except (Invalid, Conflict) as error:
        session.rollback()
        attach_errors(form, error)
        return FAILED
    return result


def safe_next(default: str) -> str:
    """The same-site path in the ``next`` form or query value, else ``default``."""
    target = request.values.get("next", "")
    if target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc and "\\" not in target:
        return target
    return default


def fields_from(form: FlaskForm, cls: type[T], **extra) -> T:
    """Build a service's fields dataclass from the form fields with the same names."""
    names = [f.name for f in dataclasses.fields(cls) if f.name in form and f.name not in extra]
    return cls(**{name: form[name].data for name in names}, **extra)
