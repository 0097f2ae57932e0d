"""Forms for logging and filtering interactions and the favor recorded with one."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from netevents.forms.people_picker import PeoplePickerField
from netevents.models.interactions import Channel, FavorDirection, FavorKind
from netevents.services.favors import FavorFields
from netevents.services.interactions import InteractionFields

CHANNEL_CHOICES = [SelectChoice(channel.value, channel.label.capitalize()) for channel in Channel]
KIND_CHOICES = [SelectChoice(kind.value, kind.label.capitalize()) for kind in FavorKind]
DIRECTION_CHOICES = [SelectChoice("", "No favor"), SelectChoice(FavorDirection.given.value, "I gave a favor"),
                     SelectChoice(FavorDirection.received.value, "I received a favor")]
ONLY_PERSON = 0


class InteractionForm(FlaskForm):
    """One interaction with one or many people, and optionally one favor given or received in it."""

    person_ids = PeoplePickerField("People", required="Choose at least one person.")
    occurred_on = DateField("Date", validators=[InputRequired("Enter a date.")])
    channel = SelectField("How", choices=CHANNEL_CHOICES, default=Channel.in_person.value)
    summary = StringField("Summary", validators=[Length(max=200)])
    notes = TextAreaField("Notes", validators=[Length(max=20000)])
    notes_confidential = BooleanField("These notes are employer-confidential")
    favor_direction = SelectField("Favor", choices=DIRECTION_CHOICES, default="")
    favor_kind = SelectField("Kind of favor", choices=KIND_CHOICES, default=FavorKind.other.value)
    favor_person = SelectField("With whom", coerce=int, default=ONLY_PERSON,
                               invalid_choice_message="Choose one of the people above.",
                               render_kw={"data-people-options": "person_ids"})
    favor_description = StringField("What was it?", validators=[Length(max=2000)])
    # open follow-ups with these people that the interaction settles; the service checks whose they are
    done_followup_ids = SelectMultipleField("Also mark done", coerce=int, validate_choice=False)
    followups_offered = HiddenField()

    def offer_favor_people(self) -> None:
        """Offer the chosen people (call after the picker loaded them) for the favor; a script keeps this in step."""
        chosen = [SelectChoice(person.id, person.display_name) for person in self.person_ids.people]
        self.favor_person.choices = [SelectChoice(ONLY_PERSON, "The one person above"), *chosen]

    def interaction_fields(self) -> InteractionFields:
        """The interaction as the service takes it."""
        return InteractionFields(person_ids=list(self.person_ids.data or []), occurred_on=self.occurred_on.data,
                                 channel=self.channel.data, summary=self.summary.data or "",
                                 notes=self.notes.data or "",
                                 notes_confidential=self.notes_confidential.data)

    def favor_fields(self) -> list[FavorFields]:
        """The favor, when one was chosen."""
        if not self.favor_direction.data:
            return []
        return [FavorFields(direction=self.favor_direction.data, kind=self.favor_kind.data,
                            description=self.favor_description.data or "",
                            person_id=self.favor_person.data or None)]


class InteractionFilterForm(FlaskForm):
    """The interaction list's filters (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    person = PeoplePickerField("Person", multiple=False, placeholder="Anyone")
    channel = SelectField("Channel", choices=[SelectChoice("", "Any"), *CHANNEL_CHOICES], default="")
