"""Forms for a person's important dates and relationships (shape only; the services validate)."""
from __future__ import annotations

import calendar

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectChoice, SelectField, StringField
from wtforms.validators import Length, Optional

from netevents.forms.people_picker import PeoplePickerField
from netevents.models.person_details import LABEL_LENGTH
from netevents.services.person_details import DateFields, RelationFields

DATE_KINDS = [SelectChoice("birthday", "Birthday"), SelectChoice("work_anniversary", "Work anniversary"),
              SelectChoice("custom", "Other date…")]
MONTHS = [SelectChoice(0, "Month"), *(SelectChoice(number, calendar.month_name[number]) for number in range(1, 13))]
RELATION_KINDS = [SelectChoice("reports_to", "reports to"), SelectChoice("works_with", "works with"),
                  SelectChoice("mentor_of", "is a mentor of"), SelectChoice("introduced_by", "was introduced by"),
                  SelectChoice("custom", "other…")]


class ImportantDateForm(FlaskForm):
    """A yearly date: what it is, day and month, and the year if known."""

    kind = SelectField("What", choices=DATE_KINDS)
    label = StringField("Which date", validators=[Length(max=LABEL_LENGTH)])
    day = IntegerField("Day", validators=[Optional()])
    month = SelectField("Month", coerce=int, choices=MONTHS)
    year = IntegerField("Year (optional)", validators=[Optional()])

    def to_fields(self) -> DateFields:
        """The date as the service takes it."""
        return DateFields(kind=self.kind.data, month=self.month.data or None, day=self.day.data,
                          year=self.year.data, label=self.label.data or "")


class RelationshipForm(FlaskForm):
    """This person <relationship> another of your people."""

    kind = SelectField("Relationship", choices=RELATION_KINDS)
    other_id = PeoplePickerField("Who", multiple=False, required="Choose one of your people.")
    label = StringField("Relationship, in words", validators=[Length(max=LABEL_LENGTH)])

    def to_fields(self) -> RelationFields:
        """The relationship as the service takes it."""
        return RelationFields(kind=self.kind.data, other_id=self.other_id.data, label=self.label.data or "")
