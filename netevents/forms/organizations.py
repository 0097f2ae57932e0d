"""The organization form."""
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from netevents.forms.people import web_address
from netevents.models import Organization
from netevents.models.people import OrganizationKind
from netevents.services.organizations import OrganizationFields


class OrganizationForm(FlaskForm):
    """Name, kind, website and notes of an organization."""

    name = StringField("Name", validators=[DataRequired("Enter a name."), Length(max=200)])
    kind = SelectField("Kind", default=OrganizationKind.company.value,
                       choices=[SelectChoice(kind.value, kind.label.capitalize()) for kind in OrganizationKind])
    website = StringField("Website", validators=[Length(max=500), web_address], render_kw={"inputmode": "url"})
    notes = TextAreaField("Notes", validators=[Length(max=20_000)])

    def to_fields(self) -> OrganizationFields:
        """The submitted values as the organizations service's OrganizationFields."""
        return OrganizationFields(name=self.name.data, kind=self.kind.data, website=self.website.data or None,
                                  notes=self.notes.data or "")


def organization_form_data(organization: Organization) -> dict:
    """The stored values of ``organization`` as initial form data."""
    return {"name": organization.name, "kind": organization.kind.value, "website": organization.website,
            "notes": organization.notes}

