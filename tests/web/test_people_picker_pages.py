"""The people picker on the server side: what forms accept, what pages render, and whose people they reach."""
import pytest
from werkzeug.datastructures import MultiDict

from netevents.forms.people_picker import MAX_CHOSEN, PeoplePickerField
from netevents.models import FollowUp, Interaction
from netevents.services.people import PersonFields, create_person

PICKER_FORMS = ["/interactions/new", "/followups/new", "/encounters/new", "/people/new"]


def add(session, owner, name, organization=None):
    """A person made through the service."""
    person = create_person(session, PersonFields(display_name=name, organization_name=organization), owner=owner)
    session.flush()
    return person


def bound(formdata, multiple=True):
    """A picker field bound to posted values."""
    from flask_wtf import FlaskForm

    class Form(FlaskForm):
        class Meta:
            csrf = False

        people = PeoplePickerField("People", multiple=multiple)

    return Form(formdata=MultiDict(formdata)).people


def test_the_field_keeps_distinct_ids_and_the_last_one_for_a_single_picker(app):
    with app.test_request_context():
        assert bound([("people", "3"), ("people", "1"), ("people", "3"), ("people", "")]).data == [3, 1]
        assert bound([("people", "3"), ("people", "7")], multiple=False).data == 7
        assert bound([("people-text", "  Ann Lee ")]).text == "Ann Lee"
        too_many = bound([("people", str(number)) for number in range(1, MAX_CHOSEN + 5)])
        assert len(too_many.data) == MAX_CHOSEN and too_many.process_errors == [f"Choose at most {MAX_CHOSEN} people."]
        assert bound([("people", "٣")]).process_errors == ["Choose people from the suggestions."]


@pytest.mark.parametrize("url", PICKER_FORMS)
def test_picker_pages_never_list_all_people(user_client, session, account, url):
    for number in range(30):
        add(session, account, f"Listed Nobody{number}")
    html = user_client.get(url).get_data(as_text=True)
    assert "data-people-picker" in html and "Listed Nobody" not in html


def test_suggestions_tell_namesakes_apart_by_organization(user_client, session, account):
    add(session, account, "Sam Lee", "Acme")
    add(session, account, "Sam Lee", "Globex")
    results = user_client.get("/people/suggest?q=sam").get_json()["results"]
    assert sorted((result["name"], result["organization"]) for result in results) == [
        ("Sam Lee", "Acme"), ("Sam Lee", "Globex")]


def test_chosen_people_come_back_as_ticked_chips_with_their_organization(user_client, session, account):
    ann, bo = add(session, account, "Ann", "Acme"), add(session, account, "Bo")
    html = user_client.get(f"/interactions/new?person={ann.id}&person={bo.id}").get_data(as_text=True)
    assert f'<input type="checkbox" name="person_ids" value="{ann.id}" checked>' in html
    assert '<span class="chip-name">Ann</span> <small>Acme</small>' in html
    assert '<span class="chip-name">Bo</span>' in html


def test_a_typed_name_that_fits_several_people_is_not_guessed(user_client, session, account):
    first, second = add(session, account, "Sam Lee", "Acme"), add(session, account, "Sam Lee", "Globex")
    response = user_client.post("/followups/new", data={"person_id-text": "sam lee", "due_on": "2030-01-01"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Several people match “sam lee”" in html
    assert f'value="{first.id}"' in html and f'value="{second.id}"' in html
    assert session.query(FollowUp).count() == 0
    response = user_client.post("/followups/new", data={"person_id": second.id, "due_on": "2030-01-01"})
    assert response.status_code == 302 and session.query(FollowUp).one().person_id == second.id


def test_another_accounts_people_are_never_shown_nor_linked(user_client, session, account, make_account):
    mine = add(session, account, "Mine")
    theirs = add(session, make_account(), "Their Secret")
    for url, data in [("/interactions/new", {"person_ids": [mine.id, theirs.id], "occurred_on": "2024-05-03",
                                             "channel": "call", "favor_person": 0}),
                      ("/followups/new", {"person_id": theirs.id, "due_on": "2030-01-01"}),
                      ("/interactions/new", {"person_ids-text": "Their Secret", "occurred_on": "2024-05-03",
                                             "channel": "call", "favor_person": 0})]:
        response = user_client.post(url, data=data)
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and "field-error" in html and "Their Secret" not in html.replace(
            "“Their Secret”", "")
    assert session.query(Interaction).count() == 0 and session.query(FollowUp).count() == 0
    assert user_client.get(f"/interactions/?person={theirs.id}").status_code == 404


def test_suggestions_are_a_bounded_page_however_many_match(user_client, session, account):
    """Issue 14: the picker must work at 50,000 people, so the type-ahead never sends more than a screenful."""
    from netevents.web.people import SUGGESTIONS

    for number in range(SUGGESTIONS + 15):
        add(session, account, f"Ann Many{number:02d}")
    results = user_client.get("/people/suggest?q=ann").get_json()["results"]
    assert len(results) == SUGGESTIONS and all(result["name"].startswith("Ann Many") for result in results)
    assert user_client.get("/people/suggest?q=" + "a" * 5000).status_code == 200


def test_the_group_member_picker_lists_nobody_until_typed(user_client, session, account):
    from netevents.services.groups import GroupFields, create_group

    group = create_group(session, GroupFields(name="Board"), owner=account)
    for number in range(30):
        add(session, account, f"Listed Nobody{number}")
    html = user_client.get(f"/groups/{group.id}/roles/new?member=1").get_data(as_text=True)
    assert 'role="combobox"' in html or "data-people-picker" in html
    assert "Listed Nobody" not in html
