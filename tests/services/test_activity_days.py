"""The kept networking days (activity_day): equal to counting interactions and encounters, whatever writes them."""
import random
from datetime import date, timedelta

from sqlalchemy import delete, select, update

from netevents.models import ActivityDay, Encounter, Interaction
from netevents.services.bulk import insert_rows
from netevents.services.dashboard import activity_days
from netevents.services.encounters import EncounterFields, delete_encounter, encounter_days, log_encounter
from netevents.services.encounters import update_encounter
from netevents.services.interactions import InteractionFields, delete_interaction, interaction_days, log_interaction
from netevents.services.interactions import update_interaction
from netevents.services.merge import merge_people
from netevents.services.people import PersonFields, create_person, delete_person

START, END = date(2026, 1, 1), date(2026, 1, 20)


def counted(session, owner) -> dict[date, int]:
    """The days counted from the records themselves, as the dashboard did before the table was kept."""
    days = dict(interaction_days(session, owner=owner, start=START, end=END))
    for day, count in encounter_days(session, owner=owner, start=START, end=END).items():
        days[day] = days.get(day, 0) + count
    return days


def kept(session, owner) -> dict[date, int]:
    """What the dashboard reads now."""
    session.flush()
    return activity_days(session, owner=owner, start=START, end=END)


def some_day(rng) -> date:
    return START + timedelta(days=rng.randrange(20))


def test_random_edits_keep_the_days_equal_to_a_recount(session, account):
    rng = random.Random(7)
    people = [create_person(session, PersonFields(display_name=f"Person {n}"), owner=account) for n in range(6)]
    interactions, encounters = [], []
    for step in range(150):
        action = rng.choice(["talk", "meet", "move talk", "move meeting", "forget talk", "forget meeting"])
        alive = [p for p in people if p is not None]
        if action == "talk":
            interactions.append(log_interaction(session, InteractionFields(
                person_ids=[p.id for p in rng.sample(alive, 2)], occurred_on=some_day(rng), channel="call"),
                owner=account).id)
        elif action == "meet":
            encounters.append(log_encounter(session, EncounterFields(person_id=rng.choice(alive).id,
                                                                     met_on=some_day(rng), place="Café"),
                                            owner=account).id)
        elif action == "move talk" and interactions:
            interaction = session.get(Interaction, rng.choice(interactions))
            update_interaction(session, interaction.id, InteractionFields(
                person_ids=[p.id for p in interaction.people], occurred_on=some_day(rng), channel="call"),
                owner=account)
        elif action == "move meeting" and encounters:
            encounter = session.get(Encounter, rng.choice(encounters))
            update_encounter(session, encounter.id, EncounterFields(person_id=encounter.person_id,
                                                                    met_on=some_day(rng), place="Café"),
                             owner=account)
        elif action == "forget talk" and interactions:
            delete_interaction(session, interactions.pop(rng.randrange(len(interactions))), owner=account)
        elif action == "forget meeting" and encounters:
            delete_encounter(session, encounters.pop(rng.randrange(len(encounters))), owner=account)
        if step % 25 == 0:
            assert kept(session, account) == counted(session, account)
    assert kept(session, account) == counted(session, account)
    merge_people(session, people[0].id, people[1].id, owner=account)  # encounters move, interactions merge
    assert kept(session, account) == counted(session, account)
    delete_person(session, people[2].id, owner=account)  # their encounters go with them
    assert kept(session, account) == counted(session, account)


def test_bulk_inserts_and_plain_statements_are_counted_too(session, account):
    ann = create_person(session, PersonFields(display_name="Ann"), owner=account)
    insert_rows(session, Interaction.__table__, [
        {"owner_id": account.id, "occurred_on": date(2026, 1, 3), "channel": "call", "summary": "", "notes": "",
         "notes_confidential": False} for _ in range(3)], owner=account)
    insert_rows(session, Encounter.__table__, [
        {"owner_id": account.id, "person_id": ann.id, "met_on": date(2026, 1, 3), "place": "", "context": ""}],
        owner=account)
    assert kept(session, account) == {date(2026, 1, 3): 4} == counted(session, account)
    session.execute(update(Interaction).where(Interaction.owner_id == account.id).values(occurred_on=date(2026, 1, 4)))
    assert kept(session, account) == {date(2026, 1, 3): 1, date(2026, 1, 4): 3} == counted(session, account)
    session.execute(delete(Encounter).where(Encounter.owner_id == account.id))
    assert kept(session, account) == {date(2026, 1, 4): 3} == counted(session, account)


def test_each_account_counts_only_its_own_days(session, account, make_account):
    other = make_account()
    for owner, day in ((account, date(2026, 1, 5)), (other, date(2026, 1, 6))):
        person = create_person(session, PersonFields(display_name="Sam"), owner=owner)
        log_encounter(session, EncounterFields(person_id=person.id, met_on=day, place="Hall"), owner=owner)
    assert kept(session, account) == {date(2026, 1, 5): 1}
    assert kept(session, other) == {date(2026, 1, 6): 1}
    assert set(session.scalars(select(ActivityDay.owner_id))) == {account.id, other.id}
