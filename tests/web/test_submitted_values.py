"""What a browser (or a script) submits reaches the views without NUL characters, which PostgreSQL refuses."""
from netevents.models import Organization, Person
from netevents.services.people import PersonFields, create_person


def test_nul_characters_are_dropped_from_every_form_field(user_client, session, account):
    response = user_client.post("/people/new", data={
        "display_name": "Ada\x00 Lovelace", "organization": "Analytical\x00 Engines", "tags": "maths\x00",
        "notes": "\x00first programmer", "phone_region": ""})
    assert response.status_code == 302
    ada = session.query(Person).filter_by(owner_id=account.id).one()
    assert (ada.display_name, ada.notes, [tag.name for tag in ada.tags]) == (
        "Ada Lovelace", "first programmer", ["maths"])
    assert session.query(Organization).filter_by(owner_id=account.id).one().name == "Analytical Engines"


def test_nul_characters_are_dropped_from_query_strings(user_client, session, account):
    create_person(session, PersonFields(display_name="Ada Lovelace"), owner=account)
    session.flush()
    assert "Ada Lovelace" in user_client.get("/people/search?q=Ad%00a").get_data(as_text=True)
    assert user_client.get("/organizations/suggest?q=%00").status_code == 200
