"""Forms for groups, roles, association memberships and volunteer positions (shape only)."""
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from netevents.forms.people_picker import PeoplePickerField
from netevents.models.groups import DuesPeriod, GroupKind

NOTES_LIMIT = 10_000


class GroupForm(FlaskForm):
    """A committee, board, task force or other group."""

    name = StringField("Name", validators=[DataRequired("Enter a name."), Length(max=200)])
    kind = SelectField("Kind", choices=[SelectChoice(k.value, k.label.capitalize()) for k in GroupKind])
    organization_name = StringField("Employer or association", validators=[Optional(), Length(max=200)])
    description = TextAreaField("Description", validators=[Optional(), Length(max=NOTES_LIMIT)])
    started_on = DateField("Started", validators=[Optional()])
    ended_on = DateField("Ended", validators=[Optional()])


class RoleForm(FlaskForm):
    """A role someone (blank: me) holds in a group."""

    person_id = PeoplePickerField("Who", multiple=False, placeholder="Me: type a name for someone else")
    title = StringField("Role", validators=[DataRequired("Enter a title, e.g. chair or member."), Length(max=120)])
    started_on = DateField("From", validators=[InputRequired("Enter the start date.")])
    ended_on = DateField("Until", validators=[Optional()])
    notes = TextAreaField("Notes", validators=[Optional(), Length(max=NOTES_LIMIT)])


class EndRoleForm(FlaskForm):
    """The day a role ended."""

    ended_on = DateField("Ended on", validators=[InputRequired("Enter the end date.")])


class ConfirmForm(FlaskForm):
    """An empty form: a confirmation button with its CSRF token."""


class MembershipForm(FlaskForm):
    """My membership of a professional association."""

    organization_name = StringField("Association", validators=[DataRequired("Name the association."),
                                                                Length(max=200)])
    member_since = DateField("Member since", validators=[Optional()])
    renewal_on = DateField("Next renewal", validators=[Optional()])
    ended_on = DateField("Lapsed or ended on", validators=[Optional()])
    dues_amount = DecimalField("Dues", places=2, validators=[Optional()])
    dues_currency = StringField("Currency", validators=[Optional(), Length(max=10)])
    dues_period = SelectField("Paid", choices=[SelectChoice(p.value) for p in DuesPeriod])
    membership_number = StringField("Member number", validators=[Optional(), Length(max=80)])
    level = StringField("Level or grade", validators=[Optional(), Length(max=80)])
    notes = TextAreaField("Notes", validators=[Optional(), Length(max=NOTES_LIMIT)])


class VolunteerForm(FlaskForm):
    """A volunteer position of mine in an association."""

    title = StringField("Position", validators=[DataRequired("Enter the position, e.g. volunteer or chair."),
                                                Length(max=120)])
    committee_name = StringField("Committee", validators=[Optional(), Length(max=200)])
    started_on = DateField("From", validators=[InputRequired("Enter the start date.")])
    ended_on = DateField("Until", validators=[Optional()])
    notes = TextAreaField("Notes", validators=[Optional(), Length(max=NOTES_LIMIT)])
