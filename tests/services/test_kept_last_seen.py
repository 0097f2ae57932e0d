"""The kept last-seen date: whatever the services do, it is what a recomputation from the records gives."""
import random
from datetime import date, timedelta

from sqlalchemy import func, select

from netevents.models import Encounter, Interaction, Person
from netevents.models.interactions import interaction_person
from netevents.services.clock import local_date
from netevents.services.encounters import (EncounterFields, delete_encounter, log_encounter,
                                           update_encounter)
from netevents.services.interactions import (InteractionFields, delete_interaction, log_interaction,
                                             update_interaction)
from netevents.services.merge import merge_people
from netevents.services.people import PersonFields, create_person, delete_person
from netevents.services.stay_in_touch import refresh_account
from netevents.services.suggestions import _out_of_touch

START = date(2025, 1, 1)


def kept(session, account) -> dict:
    """Every person's kept last-seen date."""
    return dict(session.execute(select(Person.id, Person.last_seen_on).where(Person.owner_id == account.id)).all())


def recomputed(session, account) -> dict:
    """The latest interaction or encounter of each person, else the local date they were added."""
    talked = dict(session.execute(select(interaction_person.c.person_id, func.max(Interaction.occurred_on))
                                  .join(Interaction).where(Interaction.owner_id == account.id)
                                  .group_by(interaction_person.c.person_id)).all())
    met = dict(session.execute(select(Encounter.person_id, func.max(Encounter.met_on))
                               .where(Encounter.owner_id == account.id).group_by(Encounter.person_id)).all())
    people = session.execute(select(Person.id, Person.created_at).where(Person.owner_id == account.id))
    return {person_id: max([day for day in (talked.get(person_id), met.get(person_id)) if day],
                           default=local_date(added, account)) for person_id, added in people}


def _day(rng: random.Random) -> date:
    return START + timedelta(days=rng.randrange(400))


def _step(session, account, rng, people, interactions, encounters) -> str:
    """One random change through the services; return its name."""
    action = rng.choice(["person", "talk", "talk", "retalk", "untalk", "meet", "meet", "remeet", "unmeet",
                         "merge", "delete"])
    if action == "person" or len(people) < 4:
        people.append(create_person(session, PersonFields(display_name=f"P{rng.random()}"), owner=account).id)
    elif action == "talk":
        fields = InteractionFields(person_ids=rng.sample(people, rng.randint(1, 3)), occurred_on=_day(rng))
        interactions.append(log_interaction(session, fields, owner=account).id)
    elif action == "retalk" and interactions:
        fields = InteractionFields(person_ids=rng.sample(people, rng.randint(1, 2)), occurred_on=_day(rng))
        update_interaction(session, rng.choice(interactions), fields, owner=account)
    elif action == "untalk" and interactions:
        delete_interaction(session, interactions.pop(rng.randrange(len(interactions))), owner=account)
    elif action == "meet":
        fields = EncounterFields(person_id=rng.choice(people), met_on=_day(rng))
        encounters.append(log_encounter(session, fields, owner=account).id)
    elif action == "remeet" and encounters:
        fields = EncounterFields(person_id=rng.choice(people), met_on=_day(rng))
        update_encounter(session, rng.choice(encounters), fields, owner=account)
    elif action == "unmeet" and encounters:
        delete_encounter(session, encounters.pop(rng.randrange(len(encounters))), owner=account)
    elif action == "merge":
        survivor, merged = rng.sample(people, 2)
        merge_people(session, survivor, merged, owner=account)
        people.remove(merged)
    elif action == "delete":
        delete_person(session, people.pop(rng.randrange(len(people))), owner=account)
    _forget_gone(session, account, interactions, encounters)
    return action


def _forget_gone(session, account, interactions, encounters) -> None:
    """Drop the ids of records a merge or a deletion took with it."""
    alive = set(session.scalars(select(Interaction.id).where(Interaction.owner_id == account.id)))
    interactions[:] = [i for i in interactions if i in alive]
    alive = set(session.scalars(select(Encounter.id).where(Encounter.owner_id == account.id)))
    encounters[:] = [e for e in encounters if e in alive]


def test_random_edits_keep_the_date_a_recomputation_gives(session, account):
    rng = random.Random(9)
    people = [create_person(session, PersonFields(display_name=f"P{n}"), owner=account).id for n in range(8)]
    interactions, encounters = [], []
    for step in range(60):
        action = _step(session, account, rng, people, interactions, encounters)
        assert kept(session, account) == recomputed(session, account), f"after step {step}: {action}"
    assert len(set(kept(session, account).values())) > 2


def test_refresh_account_fills_what_bulk_paths_left_empty(session, account):
    people = [create_person(session, PersonFields(display_name=name), owner=account) for name in ("Ann", "Bo")]
    log_encounter(session, EncounterFields(person_id=people[0].id, met_on=START), owner=account)
    session.execute(Person.__table__.update().values(last_seen_on=None))
    refresh_account(session, owner=account)
    assert kept(session, account) == recomputed(session, account)


def test_silent_longest_is_read_along_the_index(session, account):
    if session.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL's choice depends on its statistics; benchmarks/query_plans.py shows it
    statement = _out_of_touch(account).limit(7).compile(session.get_bind())
    rows = session.connection().exec_driver_sql(
        "EXPLAIN QUERY PLAN " + str(statement), tuple(statement.params[key] for key in statement.positiontup)).all()
    details = " ".join(row[-1] for row in rows)
    assert "ix_person_owner_last_seen" in details and "TEMP B-TREE" not in details


def test_silent_longest_counts_encounters_and_words_the_reason(session, account):
    from netevents.services.clock import local_today
    from netevents.services.suggestions import _silent

    today = local_today(account)
    ann, bo, cy = (create_person(session, PersonFields(display_name=name), owner=account)
                   for name in ("Ann", "Bo", "Cy"))
    planned = today + timedelta(days=10)
    log_encounter(session, EncounterFields(person_id=ann.id, met_on=date(2020, 1, 1)), owner=account)
    log_encounter(session, EncounterFields(person_id=cy.id, met_on=planned), owner=account)
    reasons = {s.person.display_name: s.reason for s in _silent(session, account, today, [], 3)}
    assert list(reasons) == ["Ann", "Bo", "Cy"]  # a planned meeting counts as seen: not silent
    assert reasons["Ann"] == "You haven't been in touch since January 2020"
    assert reasons["Bo"] == "You added Bo today and haven't been in touch yet"
    assert reasons["Cy"] == f"You plan to meet Cy on {planned:%B} {planned.day}"
