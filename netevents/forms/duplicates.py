"""Forms of the duplicates pages: the name search used to pick someone to merge with."""
from flask_wtf import FlaskForm
from wtforms import SearchField
from wtforms.validators import Length, Optional


class PersonSearchForm(FlaskForm):
    """A name to look for (sent by GET, so no CSRF token)."""

    class Meta:
        csrf = False

    q = SearchField("Name", validators=[Optional(), Length(max=200)])
