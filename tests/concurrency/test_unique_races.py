"""Two requests creating the same tag, organization, email or first admin at once: one record, no error."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from netevents.errors import Conflict
from netevents.models import Account, Organization, PersonEmail, Tag
from netevents.services import accounts, organizations, people
from netevents.services.accounts import create_account, set_up_instance
from netevents.services.people import PersonFields, create_person


@pytest.fixture
def owner(race_database):
    """A committed account in the race database."""
    with race_database.session(write=True) as session:
        account = create_account(session, "owner@example.com", "correct horse battery staple")
        session.commit()
        return account


def _pause_after(monkeypatch, module, name: str, rendezvous) -> None:
    """Make ``module.name`` meet the other thread once it has answered, so both act on the same stale check."""
    original = getattr(module, name)

    def checked(*args, **kwargs):
        answer = original(*args, **kwargs)
        rendezvous.wait()
        return answer

    monkeypatch.setattr(module, name, checked)


def _in_writing_session(database, work):
    """Do ``work(session)`` in a writing session and commit, as a request would; return its answer's id."""
    def job():
        with database.session(write=True) as session:
            result = work(session)
            session.commit()
            return getattr(result, "id", result)
    return job


def _count(database, query) -> int:
    with database.session() as session:
        return session.scalar(query)


def test_same_new_tag_from_two_requests_makes_one_tag(race_database, owner, monkeypatch, meeting, together):
    rendezvous = meeting()
    _pause_after(monkeypatch, people, "clean_text", rendezvous)
    add = _in_writing_session(race_database, lambda session: create_person(
        session, PersonFields(display_name="Someone", tags=["Board"]), owner=owner))
    results = together(add, add)
    assert all(isinstance(result, int) for result in results), results
    assert _count(race_database, select(func.count()).select_from(Tag).where(Tag.name == "board")) == 1
    if race_database.engine.dialect.name == "postgresql":
        assert rendezvous.met  # both checks saw no tag: the unique key decided


def test_same_new_organization_from_two_requests_makes_one(race_database, owner, monkeypatch, meeting, together):
    rendezvous = meeting()
    _pause_after(monkeypatch, organizations, "find_organization", rendezvous)
    results = together(*(
        _in_writing_session(race_database, lambda session, name=name: organizations.organization_for_name(
            session, name, owner=owner)) for name in ("Acme Ltd", "ACME  ltd")))
    assert all(isinstance(result, int) for result in results), results
    assert results[0] == results[1]
    assert _count(race_database, select(func.count()).select_from(Organization)) == 1
    if race_database.engine.dialect.name == "postgresql":
        assert rendezvous.met


def test_explicit_create_of_a_namesake_meanwhile_is_a_field_message(race_database, owner, monkeypatch, meeting,
                                                                    together):
    rendezvous = meeting()
    _pause_after(monkeypatch, organizations, "find_organization", rendezvous)
    create = _in_writing_session(race_database, lambda session: organizations.create_organization(
        session, organizations.OrganizationFields(name="Globex"), owner=owner))
    results = together(create, create)
    assert sum(isinstance(result, int) for result in results) == 1
    refused = next(result for result in results if not isinstance(result, int))
    assert isinstance(refused, Conflict)
    assert "already have an organization called Globex" in refused.field_errors["name"]


def test_same_new_email_from_two_requests_is_one_person_and_a_field_message(race_database, owner, monkeypatch,
                                                                           meeting, together):
    rendezvous = meeting()
    _pause_after(monkeypatch, people, "person_with_email", rendezvous)
    add = _in_writing_session(race_database, lambda session: create_person(
        session, PersonFields(display_name="Ann", emails=["ann@example.com"]), owner=owner))
    results = together(add, add)
    assert _count(race_database, select(func.count()).select_from(PersonEmail)) == 1
    if rendezvous.met:
        assert sum(isinstance(result, int) for result in results) == 1
        refused = next(result for result in results if not isinstance(result, int))
        assert isinstance(refused, Conflict) and "just saved on someone else" in refused.field_errors["emails"]
    else:  # SQLite: the second request ran after the first and was told who has the address
        assert isinstance(results[1], Conflict) or isinstance(results[0], Conflict)


def test_racing_setups_make_exactly_one_admin(race_database, monkeypatch, meeting, together):
    rendezvous = meeting(parties=3)
    _pause_after(monkeypatch, accounts, "lock_transaction", rendezvous)
    jobs = [_in_writing_session(race_database, lambda session, n=n: set_up_instance(
        session, f"admin{n}@example.com", "correct horse battery staple")) for n in range(3)]
    results = together(*jobs)
    assert sum(isinstance(result, int) for result in results) == 1
    assert all(isinstance(result, Conflict) for result in results if not isinstance(result, int))
    assert _count(race_database, select(func.count()).select_from(Account)) == 1


def test_same_new_account_email_twice_is_a_conflict(race_database, monkeypatch, meeting, together):
    rendezvous = meeting()
    _pause_after(monkeypatch, accounts, "account_count", rendezvous)
    create = _in_writing_session(race_database, lambda session: create_account(
        session, "twice@example.com", "correct horse battery staple"))
    results = together(create, create)
    assert sum(isinstance(result, int) for result in results) == 1
    assert _count(race_database, select(func.count()).select_from(Account)) == 1
