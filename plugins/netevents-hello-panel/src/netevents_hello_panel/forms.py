"""The note form and the settings form."""
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class NoteForm(FlaskForm):
    """One note to pin."""

    text = StringField("Pin a note", validators=[DataRequired(), Length(max=500)])


class SettingsForm(FlaskForm):
    """How the panel greets you."""

    greeting = StringField("Greeting", validators=[DataRequired(), Length(max=40)])
