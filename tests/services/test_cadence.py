"""Stay-in-touch cadences: the effective cadence, the next due date and who is fading."""
from datetime import date, datetime, timezone

import pytest

from netevents.errors import Invalid, NotFound
from netevents.services.cadence import (effective_cadence, fading_people, set_person_cadence, set_tag_cadence,
                                        stay_in_touch, tags_with_counts)
from netevents.services.followups import create_followup, mark_followup_done
from netevents.services.interactions import InteractionFields, log_interaction
from netevents.services.people import PersonFields, create_person
from netevents.services.stay_in_touch import refresh_stay_in_touch

TODAY = date(2024, 6, 1)
ADDED = datetime(2024, 1, 1, 12, tzinfo=timezone.utc)


def add(session, owner, name, cadence=None, tags=()):
    """Create a person (added on 1 January 2024) through the people service."""
    person = create_person(session, PersonFields(display_name=name, cadence_days=cadence, tags=list(tags)), owner=owner)
    person.created_at = ADDED
    refresh_stay_in_touch(session, [person.id], owner=owner)  # the day added counts for the kept due date
    return person


def met(session, owner, person, day):
    """Log a call with ``person`` on ``day``."""
    log_interaction(session, InteractionFields(person_ids=[person.id], occurred_on=day, channel="call"), owner=owner)


def tag_cadence(session, owner, person, name, days):
    """Give the named tag of ``person`` a default cadence."""
    tag = next(tag for tag in person.tags if tag.name == name)
    set_tag_cadence(session, tag.id, days, owner=owner)


def test_own_cadence_beats_tag_defaults_and_smallest_tag_default_wins(session, account):
    ann = add(session, account, "Ann", tags=["client", "friend"])
    assert effective_cadence(ann) is None
    tag_cadence(session, account, ann, "friend", 90)
    tag_cadence(session, account, ann, "client", 30)
    cadence = effective_cadence(ann)
    assert (cadence.days, cadence.tag.name) == (30, "client") and cadence.source == "tag “client”"
    set_person_cadence(session, ann.id, 200, owner=account)
    assert (effective_cadence(ann).days, effective_cadence(ann).tag) == (200, None)
    set_person_cadence(session, ann.id, None, owner=account)
    assert effective_cadence(ann).days == 30


def test_next_due_counts_from_last_interaction_or_from_when_added(session, account):
    ann, bo = add(session, account, "Ann", cadence=30), add(session, account, "Bo", cadence=30)
    met(session, account, ann, date(2024, 5, 10))
    met(session, account, ann, date(2024, 4, 1))
    status = stay_in_touch(session, ann.id, owner=account, today=TODAY)
    assert (status.last_contact_on, status.due_on, status.days_overdue, status.is_fading) == (
        date(2024, 5, 10), date(2024, 6, 9), -8, False)
    never = stay_in_touch(session, bo.id, owner=account, today=TODAY)
    assert (never.last_contact_on, never.due_on, never.is_fading) == (None, date(2024, 1, 31), True)
    assert stay_in_touch(session, add(session, account, "Cy").id, owner=account, today=TODAY) is None


def test_creation_day_is_the_local_day(session, account):
    account.timezone = "Pacific/Auckland"
    late = add(session, account, "Late", cadence=1)
    late.created_at = datetime(2024, 3, 10, 11, 30, tzinfo=timezone.utc)  # already 11 March in Auckland
    assert stay_in_touch(session, late.id, owner=account, today=TODAY).due_on == date(2024, 3, 12)


def test_fading_lists_people_past_their_cadence_most_overdue_first(session, account):
    ann = add(session, account, "Ann", cadence=30)       # last contact 1 May: due 31 May, 1 day over
    bo = add(session, account, "Bo", tags=["client"])    # tag 60, never contacted: due 1 March, 92 days over
    cy = add(session, account, "Cy", cadence=60)         # last contact 20 May: fine
    add(session, account, "Di")                          # no cadence: never fading
    ed = add(session, account, "Ed", cadence=31)         # contact 1 May, due today: not yet fading
    tag_cadence(session, account, bo, "client", 60)
    met(session, account, ann, date(2024, 5, 1))
    met(session, account, cy, date(2024, 5, 20))
    met(session, account, ed, date(2024, 5, 1))
    fading = fading_people(session, owner=account, today=TODAY)
    assert [(s.person.display_name, s.days_overdue) for s in fading] == [("Bo", 92), ("Ann", 1)]
    assert [s.person.display_name for s in fading_people(session, owner=account, today=TODAY, limit=1)] == ["Bo"]
    met(session, account, bo, date(2024, 5, 31))
    assert [s.person.display_name for s in fading_people(session, owner=account, today=TODAY)] == ["Ann"]


def test_completing_a_followup_is_not_contact(session, account):
    ann = add(session, account, "Ann", cadence=10)
    mark_followup_done(session, create_followup(session, ann.id, TODAY, owner=account).id, owner=account)
    assert [s.person for s in fading_people(session, owner=account, today=TODAY)] == [ann]


def test_cadence_bounds_and_tag_counts(session, account):
    ann = add(session, account, "Ann", tags=["client"])
    add(session, account, "Bo", tags=["client", "board"])
    for days in (0, 5000):
        with pytest.raises(Invalid) as caught:
            set_person_cadence(session, ann.id, days, owner=account)
        assert "cadence_days" in caught.value.field_errors
        with pytest.raises(Invalid):
            set_tag_cadence(session, ann.tags[0].id, days, owner=account)
    counts = [(tag.name, count) for tag, count in tags_with_counts(session, owner=account)]
    assert counts == [("board", 1), ("client", 2)]


def test_other_accounts_people_and_tags_are_not_found(session, account, make_account):
    other = make_account()
    theirs = add(session, other, "Theirs", cadence=1, tags=["vip"])
    with pytest.raises(NotFound):
        set_person_cadence(session, theirs.id, 5, owner=account)
    with pytest.raises(NotFound):
        set_tag_cadence(session, theirs.tags[0].id, 5, owner=account)
    with pytest.raises(NotFound):
        stay_in_touch(session, theirs.id, owner=account, today=TODAY)
    assert fading_people(session, owner=account, today=TODAY) == []
    assert tags_with_counts(session, owner=account) == []
