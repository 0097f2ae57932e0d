"""Property tests: no upload makes the importer crash, and an import either completes or writes nothing."""
import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from netevents_plugins.attendee_import.checking import CheckedPerson, Problem, check_row
from netevents_plugins.attendee_import.formats import FORMATS, GENERIC_COLUMNS
from netevents_plugins.attendee_import.importing import import_file
from netevents_plugins.attendee_import.sources import read_upload
from sqlalchemy import func, select

from netevents.plugins.api import DomainError, Invalid, Person, PersonEmail

HEADERS = sorted({header for spec in FORMATS for header in spec.signature}
                 | {key for keys in GENERIC_COLUMNS.values() for key in keys})
CELLS = st.one_of(st.text(max_size=40), st.emails(), st.sampled_from(["--", "", "+44 20 7946 0018", "0/0/00",
                                                                      "--04-12", "linkedin.com/in/x", "EX", "No"]))
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])
DELIMITERS = st.sampled_from([",", ";", "\t"])


@st.composite
def exports(draw) -> bytes:
    """A CSV with real headers of the supported formats, random cells, ragged rows, any encoding."""
    headers = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=12))
    rows = draw(st.lists(st.lists(CELLS, max_size=len(headers) + 2), max_size=8))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(DELIMITERS))
    if draw(st.booleans()):
        out.write(draw(st.sampled_from(["Notes:\n\"a preamble\"\n\n", "sep=;\n", "Attendee Report,\n"])))
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode(draw(ENCODINGS), errors="replace")


def read_all(data: bytes) -> list:
    """Read and check every row as the import does."""
    return [check_row(row) for row in read_upload(data, "upload.csv").rows]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_no_bytes_crash_the_reader(data):
    try:
        checked = read_all(data)
    except Invalid:
        return
    assert all(isinstance(row, (CheckedPerson, Problem)) for row in checked)


@settings(max_examples=150, deadline=None)
@given(exports())
def test_no_export_shaped_file_crashes_the_reader(data):
    try:
        checked = read_all(data)
    except Invalid:
        return
    assert all(isinstance(row, (CheckedPerson, Problem)) for row in checked)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_no_vcard_text_crashes_the_reader(body):
    try:
        read_all(("BEGIN:VCARD\r\nVERSION:3.0\r\n" + body + "\r\nEND:VCARD\r\n").encode())
    except Invalid:
        pass


def counts(session, owner) -> tuple[int, int]:
    people = session.scalar(select(func.count()).select_from(Person).where(Person.owner_id == owner.id))
    emails = session.scalar(select(func.count()).select_from(PersonEmail).where(PersonEmail.owner_id == owner.id))
    return people, emails


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=exports())
def test_an_import_completes_or_writes_nothing_and_a_reimport_adds_nothing(session, account, data):
    savepoint = session.begin_nested()
    before = counts(session, account)
    try:
        try:
            first = import_file(session, data, owner=account, file_name="upload.csv")
        except DomainError:
            savepoint.rollback()
            assert counts(session, account) == before
            return
        assert counts(session, account)[0] == before[0] + first.created
        again = import_file(session, data, owner=account, file_name="upload.csv")
        assert again.created == 0 and counts(session, account)[0] == before[0] + first.created
    finally:
        if savepoint.is_active:
            savepoint.rollback()
