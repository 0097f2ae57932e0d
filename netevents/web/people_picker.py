"""Views' side of the people picker: typed names become people (or candidates to tick), chosen ids become chips.

Call ``bind_people_pickers(form)`` after setting a form's initial data and before validating or rendering it.
"""
from __future__ import annotations

from flask_wtf import FlaskForm

from netevents.db import request_session
from netevents.forms.people_picker import PeoplePickerField
from netevents.models import Account
from netevents.services.people import people_named
from netevents.services.people_lists import chosen_people
from netevents.services.search import search_people
from netevents.web.form_actions import current_owner

CANDIDATES = 8
GONE = "Someone you chose is not among your people (deleted or merged?): choose again."


def _resolve_text(session, field: PeoplePickerField, owner: Account) -> None:
    """Pick the one person a typed name names exactly; otherwise offer the best matches to tick."""
    text, field.text = field.text, ""
    if not text:
        return
    namesakes = people_named(session, text, owner=owner, limit=2)
    if len(namesakes) == 1:
        field.choose(namesakes[0].id)
        return
    hits = search_people(session, text, owner=owner, limit=CANDIDATES).hits
    field.candidates = [hit.person for hit in hits if hit.person.id not in field.ids]
    field.unmatched = text
    if len(field.candidates) > 1:
        field.process_errors.append(f"Several people match “{text}”: choose one.")
    elif field.candidates:
        field.process_errors.append(f"Choose {field.candidates[0].display_name} if that is who you mean by “{text}”.")
    else:
        field.process_errors.append(f"Nobody among your people matches “{text}”.")


def bind_people_pickers(form: FlaskForm, *, owner: Account | None = None) -> None:
    """Resolve what was typed into each people picker of ``form`` and load its chosen people."""
    session, owner = request_session(), owner or current_owner()
    for field in form:
        if isinstance(field, PeoplePickerField):
            _resolve_text(session, field, owner)
            field.people = chosen_people(session, field.ids, owner=owner)
            if len(field.people) < len(field.ids):  # deleted or merged meanwhile, or not the owner's at all
                field.data = [person.id for person in field.people] if field.multiple else None
                field.process_errors.append(GONE)
