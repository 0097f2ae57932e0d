"""The roles service: mine and members' roles, dates within the group, the timeline, ownership, hooks."""
from datetime import date

import pytest

from netevents import hookimpl
from netevents.errors import Invalid, NotFound
from netevents.services.groups import GroupFields, create_group, delete_group, update_group
from netevents.services.people import PersonFields, create_person
from netevents.services.roles import (RoleFields, add_role, delete_role, end_role, my_roles_timeline,
                                      person_for_name, roles_of_person, update_role)

TODAY = date(2024, 6, 1)


@pytest.fixture
def group(session, account):
    return create_group(session, GroupFields(name="Green team", organization_name="Acme",
                                             started_on=date(2020, 1, 1)), owner=account)


@pytest.fixture
def ann(session, account):
    return create_person(session, PersonFields(display_name="Ann Lee"), owner=account)


def role(session, owner, group, title="member", start=date(2021, 1, 1), end=None, **more):
    return add_role(session, group.id, RoleFields(title=title, started_on=start, ended_on=end, **more), owner=owner)


def test_my_role_has_no_person_and_a_members_role_names_them(session, account, group, ann):
    mine = role(session, account, group, "chair")
    theirs = role(session, account, group, "secretary", person_name="ann lee")
    assert mine.is_mine and mine.person is None
    assert theirs.person == ann and not theirs.is_mine


def test_role_end_before_start_is_a_field_error(session, account, group):
    with pytest.raises(Invalid) as caught:
        role(session, account, group, start=date(2022, 5, 1), end=date(2022, 4, 30))
    assert "ended_on" in caught.value.field_errors


def test_role_needs_a_title_and_a_start(session, account, group):
    with pytest.raises(Invalid) as caught:
        role(session, account, group, title=" ")
    assert "title" in caught.value.field_errors
    with pytest.raises(Invalid) as caught:
        role(session, account, group, start=None)
    assert "started_on" in caught.value.field_errors


def test_role_dates_must_lie_within_the_groups_life(session, account, group):
    with pytest.raises(Invalid) as caught:
        role(session, account, group, start=date(2019, 12, 31))
    assert "started_on" in caught.value.field_errors
    update_group(session, group.id, GroupFields(name="Green team", started_on=date(2020, 1, 1),
                                                ended_on=date(2022, 12, 31)), owner=account)
    with pytest.raises(Invalid) as caught:
        role(session, account, group, start=date(2021, 1, 1), end=date(2023, 1, 1))
    assert "ended_on" in caught.value.field_errors
    with pytest.raises(Invalid) as caught:
        role(session, account, group, start=date(2023, 2, 1))
    assert "started_on" in caught.value.field_errors
    assert role(session, account, group, start=date(2021, 1, 1)).ended_on == date(2022, 12, 31)


def test_unknown_or_ambiguous_names_are_field_errors(session, account, group, ann):
    with pytest.raises(Invalid) as caught:
        role(session, account, group, person_name="Nobody Here")
    assert "Nobody called Nobody Here" in caught.value.field_errors["person_name"]
    twin = create_person(session, PersonFields(display_name="Ann Lee"), owner=account)
    with pytest.raises(Invalid) as caught:
        role(session, account, group, person_name="Ann Lee")
    assert "Several people" in caught.value.field_errors["person_name"]
    assert person_for_name(session, f"Ann Lee (#{twin.id})", owner=account) == twin


def test_another_accounts_person_or_group_is_not_found(session, account, group, ann, make_account):
    other = make_account()
    their_group = create_group(session, GroupFields(name="Theirs"), owner=other)
    with pytest.raises(NotFound):
        role(session, other, their_group, person_id=ann.id)
    with pytest.raises(NotFound):
        role(session, other, their_group, person_name=f"Ann Lee (#{ann.id})")
    with pytest.raises(NotFound):
        role(session, other, group)


def test_another_accounts_role_is_not_found(session, account, group, ann, make_account):
    mine = role(session, account, group)
    other = make_account()
    for call in (lambda: update_role(session, mine.id, RoleFields(title="x", started_on=TODAY), owner=other),
                 lambda: end_role(session, mine.id, TODAY, owner=other),
                 lambda: delete_role(session, mine.id, owner=other),
                 lambda: roles_of_person(session, ann.id, owner=other)):
        with pytest.raises(NotFound):
            call()


def test_end_role_sets_the_end_and_refuses_one_before_the_start(session, account, group):
    held = role(session, account, group, start=date(2021, 3, 1))
    with pytest.raises(Invalid) as caught:
        end_role(session, held.id, date(2021, 2, 28), owner=account)
    assert "ended_on" in caught.value.field_errors
    assert end_role(session, held.id, date(2023, 3, 1), owner=account).ended_on == date(2023, 3, 1)


def test_update_role_can_hand_it_to_someone_else(session, account, group, ann):
    held = role(session, account, group, "chair")
    update_role(session, held.id, RoleFields(title="Chair", started_on=date(2021, 1, 1), person_id=ann.id),
                owner=account)
    assert held.person == ann and held.title == "Chair"


def test_timeline_lists_only_my_roles_in_date_order_marking_current(session, account, group, ann):
    board = create_group(session, GroupFields(name="Board", kind="board"), owner=account)
    role(session, account, group, "member", date(2020, 2, 1), date(2021, 12, 31))
    role(session, account, board, "treasurer", date(2022, 1, 1))
    role(session, account, group, "chair", date(2022, 1, 1), date(2023, 1, 1))
    role(session, account, group, "lead", date(2025, 1, 1))
    role(session, account, group, "secretary", date(2020, 1, 1), person_id=ann.id)
    timeline = my_roles_timeline(session, owner=account, today=TODAY)
    assert [(e.role.title, e.is_current) for e in timeline] == [
        ("member", False), ("chair", False), ("treasurer", True), ("lead", False)]
    assert timeline[-1].is_upcoming and timeline[1].group_id == group.id


def test_roles_of_person_current_first(session, account, group, ann):
    role(session, account, group, "member", date(2020, 2, 1), date(2021, 12, 31), person_id=ann.id)
    role(session, account, group, "chair", date(2022, 1, 1), person_id=ann.id)
    role(session, account, group, "treasurer", date(2023, 1, 1), date(2023, 12, 31), person_id=ann.id)
    role(session, account, group, "mine", date(2022, 1, 1))
    titles = [r.title for r in roles_of_person(session, ann.id, owner=account, today=TODAY)]
    assert titles == ["chair", "treasurer", "member"]


class Recorder:
    """A plugin that remembers the group and role hooks it saw."""

    def __init__(self):
        self.calls = []

    @hookimpl
    def group_created(self, group, owner):
        self.calls.append(("group_created", group.id))

    @hookimpl
    def role_added(self, role, owner):
        self.calls.append(("role_added", role.group_id, role.person_id))

    @hookimpl
    def role_updated(self, role):
        self.calls.append(("role_updated", role.id, role.ended_on))

    @hookimpl
    def role_deleted(self, role_id, group_id):
        self.calls.append(("role_deleted", role_id, group_id))

    @hookimpl
    def group_updated(self, group, owner):
        self.calls.append(("group_updated", group.name))

    @hookimpl
    def group_deleted(self, group_id):
        self.calls.append(("group_deleted", group_id))


def test_group_and_role_hooks_fire_with_ids(app, session, account):
    recorder = Recorder()
    app.extensions["netevents.plugins"].register(recorder)
    group = create_group(session, GroupFields(name="Task force", kind="task_force"), owner=account)
    held = role(session, account, group, start=date(2024, 1, 1))
    end_role(session, held.id, date(2024, 6, 30), owner=account)
    delete_role(session, held.id, owner=account)
    update_group(session, group.id, GroupFields(name="Renamed task force", kind="task_force"), owner=account)
    group_id = group.id
    delete_group(session, group_id, owner=account)
    assert recorder.calls == [("group_created", group_id), ("role_added", group_id, None),
                              ("role_updated", held.id, date(2024, 6, 30)), ("role_deleted", held.id, group_id),
                              ("group_updated", "Renamed task force"), ("group_deleted", group_id)]


def test_every_bad_field_is_reported_at_once(session, account, group):
    with pytest.raises(Invalid) as caught:
        role(session, account, group, title="", start=date(2022, 5, 1), end=date(2022, 4, 30), person_name="Zed")
    assert set(caught.value.field_errors) == {"title", "ended_on", "person_name"}


def test_role_dates_outside_the_years_netevents_handles_are_field_errors(session, account, group):
    with pytest.raises(Invalid) as error:
        add_role(session, group.id, RoleFields(title="chair", started_on=date(2021, 1, 1),
                                               ended_on=date(9999, 12, 31)), owner=account)
    assert "ended_on" in error.value.field_errors
    role = add_role(session, group.id, RoleFields(title="chair", started_on=date(2021, 1, 1)), owner=account)
    with pytest.raises(Invalid) as error:
        end_role(session, role.id, date(9999, 12, 31), owner=account)
    assert "ended_on" in error.value.field_errors and role.ended_on is None
