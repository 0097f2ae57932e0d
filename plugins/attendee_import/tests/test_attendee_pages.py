"""The plugin's pages and command: upload, preview, confirm, triage, briefing; another account gets 404."""
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from netevents_plugins.attendee_import.importing import import_file
from netevents_plugins.attendee_import.models import Attendee
from sqlalchemy import func, select

from netevents.plugins.api import (
    Encounter,
    EncounterFields,
    EventFields,
    FollowUp,
    Person,
    PersonFields,
    create_event,
    create_person,
    log_encounter,
)

SAMPLES = Path(__file__).parent / "samples"
BASE = "/plugins/attendee_import"


def upload(client, data: bytes, name: str = "list.csv", **fields):
    form = {"file": (io.BytesIO(data), name), "format": "auto", "event_id": "", "new_event": "", "tag": "", **fields}
    return client.post(f"{BASE}/", data=form, content_type="multipart/form-data")


def count(session, model, owner) -> int:
    return session.scalar(select(func.count()).select_from(model).where(model.owner_id == owner.id))


def test_upload_preview_then_confirm_imports_and_opens_the_triage(user_client, session, account):
    page = upload(user_client, (SAMPLES / "eventbrite.csv").read_bytes(), "eventbrite.csv", new_event="Summit")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Eventbrite attendee report" in text
    assert "the same person as row 2" in text and "refunded" in text and count(session, Person, account) == 0
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', text).group(1)
    done = user_client.post(f"{BASE}/confirm", data={"token": token, "format": "auto", "event_id": "",
                                                     "new_event": "Summit", "tag": ""})
    assert done.status_code == 302 and "/triage" in done.headers["Location"]
    assert count(session, Person, account) == 2 and count(session, Attendee, account) == 2
    again = user_client.post(f"{BASE}/confirm", data={"token": token, "format": "auto"})
    assert again.status_code == 302 and count(session, Person, account) == 2  # the upload is gone once imported


@pytest.mark.parametrize("data, message", [
    (b"", "empty"), (b"PK\x03\x04" + bytes(300), "Excel workbook"), (bytes(range(256)) * 8, "not a text file"),
    ("Name\tEmail\r\nÅsa\tasa@example.se\r\n".encode("utf-16"), "Preview"),
])
def test_bad_uploads_get_a_clear_message_in_the_layout_never_a_500(user_client, data, message):
    page = upload(user_client, data)
    text = page.get_data(as_text=True)
    assert page.status_code in (200, 400) and message in text and "<nav" in text
    if message != "Preview":
        assert page.status_code == 400


def test_triage_records_encounters_and_followups_in_one_step(user_client, session, account):
    event = create_event(session, EventFields(name="Roundtable", starts=date(2025, 3, 12)), owner=account)
    result = import_file(session, (SAMPLES / "zoom_meeting.csv").read_bytes(), owner=account, file_name="z.csv",
                         event=event)
    session.commit()
    page = user_client.get(f"{BASE}/events/{event.id}/triage").get_data(as_text=True)
    assert "Hannah Okafor" in page and "Giulia Romano" in page
    chosen = result.person_ids[:2]
    response = user_client.post(f"{BASE}/events/{event.id}/triage", data={
        "person_id": [str(i) for i in chosen], "met_on": "2025-03-12", "follow_up_in": "7", "note": "Send deck"})
    assert response.status_code == 302
    met = set(session.scalars(select(Encounter.person_id).where(Encounter.event_id == event.id)))
    assert met == set(chosen) and count(session, FollowUp, account) == 2
    assert "✓ met" in user_client.get(f"{BASE}/events/{event.id}/triage").get_data(as_text=True)


def test_briefing_shows_attendees_already_known_and_the_event_panel(user_client, session, account):
    earlier = create_event(session, EventFields(name="Ports Forum 2024", starts=date(2024, 5, 1)), owner=account)
    marek = create_person(session, PersonFields(display_name="Marek Nowak",
                                                emails=["marek.nowak@vistula-ports.example"]), owner=account)
    log_encounter(session, EncounterFields(person_id=marek.id, met_on=date(2024, 5, 1), event_id=earlier.id),
                  owner=account)
    event = create_event(session, EventFields(name="Roundtable", starts=date(2025, 3, 12)), owner=account)
    import_file(session, (SAMPLES / "zoom_meeting.csv").read_bytes(), owner=account, file_name="z.csv", event=event)
    session.commit()
    briefing = user_client.get(f"{BASE}/events/{event.id}/briefing").get_data(as_text=True)
    assert "Marek Nowak" in briefing and "Ports Forum 2024" in briefing and "Hannah Okafor" not in briefing
    detail = user_client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Who you already know here (1)" in detail and "3 on the imported attendee list" in detail


def test_the_triage_list_comes_a_page_at_a_time(monkeypatch, user_client, session, account):
    from netevents_plugins.attendee_import import triage

    monkeypatch.setattr(triage, "PER_PAGE", 2)
    event = create_event(session, EventFields(name="Roundtable", starts=date(2025, 3, 12)), owner=account)
    result = import_file(session, (SAMPLES / "zoom_meeting.csv").read_bytes(), owner=account, file_name="z.csv",
                         event=event)
    session.commit()
    names = sorted(session.scalars(select(Person.sort_name).where(Person.id.in_(result.person_ids))))
    first = user_client.get(f"{BASE}/events/{event.id}/triage").get_data(as_text=True)
    second = user_client.get(f"{BASE}/events/{event.id}/triage?page=2").get_data(as_text=True)
    assert "3 attendees, 2 a page" in first and f'href="{BASE}/events/{event.id}/triage?page=2"' in first
    assert first.count('name="person_id"') == 2 and second.count('name="person_id"') == 1
    last = session.scalar(select(Person).where(Person.sort_name == names[-1]))
    assert last.display_name in second and last.display_name not in first
    response = user_client.post(f"{BASE}/events/{event.id}/triage?page=2", data={
        "person_id": [str(last.id)], "met_on": "2025-03-12", "follow_up_in": "", "note": ""})
    assert response.status_code == 302 and response.location.endswith("/triage?page=2")
    assert "✓ met" in user_client.get(response.location).get_data(as_text=True)
    assert "3 on the imported attendee list, 1 met" in user_client.get(f"/events/{event.id}").get_data(as_text=True)


def test_the_briefing_puts_who_is_due_first_and_counts_everyone_it_leaves_out(user_client, session, account):
    from netevents_plugins.attendee_import.briefing import briefing_for, known_count

    from netevents.plugins.api import create_followup

    earlier = create_event(session, EventFields(name="Ports Forum 2024", starts=date(2024, 5, 1)), owner=account)
    event = create_event(session, EventFields(name="Roundtable", starts=date(2025, 3, 12)), owner=account)
    result = import_file(session, (SAMPLES / "zoom_meeting.csv").read_bytes(), owner=account, file_name="z.csv",
                         event=event)
    people = sorted(session.scalars(select(Person).where(Person.id.in_(result.person_ids))),
                    key=lambda person: person.sort_name)
    for person in people:
        log_encounter(session, EncounterFields(person_id=person.id, met_on=date(2024, 5, 1), event_id=earlier.id),
                      owner=account)
    create_followup(session, people[-1].id, date(2025, 3, 1), "Ask about the tender", owner=account)
    session.commit()
    assert known_count(session, event, owner=account) == 3
    top = briefing_for(session, event, owner=account, limit=2)
    assert [entry.person.id for entry in top] == [people[-1].id, people[0].id]
    assert top[0].open_followups and top[0].last_met == (date(2024, 5, 1), "Ports Forum 2024")
    detail = user_client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Who you already know here (3)" in detail


def test_another_account_gets_404_on_every_event_page(app, session, account, make_account):
    event = create_event(session, EventFields(name="Private", starts=date(2025, 1, 1)), owner=account)
    session.commit()
    stranger = app.test_client(user=make_account())
    for path in (f"{BASE}/events/{event.id}/triage", f"{BASE}/events/{event.id}/briefing"):
        assert stranger.get(path).status_code == 404
    assert stranger.post(f"{BASE}/events/{event.id}/triage", data={"person_id": "1"}).status_code == 404


def test_another_account_cannot_confirm_my_upload(app, user_client, session, make_account):
    text = upload(user_client, (SAMPLES / "brella.csv").read_bytes()).get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', text).group(1)
    other = make_account()
    stranger = app.test_client(user=other)
    stranger.post(f"{BASE}/confirm", data={"token": token, "format": "auto"})
    assert count(session, Person, other) == 0


def test_posts_need_a_csrf_token(app, account):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client(user=account)
    assert upload(client, (SAMPLES / "brella.csv").read_bytes()).status_code == 400
    assert client.post(f"{BASE}/confirm", data={"token": "x" * 24}).status_code == 400
    assert client.post(f"{BASE}/events/1/triage", data={"person_id": "1"}).status_code == 400


def test_cli_imports_with_json_counts_and_is_idempotent(runner, session, account):
    path = str(SAMPLES / "luma.csv")
    first = runner.invoke(args=["import", path, "--user", account.email, "--event", "Robotics Night", "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.output.strip().splitlines()[-1]) == {
        "created": 2, "matched": 0, "updated": 0, "skipped": 1, "invalid": 0, "errors": []}
    again = runner.invoke(args=["import", path, "--user", account.email, "--event", "Robotics Night", "--json"])
    assert json.loads(again.output.strip().splitlines()[-1])["matched"] == 2


def test_cli_dry_run_saves_nothing_and_unreadable_files_exit_non_zero(runner, session, account, tmp_path):
    dry = runner.invoke(args=["import", str(SAMPLES / "brella.csv"), "--user", account.email, "--dry-run"])
    assert dry.exit_code == 0 and "Dry run" in dry.output and count(session, Person, account) == 0
    bad = tmp_path / "list.csv"
    bad.write_bytes(b"PK\x03\x04" + bytes(50))
    refused = runner.invoke(args=["import", str(bad), "--user", account.email])
    assert refused.exit_code != 0 and "Excel workbook" in refused.output


def test_column_mapping_is_remembered_for_files_with_the_same_headers(user_client, session, account):
    data = "Teilnehmer;Firma;Kontakt\nJürgen Weber;Weber Logistik;j.weber@example.de\n".encode("cp1252")
    first = upload(user_client, data, "teilnehmer.csv").get_data(as_text=True)
    assert "Which column holds what?" in first and "neither a name nor an email" in first
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', first)
    mapped = user_client.post(f"{BASE}/mapping", data={
        "token": token.group(1), "format": "auto", "column-0": "display_name", "column-1": "organization",
        "column-2": "email"}).get_data(as_text=True)
    assert "Jürgen Weber" in mapped and "j.weber@example.de" in mapped and "Weber Logistik" in mapped
    again = upload(user_client, b"Teilnehmer;Firma;Kontakt\nAnna Roth;Roth AG;anna@example.de\n",
                   "next.csv").get_data(as_text=True)
    assert "anna@example.de" in again and "CSV with your column mapping" in again
