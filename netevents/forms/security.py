"""Forms of the settings' security section: change the password, sign out everywhere."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from netevents.services.passwords import MAX_PASSWORD_LENGTH


class ChangePasswordForm(FlaskForm):
    """The current password, then the new one twice."""

    current_password = PasswordField("Current password", validators=[DataRequired(),
                                                                    Length(max=MAX_PASSWORD_LENGTH)])
    password = PasswordField("New password", validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)])
    confirm = PasswordField("Repeat the new password",
                            validators=[DataRequired(), EqualTo("password", "Passwords differ.")])


class SignOutEverywhereForm(FlaskForm):
    """Only the CSRF token: the button ends every login of the account."""
