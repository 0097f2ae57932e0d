"""Follow-ups: the board, done and reopen, snoozing (never into the past), editing and ownership."""
from datetime import date

import pytest

from netevents import hookimpl
from netevents.errors import Invalid, NotFound
from netevents.services.followups import (create_followup, delete_followup, due_followups, followups_of_person,
                                          get_followup, mark_followup_done, mark_followups_done, open_followups,
                                          open_followups_with, reopen_followup, snooze_followup, update_followup)
from netevents.services.interactions import InteractionFields, log_interaction
from netevents.services.people import PersonFields, create_person

TODAY = date(2024, 6, 10)


def add(session, owner, name="Ann"):
    """Create a person through the people service."""
    return create_person(session, PersonFields(display_name=name), owner=owner)


def test_board_splits_open_followups_by_due_date(session, account):
    ann, bo = add(session, account), add(session, account, "Bo")
    late = create_followup(session, ann.id, date(2024, 6, 1), "send slides", owner=account)
    later = create_followup(session, bo.id, date(2024, 6, 20), owner=account)
    now = create_followup(session, bo.id, TODAY, "call back", owner=account)
    done = create_followup(session, ann.id, date(2024, 6, 5), owner=account)
    mark_followup_done(session, done.id, owner=account)
    board = open_followups(session, owner=account, today=TODAY)
    assert (board.overdue, board.today, board.upcoming, board.done) == ([late], [now], [later], [done])
    assert due_followups(session, owner=account, today=TODAY) == [late, now]
    assert followups_of_person(session, bo.id, owner=account) == [now, later]


def test_done_fires_hook_once_and_reopen_brings_it_back(app, session, account):
    seen = []

    class Plugin:
        @hookimpl
        def followup_done(self, followup, owner):
            seen.append((followup.id, owner.id))

    app.extensions["netevents.plugins"].register(Plugin())
    followup = create_followup(session, add(session, account).id, TODAY, owner=account)
    mark_followup_done(session, followup.id, owner=account)
    mark_followup_done(session, followup.id, owner=account)
    assert followup.is_done and seen == [(followup.id, account.id)]
    assert due_followups(session, owner=account, today=TODAY) == []
    reopen_followup(session, followup.id, owner=account)
    assert not followup.is_done and due_followups(session, owner=account, today=TODAY) == [followup]


@pytest.mark.parametrize("due, days, expected", [
    (date(2024, 5, 1), 1, date(2024, 6, 11)),     # overdue: counts from today, not from the old date
    (TODAY, 7, date(2024, 6, 17)),
    (date(2024, 6, 15), 7, date(2024, 6, 22)),   # upcoming: pushed further out
])
def test_snooze_by_days_never_lands_in_the_past(session, account, due, days, expected):
    followup = create_followup(session, add(session, account).id, due, owner=account)
    snooze_followup(session, followup.id, owner=account, today=TODAY, days=days)
    assert (followup.due_on, followup.snoozed_times) == (expected, 1)


def test_snooze_to_a_date(session, account):
    followup = create_followup(session, add(session, account).id, date(2024, 5, 1), owner=account)
    snooze_followup(session, followup.id, owner=account, today=TODAY, until=date(2024, 7, 1))
    assert followup.due_on == date(2024, 7, 1)
    for bad in (dict(until=date(2024, 6, 9)), dict(days=0), dict(days=400), dict(), dict(days=1, until=TODAY)):
        with pytest.raises(Invalid) as caught:
            snooze_followup(session, followup.id, owner=account, today=TODAY, **bad)
        assert set(caught.value.field_errors) & {"until", "days"}
    assert (followup.due_on, followup.snoozed_times) == (date(2024, 7, 1), 1)
    mark_followup_done(session, followup.id, owner=account)
    with pytest.raises(Invalid):
        snooze_followup(session, followup.id, owner=account, today=TODAY, days=1)


def test_edit_and_delete(session, account):
    followup = create_followup(session, add(session, account).id, TODAY, "old", owner=account)
    update_followup(session, followup.id, date(2024, 6, 12), "  new note ", owner=account)
    assert (followup.due_on, followup.note) == (date(2024, 6, 12), "new note")
    with pytest.raises(Invalid) as caught:
        update_followup(session, followup.id, None, "x", owner=account)
    assert "due_on" in caught.value.field_errors
    delete_followup(session, followup.id, owner=account)
    with pytest.raises(NotFound):
        get_followup(session, followup.id, owner=account)


def test_other_accounts_followups_are_not_found(session, account, make_account):
    other = make_account()
    theirs = add(session, other, "Theirs")
    their_followup = create_followup(session, theirs.id, TODAY, owner=other)
    with pytest.raises(NotFound):
        create_followup(session, theirs.id, TODAY, owner=account)
    for action in (mark_followup_done, reopen_followup, delete_followup, get_followup):
        with pytest.raises(NotFound):
            action(session, their_followup.id, owner=account)
    with pytest.raises(NotFound):
        snooze_followup(session, their_followup.id, owner=account, today=TODAY, days=1)
    with pytest.raises(NotFound):
        update_followup(session, their_followup.id, TODAY, "", owner=account)
    with pytest.raises(NotFound):
        followups_of_person(session, theirs.id, owner=account)
    assert due_followups(session, owner=account, today=TODAY) == [] and not their_followup.is_done


def test_due_dates_outside_the_years_netevents_handles_are_field_errors(session, account):
    ann = add(session, account)
    with pytest.raises(Invalid) as error:
        create_followup(session, ann.id, date(9999, 12, 31), owner=account)
    assert "due_on" in error.value.field_errors
    followup = create_followup(session, ann.id, TODAY, owner=account)
    with pytest.raises(Invalid) as error:
        update_followup(session, followup.id, date(1, 1, 1), "", owner=account)
    assert "due_on" in error.value.field_errors
    with pytest.raises(Invalid) as error:
        snooze_followup(session, followup.id, owner=account, today=TODAY, until=date(9999, 12, 31))
    assert "until" in error.value.field_errors and followup.due_on == TODAY


def test_marking_several_done_fires_the_hook_once_each(app, session, account):
    seen = []

    class Plugin:
        @hookimpl
        def followup_done(self, followup):
            seen.append(followup.id)

    app.extensions["netevents.plugins"].register(Plugin())
    ann, bo = add(session, account), add(session, account, "Bo")
    first, second = (create_followup(session, p.id, TODAY, owner=account) for p in (ann, bo))
    mark_followup_done(session, first.id, owner=account)
    assert mark_followups_done(session, [first.id, second.id, second.id], owner=account) == [first, second]
    assert seen == [first.id, second.id] and first.is_done and second.is_done


def test_marking_several_done_is_all_or_nothing_and_owned(session, account, make_account):
    ann = add(session, account)
    mine = create_followup(session, ann.id, TODAY, owner=account)
    other = make_account()
    theirs = create_followup(session, add(session, other, "Zed").id, TODAY, owner=other)
    with pytest.raises(NotFound):
        mark_followups_done(session, [mine.id, theirs.id], owner=account)
    assert not mine.is_done
    with pytest.raises(Invalid):
        mark_followups_done(session, list(range(1, 500)), owner=account)


def test_an_interaction_closes_only_its_peoples_followups(session, account):
    ann, bo = add(session, account), add(session, account, "Bo")
    with_ann, with_bo = (create_followup(session, p.id, TODAY, owner=account) for p in (ann, bo))
    assert open_followups_with(session, [ann.id], owner=account) == [with_ann]
    with pytest.raises(Invalid, match="not about anyone in this interaction"):
        log_interaction(session, InteractionFields(person_ids=[ann.id], occurred_on=TODAY), owner=account,
                        done_followup_ids=[with_bo.id])
    log_interaction(session, InteractionFields(person_ids=[ann.id], occurred_on=TODAY), owner=account,
                    done_followup_ids=[with_ann.id])
    assert with_ann.is_done and not with_bo.is_done
