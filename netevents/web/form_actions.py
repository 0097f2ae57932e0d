"""The bind → call → commit step shared by the groups and associations views."""
from __future__ import annotations

import dataclasses
from typing import Callable, Optional, TypeVar

from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session

from netevents.db import request_session
from netevents.errors import Conflict, Invalid
from netevents.models import Account
from netevents.web.forms_helpers import attach_errors

T = TypeVar("T")


def owner() -> Account:
    """The logged-in account, as the real object services and hooks expect."""
    return current_user._get_current_object()


def fields_from(form: FlaskForm, cls: type[T], **extra) -> T:
    """Build a service's fields dataclass from the form fields with the same names."""
    names = [f.name for f in dataclasses.fields(cls) if f.name in form and f.name not in extra]
    return cls(**{name: form[name].data for name in names}, **extra)


def submit(form: FlaskForm, action: Callable[[Session], T]) -> Optional[T]:
    """On a valid POST run ``action`` and commit; on Invalid or Conflict roll back and show the field errors.

    NotFound is left to propagate, so another account's ids always end in a 404.
    """
    if not form.validate_on_submit():
        return None
    session = request_session()
    try:
        result = action(session)
        session.commit()
    except (Invalid, Conflict) as error:
        session.rollback()
        attach_errors(form, error)
        return None
    return result
