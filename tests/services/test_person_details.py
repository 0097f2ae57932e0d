"""Important dates and relationships: validation, yearly occurrences, both directions, merges, privacy."""
from datetime import date

import pytest

from netevents.errors import Conflict, Invalid, NotFound
from netevents.models import ImportantDate, PersonRelation
from netevents.services.merge import merge_people, merge_preview
from netevents.services.people import PersonFields, create_person
from netevents.services.person_details import (DateFields, RelationFields, add_important_date, add_relationship,
                                               clear_introducer, delete_relationship, important_dates_between,
                                               important_dates_of, next_occurrence, relationships_of, reports_of,
                                               update_important_date)


def add(session, owner, name, **fields):
    return create_person(session, PersonFields(display_name=name, **fields), owner=owner)


def test_a_birthday_without_year_and_an_anniversary_with_one(session, account):
    ann = add(session, account, "Ann")
    add_important_date(session, ann.id, DateFields("birthday", month=7, day=14), owner=account)
    add_important_date(session, ann.id, DateFields("work_anniversary", month=3, day=1, year=2015), owner=account)
    first, second = important_dates_of(session, ann.id, owner=account, today=date(2026, 5, 1))
    assert (first.important.title, first.on, first.years) == ("Birthday", date(2026, 7, 14), None)
    assert (second.important.title, second.on, second.years) == ("Work anniversary", date(2027, 3, 1), 12)


@pytest.mark.parametrize("fields, field", [
    (DateFields("birthday", month=2, day=30), "day"),
    (DateFields("birthday", month=2, day=29, year=2023), "day"),
    (DateFields("birthday", month=13, day=1), "month"),
    (DateFields("birthday", month=None, day=1), "month"),
    (DateFields("birthday", month=1, day=1, year=1800), "year"),
    (DateFields("custom", month=1, day=1), "label"),
    (DateFields("saint's day", month=1, day=1), "kind"),
])
def test_impossible_dates_are_refused_on_their_field(session, account, fields, field):
    ann = add(session, account, "Ann")
    with pytest.raises(Invalid) as caught:
        add_important_date(session, ann.id, fields, owner=account)
    assert field in caught.value.field_errors


def test_one_birthday_per_person_but_named_custom_dates(session, account):
    ann = add(session, account, "Ann")
    add_important_date(session, ann.id, DateFields("birthday", month=1, day=2), owner=account)
    with pytest.raises(Conflict):
        add_important_date(session, ann.id, DateFields("birthday", month=5, day=6), owner=account)
    for label in ("Wedding anniversary", "Name day"):
        add_important_date(session, ann.id, DateFields("custom", month=9, day=9, label=label), owner=account)
    assert session.query(ImportantDate).filter_by(person_id=ann.id).count() == 3


def test_leap_day_birthdays_fall_on_the_28th_in_other_years(session, account):
    ann = add(session, account, "Ann")
    leap = add_important_date(session, ann.id, DateFields("birthday", month=2, day=29, year=2000), owner=account)
    assert next_occurrence(leap, date(2027, 1, 1)) == date(2027, 2, 28)
    assert next_occurrence(leap, date(2028, 1, 1)) == date(2028, 2, 29)


def test_dates_between_span_the_new_year_for_a_calendar(session, account, make_account):
    ann, bo = add(session, account, "Ann"), add(session, account, "Bo")
    add_important_date(session, ann.id, DateFields("birthday", month=12, day=30, year=1990), owner=account)
    add_important_date(session, bo.id, DateFields("birthday", month=1, day=3), owner=account)
    add_important_date(session, bo.id, DateFields("work_anniversary", month=6, day=1), owner=account)
    found = important_dates_between(session, date(2026, 12, 20), date(2027, 1, 10), owner=account)
    assert [(o.person.display_name, o.on, o.years) for o in found] == [
        ("Ann", date(2026, 12, 30), 36), ("Bo", date(2027, 1, 3), None)]
    assert important_dates_between(session, date(2026, 12, 20), date(2027, 1, 10), owner=make_account()) == []
    with pytest.raises(Invalid):
        important_dates_between(session, date(2026, 1, 1), date(2027, 6, 1), owner=account)


def test_relationships_read_both_ways_and_introducer_is_the_person_field(session, account):
    ann, bo, cy = add(session, account, "Ann"), add(session, account, "Bo"), add(session, account, "Cy")
    add_relationship(session, ann.id, RelationFields("reports_to", other_id=bo.id), owner=account)
    add_relationship(session, cy.id, RelationFields("mentor_of", other_name="ann"), owner=account)
    assert add_relationship(session, ann.id, RelationFields("introduced_by", other_id=cy.id), owner=account) is None
    assert ann.introduced_by is cy and session.query(PersonRelation).count() == 2
    lines = [(r.person.display_name, r.phrase, r.other.display_name) for r in relationships_of(
        session, ann.id, owner=account)]
    assert lines == [("Ann", "introduced by", "Cy"), ("Ann", "reports to", "Bo"), ("Cy", "mentor of", "Ann")]
    clear_introducer(session, ann.id, owner=account)
    assert ann.introduced_by is None


def test_a_leaders_reports_for_the_visibility_plugin(session, account):
    boss = add(session, account, "Zoe Boss")
    team = [add(session, account, name) for name in ("Ann", "Bo")]
    for member in team:
        add_relationship(session, member.id, RelationFields("reports_to", other_id=boss.id), owner=account)
    add_relationship(session, boss.id, RelationFields("works_with", other_id=team[0].id), owner=account)
    assert reports_of(session, boss.id, owner=account) == team


def test_works_with_is_one_row_from_either_side(session, account):
    ann, bo = add(session, account, "Ann"), add(session, account, "Bo")
    add_relationship(session, ann.id, RelationFields("works_with", other_id=bo.id), owner=account)
    with pytest.raises(Conflict):
        add_relationship(session, bo.id, RelationFields("works_with", other_id=ann.id), owner=account)


@pytest.mark.parametrize("fields, field", [
    (RelationFields("reports_to"), "other_name"),
    (RelationFields("reports_to", other_name="Nobody"), "other_name"),
    (RelationFields("custom", other_name="Bo"), "label"),
    (RelationFields("enemy_of", other_name="Bo"), "kind"),
])
def test_bad_relationships_are_refused_on_their_field(session, account, fields, field):
    ann, _bo = add(session, account, "Ann"), add(session, account, "Bo")
    with pytest.raises(Invalid) as caught:
        add_relationship(session, ann.id, fields, owner=account)
    assert field in caught.value.field_errors


def test_nobody_relates_to_themselves(session, account):
    ann = add(session, account, "Ann")
    with pytest.raises(Invalid):
        add_relationship(session, ann.id, RelationFields("works_with", other_id=ann.id), owner=account)


def test_merging_moves_dates_and_relationships_and_drops_the_pointless(session, account):
    ann, copy, bo = add(session, account, "Ann"), add(session, account, "Ann L."), add(session, account, "Bo")
    add_important_date(session, ann.id, DateFields("birthday", month=1, day=2), owner=account)
    add_important_date(session, copy.id, DateFields("birthday", month=5, day=6), owner=account)
    add_important_date(session, copy.id, DateFields("work_anniversary", month=3, day=3), owner=account)
    add_relationship(session, copy.id, RelationFields("reports_to", other_id=bo.id), owner=account)
    add_relationship(session, ann.id, RelationFields("works_with", other_id=copy.id), owner=account)
    moves = {m.label: (m.moved, m.dropped) for m in merge_preview(session, ann.id, copy.id, owner=account).moves}
    assert moves["important dates"] == (1, 1)
    merge_people(session, ann.id, copy.id, owner=account)
    dates = {o.important.title: o.important.month for o in important_dates_of(session, ann.id, owner=account,
                                                                              today=date(2026, 1, 1))}
    assert dates == {"Birthday": 1, "Work anniversary": 3}  # the survivor's birthday wins
    assert reports_of(session, bo.id, owner=account) == [ann]
    assert [r.phrase for r in relationships_of(session, ann.id, owner=account)] == ["reports to"]


def test_another_accounts_people_and_rows_are_not_found(session, account, make_account):
    other = make_account()
    ann, theirs = add(session, account, "Ann"), add(session, other, "Zed")
    important = add_important_date(session, ann.id, DateFields("birthday", month=1, day=2), owner=account)
    bo = add(session, account, "Bo")
    relation = add_relationship(session, ann.id, RelationFields("reports_to", other_id=bo.id), owner=account)
    with pytest.raises(NotFound):
        add_relationship(session, ann.id, RelationFields("reports_to", other_id=theirs.id), owner=account)
    with pytest.raises(NotFound):
        update_important_date(session, important.id, DateFields("birthday", month=3, day=4), owner=other)
    with pytest.raises(NotFound):
        delete_relationship(session, relation.id, owner=other)
    with pytest.raises(NotFound):
        reports_of(session, ann.id, owner=other)
