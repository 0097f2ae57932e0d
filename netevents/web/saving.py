"""The save step every form view shares: call the service, commit, or show its errors on the form."""
from __future__ import annotations

from typing import Callable, TypeVar

from flask_wtf import FlaskForm

from netevents.db import request_session
from netevents.errors import DomainError
from netevents.web.forms_helpers import attach_errors

T = TypeVar("T")


def save(form: FlaskForm, action: Callable[[], T]) -> T | None:
    """Run ``action`` (one service call) and commit; on a domain error roll back, attach it to the form, return None."""
    session = request_session()
    try:
        result = action()
        session.commit()
    except DomainError as error:
        session.rollback()
        attach_errors(form, error)
        return None
    return result
