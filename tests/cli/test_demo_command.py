"""CLI: ``netevents demo --user EMAIL`` fills an account, and every page a newcomer opens then works."""
from __future__ import annotations

import random

from sqlalchemy import func, select

from netevents.demo.rhythm import choose_cast
from netevents.models import Encounter, Event, Interaction, Person
from netevents.models.groups import AssociationMembership, Group
from netevents.services.people import PersonFields, create_person


def count(session, model, owner) -> int:
    """How many rows of ``model`` the owner has."""
    return session.scalar(select(func.count()).select_from(model).where(model.owner_id == owner.id))


def first(session, model, owner, *where):
    """The owner's first row of ``model`` matching ``where``."""
    query = select(model).where(model.owner_id == owner.id, *where).order_by(model.id)
    return session.scalars(query.limit(1)).one()


def newcomer_urls(app, session, owner) -> list[str]:
    """Every page a newcomer would click through after the demo, including the people pages if present."""
    summit = first(session, Event, owner, Event.name.like("Supply Chain Horizons Summit%"))
    meetup = first(session, Event, owner, Event.kind == "meetup")
    person = first(session, Person, owner, Person.display_name == "María José García Pérez")
    favored = first(session, Interaction, owner, Interaction.favors.any())
    encounter = first(session, Encounter, owner, Encounter.session_id.is_not(None))
    groups = session.scalars(select(Group.id).where(Group.owner_id == owner.id)).all()
    membership = first(session, AssociationMembership, owner)
    urls = ["/", "/events", "/events?when=past", "/events?when=upcoming", f"/events/{summit.id}",
            f"/events/{meetup.id}", f"/events/{summit.id}/edit", "/capture", f"/capture/{meetup.id}",
            "/followups/", "/fading", "/cadences", f"/cadences/people/{person.id}", "/interactions/",
            "/interactions/?page=2", f"/interactions/?person={person.id}", "/interactions/?channel=video",
            f"/interactions/{favored.id}/edit", "/interactions/reciprocity", f"/encounters/{encounter.id}/edit",
            "/groups/", "/groups/my-roles", *[f"/groups/{group_id}" for group_id in groups], "/associations/",
            f"/associations/{membership.id}/edit", "/settings"]
    return urls + people_urls(app, person.id)


def people_urls(app, person_id: int) -> list[str]:
    """The people pages' GET urls (list, detail...), once the people area is merged in."""
    urls = []
    with app.test_request_context():
        from flask import url_for

        for rule in app.url_map.iter_rules():
            if rule.endpoint.startswith("people.") and "GET" in rule.methods and rule.arguments <= {"person_id"}:
                urls.append(url_for(rule.endpoint, **({"person_id": person_id} if rule.arguments else {})))
    return urls


def test_demo_fills_the_account_and_every_page_renders(app, runner, session, account):
    result = runner.invoke(args=["demo", "--user", account.email.upper()])
    assert result.exit_code == 0, result.output
    assert "Building the demo network" in result.output
    assert f"Added the demo network to {account.email}: 60 people" in result.output
    assert count(session, Event, account) >= 3 and count(session, Interaction, account) > 300
    client = app.test_client(user=account)
    for url in newcomer_urls(app, session, account):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Léa Rousseau" in client.get("/fading").get_data(as_text=True)
    assert "Guild of Supply Chain Professionals" in client.get("/associations/").get_data(as_text=True)
    assert "Helen Marchetti" in client.get("/interactions/reciprocity").get_data(as_text=True)
    assert "overdue" in client.get("/followups/").get_data(as_text=True)
    events_page = client.get("/events").get_data(as_text=True)
    assert "Procurement &amp; Logistics Forum" in events_page and "Lean Logistics Meetup" in events_page


def test_unknown_email_is_an_error(runner, session, account):
    result = runner.invoke(args=["demo", "--user", "nobody@example.com"])
    assert result.exit_code != 0
    assert "There is no account nobody@example.com" in result.output and "users create" in result.output
    result = runner.invoke(args=["demo", "--user", "not an address"])
    assert result.exit_code != 0 and "not a valid email address" in result.output
    assert count(session, Person, account) == 0


def test_an_account_with_people_is_refused_unless_forced(runner, session, account):
    create_person(session, PersonFields(display_name="Ana Real"), owner=account)
    result = runner.invoke(args=["demo", "--user", account.email])
    assert result.exit_code != 0 and "already has 1 person" in result.output and "--force" in result.output
    assert "Building" not in result.output and count(session, Person, account) == 1
    result = runner.invoke(args=["demo", "--user", account.email, "--force", "--seed", "7"])
    assert result.exit_code == 0, result.output
    names = set(session.scalars(select(Person.display_name).where(Person.owner_id == account.id)))
    assert names == {"Ana Real", *(member.name for member in choose_cast(random.Random(7)))}
    result = runner.invoke(args=["demo", "--user", account.email, "--force"])
    assert result.exit_code != 0 and "already holds the demo network" in result.output
