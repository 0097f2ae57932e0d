"""A plugin's failure in an importer, an exporter or its own page: a page in the layout saying what failed and
what to do; an importer rejecting a file is the user's input error (400 with the importer's message)."""
import io

import pytest
from flask import Blueprint, abort

from netevents import hookimpl
from netevents.models import Person
from netevents.plugins.api import Exporter, Importer, Invalid, current_user, request_session

LAYOUT = '<main class="container" id="main">'


def parse(data: bytes):
    """Rejects what is not text as the user's error; 'crash' is a bug in the plugin."""
    if data.startswith(b"crash"):
        raise RuntimeError("internal detail of the importer")
    if data.startswith(b"\xff"):
        data.decode("utf-8")  # UnicodeDecodeError the plugin did not translate
    if b"," not in data:
        raise Invalid("This is not a CSV file: no commas in it.", file="Not a CSV file.")
    return []


bp = Blueprint("shaky", __name__)


@bp.route("/write-then-crash", methods=["POST"])
def write_then_crash():
    session = request_session()
    session.add(Person(owner_id=current_user.id, display_name="Half-saved", sort_name="half-saved"))
    session.flush()
    raise RuntimeError("page bug")


@bp.route("/missing")
def missing():
    abort(404)


class Shaky:
    @hookimpl
    def register_importers(self):
        return Importer(name="shaky", label="Shaky CSV", parse=parse)

    @hookimpl
    def register_exporters(self):
        return Exporter(name="shaky", label="Shaky text", media_type="text/plain", extension="txt",
                        export=lambda session, owner: 1 / 0)

    @hookimpl
    def register_blueprints(self):
        return bp


@pytest.fixture
def shaky(register_plugin):
    return register_plugin(Shaky(), name="shaky")


def upload(client, content: bytes):
    data = {"importer": "shaky", "file": (io.BytesIO(content), "people.csv")}
    return client.post("/import", data=data, content_type="multipart/form-data")


def test_an_importer_rejecting_the_file_answers_400_with_its_message(shaky, user_client):
    response = upload(user_client, b"just some words")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This is not a CSV file: no commas in it." in page or "Not a CSV file." in page
    assert LAYOUT in page


def test_a_file_in_the_wrong_encoding_is_the_users_error(shaky, user_client):
    response = upload(user_client, b"\xff\xfeA,B")
    assert response.status_code == 400
    assert "is it the right format and encoding?" in response.get_data(as_text=True)


def test_an_importer_bug_says_what_failed_and_what_to_do(shaky, app, user_client, account):
    response = upload(user_client, b"crash,now")
    page = response.get_data(as_text=True)
    assert response.status_code == 500 and LAYOUT in page
    assert "The Shaky CSV import failed (a fault in the plugin shaky); nothing was imported." in page
    assert "Try another format, or tell your admin." in page and "internal detail" not in page
    failure = app.extensions["netevents.plugins"].records["shaky"].failures[-1]
    assert failure["hook"] == "import shaky" and failure["account_id"] == account.id


def test_an_exporter_bug_answers_with_a_page_saying_what_to_do(shaky, app, account, make_account):
    member = app.test_client(user=make_account())
    response = member.get("/export/shaky")
    page = response.get_data(as_text=True)
    assert response.status_code == 500 and LAYOUT in page and "A plugin failed" in page
    assert "The Shaky text export failed (a fault in the plugin shaky)." in page
    assert 'href="/export"' in page and "Try another format" in page
    assert "Tell your admin that the plugin shaky failed here" in page and "ZeroDivisionError" not in page
    admin_page = app.test_client(user=account).get("/export/shaky").get_data(as_text=True)
    assert "/-/plugins#plugin-shaky" in admin_page


def test_a_plugin_page_bug_rolls_back_and_says_so(shaky, user_client, session, app, account):
    response = user_client.post("/plugins/shaky/write-then-crash")
    page = response.get_data(as_text=True)
    assert response.status_code == 500 and LAYOUT in page
    assert "This page of the plugin shaky failed; nothing was saved." in page and "page bug" not in page
    assert session.query(Person).filter_by(display_name="Half-saved").count() == 0
    failure = app.extensions["netevents.plugins"].records["shaky"].failures[-1]
    assert failure["hook"] == "page shaky.write_then_crash" and "page bug" in failure["error"]


def test_a_plugin_pages_own_http_errors_stay_what_they_are(shaky, user_client):
    assert user_client.get("/plugins/shaky/missing").status_code == 404
