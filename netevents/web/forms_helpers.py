"""Helpers that carry a service's field errors onto a bound form."""
from __future__ import annotations

from flask_wtf import FlaskForm

from netevents.errors import DomainError


def attach_errors(form: FlaskForm, error: DomainError) -> None:
    """Put a service error's field messages next to the matching fields (or on the form)."""
    placed = False
    for name, message in error.field_errors.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, message] if isinstance(field.errors, list) else [message]
            placed = True
    if not placed:
        form.form_errors.append(error.message)
