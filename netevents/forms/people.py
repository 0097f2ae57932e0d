"""The person form: names, contact details, organization, tags, notes, introducer."""
from __future__ import annotations

from functools import cache

import phonenumbers
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import BooleanField, Field, IntegerField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from netevents.errors import Invalid
from netevents.forms.people_picker import PeoplePickerField
from netevents.models import Person
from netevents.services.people import PersonFields
from netevents.services.country_names import country_name
from netevents.services.validation import display_phone, normalize_email, normalize_phone, normalize_url

TEXT_LIMIT = 20_000


class RepeatedInput:
    """Renders one input per value plus a blank one; a script may add more (all share the field name)."""

    def __call__(self, field: "MultiValueField", **kwargs) -> Markup:
        values = [*field.display_values(), ""]
        attributes = {"type": field.input_type, "name": field.name, **field.input_attributes, **kwargs}
        # mark only the boxes an error message names (all of them when none is named)
        named = {value for value in values if value and any(value in error for error in field.errors)}
        inputs = []
        for index, value in enumerate(values):
            own = {**attributes, "id": field.id if index == 0 else f"{field.id}-{index}", "value": value}
            if named and value not in named:
                for key in ("aria_invalid", "aria-invalid", "aria_describedby", "aria-describedby"):
                    own.pop(key, None)
            rendered = " ".join(f'{escape(key.replace("_", "-"))}="{escape(val)}"' for key, val in own.items()
                                if val is not None and val is not False)
            inputs.append(Markup(f"<input {rendered}>"))
        button = Markup('<button type="button" class="secondary outline small" data-add-input hidden>'
                        f"Add another {escape(field.noun)}</button>")
        return Markup(f'<div class="repeated-input" data-repeated>{Markup("").join(inputs)}{button}</div>')


class MultiValueField(Field):
    """Several values of one kind (emails, phone numbers) typed into repeated inputs."""

    widget = RepeatedInput()

    def __init__(self, label=None, validators=None, input_type="text", noun="", input_attributes=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.input_type, self.noun = input_type, noun
        self.input_attributes = input_attributes or {}

    def process_formdata(self, valuelist: list[str]) -> None:
        """Keep the non-blank values, stripped."""
        self.data = [value.strip() for value in valuelist if value and value.strip()]

    def process_data(self, value) -> None:
        """Take a list of stored values."""
        self.data = list(value or [])

    def display_values(self) -> list[str]:
        """The values to show in the inputs."""
        return list(self.data or [])


class PhoneField(MultiValueField):
    """Phone numbers, shown in international format."""

    def display_values(self) -> list[str]:
        """Stored E.164 numbers are shown readably; typed ones as typed."""
        return [display_phone(value) if value.startswith("+") else value for value in self.data or []]


def _each(normalize):
    """A validator that runs ``normalize`` on every value and reports each failure next to the field."""

    def validator(form, field):
        """Check each value, collecting one message per bad value."""
        for value in field.data or []:
            try:
                normalize(form, value)
            except Invalid as error:
                message = next(iter(error.field_errors.values()), error.message)
                field.errors.append(message if value in message else f"{value}: {message}")

    return validator


def _at_most(count: int, noun: str):
    """A validator that limits how many values a repeated field takes."""

    def validator(_form, field):
        """Refuse more than ``count`` values."""
        if len(field.data or []) > count:
            field.errors.append(f"At most {count} {noun}.")

    return validator


def _email(_form, value):
    """Check one email address."""
    normalize_email(value, field="emails")


def _phone(form, value):
    """Check one phone number with the chosen country."""
    normalize_phone(value, form.phone_region.data or None, field="phones")


def web_address(_form, field):
    """Check an optional web address the way the service will store it."""
    if field.data and field.data.strip():
        try:
            normalize_url(field.data, field=field.name)
        except Invalid as error:
            raise ValidationError(error.field_errors[field.name]) from None


@cache
def phone_regions() -> list[SelectChoice]:
    """Countries for numbers typed without +country code, by name."""
    regions = [SelectChoice(code, f"{country_name(code)} (+{phonenumbers.country_code_for_region(code)})")
               for code in phonenumbers.SUPPORTED_REGIONS]
    return [SelectChoice("", "None: numbers start with +"), *sorted(regions, key=lambda choice: choice.label)]


def split_tags(text: str | None) -> list[str]:
    """Split comma-separated tags, dropping blanks."""
    return [tag.strip() for tag in (text or "").split(",") if tag.strip()]


class PersonForm(FlaskForm):
    """Everything a user can set on a person."""

    display_name = StringField("Name", validators=[DataRequired("Enter a name."), Length(max=200)])
    given_name = StringField("Given name", validators=[Length(max=120)])
    family_name = StringField("Family name", validators=[Length(max=120)])
    organization = StringField("Organization", validators=[Length(max=200)])
    job_title = StringField("Job title", validators=[Length(max=200)])
    emails = MultiValueField("Emails", [_at_most(20, "emails"), _each(_email)], input_type="email", noun="email",
                             input_attributes={"autocomplete": "off", "inputmode": "email"})
    phones = PhoneField("Phones", [_at_most(20, "phone numbers"), _each(_phone)], input_type="tel", noun="phone",
                        input_attributes={"autocomplete": "off", "inputmode": "tel"})
    phone_region = SelectField("Country for numbers without +", choices=phone_regions, validate_choice=True)
    location = StringField("Location", validators=[Length(max=200)])
    linkedin = StringField("LinkedIn", validators=[Length(max=500), web_address])
    website = StringField("Website", validators=[Length(max=500), web_address])
    tags = StringField("Tags", validators=[Length(max=2000)])
    interests = TextAreaField("Interests", validators=[Length(max=TEXT_LIMIT)])
    how_we_met = TextAreaField("How we met", validators=[Length(max=TEXT_LIMIT)])
    introduced_by_id = PeoplePickerField("Introduced by", multiple=False, placeholder="Nobody: type a name to add")
    cadence_days = IntegerField("Stay in touch every … days", validators=[
        Optional(), NumberRange(1, 3650, "Between 1 and 3650 days.")])
    notes = TextAreaField("Notes", validators=[Length(max=TEXT_LIMIT)])
    notes_confidential = BooleanField("These notes are employer-confidential")
    # sent by "Add as a new person" after the possible duplicates were shown
    confirm_new = BooleanField()

    def to_fields(self) -> PersonFields:
        """The submitted values as the people service's PersonFields."""
        return PersonFields(
            display_name=self.display_name.data, given_name=self.given_name.data,
            family_name=self.family_name.data, organization_name=self.organization.data,
            job_title=self.job_title.data, location=self.location.data, emails=self.emails.data,
            phones=self.phones.data, linkedin=self.linkedin.data, website=self.website.data,
            tags=split_tags(self.tags.data), interests=self.interests.data, notes=self.notes.data,
            notes_confidential=self.notes_confidential.data,
            how_we_met=self.how_we_met.data, introduced_by_id=self.introduced_by_id.data,
            cadence_days=self.cadence_days.data,
            phone_region=self.phone_region.data or None)


def person_form_data(person: Person) -> dict:
    """The stored values of ``person`` as initial form data."""
    links = {link.kind: link.url for link in person.links}
    return {
        "display_name": person.display_name, "given_name": person.given_name, "family_name": person.family_name,
        "organization": person.organization.name if person.organization else "", "job_title": person.job_title,
        "emails": [email.address for email in person.emails], "phones": [phone.number for phone in person.phones],
        "location": person.location, "linkedin": links.get("linkedin"), "website": links.get("website"),
        "tags": ", ".join(tag.name for tag in person.tags), "interests": person.interests,
        "how_we_met": person.how_we_met, "notes": person.notes,
        "notes_confidential": person.notes_confidential, "cadence_days": person.cadence_days,
        "introduced_by_id": person.introduced_by_id,
    }
