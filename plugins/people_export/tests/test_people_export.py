"""The first-party people_export plugin: CSV with formulas neutralised, vCard 3.0, only your own people."""
import csv
import io

from netevents_plugins.people_export.formats import escape_text, fold, neutralise

from netevents.plugins.api import Organization, Person, PersonEmail, PersonPhone, Tag


def add_person(session, owner, name, **fields):
    person = Person(owner_id=owner.id, display_name=name, sort_name=name.lower(), **fields)
    session.add(person)
    session.flush()
    return person


def test_csv_lists_my_people_with_their_details(session, user_client, account, make_account):
    ada = add_person(session, account, "Ada Lovelace", given_name="Ada", family_name="Lovelace", job_title="CTO",
                     organization=Organization(owner_id=account.id, name="Engines Ltd", name_key="engines ltd"),
                     tags=[Tag(owner_id=account.id, name="mentors")])
    ada.emails.append(PersonEmail(owner_id=account.id, address="ada@example.com"))
    ada.phones.append(PersonPhone(owner_id=account.id, number="+441234567890"))
    add_person(session, make_account(), "Someone Else")
    session.commit()
    body = user_client.get("/export/people-csv").data
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert [row["name"] for row in rows] == ["Ada Lovelace"]
    assert rows[0]["emails"] == "ada@example.com" and rows[0]["organization"] == "Engines Ltd"
    # a valid phone number stays as it is: an apostrophe would become part of the number in address books
    assert rows[0]["tags"] == "mentors" and rows[0]["phones"] == "+441234567890"


def test_csv_neutralises_formulas(session, user_client, account):
    add_person(session, account, "=HYPERLINK(\"http://evil\")", notes="+1 call", job_title="@boss")
    session.commit()
    row = next(csv.DictReader(io.StringIO(user_client.get("/export/people-csv").data.decode("utf-8-sig"))))
    assert row["name"].startswith("'=") and row["notes"] == "'+1 call" and row["job_title"] == "'@boss"
    assert neutralise("-2") == "'-2" and neutralise("plain") == "plain" and neutralise(None) == ""


def test_vcard_is_valid_3_0(session, user_client, account):
    ada = add_person(session, account, "Ada; Countess, of Lovelace", notes="line one\nline two", given_name="Ada")
    ada.emails.append(PersonEmail(owner_id=account.id, address="ada@example.com"))
    session.commit()
    body = user_client.get("/export/people-vcard").data.decode()
    assert body.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and body.endswith("END:VCARD\r\n")
    assert "FN:Ada\\; Countess\\, of Lovelace\r\n" in body
    assert "NOTE:line one\\nline two\r\n" in body and "EMAIL;TYPE=INTERNET:ada@example.com" in body
    assert f"UID:netevents-person-{ada.id}" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_vcard_lines_fold_at_75_octets_without_splitting_characters():
    line = "NOTE:" + "é" * 100
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts) and all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line
    assert escape_text("a\\b,c;d") == "a\\\\b\\,c\\;d"


def test_an_empty_network_exports_headers_only(user_client):
    assert user_client.get("/export/people-csv").data.decode("utf-8-sig").strip() == ",".join([
        "name", "given_name", "family_name", "emails", "phones", "organization", "job_title", "location", "tags",
        "links", "how_we_met", "interests", "notes", "added"])
    assert user_client.get("/export/people-vcard").data == b""


def test_people_are_read_in_batches_in_name_order_without_losing_namesakes(session, account):
    from netevents_plugins.people_export.formats import people_of

    for name in ("Cleo Park", "Ann Lee", "Bo Chen", "Ann Lee", "Ann Lee"):
        add_person(session, account, name)
    batches = list(people_of(session, account, batch=2))
    assert [len(batch) for batch in batches] == [2, 2, 1]
    exported = [person for batch in batches for person in batch]
    assert [p.display_name for p in exported] == ["Ann Lee"] * 3 + ["Bo Chen", "Cleo Park"]
    assert len({p.id for p in exported}) == 5


def test_exports_are_streamed_in_chunks(session, account, user_client, monkeypatch):
    from netevents_plugins.people_export import formats

    monkeypatch.setattr(formats, "BATCH", 2)
    for number in range(5):
        add_person(session, account, f"Person {number}")
    session.commit()
    response = user_client.get("/export/people-csv", buffered=False)
    chunks = list(response.response)
    assert len(chunks) == 3 and chunks[0].startswith(b"\xef\xbb\xbfname,")
    rows = list(csv.DictReader(io.StringIO(b"".join(chunks).decode("utf-8-sig"))))
    assert [row["name"] for row in rows] == [f"Person {number}" for number in range(5)]
    cards = user_client.get("/export/people-vcard").data.decode()
    assert cards.count("BEGIN:VCARD") == 5 and cards.endswith("END:VCARD\r\n")


def test_csv_keeps_phone_numbers_but_not_formulas_dressed_as_them():
    assert neutralise("+442079460123; +13125550111") == "+442079460123; +13125550111"
    assert neutralise("+1+cmd|' /C calc'!A0") == "'+1+cmd|' /C calc'!A0"
    assert neutralise("+44 20 7946 0123") == "'+44 20 7946 0123" and neutralise("+0123456789") == "'+0123456789"


def test_vcards_4_0_and_3_0_parse_with_an_independent_parser(session, user_client, account):
    import vobject

    ada = add_person(session, account, "Ada; Countess, of Lovelace", notes="line one\nline two",
                     given_name="Ada", family_name="Lovelace", job_title="Analyst",
                     organization=Organization(owner_id=account.id, name="Engines Ltd", name_key="engines ltd"),
                     tags=[Tag(owner_id=account.id, name="mentors")])
    ada.emails.append(PersonEmail(owner_id=account.id, address="ada@example.com"))
    ada.phones.append(PersonPhone(owner_id=account.id, number="+442079460123"))
    add_person(session, account, "Grace Hopper", notes="é" * 80)
    session.commit()
    for name, version in [("people-vcard4", "4.0"), ("people-vcard", "3.0")]:
        cards = list(vobject.readComponents(user_client.get(f"/export/{name}").data.decode()))
        assert [card.version.value for card in cards] == [version, version]
        first = cards[0]
        assert first.fn.value == "Ada; Countess, of Lovelace" and first.n.value.family == "Lovelace"
        assert first.email.value == "ada@example.com" and first.tel.value.endswith("+442079460123")
        assert first.note.value == "line one\nline two" and first.org.value == ["Engines Ltd"]
        assert first.categories.value == ["mentors"] and cards[1].note.value == "é" * 80
    assert "TEL;VALUE=uri;TYPE=voice:tel:+442079460123" in user_client.get("/export/people-vcard4").data.decode()


def test_confidential_notes_can_be_left_out_of_the_exports(session, user_client, account):
    add_person(session, account, "Ada Lovelace", notes="reorg plans", notes_confidential=True)
    add_person(session, account, "Grace Hopper", notes="likes COBOL")
    session.commit()
    for name in ("people-csv", "people-vcard4", "people-vcard"):
        full = user_client.get(f"/export/{name}").get_data(as_text=True)
        assert "reorg plans" in full and "likes COBOL" in full
        kept = user_client.get(f"/export/{name}?confidential=leave-out").get_data(as_text=True)
        assert "reorg plans" not in kept and "likes COBOL" in kept and "Ada Lovelace" in kept
    assert "without employer-confidential notes" in user_client.get("/export").get_data(as_text=True)
