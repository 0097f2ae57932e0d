"""The request class of the app: submitted values arrive without NUL characters."""
from __future__ import annotations

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items


def _without_nul(value):
    """A text value with its NUL characters removed; other values (uploads) as they are."""
    return value.replace("\x00", "") if isinstance(value, str) else value


class SubmittedValues(ImmutableMultiDict):
    """Query and form values minus NUL characters: no one types them, and PostgreSQL text refuses them."""

    def __init__(self, mapping=None):
        super().__init__([(key, _without_nul(value)) for key, value in iter_multi_items(mapping or ())])


class NeteventsRequest(Request):
    """Every view, core or plugin, reads ``request.args`` and ``request.form`` through SubmittedValues."""

    parameter_storage_class = SubmittedValues
