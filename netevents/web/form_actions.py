"""Small helpers shared by thin views: run a service for a submitted form, and safe redirects."""
from __future__ import annotations

from typing import Callable, TypeVar
from urllib.parse import urlsplit

from flask import request
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session

from netevents.errors import DomainError
from netevents.models import Account
from netevents.web.forms_helpers import attach_errors

T = TypeVar("T")


def current_owner() -> Account:
    """The logged-in account, as services expect it."""
    return current_user._get_current_object()


def submit(session: Session, form: FlaskForm, action: Callable[[], T]) -> T | None:
    """For a valid POSTed form, call the service and commit; on a domain error roll back and show its field errors."""
    if not form.validate_on_submit():
        return None
    try:
        result = action()
        session.commit()
    except DomainError as error:
        session.rollback()
        attach_errors(form, error)
        return None
    return result if result is not None else True


def safe_next(default: str) -> str:
    """The same-site path in the ``next`` form or query value, else ``default``."""
    target = request.values.get("next", "")
    if target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc and "\\" not in target:
        return target
    return default
