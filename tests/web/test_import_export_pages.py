"""The Export and Import pages over the formats plugins register."""
import base64
import io

import pytest

from netevents import hookimpl
from netevents.errors import Invalid
from netevents.models import Person
from netevents.plugins.api import Importer, PersonRow


def parse_names(data: bytes):
    """One name (and optional email) per line."""
    if data.startswith(b"PK"):
        raise Invalid("This looks like an Excel file; save it as CSV.", file="Not a CSV file.")
    return [PersonRow(*line.split(",", 1)) for line in data.decode().splitlines() if line]


class Names:
    @hookimpl
    def register_importers(self):
        return [Importer(name="names", label="Names, one a line", parse=parse_names)]


@pytest.fixture
def names(register_plugin):
    return register_plugin(Names(), name="names")


def test_export_page_lists_and_downloads_formats(user_client):
    page = user_client.get("/export").get_data(as_text=True)
    assert "People (CSV spreadsheet)" in page and "/export/people-vcard" in page
    response = user_client.get("/export/people-csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment; filename=\"netevents-people-csv-" in response.headers["Content-Disposition"]


def test_unknown_export_is_404(user_client):
    assert user_client.get("/export/nope").status_code == 404


def test_import_preview_then_import(user_client, names, session, account):
    page = user_client.get("/import").get_data(as_text=True)
    assert "Names, one a line" in page
    upload = {"importer": "names", "file": (io.BytesIO(b"Ada,ada@example.com\nBob,bad-email"), "people.csv")}
    preview = user_client.post("/import", data=upload, content_type="multipart/form-data").get_data(as_text=True)
    assert "1 new" in preview and "invalid" in preview and "Import 1" not in preview
    upload = {"importer": "names", "file": (io.BytesIO(b"Ada,ada@example.com\nBob"), "people.csv")}
    preview = user_client.post("/import", data=upload, content_type="multipart/form-data").get_data(as_text=True)
    assert "Import 2 people" in preview and session.query(Person).count() == 0
    encoded = base64.b64encode(b"Ada,ada@example.com\nBob").decode()
    done = user_client.post("/import", data={"importer": "names", "data": encoded}, follow_redirects=True)
    assert "Imported 2 people." in done.get_data(as_text=True)
    assert sorted(p.display_name for p in session.query(Person).filter_by(owner_id=account.id)) == ["Ada", "Bob"]


def test_import_bad_input_gives_field_errors(user_client, names):
    no_file = user_client.post("/import", data={"importer": "names"})
    assert no_file.status_code == 400 and "Choose a file" in no_file.get_data(as_text=True)
    tampered = user_client.post("/import", data={"importer": "names", "data": "%%%"})
    assert tampered.status_code == 400
    excel = {"importer": "names", "file": (io.BytesIO(b"PK\x03\x04"), "people.xlsx")}
    response = user_client.post("/import", data=excel, content_type="multipart/form-data")
    assert response.status_code == 400 and "Not a CSV file." in response.get_data(as_text=True)
    unknown = user_client.post("/import", data={"importer": "other", "data": "QQ=="})
    assert unknown.status_code == 200 and "Not a valid choice" in unknown.get_data(as_text=True)


def test_import_page_offers_the_first_party_attendee_formats_until_disabled(user_client):
    assert "Attendee lists and contacts" in user_client.get("/import").get_data(as_text=True)
    user_client.post("/-/plugins/attendee_import/disable")
    assert "No import formats are enabled" in user_client.get("/import").get_data(as_text=True)


def test_import_and_export_need_a_login(client, account):
    assert client.get("/import").status_code == 302 and client.get("/export/people-csv").status_code == 302
