"""No page's cost grows with the account: every list and detail page runs as many SQL statements for a network of
200 people as for one of 20 (a lazy load per row, or a query per item, would show as growth).

Both networks are built by the scaled demo (``netevents demo --people N``), so both have every kind of record;
every GET route of the app is visited with ids of the account's own records (the crawl's helpers).
"""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event

from crawling import fillings
from netevents.demo import build_scaled_network
from netevents.plugins.manager import manager_of
from netevents.services.clock import local_today
from netevents.services.exports import available_exporters
from netevents.services.followups import create_followup
from netevents.services.groups import GroupFields, create_group
from netevents.services.interactions import InteractionFields, log_interaction
from netevents.services.people import PersonFields, create_person
from netevents.services.roles import RoleFields, add_role

SMALL, LARGE = 20, 200
# not pages: files, and the account and sign-in pages that have no list to grow
SKIPPED = {"static", "auth.login", "auth.setup"}


def url_values(app, session, owner_id: int, rule) -> list[dict]:
    """Real values for a rule's arguments: the account's own records, export formats, plugin names."""
    named = {"name": [exporter.name for exporter in available_exporters(session)]}
    if rule.endpoint.startswith("plugins."):
        named = {"name": sorted(manager_of(app).records), "action": ["disable"]}
    return fillings(set(rule.arguments), session, owner_id, named) or []


def statement_counts(app, session, account) -> dict[str, list[str]]:
    """The statements of the visited URL of each GET endpoint that runs the most, for one account."""
    client = app.test_client(user=account)
    adapter, counts, statements = app.url_map.bind("localhost"), {}, []
    connection = app.extensions["netevents.testing.connection"]

    def count(_conn, _cursor, statement, *_args):
        if "SAVEPOINT" not in statement:  # the test harness's, around each request
            statements.append(statement)

    event.listen(connection, "before_cursor_execute", count)
    try:
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint in SKIPPED:
                continue
            for values in url_values(app, session, account.id, rule):
                statements.clear()
                response = client.get(adapter.build(rule.endpoint, values))
                response.get_data()  # streamed downloads run while they are read
                assert response.status_code < 500, rule.rule
                if len(statements) >= len(counts.get(rule.endpoint, [])):
                    counts[rule.endpoint] = list(statements)
    finally:
        event.remove(connection, "before_cursor_execute", count)
    return counts


def add_every_kind(session, owner) -> None:
    """Whatever the seed: a duplicate pair, people fading, follow-ups overdue, a role held by someone."""
    today = local_today(owner)
    twins = [create_person(session, PersonFields(display_name="Ada Okafor", cadence_days=7, tags=["client"]),
                           owner=owner) for _twin in range(2)]
    log_interaction(session, InteractionFields(person_ids=[twin.id for twin in twins],
                                               occurred_on=today - timedelta(days=30)), owner=owner)
    for twin, days in zip(twins, (-3, 3)):  # one overdue, one coming up this week
        create_followup(session, twin.id, today + timedelta(days=days), "Send the slides", owner=owner)
    group = create_group(session, GroupFields(name="Steering Committee"), owner=owner)
    add_role(session, group.id, RoleFields(title="chair", person_id=twins[0].id, started_on=today), owner=owner)


@pytest.fixture
def app_config(app_config):
    """Plugin flags are read again every 30 s; not in the middle of the comparison."""
    return {**app_config, "PLUGIN_STATE_REFRESH_SECONDS": 10**9}


@pytest.fixture
def networks(session, make_account):
    """Two accounts, with scaled demo networks of SMALL and LARGE people."""
    accounts = {}
    for size in (SMALL, LARGE):
        owner = make_account()
        build_scaled_network(session, owner=owner, today=local_today(owner), people=size, seed=size)
        add_every_kind(session, owner)
        accounts[size] = owner
    session.commit()
    return accounts


def test_no_page_runs_more_statements_for_a_larger_network(app, session, networks):
    small = statement_counts(app, session, networks[SMALL])
    large = statement_counts(app, session, networks[LARGE])
    for page in ("home.index", "people.index", "people.detail", "followups.index", "cadence.fading",
                 "duplicates.index", "events.detail", "exports.download"):
        assert page in small and page in large, page
    grown = {endpoint: (len(small.get(endpoint, [])), len(run), _first_extra(small.get(endpoint, []), run))
             for endpoint, run in large.items() if endpoint in small and len(run) > len(small[endpoint])}
    assert grown == {}, f"statements (at {SMALL} people, at {LARGE}, first extra) grew on: {grown}"


def _first_extra(fewer: list[str], more: list[str]) -> str:
    """The first statement of the longer run that the shorter one does not have at that place."""
    for index, statement in enumerate(more):
        if index >= len(fewer) or fewer[index] != statement:
            return statement[-300:]
    return ""
