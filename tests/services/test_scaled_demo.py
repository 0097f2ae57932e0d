"""The scaled demo (``netevents demo --people N``): bulk rows that read back like rows the services write."""
from datetime import date

from sqlalchemy import func, select

from netevents.demo import build_scaled_network
from netevents.models import DuplicateKey, Encounter, FollowUp, Interaction, Person, PersonEmail
from netevents.services import stay_in_touch
from netevents.services.cadence import fading_people
from netevents.services.search import search_people
from test_kept_duplicates import kept, rebuilt

TODAY = date(2026, 11, 30)
PEOPLE = 400


def count(session, model, owner) -> int:
    """How many rows of ``model`` the owner has."""
    return session.scalar(select(func.count()).select_from(model).where(model.owner_id == owner.id))


def test_builds_the_promised_network_with_a_progress_to_the_end(session, account):
    steps = []
    summary = build_scaled_network(session, owner=account, today=TODAY, people=PEOPLE, progress=steps.append)
    assert sum(steps) == 100
    assert count(session, Person, account) == summary.people == PEOPLE
    assert count(session, Encounter, account) == summary.encounters >= PEOPLE * 0.7
    assert count(session, Interaction, account) == summary.interactions >= PEOPLE
    assert session.scalar(select(func.count()).select_from(FollowUp).where(
        FollowUp.owner_id == account.id, FollowUp.done_at.is_(None))) == PEOPLE // 10
    names = session.scalars(select(Person.display_name).where(Person.owner_id == account.id)).all()
    assert len(set(names)) < len(names)  # an address book repeats names


def test_interactions_lean_to_recent_days_without_piling_onto_today(session, account):
    build_scaled_network(session, owner=account, today=TODAY, people=2000)
    per_day = session.execute(select(Interaction.occurred_on, func.count()).where(
        Interaction.owner_id == account.id).group_by(Interaction.occurred_on)).all()
    counts = dict(per_day)
    recent = sum(n for day, n in per_day if (TODAY - day).days < 365)
    assert recent > sum(counts.values()) / 5  # of about ten years, the last is the busiest
    assert counts.get(TODAY, 0) < 20 and max(counts.values()) < 40  # ~2,400 interactions: no day holds 900 of them


def test_bulk_rows_are_found_like_service_rows(session, account):
    build_scaled_network(session, owner=account, today=TODAY, people=PEOPLE)
    email = session.scalar(select(PersonEmail.address).where(PersonEmail.owner_id == account.id).limit(1))
    page = search_people(session, email, owner=account)
    assert [hit.email for hit in page.hits][:1] == [email]
    person = session.scalar(select(Person).where(Person.owner_id == account.id, Person.created_at.is_not(None)))
    assert person.created_at.tzinfo is not None  # the aware-datetime column reads back what the bulk path wrote


def test_kept_duplicates_and_stay_in_touch_dates_match_a_full_refresh(session, account):
    build_scaled_network(session, owner=account, today=TODAY, people=PEOPLE)
    assert count(session, DuplicateKey, account) >= PEOPLE
    assert kept(session, account) == rebuilt(session, account)
    before = fading_people(session, owner=account, today=TODAY)
    assert before
    stay_in_touch.refresh_stay_in_touch(session, session.scalars(
        select(Person.id).where(Person.owner_id == account.id)).all(), owner=account)
    assert [s.person.id for s in fading_people(session, owner=account, today=TODAY)] == [s.person.id for s in before]
