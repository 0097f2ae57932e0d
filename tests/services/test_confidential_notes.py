"""Employer-confidential notes: flagged on people and interactions, left out of a backup when asked, and said so."""
from __future__ import annotations

from datetime import date

from netevents.services.backup import backup_account
from netevents.services.interactions import InteractionFields, log_interaction
from netevents.services.people import PersonFields, create_person


def test_confidential_notes_are_left_out_and_the_file_says_so(session, account, make_account, restore_backup):
    secret = create_person(session, PersonFields(display_name="Ada Lovelace", notes="reorg plans",
                                                 notes_confidential=True), owner=account)
    create_person(session, PersonFields(display_name="Grace Hopper", notes="likes COBOL"), owner=account)
    log_interaction(session, InteractionFields(person_ids=[secret.id], occurred_on=date(2026, 1, 5), summary="1:1",
                                               notes="salary talk", notes_confidential=True), owner=account)
    full = backup_account(session, owner=account)
    assert full["left_out"] == [] and {row["notes"] for row in full["records"]["people"]} == {
        "reorg plans", "likes COBOL"}
    kept = backup_account(session, owner=account, leave_out_confidential=True)
    assert kept["left_out"] == ["confidential_notes"]
    people = {row["display_name"]: row for row in kept["records"]["people"]}
    assert people["Ada Lovelace"]["notes"] == "" and people["Ada Lovelace"]["notes_confidential"] is True
    assert people["Grace Hopper"]["notes"] == "likes COBOL"
    assert [row["notes"] for row in kept["records"]["interactions"]] == [""]
    assert "reorg plans" not in str(kept) and "salary talk" not in str(kept)
    report = restore_backup(kept, make_account())
    assert report.left_out == ["confidential_notes"] and "left out employer-confidential notes" in report.summary()


def test_the_person_form_sets_the_flag(session, account, user_client):
    response = user_client.post("/people/new", data={"display_name": "Ada Lovelace", "notes": "reorg plans",
                                                     "notes_confidential": "y", "confirm_new": "y", "phone_region": ""})
    assert response.status_code == 302
    page = user_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "employer-confidential" in page
