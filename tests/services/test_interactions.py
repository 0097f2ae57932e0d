"""Interactions: one entry for many people, history per person, days with contact, hooks and ownership."""
from datetime import date, datetime, timedelta, timezone

import pytest

from netevents import hookimpl
from netevents.errors import Invalid, NotFound
from netevents.services import clock
from netevents.services.favors import FavorFields
from netevents.services.interactions import (InteractionFields, delete_interaction, get_interaction,
                                             interaction_days, interactions_of_person, last_contact_dates,
                                             list_interactions, log_interaction, update_interaction)
from netevents.services.people import PersonFields, create_person


def add(session, owner, name):
    """Create a person through the people service."""
    return create_person(session, PersonFields(display_name=name), owner=owner)


class Recorder:
    """A plugin that remembers the notifications it receives."""

    def __init__(self):
        self.calls = []

    @hookimpl
    def interaction_logged(self, interaction, owner):
        self.calls.append(("interaction", interaction.id, owner.id))

    @hookimpl
    def favor_logged(self, favor, owner):
        self.calls.append(("favor", favor.id, favor.interaction_id))


def test_dinner_with_five_people_is_logged_once(session, account):
    guests = [add(session, account, name) for name in ["Ann", "Bo", "Cy", "Di", "Ed"]]
    dinner = log_interaction(session, InteractionFields(person_ids=[p.id for p in guests], channel="in_person",
                                                        summary="Dinner at Luigi's", occurred_on=date(2024, 5, 3)),
                             owner=account)
    assert [p.display_name for p in dinner.people] == ["Ann", "Bo", "Cy", "Di", "Ed"]
    assert list_interactions(session, owner=account).total == 1
    for guest in guests:
        assert interactions_of_person(session, guest.id, owner=account) == [dinner]
    assert interaction_days(session, owner=account, start=date(2024, 5, 1), end=date(2024, 5, 31)) == {
        date(2024, 5, 3): 1}


def test_date_defaults_to_today_and_repeated_people_count_once(session, account):
    ann = add(session, account, "Ann")
    call = log_interaction(session, InteractionFields(person_ids=[ann.id, ann.id], channel="call"), owner=account)
    assert call.occurred_on == clock.local_today(account)
    assert call.people == [ann] and call.title == "Call"


def test_logging_fires_hooks_after_flush(app, session, account):
    recorder = Recorder()
    app.extensions["netevents.plugins"].register(recorder)
    ann = add(session, account, "Ann")
    coffee = log_interaction(session, InteractionFields(person_ids=[ann.id]),
                             [FavorFields(direction="received", kind="advice")], owner=account)
    assert recorder.calls == [("interaction", coffee.id, account.id), ("favor", coffee.favors[0].id, coffee.id)]


@pytest.mark.parametrize("fields, error_field", [
    (dict(person_ids=[]), "person_ids"),
    (dict(channel="carrier pigeon"), "channel"),
    (dict(occurred_on=date.today() + timedelta(days=3)), "occurred_on"),
    (dict(occurred_on=date(1850, 1, 1)), "occurred_on"),
    (dict(summary="x" * 201), "summary"),
])
def test_bad_input_is_refused_with_field_errors(session, account, fields, error_field):
    ann = add(session, account, "Ann")
    with pytest.raises(Invalid) as caught:
        log_interaction(session, InteractionFields(**{"person_ids": [ann.id], **fields}), owner=account)
    assert error_field in caught.value.field_errors
    assert list_interactions(session, owner=account).total == 0


def test_favor_with_several_people_needs_a_person_from_the_interaction(session, account):
    ann, bo, stranger = add(session, account, "Ann"), add(session, account, "Bo"), add(session, account, "Cy")
    fields = InteractionFields(person_ids=[ann.id, bo.id])
    with pytest.raises(Invalid) as caught:
        log_interaction(session, fields, [FavorFields(direction="given")], owner=account)
    assert "favor_person" in caught.value.field_errors
    with pytest.raises(Invalid) as caught:
        log_interaction(session, fields, [FavorFields(direction="given", person_id=stranger.id)], owner=account)
    assert "not part of this interaction" in caught.value.field_errors["favor_person"]
    with pytest.raises(Invalid) as caught:
        log_interaction(session, fields, [FavorFields(direction="sideways", person_id=bo.id)], owner=account)
    assert "favor_direction" in caught.value.field_errors
    logged = log_interaction(session, fields, [FavorFields(direction="given", kind="referral", person_id=bo.id)],
                             owner=account)
    assert [(f.person, f.kind.value, f.occurred_on) for f in logged.favors] == [(bo, "referral", logged.occurred_on)]


def test_update_changes_people_and_moves_favors_with_the_date(session, account):
    ann, bo = add(session, account, "Ann"), add(session, account, "Bo")
    lunch = log_interaction(session, InteractionFields(person_ids=[ann.id, bo.id], occurred_on=date(2024, 1, 5)),
                            [FavorFields(direction="received", person_id=ann.id)], owner=account)
    with pytest.raises(Invalid) as caught, session.begin_nested():
        update_interaction(session, lunch.id, InteractionFields(person_ids=[bo.id]), owner=account)
    assert "delete the favor first" in caught.value.field_errors["person_ids"]
    updated = update_interaction(session, lunch.id, InteractionFields(person_ids=[ann.id], occurred_on=date(2024, 1, 4),
                                                                      channel="video", notes="moved online"),
                                 [FavorFields(direction="given", kind="review")], owner=account)
    assert updated.people == [ann] and updated.channel.value == "video"
    assert [(f.direction.value, f.occurred_on) for f in updated.favors] == [
        ("received", date(2024, 1, 4)), ("given", date(2024, 1, 4))]
    assert interactions_of_person(session, bo.id, owner=account) == []


def test_delete_removes_the_interaction_and_its_favors(session, account):
    ann = add(session, account, "Ann")
    chat = log_interaction(session, InteractionFields(person_ids=[ann.id]), [FavorFields(direction="given")],
                           owner=account)
    delete_interaction(session, chat.id, owner=account)
    assert list_interactions(session, owner=account).total == 0
    from netevents.services.favors import favor_balance
    assert favor_balance(session, ann.id, owner=account).history == []


def test_list_is_newest_first_paginated_and_filtered(session, account):
    ann, bo = add(session, account, "Ann"), add(session, account, "Bo")
    for day in range(1, 8):
        who = ann if day % 2 else bo
        log_interaction(session, InteractionFields(person_ids=[who.id], occurred_on=date(2024, 2, day),
                                                   channel="email" if day > 5 else "call"), owner=account)
    first = list_interactions(session, owner=account, per_page=3)
    assert (first.total, first.pages) == (7, 3)
    assert [i.occurred_on.day for i in first.items] == [7, 6, 5]
    last = list_interactions(session, owner=account, per_page=3, page=99)
    assert last.page == 3 and [i.occurred_on.day for i in last.items] == [1]
    assert [i.occurred_on.day for i in list_interactions(session, owner=account, person_id=bo.id).items] == [6, 4, 2]
    assert [i.occurred_on.day for i in list_interactions(session, owner=account, channel="email").items] == [7, 6]
    with pytest.raises(Invalid):
        list_interactions(session, owner=account, channel="fax")
    assert last_contact_dates(session, owner=account) == {ann.id: date(2024, 2, 7), bo.id: date(2024, 2, 6)}


def test_interaction_days_counts_per_local_date(session, account):
    ann = add(session, account, "Ann")
    for day in (3, 3, 4, 9):
        log_interaction(session, InteractionFields(person_ids=[ann.id], occurred_on=date(2024, 3, day)), owner=account)
    assert interaction_days(session, owner=account, start=date(2024, 3, 3), end=date(2024, 3, 8)) == {
        date(2024, 3, 3): 2, date(2024, 3, 4): 1}


def test_today_is_the_accounts_local_day(session, make_account, monkeypatch):
    monkeypatch.setattr(clock, "utcnow", lambda: datetime(2024, 3, 10, 11, 30, tzinfo=timezone.utc))
    auckland, honolulu = make_account(), make_account()
    auckland.timezone, honolulu.timezone = "Pacific/Auckland", "Pacific/Honolulu"
    kiwi, islander = add(session, auckland, "Kiri"), add(session, honolulu, "Keoni")
    in_auckland = log_interaction(session, InteractionFields(person_ids=[kiwi.id]), owner=auckland)
    in_honolulu = log_interaction(session, InteractionFields(person_ids=[islander.id]), owner=honolulu)
    assert (in_auckland.occurred_on, in_honolulu.occurred_on) == (date(2024, 3, 11), date(2024, 3, 10))
    with pytest.raises(Invalid):  # 11 March is still tomorrow in Honolulu
        log_interaction(session, InteractionFields(person_ids=[islander.id], occurred_on=date(2024, 3, 11)),
                        owner=honolulu)


def test_other_accounts_people_and_interactions_are_not_found(session, account, make_account):
    other = make_account()
    theirs = add(session, other, "Their contact")
    mine = add(session, account, "Ann")
    with pytest.raises(NotFound):
        log_interaction(session, InteractionFields(person_ids=[mine.id, theirs.id]), owner=account)
    their_chat = log_interaction(session, InteractionFields(person_ids=[theirs.id]), owner=other)
    for attempt in (lambda: get_interaction(session, their_chat.id, owner=account),
                    lambda: update_interaction(session, their_chat.id, InteractionFields(person_ids=[mine.id]),
                                               owner=account),
                    lambda: delete_interaction(session, their_chat.id, owner=account),
                    lambda: interactions_of_person(session, theirs.id, owner=account),
                    lambda: list_interactions(session, owner=account, person_id=theirs.id)):
        with pytest.raises(NotFound):
            attempt()
    assert list_interactions(session, owner=account).total == 0
    assert interaction_days(session, owner=account, start=date(2000, 1, 1), end=date(2100, 1, 1)) == {}
