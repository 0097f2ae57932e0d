"""The empty form behind every "Yes, delete" button."""
from flask_wtf import FlaskForm


class ConfirmForm(FlaskForm):
    """No fields: confirms a destructive action and carries the CSRF token."""
