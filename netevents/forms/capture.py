"""Forms for quick capture at an event: shape and field validation only."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, StringField
from wtforms.validators import InputRequired, Length, Optional


class CaptureForm(FlaskForm):
    """A name and one line ("email, phone, LinkedIn, company"); the match buttons send person_id or create_new."""

    name = StringField("Name", validators=[InputRequired("Enter a name."), Length(max=200)])
    line = StringField("Email, phone, LinkedIn, company (optional)", validators=[Length(max=300)])
    met_on = DateField("Met on", validators=[Optional()])
    person_id = IntegerField(validators=[Optional()])
    create_new = BooleanField()


class QuickEventForm(FlaskForm):
    """Start capturing at an event that is not in the list yet: it is created for today."""

    name = StringField("Event name", validators=[InputRequired("Enter the event's name."), Length(max=200)])
