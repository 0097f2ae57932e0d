"""The forms of the backup page: download everything, and restore a backup file."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, PasswordField

MAX_BACKUP_BYTES = 512 * 1024 * 1024  # photos included, a large network's backup stays well under this


class DownloadForm(FlaskForm):
    """What to leave out of the download, and an optional passphrase to encrypt it with."""

    leave_out_confidential = BooleanField("Leave out notes flagged employer-confidential")
    passphrase = PasswordField("Passphrase (optional)", render_kw={"autocomplete": "new-password"})


class RestoreForm(FlaskForm):
    """A backup file and, when it is encrypted, its passphrase."""

    file = FileField("Backup file", validators=[FileRequired("Choose the backup file to restore.")])
    passphrase = PasswordField("Passphrase (for an encrypted backup)", render_kw={"autocomplete": "off"})
