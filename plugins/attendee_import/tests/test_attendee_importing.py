"""Preview, dedupe, re-import, accepted changes and attendee links, through the plugin's services."""
from datetime import date
from pathlib import Path

import pytest
from netevents_plugins.attendee_import.importing import event_named, import_file, preview_file
from netevents_plugins.attendee_import.models import Attendee
from sqlalchemy import func, select

from netevents.plugins.api import EventFields, Invalid, Person, PersonEmail, PersonFields, create_event, create_person

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def people_count(session, owner) -> int:
    return session.scalar(select(func.count()).select_from(Person).where(Person.owner_id == owner.id))


def test_preview_counts_new_skipped_and_repeated_rows_and_writes_nothing(session, account):
    plan = preview_file(session, sample("eventbrite.csv"), owner=account, file_name="eventbrite.csv")
    assert plan.counts() == {"new": 2, "matched": 0, "suggested": 0, "changed": 0, "skipped": 2, "invalid": 0}
    assert plan.skipped == [(3, "the same person as row 2"), (5, "the ticket was cancelled, refunded or transferred")]
    assert people_count(session, account) == 0


def test_import_creates_people_with_every_field_and_links_them_to_the_event(session, account):
    event = create_event(session, EventFields(name="Riga Ports Forum", starts=date(2025, 5, 14)), owner=account)
    result = import_file(session, sample("google_contacts.csv"), owner=account, file_name="g.csv", event=event,
                         tag="Riga 2025")
    assert result.summary() == {"created": 2, "matched": 0, "updated": 0, "skipped": 0, "invalid": 0, "errors": []}
    olga = session.scalars(select(Person).where(Person.owner_id == account.id,
                                                Person.sort_name == "olga petrova")).one()
    assert [e.address for e in olga.emails] == ["olga.petrova@baltic-shipping.example", "olga.p@mail.example"]
    assert [p.number for p in olga.phones] == ["+37126123456"] and olga.organization.name == "Baltic Shipping"
    assert sorted(t.name for t in olga.tags) == ["conference", "riga 2025", "shipping"]
    assert {link.kind: link.url for link in olga.links} == {"linkedin": "https://www.linkedin.com/in/olga-petrova-fleet"}
    assert olga.job_title == "Fleet Director" and olga.location == "Riga" and "Riga ports forum" in olga.notes
    linked = set(session.scalars(select(Attendee.person_id).where(Attendee.event_id == event.id)))
    assert linked == set(result.person_ids) and len(linked) == 2


def test_reimporting_the_same_file_changes_nothing(session, account):
    for name in ("meetup.csv", "linkedin_connections.csv", "zoom_meeting.csv", "contacts.vcf", "outlook_classic.csv"):
        first = import_file(session, sample(name), owner=account, file_name=name)
        before = people_count(session, account)
        again = import_file(session, sample(name), owner=account, file_name=name)
        assert again.created == 0 and again.updated == 0 and again.matched == first.created + first.matched, name
        assert people_count(session, account) == before


def test_people_without_email_are_matched_by_linkedin_then_name_and_organization(session, account):
    known = create_person(session, PersonFields(display_name="Ananya Krishnan",
                                                organization_name="Bangalore Logistics Hub"),
                          owner=account)
    linked = create_person(session, PersonFields(display_name="J. Becker", linkedin="linkedin.com/in/JonasBecker/"),
                           owner=account)
    plan = preview_file(session, sample("linkedin_connections.csv"), owner=account, file_name="c.csv")
    by_name = {p.person.display_name: p for p in plan.people}
    assert by_name["Ananya Krishnan"].existing_id == known.id
    assert by_name["Ananya Krishnan"].matched_by == "name and organization"
    assert by_name["Jonas Becker"].existing_id == linked.id and by_name["Jonas Becker"].matched_by == "LinkedIn profile"
    assert by_name["Siobhán Kelly"].status == "new"


def test_a_newer_export_reports_changes_and_applies_them_only_when_accepted(session, account):
    import_file(session, sample("brella.csv"), owner=account, file_name="brella.csv")
    newer = sample("brella.csv").replace(b"Prague Motion,CTO", b"Vltava Robotics,Chief Technology Officer")
    plan = preview_file(session, newer, owner=account, file_name="brella-2.csv")
    (changed,) = plan.with_status("changed")
    assert [(c.field, c.old, c.new) for c in changed.changes] == [
        ("job title", "CTO", "Chief Technology Officer"), ("organization", "Prague Motion", "Vltava Robotics")]
    import_file(session, newer, owner=account, file_name="brella-2.csv")
    eva = session.scalars(select(Person).join(PersonEmail).where(
        PersonEmail.address == "eva.novak@prague-motion.example")).one()
    assert eva.job_title == "CTO"
    result = import_file(session, newer, owner=account, file_name="brella-2.csv", accept_changes=True)
    session.refresh(eva)
    assert result.updated == 1 and eva.job_title == "Chief Technology Officer"
    assert eva.organization.name == "Vltava Robotics"


def test_emails_match_without_case_and_existing_people_keep_their_data(session, account):
    ingrid = create_person(session, PersonFields(display_name="Ingrid S.", emails=["INGRID.SOLBERG@fjordline.example"],
                                                 notes="Keep me"), owner=account)
    result = import_file(session, sample("eventbrite.csv"), owner=account, file_name="e.csv")
    assert result.matched == 1 and result.created == 1
    session.refresh(ingrid)
    assert ingrid.display_name == "Ingrid S." and ingrid.notes == "Keep me"


def test_invalid_rows_are_listed_with_file_row_and_column_and_the_rest_imports(session, account):
    data = b"Name,Email\nAda,ada@example.com\nBad,not-an-email\n"
    result = import_file(session, data, owner=account, file_name="list.csv")
    assert result.created == 1 and result.invalid == 1
    assert result.errors == ["list.csv, row 3, column 'email': 'not-an-email' is not an email address."]


def test_another_accounts_people_are_never_matched(session, account, make_account):
    other = make_account()
    create_person(session, PersonFields(display_name="Eva", emails=["eva.novak@prague-motion.example"]), owner=other)
    result = import_file(session, sample("brella.csv"), owner=account, file_name="brella.csv")
    assert result.created == 2 and result.matched == 0


def test_event_by_name_is_reused_or_created(session, account):
    first = event_named(session, "Summit 2025", owner=account, today=date(2025, 3, 1))
    assert event_named(session, "summit 2025", owner=account, today=date(2025, 3, 2)).id == first.id
    assert event_named(session, str(first.id), owner=account, today=date(2025, 3, 2)).id == first.id
    with pytest.raises(Invalid):
        event_named(session, "  ", owner=account, today=date(2025, 3, 2))


def test_an_unreadable_file_writes_nothing(session, account):
    with pytest.raises(Invalid, match="Excel workbook"):
        import_file(session, b"PK\x03\x04" + bytes(100), owner=account, file_name="list.csv")
    assert people_count(session, account) == 0
