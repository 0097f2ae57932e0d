"""Forms for events, their sessions and encounters: shape and field validation only."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from netevents.forms.people_picker import PeoplePickerField
from netevents.models import EventKind
from netevents.services.encounters import EncounterFields
from netevents.services.event_sessions import EventSessionFields
from netevents.services.events import EventFields

NONE = 0  # value of "nobody" / "elsewhere" / "no session" in select fields


def options(pairs) -> list[SelectChoice]:
    """Select options from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


KIND_CHOICES = options((kind.value, kind.label.capitalize()) for kind in EventKind)


def _id_or_none(value: int | None) -> int | None:
    """Map the select fields' "none" choice to None."""
    return value or None


class EventForm(FlaskForm):
    """An event: leave both times empty for an all-day event."""

    name = StringField("Name", validators=[InputRequired("Enter a name."), Length(max=200)])
    kind = SelectField("Kind", choices=KIND_CHOICES, default=EventKind.conference.value)
    starts = DateField("Starts on", validators=[InputRequired("Enter the start date.")])
    start_time = TimeField("Start time", validators=[Optional()])
    ends = DateField("Ends on", validators=[Optional()])
    end_time = TimeField("End time", validators=[Optional()])
    location = StringField("Location", validators=[Length(max=300)])
    url = StringField("Web page", validators=[Length(max=500)])
    organizer = StringField("Organized by", validators=[Length(max=200)])
    notes = TextAreaField("Notes")

    def as_fields(self) -> EventFields:
        """The submitted values, for the events service."""
        return EventFields(name=self.name.data, kind=self.kind.data, starts=self.starts.data,
                           start_time=self.start_time.data, ends=self.ends.data, end_time=self.end_time.data,
                           location=self.location.data or "", url=self.url.data, organizer_name=self.organizer.data,
                           notes=self.notes.data or "")


class EventSessionForm(FlaskForm):
    """A session or talk at an event."""

    title = StringField("Title", validators=[InputRequired("Enter a title."), Length(max=300)])
    speaker = StringField("Speaker", validators=[Length(max=200)])
    day = DateField("Day", validators=[Optional()])
    start_time = TimeField("Starts at", validators=[Optional()])
    room = StringField("Room", validators=[Length(max=120)])

    def as_fields(self) -> EventSessionFields:
        """The submitted values, for the sessions service."""
        return EventSessionFields(title=self.title.data, speaker=self.speaker.data or "", day=self.day.data,
                                  start_time=self.start_time.data, room=self.room.data or "")


class EncounterForm(FlaskForm):
    """Meeting someone: who, when, at which event and session (or where), and who introduced you."""

    person_id = PeoplePickerField("Person", multiple=False, required="Choose a person.")
    met_on = DateField("Met on", validators=[InputRequired("Enter the date.")])
    event_id = SelectField("Event", coerce=int, default=NONE)
    session_id = SelectField("Session or talk", coerce=int, default=NONE)
    place = StringField("Place (when not at an event)", validators=[Length(max=200)])
    context = TextAreaField("Context", validators=[Length(max=5000)])
    introduced_by_id = PeoplePickerField("Introduced by", multiple=False, placeholder="Nobody: type a name to add")

    def as_fields(self) -> EncounterFields:
        """The submitted values, for the encounters service."""
        return EncounterFields(person_id=self.person_id.data, met_on=self.met_on.data,
                               event_id=_id_or_none(self.event_id.data),
                               session_id=_id_or_none(self.session_id.data), place=self.place.data or "",
                               context=self.context.data or "",
                               introduced_by_id=self.introduced_by_id.data)


class ConfirmForm(FlaskForm):
    """A button that confirms a deletion (the form carries only the CSRF token)."""
