"""The upload form of the people import."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileSize
from wtforms import HiddenField, SelectField

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ImportForm(FlaskForm):
    """A format and a file; after the preview, the file travels back in ``data`` (base64) to be imported."""

    importer = SelectField("Format", choices=[])
    file = FileField("File", validators=[FileSize(MAX_UPLOAD_BYTES, message="The file is larger than 5 MB.")])
    data = HiddenField()
