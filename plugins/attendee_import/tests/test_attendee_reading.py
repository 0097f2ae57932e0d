"""Reading real export shapes: formats recognised from content, encodings, delimiters, preambles, refusals."""
import codecs
from pathlib import Path

import pytest
from netevents_plugins.attendee_import import reading
from netevents_plugins.attendee_import.checking import CheckedPerson, Problem, check_row
from netevents_plugins.attendee_import.sources import read_upload

from netevents.plugins.api import Invalid

SAMPLES = Path(__file__).parent / "samples"


def people(name: str, **options) -> tuple[str, list]:
    """The format a sample is read as and its rows checked (skipped ones left out)."""
    upload = read_upload((SAMPLES / name).read_bytes(), name, **options)
    rows = [check_row(row) for row in upload.rows if not row.skip_reason]
    return upload.format_name, rows


@pytest.mark.parametrize("sample, expected_format, count", [
    ("eventbrite.csv", "eventbrite", 3), ("meetup.csv", "meetup", 2), ("luma.csv", "luma", 2),
    ("luma_guests.csv", "luma_guests", 2), ("zoom_meeting.csv", "zoom_meeting", 4),
    ("zoom_webinar.csv", "zoom_webinar", 2), ("ringcentral.csv", "ringcentral", 2), ("brella.csv", "brella", 2),
    ("swapcard.csv", "swapcard", 2), ("linkedin_connections.csv", "linkedin", 3), ("google_contacts.csv", "google", 2),
    ("google_contacts_legacy.csv", "google_legacy", 1), ("outlook_classic.csv", "outlook", 2),
    ("outlook_com.csv", "outlook_com", 1), ("contacts.vcf", "vcard", 3), ("semicolon_sep.csv", "csv", 2),
    ("unicode_text.txt", "csv", 2),
])
def test_every_sample_is_recognised_from_its_content(sample, expected_format, count):
    found, rows = people(sample)
    assert found == expected_format
    assert len(rows) == count and all(isinstance(row, CheckedPerson) for row in rows)


def test_the_format_is_read_from_the_content_not_the_name(tmp_path):
    data = (SAMPLES / "linkedin_connections.csv").read_bytes()
    assert read_upload(data, "attendees.xls").format_name == "linkedin"


def test_eventbrite_bom_is_stripped_and_tickets_keep_their_fields():
    _format, rows = people("eventbrite.csv")
    ingrid = rows[0]
    assert ingrid.display_name == "Ingrid Solberg" and ingrid.emails == ["ingrid.solberg@fjordline.example"]
    assert ingrid.phones == ["+4791234567"] and ingrid.job_title == "Head of Procurement"
    assert ingrid.organization == "Fjordline Freight" and ingrid.location == "Bergen, NO"
    assert rows[2].display_name == "María José García Pérez"  # not re-split


def test_refunded_and_declined_and_no_rsvp_rows_are_skipped_with_a_reason():
    reasons = {}
    for name in ("eventbrite.csv", "luma.csv", "meetup.csv", "zoom_webinar.csv"):
        upload = read_upload((SAMPLES / name).read_bytes(), name)
        reasons[name] = [row.skip_reason for row in upload.rows if row.skip_reason]
    assert reasons == {"eventbrite.csv": ["the ticket was cancelled, refunded or transferred"],
                       "luma.csv": ["the host declined this guest"], "meetup.csv": ["answered No to the RSVP"],
                       "zoom_webinar.csv": ["registered but did not attend"]}


def test_zoom_webinar_reads_the_attendee_section_and_drops_placeholders():
    _format, rows = people("zoom_webinar.csv")
    chen, fatima = rows
    assert chen.display_name == "Chen Wei" and chen.organization == "Shenzhen Components"
    assert fatima.organization is None and fatima.job_title is None and fatima.phones == ["+212600123456"]
    assert fatima.display_name == "Fatima Zahra El Idrissi"


def test_zoom_meeting_skips_the_summary_block_and_strips_original_names():
    _format, rows = people("zoom_meeting.csv")
    assert [row.display_name for row in rows] == ["Hannah Okafor", "Hannah Okafor", "Giulia Romano", "Marek Nowak"]
    assert rows[2].emails == []


def test_linkedin_preamble_profile_url_and_connection_date():
    _format, rows = people("linkedin_connections.csv")
    assert rows[0].linkedin == "https://www.linkedin.com/in/ananya-krishnan-42a1b7"
    assert rows[0].notes == "Connected on LinkedIn on 07 Dec 2025." and rows[0].emails == []
    assert rows[0].rows == [5]  # numbered as the file's lines, after the Notes preamble


def test_luma_linkedin_query_string_is_dropped():
    _format, rows = people("luma.csv")
    assert rows[0].linkedin == "https://www.linkedin.com/in/aiko-tanaka-robotics"
    assert rows[0].phones == ["+819012345678"] and rows[0].organization == "Kitsune Robotics"


def test_google_contacts_labels_emails_quoted_addresses_and_birthdays():
    _format, (olga, daniel) = people("google_contacts.csv")
    assert olga.tags == ["conference", "shipping"]  # the system label * myContacts is left out
    assert olga.emails == ["olga.petrova@baltic-shipping.example", "olga.p@mail.example"]
    assert olga.birthday == (1979, 8, 23) and olga.location == "Riga" and olga.job_title == "Fleet Director"
    assert olga.linkedin == "https://www.linkedin.com/in/olga-petrova-fleet"
    assert daniel.display_name == "Daniel James Whitfield" and daniel.birthday == (None, 6, 14)
    _format, (yusuf,) = people("google_contacts_legacy.csv")
    assert yusuf.birthday == (1988, 2, 29) and yusuf.tags == ["suppliers"] and yusuf.organization == "Anatolia Supply"


def test_outlook_classic_cp1252_and_exchange_addresses_are_not_emails():
    _format, (francois, zoe) = people("outlook_classic.csv")
    assert francois.display_name == "François Lefèvre" and francois.organization == "Müller & Söhne GmbH"
    assert francois.emails == ["francois.lefevre@mueller-soehne.example"]  # its EX second address is left out
    assert francois.birthday == (1975, 4, 12) and francois.tags == ["suppliers", "germany"]
    assert francois.website == "https://www.mueller-soehne.example" and "Fridays" in francois.notes
    assert zoe.display_name == "Zoë Ångström" and zoe.emails == [] and zoe.birthday is None  # 0/0/00 is no date
    assert zoe.job_title == "Barista Trainer"  # Title is the honorific, never the job


def test_outlook_com_has_several_emails():
    _format, (grace,) = people("outlook_com.csv")
    assert grace.emails == ["grace.nakamura-lee@pacific-health.example", "grace.nl@mail.example"]
    assert grace.job_title == "Chief Medical Officer" and grace.birthday == (1981, 11, 3)


def test_vcards_of_three_versions_in_one_file():
    _format, (jurgen, ruth, kofi) = people("contacts.vcf")
    assert jurgen.display_name == "Jürgen Müller" and jurgen.phones == ["+4915123456789"]  # 2.1 quoted-printable
    assert ruth.emails == ["ruth@tilburg-textiles.example", "ruth.a@mail.example"]  # Apple item1. group kept
    assert ruth.organization == "Tilburg Textiles" and ruth.job_title == "Account Director"
    assert ruth.linkedin == "https://www.linkedin.com/in/ruth-achterberg" and ruth.tags == ["textiles", "suppliers"]
    assert ruth.birthday == (1984, 7, 19) and ruth.location == "Tilburg, Netherlands"
    assert kofi.phones == ["+233241234567"] and kofi.birthday == (None, 3, 5)


def test_semicolons_with_sep_line_and_utf16_tab_text():
    _format, rows = people("semicolon_sep.csv")
    assert rows[0].display_name == "Jan de Vries" and rows[0].organization == "Rotterdam Cargo BV"
    _format, rows = people("unicode_text.txt")
    assert [row.display_name for row in rows] == ["Łukasz Wiśniewski", "李娜"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_encodings_and_delimiters(encoding, delimiter):
    text = delimiter.join(["Name", "Email", "Company"]) + "\r\n" + delimiter.join(
        ["Renée Côté", "renee@example.com", '"Côté, Fils & Cie"' if delimiter == "," else "Côté, Fils & Cie"]) + "\r\n"
    upload = read_upload(text.encode(encoding), "x.csv")
    (row,) = [check_row(r) for r in upload.rows]
    assert row.display_name == "Renée Côté" and row.organization == "Côté, Fils & Cie"


@pytest.mark.parametrize("data, message", [
    (b"", "The file is empty."), (b"  \r\n\r\n", "The file is empty."),
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)), "Excel workbook (.xlsx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "old Excel workbook"),
    (bytes(range(256)) * 4, "not a text file"),
    (b"just some words\nand more words\n", "No column of names or emails"),
])
def test_unreadable_files_are_refused_with_the_reason(data, message):
    with pytest.raises(Invalid) as raised:
        list(read_upload(data, "upload.csv").rows)
    assert message in raised.value.message and raised.value.message.startswith("upload.csv: ")


def test_a_file_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 100)
    with pytest.raises(Invalid, match="larger than"):
        read_upload(b"Name,Email\n" + b"A,a@example.com\n" * 20, "big.csv")


def test_blank_rows_extra_and_missing_columns_and_quoted_newlines():
    data = b'Name,Email,Notes\r\n\r\nAda,ada@example.com,"line one\nline two",extra,cells\r\n,,\r\nBo\r\n'
    rows = [check_row(row) for row in read_upload(data, "x.csv").rows]
    assert [row.display_name for row in rows] == ["Ada", "Bo"]
    assert rows[0].notes == "line one\nline two" and rows[1].emails == []


def test_bad_values_name_file_row_and_column():
    data = b"Name,Email,Phone,Birthday\nAda,not-an-email,,\nBo,bo@example.com,call me,31/31/1999\n,,,\n"
    first, second = [check_row(row) for row in read_upload(data, "people.csv").rows]
    assert isinstance(first, Problem) and (first.row, first.column) == (2, "email")
    assert str(first).startswith("people.csv, row 2, column 'email': ")
    assert [(w.row, w.column) for w in second.warnings] == [(3, "phone"), (3, "birthday")]
    assert second.phones == [] and second.birthday is None


def test_a_format_can_be_forced_and_is_checked():
    data = (SAMPLES / "swapcard.csv").read_bytes()
    assert read_upload(data, "x.csv", format_name="swapcard").format_name == "swapcard"
    with pytest.raises(Invalid, match="not a Meetup attendee list"):
        read_upload(data, "x.csv", format_name="meetup")
    with pytest.raises(Invalid, match="not a vCard"):
        read_upload(data, "x.csv", format_name="vcard")


def test_utf16_without_bom_is_recognised():
    text = "Name\tEmail\r\nÅsa Berg\tasa@example.se\r\n"
    rows = [check_row(row) for row in read_upload(codecs.encode(text, "utf-16-le"), "x.txt").rows]
    assert rows[0].display_name == "Åsa Berg"
