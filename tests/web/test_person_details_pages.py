"""The person page's important dates and relationships: add, edit, delete, errors, CSRF, other accounts."""
import re

from netevents.models import ImportantDate, PersonRelation
from netevents.services.people import PersonFields, create_person
from netevents.services.person_details import DateFields, RelationFields, add_important_date, add_relationship


def add(session, owner, name):
    return create_person(session, PersonFields(display_name=name), owner=owner)


def test_add_a_birthday_and_see_it_on_the_person_page(user_client, session, account):
    ann = add(session, account, "Ann Lee")
    response = user_client.post(f"/people/{ann.id}/dates", data={"date-kind": "birthday", "date-day": "14",
                                                                 "date-month": "7", "date-year": ""})
    assert response.location.endswith(f"/people/{ann.id}#dates-and-relationships")
    page = user_client.get(f"/people/{ann.id}").get_data(as_text=True)
    assert "Birthday: 14 July" in page and 'id="dates-and-relationships"' in page


def test_a_bad_date_says_why_and_saves_nothing(user_client, session, account):
    ann = add(session, account, "Ann Lee")
    user_client.post(f"/people/{ann.id}/dates", data={"date-kind": "birthday", "date-day": "30", "date-month": "2"})
    page = user_client.get(f"/people/{ann.id}").get_data(as_text=True)
    assert "Not saved: A day from 1 to 29." in page and session.query(ImportantDate).count() == 0


def test_edit_and_delete_a_date(user_client, session, account):
    ann = add(session, account, "Ann Lee")
    important = add_important_date(session, ann.id, DateFields("birthday", month=7, day=14), owner=account)
    form = user_client.get(f"/people/dates/{important.id}/edit").get_data(as_text=True)
    assert 'value="14"' in form and '<option selected value="7">' in form
    user_client.post(f"/people/dates/{important.id}/edit", data={"kind": "birthday", "day": "15", "month": "7",
                                                                 "year": "1990"})
    session.expire_all()
    assert (important.day, important.year) == (15, 1990)
    assert "Delete birthday of Ann Lee?" in user_client.get(f"/people/dates/{important.id}/delete").get_data(
        as_text=True)
    user_client.post(f"/people/dates/{important.id}/delete")
    assert session.query(ImportantDate).count() == 0


def test_add_relationships_by_name_and_see_them_from_both_sides(user_client, session, account):
    ann, boss = add(session, account, "Ann Lee"), add(session, account, "Zoe Boss")
    user_client.post(f"/people/{ann.id}/relationships", data={"relation-kind": "reports_to",
                                                              "relation-other_id-text": "zoe boss"})
    user_client.post(f"/people/{ann.id}/relationships", data={"relation-kind": "introduced_by",
                                                              "relation-other_id": str(boss.id)})
    page = user_client.get(f"/people/{boss.id}").get_data(as_text=True)
    assert re.search(r'Ann Lee</a> <span class="muted">reports to</span> Zoe Boss', page)
    session.expire_all()
    assert session.get(type(ann), ann.id).introduced_by_id == boss.id
    assert session.query(PersonRelation).count() == 1  # the introducer is the person's field, not a row


def test_a_relationship_with_nobody_is_refused(user_client, session, account):
    ann = add(session, account, "Ann Lee")
    user_client.post(f"/people/{ann.id}/relationships", data={"relation-kind": "works_with",
                                                              "relation-other_id-text": "Nobody Here"})
    assert "Nobody among your people matches" in user_client.get(f"/people/{ann.id}").get_data(as_text=True)


def test_another_account_gets_404_everywhere(app, session, account, make_account):
    ann, bo = add(session, account, "Ann Lee"), add(session, account, "Bo")
    important = add_important_date(session, ann.id, DateFields("birthday", month=7, day=14), owner=account)
    relation = add_relationship(session, ann.id, RelationFields("works_with", other_id=bo.id), owner=account)
    other = make_account()
    theirs = add(session, other, "Their person")
    stranger = app.test_client(user=other)
    for method, url, data in [
            ("post", f"/people/{ann.id}/dates", {"date-kind": "birthday", "date-day": "1", "date-month": "1"}),
            ("get", f"/people/dates/{important.id}/edit", None), ("post", f"/people/dates/{important.id}/delete", None),
            ("post", f"/people/{ann.id}/relationships", {"relation-kind": "works_with",
                                                          "relation-other_id-text": "Bo"}),
            ("post", f"/people/relationships/{relation.id}/delete", None),
            ("post", f"/people/{ann.id}/introducer/delete", None)]:
        assert getattr(stranger, method)(url, data=data).status_code == 404, url
    # their own person with someone of this account: the picker finds nobody, so nothing is linked
    response = stranger.post(f"/people/{theirs.id}/relationships", data={"relation-kind": "works_with",
                                                                        "relation-other_id": str(ann.id)})
    assert response.status_code == 302
    assert "not among your people" in stranger.get(f"/people/{theirs.id}").get_data(as_text=True)
    assert session.query(ImportantDate).count() == 1 and session.query(PersonRelation).count() == 1


def test_the_inline_forms_carry_working_csrf_tokens(app, session, account):
    app.config["WTF_CSRF_ENABLED"] = True
    ann = add(session, account, "Ann Lee")
    client = app.test_client(user=account)
    assert client.post(f"/people/{ann.id}/dates", data={"date-kind": "birthday", "date-day": "1",
                                                        "date-month": "1"}).status_code == 400
    page = client.get(f"/people/{ann.id}").get_data(as_text=True)
    token = re.search(r'name="date-csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post(f"/people/{ann.id}/dates", data={"date-csrf_token": token, "date-kind": "birthday",
                                                 "date-day": "1", "date-month": "1"})
    assert session.query(ImportantDate).count() == 1
