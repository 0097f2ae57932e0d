"""Favors: balance per person, its history, and where you have taken more than you gave."""
from datetime import date, timedelta

import pytest

from netevents.errors import Invalid, NotFound
from netevents.services.clock import local_today
from netevents.services.favors import (FavorFields, delete_favor, favor_balance, get_favor, log_favor,
                                       reciprocity_list)
from netevents.services.interactions import InteractionFields, log_interaction
from netevents.services.people import PersonFields, create_person


def add(session, owner, name):
    """Create a person through the people service."""
    return create_person(session, PersonFields(display_name=name), owner=owner)


def favor(session, owner, person, direction, day=1, kind="advice"):
    """Record a favor on its own on a day of January 2024."""
    return log_favor(session, FavorFields(direction=direction, kind=kind, person_id=person.id,
                                          occurred_on=date(2024, 1, day)), owner=owner)


def test_balance_is_given_minus_received_with_history_newest_first(session, account):
    ann = add(session, account, "Ann")
    intro = log_interaction(session, InteractionFields(person_ids=[ann.id], occurred_on=date(2024, 1, 10)),
                            [FavorFields(direction="received", kind="introduction", description="to Acme's CTO")],
                            owner=account)
    favor(session, account, ann, "received", day=2)
    favor(session, account, ann, "given", day=5, kind="review")
    balance = favor_balance(session, ann.id, owner=account)
    assert (balance.given, balance.received, balance.balance) == (1, 2, -1)
    assert [(f.occurred_on.day, f.kind.value) for f in balance.history] == [(10, "introduction"), (5, "review"),
                                                                            (2, "advice")]
    assert balance.history[0].interaction == intro and balance.history[0].description == "to Acme's CTO"


def test_reciprocity_lists_only_people_you_owe_largest_imbalance_first(session, account):
    ann, bo, cy, di = (add(session, account, name) for name in ["Ann", "Bo", "Cy", "Di"])
    for direction in ["received", "received", "given"]:
        favor(session, account, ann, direction)          # owe Ann 1
    for _ in range(3):
        favor(session, account, bo, "received")          # owe Bo 3
    favor(session, account, cy, "given")                 # Cy owes you
    favor(session, account, di, "received")              # owe Di 1, same as Ann: by name
    rows = reciprocity_list(session, owner=account)
    assert [(row.person.display_name, row.balance) for row in rows] == [("Bo", -3), ("Ann", -1), ("Di", -1)]
    assert [row.person.display_name for row in reciprocity_list(session, owner=account, limit=1)] == ["Bo"]


def test_bad_favors_are_refused(session, account):
    ann = add(session, account, "Ann")
    with pytest.raises(Invalid) as caught:
        log_favor(session, FavorFields(direction="given", kind="bribe", person_id=ann.id, occurred_on=date(2024, 1, 1)),
                  owner=account)
    assert "kind" in caught.value.field_errors
    with pytest.raises(Invalid) as caught:
        log_favor(session, FavorFields(direction="given", person_id=ann.id,
                                       occurred_on=local_today(account) + timedelta(days=2)), owner=account)
    assert "occurred_on" in caught.value.field_errors
    with pytest.raises(Invalid) as caught:
        log_favor(session, FavorFields(direction="given", occurred_on=date(2024, 1, 1)), owner=account)
    assert "person" in caught.value.field_errors


def test_deleting_a_favor_changes_the_balance(session, account):
    ann = add(session, account, "Ann")
    chat = log_interaction(session, InteractionFields(person_ids=[ann.id]), [FavorFields(direction="received")],
                           owner=account)
    delete_favor(session, chat.favors[0].id, owner=account)
    assert favor_balance(session, ann.id, owner=account).received == 0
    assert chat.favors == []


def test_other_accounts_favors_are_invisible(session, account, make_account):
    other = make_account()
    theirs = add(session, other, "Theirs")
    their_favor = favor(session, other, theirs, "received")
    with pytest.raises(NotFound):
        get_favor(session, their_favor.id, owner=account)
    with pytest.raises(NotFound):
        delete_favor(session, their_favor.id, owner=account)
    with pytest.raises(NotFound):
        favor_balance(session, theirs.id, owner=account)
    with pytest.raises(NotFound):
        favor(session, account, theirs, "given")
    assert reciprocity_list(session, owner=account) == []


def test_a_favor_dated_before_1900_is_a_field_error(session, account):
    ann = add(session, account, "Ann")
    with pytest.raises(Invalid) as error:
        log_favor(session, FavorFields(direction="given", person_id=ann.id, occurred_on=date(1, 1, 1)), owner=account)
    assert "occurred_on" in error.value.field_errors
