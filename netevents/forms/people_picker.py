"""The people picker's form field: the chosen people's ids, and what was typed but not yet picked.

The page posts one ``<name>`` value per chosen person (chips are checkboxes, so they work without a script)
and the text box as ``<name>-text``. web/people_picker.py turns typed text into a person or a short list of
candidates and loads the chosen people for display; the services check that every id is the owner's.
"""
from __future__ import annotations

from wtforms import Field
from wtforms.validators import ValidationError

from netevents.services.ownership import MAX_ID

TEXT_LIMIT = 200
MAX_CHOSEN = 100
NOT_AN_ID = "Choose people from the suggestions."


def _is_id(value: str) -> bool:
    """Whether a posted value can be a record id (digits only, within the database's integers)."""
    return value.isascii() and value.isdecimal() and len(value) <= 10 and 0 < int(value) <= MAX_ID


class PeoplePickerField(Field):
    """People chosen by typing: ``data`` is a list of ids, or one id (None when empty) with ``multiple=False``."""

    def __init__(self, label=None, validators=None, *, multiple: bool = True, required: str | None = None,
                 placeholder: str = "Type a name", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.multiple, self.required_message, self.placeholder = multiple, required, placeholder
        self.text = ""
        self.people: list = []       # the chosen people, loaded for the chips
        self.candidates: list = []   # people matching text that named nobody for sure, offered to tick
        self.unmatched = ""          # that text, for the message above the candidates
        if required:
            self.flags.required = True

    def process(self, formdata, data=None, extra_filters=None):
        """Read the ids and the typed text."""
        super().process(formdata, data, extra_filters)
        self.text = (formdata.get(f"{self.name}-text", "") if formdata else "").strip()[:TEXT_LIMIT]

    def process_formdata(self, valuelist: list[str]) -> None:
        """Keep valid, distinct ids in the order given; a single picker keeps the last one ticked."""
        ids = list(dict.fromkeys(int(value) for value in valuelist if _is_id(value)))
        if any(value.strip() not in ("", "0") and not _is_id(value) for value in valuelist):  # 0: nobody
            self.process_errors.append(NOT_AN_ID)
        if not self.multiple:
            self.data = ids[-1] if ids else None
        elif len(ids) > MAX_CHOSEN:
            self.data = ids[:MAX_CHOSEN]
            self.process_errors.append(f"Choose at most {MAX_CHOSEN} people.")
        else:
            self.data = ids

    def process_data(self, value) -> None:
        """Take stored ids (a list, or one id)."""
        if self.multiple:
            self.data = [int(item) for item in (value or [])]
        else:
            self.data = int(value) if value else None

    @property
    def ids(self) -> list[int]:
        """The chosen ids as a list, whatever the kind of picker."""
        if self.multiple:
            return list(self.data or [])
        return [self.data] if self.data else []

    def choose(self, person_id: int) -> None:
        """Add a person (a single picker replaces its person)."""
        self.data = [*self.ids, person_id] if self.multiple else person_id
        if self.multiple:
            self.data = list(dict.fromkeys(self.data))

    def pre_validate(self, form) -> None:
        """Refuse an empty required picker (typed text that named nobody is reported by the web helper)."""
        if self.required_message and not self.ids and not self.unmatched:
            raise ValidationError(self.required_message)
