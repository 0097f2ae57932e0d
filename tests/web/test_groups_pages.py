"""Groups and roles pages: creating, editing, members, field errors, the timeline chart."""
from datetime import date

import pytest

from netevents.models import Group, Role
from netevents.services.groups import GroupFields, create_group
from netevents.services.people import PersonFields, create_person
from netevents.services.roles import RoleFields, add_role


@pytest.fixture
def group(session, account):
    return create_group(session, GroupFields(name="Green team", organization_name="Acme",
                                             started_on=date(2020, 1, 1)), owner=account)


def test_groups_nav_and_empty_list(user_client):
    page = user_client.get("/groups/").get_data(as_text=True)
    assert 'href="/groups/"' in page and "New group" in page and "Committees, boards" in page


def test_create_group_then_see_it(user_client, session):
    response = user_client.post("/groups/new", data={
        "name": "Women in Tech ERG", "kind": "employee_group", "organization_name": "Acme",
        "description": "Monthly lunches", "started_on": "2021-03-01", "ended_on": ""})
    group = session.query(Group).one()
    assert response.status_code == 302 and response.location.endswith(f"/groups/{group.id}")
    page = user_client.get(f"/groups/{group.id}").get_data(as_text=True)
    assert "Women in Tech ERG" in page and "Employee group" in page and "Acme" in page
    assert "Monthly lunches" in page and "You hold no role here yet" in page
    listing = user_client.get("/groups/").get_data(as_text=True)
    assert "Employee groups" in listing and "Women in Tech ERG" in listing


@pytest.mark.parametrize("data, field, message", [
    ({"name": "", "kind": "board"}, "name", "Enter a name."),
    ({"name": "X", "kind": "cabal"}, "kind", "Not a valid choice"),
    ({"name": "X", "kind": "board", "started_on": "2022-02-30"}, "started_on", "Not a valid date"),
    ({"name": "X", "kind": "board", "started_on": "2022-05-01", "ended_on": "2022-04-01"}, "ended_on",
     "Must be on or after Sun 1 May 2022"),
    ({"name": "X", "kind": "association_committee"}, "organization_name", "Name the professional association"),
    ({"name": "X" * 201, "kind": "board"}, "name", "200"),
])
def test_bad_group_input_shows_field_errors(user_client, session, data, field, message):
    response = user_client.post("/groups/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'class="field-error"' in page
    assert f'id="{field}-error"' in page and message in page
    assert session.query(Group).count() == 0


def test_edit_group_keeps_values_and_saves(user_client, session, group):
    page = user_client.get(f"/groups/{group.id}/edit").get_data(as_text=True)
    assert 'value="Green team"' in page and 'value="Acme"' in page and 'value="2020-01-01"' in page
    response = user_client.post(f"/groups/{group.id}/edit", data={
        "name": "Green team", "kind": "task_force", "organization_name": "Acme", "started_on": "2020-01-01"})
    session.refresh(group)
    assert response.status_code == 302 and group.kind.value == "task_force"


def test_delete_group_asks_first(user_client, session, group):
    assert "Delete Green team?" in user_client.get(f"/groups/{group.id}/delete").get_data(as_text=True)
    assert session.query(Group).count() == 1
    response = user_client.post(f"/groups/{group.id}/delete")
    assert response.status_code == 302 and session.query(Group).count() == 0


def test_add_my_role_and_a_members_role(user_client, session, account, group):
    ann = create_person(session, PersonFields(display_name="Ann Lee"), owner=account)
    form = user_client.get(f"/groups/{group.id}/roles/new?member=1").get_data(as_text=True)
    assert 'name="person_id-text"' in form and '<option value="treasurer">' in form
    user_client.post(f"/groups/{group.id}/roles/new", data={"title": "chair", "started_on": "2023-01-01"})
    user_client.post(f"/groups/{group.id}/roles/new", data={"person_id-text": "ann lee", "title": "secretary",
                                                          "started_on": "2021-01-01", "ended_on": "2022-12-31"})
    page = user_client.get(f"/groups/{group.id}").get_data(as_text=True)
    my_part, members_part = page.split('id="members"')
    assert "chair" in my_part and "since" in my_part
    assert "Past members" in members_part and "Ann Lee" in members_part and "secretary" in members_part
    assert [r.person for r in session.query(Role).order_by(Role.started_on)] == [ann, None]


@pytest.mark.parametrize("data, field, message", [
    ({"title": "chair", "started_on": ""}, "started_on", "Enter the start date."),
    ({"title": "", "started_on": "2021-01-01"}, "title", "Enter a title"),
    ({"title": "chair", "started_on": "2021-05-01", "ended_on": "2021-04-01"}, "ended_on", "Must be on or after"),
    ({"title": "chair", "started_on": "2019-05-01"}, "started_on", "The group started on Wed 1 Jan 2020."),
    ({"title": "chair", "started_on": "2021-05-01", "person_id-text": "Nobody"}, "person_id", "Nobody among"),
    ({"title": "chair", "started_on": "yesterday"}, "started_on", "Not a valid date"),
])
def test_bad_role_input_shows_field_errors(user_client, session, group, data, field, message):
    response = user_client.post(f"/groups/{group.id}/roles/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and f'id="{field}-error"' in page and message in page
    assert session.query(Role).count() == 0


def test_edit_end_and_delete_a_role(user_client, session, account, group):
    role = add_role(session, group.id, RoleFields(title="member", started_on=date(2021, 1, 1)), owner=account)
    edit = user_client.get(f"/groups/roles/{role.id}/edit").get_data(as_text=True)
    assert 'value="member"' in edit and 'value="2021-01-01"' in edit
    user_client.post(f"/groups/roles/{role.id}/edit", data={"title": "vice-chair", "started_on": "2021-01-01"})
    session.refresh(role)
    assert role.title == "vice-chair"
    bad = user_client.post(f"/groups/roles/{role.id}/end", data={"ended_on": "2020-12-31"})
    assert bad.status_code == 200 and 'id="ended_on-error"' in bad.get_data(as_text=True)
    user_client.post(f"/groups/roles/{role.id}/end", data={"ended_on": "2023-06-30"})
    session.refresh(role)
    assert role.ended_on == date(2023, 6, 30)
    assert "end the role instead" in user_client.get(f"/groups/roles/{role.id}/delete").get_data(as_text=True)
    user_client.post(f"/groups/roles/{role.id}/delete")
    assert session.query(Role).count() == 0


def test_timeline_draws_one_bar_per_role(user_client, session, account, group):
    board = create_group(session, GroupFields(name="Board of Trustees", kind="board"), owner=account)
    add_role(session, group.id, RoleFields(title="member", started_on=date(2020, 2, 1),
                                           ended_on=date(2021, 12, 31)), owner=account)
    add_role(session, group.id, RoleFields(title="chair", started_on=date(2022, 1, 1)), owner=account)
    add_role(session, board.id, RoleFields(title="treasurer", started_on=date(2023, 5, 1)), owner=account)
    ann = create_person(session, PersonFields(display_name="Ann"), owner=account)
    add_role(session, group.id, RoleFields(title="secretary", started_on=date(2022, 1, 1), person_id=ann.id),
             owner=account)
    page = user_client.get("/groups/my-roles").get_data(as_text=True)
    assert page.count('<rect class="bar ') == 3
    assert page.count('<rect class="bar bar-current"') == 2 and page.count('<rect class="bar bar-past"') == 1
    assert ">2020</text>" in page and 'class="today"' in page
    assert "member · Green team" in page and "secretary" not in page
    assert page.index("member · Green team") < page.index("chair · Green team") < page.index("treasurer · Board")


def test_empty_timeline_explains_itself(user_client):
    page = user_client.get("/groups/my-roles").get_data(as_text=True)
    assert 'class="timeline"' not in page and "appear here on one timeline" in page


def test_person_page_shows_their_roles(user_client, session, account, group):
    ann = create_person(session, PersonFields(display_name="Ann"), owner=account)
    add_role(session, group.id, RoleFields(title="secretary", started_on=date(2022, 1, 1), person_id=ann.id),
             owner=account)
    html = user_client.get(f"/people/{ann.id}").get_data(as_text=True)
    assert "secretary" in html and f'href="/groups/{group.id}"' in html and "Acme" in html


def test_add_a_member_with_who_left_blank_adds_no_role_of_mine(user_client, session, group):
    response = user_client.post(f"/groups/{group.id}/roles/new?member=1",
                                data={"person_id": "", "title": "member", "started_on": "2023-01-01"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="person_id-error"' in page and "Choose the member" in page
    assert session.query(Role).count() == 0


def test_the_member_form_does_not_suggest_a_blank_means_me(user_client, group):
    member = user_client.get(f"/groups/{group.id}/roles/new?member=1").get_data(as_text=True)
    assert "Type the member’s name" in member and "Me: type a name" not in member
    assert "Leave it empty for yourself" not in member
    mine = user_client.get(f"/groups/{group.id}/roles/new").get_data(as_text=True)
    assert "Me: type a name" in mine


def test_a_members_role_cannot_silently_become_mine(user_client, session, account, group):
    ann = create_person(session, PersonFields(display_name="Ann Lee"), owner=account)
    role = add_role(session, group.id, RoleFields(title="member", started_on=date(2021, 1, 1), person_id=ann.id),
                    owner=account)
    user_client.post(f"/groups/roles/{role.id}/edit", data={"person_id": "", "title": "member",
                                                            "started_on": "2021-01-01"})
    session.expire_all()
    assert session.get(Role, role.id).person_id == ann.id


def test_holding_two_roles_at_once_is_pointed_out(user_client, session, account, group):
    add_role(session, group.id, RoleFields(title="member", started_on=date(2021, 1, 1)), owner=account)
    user_client.post(f"/groups/{group.id}/roles/new", data={"title": "secretary", "started_on": "2023-01-01"})
    page = user_client.get(f"/groups/{group.id}").get_data(as_text=True)
    assert "You also hold member in Green team." in page


def test_dates_in_role_messages_read_like_the_pages(user_client, session, account, group):
    role = add_role(session, group.id, RoleFields(title="member", started_on=date(2021, 1, 1)), owner=account)
    user_client.post(f"/groups/roles/{role.id}/end", data={"ended_on": "2022-03-04"})
    page = user_client.get(f"/groups/{group.id}").get_data(as_text=True)
    assert "Role ended on Fri 4 Mar 2022." in page and "2022-03-04" not in page.split("<main")[1].split("</div>")[0]


def test_a_large_groups_members_come_a_page_at_a_time(app, user_client, session, account):
    app.config["PAGE_SIZE"] = 2
    group = create_group(session, GroupFields(name="Programme committee", kind="board"), owner=account)
    add_role(session, group.id, RoleFields(title="secretary", started_on=date(2022, 1, 1)), owner=account)
    for name in ("Cleo Brandt", "Ana Alves", "Bo Berg"):
        person = create_person(session, PersonFields(display_name=name), owner=account)
        add_role(session, group.id, RoleFields(title="member", started_on=date(2022, 1, 1), person_id=person.id),
                 owner=account)
    first = user_client.get(f"/groups/{group.id}").get_data(as_text=True)
    second = user_client.get(f"/groups/{group.id}?page=2").get_data(as_text=True)
    assert "Ana Alves" in first and "Bo Berg" in first and "Cleo Brandt" not in first
    assert "Cleo Brandt" in second and "Ana Alves" not in second and "No other current members" not in second
    assert "secretary" in first and "secretary" in second  # my role stays on every page
    assert f"/groups/{group.id}?page=2#members" in first and "3, current ones first" in first
