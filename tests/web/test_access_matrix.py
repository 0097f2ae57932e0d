"""The access-control matrix, generated from the app's URL map, so every new route is covered unasked.

For each rule and each of GET and POST it takes: anonymous visitors get the login page (or 401), another
account gets 404 for URLs naming the owner's records, the owner gets 200 for pages and no refusal for posts;
after the other account's hostile run no row points at another account's rows and the owner's rows are intact.
"""
from __future__ import annotations

import pytest
from crawling import add_import_job, add_visibility, cross_account_links, fetch, fillings, fingerprint
from flask_wtf import FlaskForm
from wtforms import StringField

from netevents import hookimpl
from netevents.auth import PUBLIC_ENDPOINTS
from netevents.demo import build_demo_network
from netevents.plugins.api import PluginSettings
from netevents.services.clock import local_today
from netevents.services.exports import available_exporters

METHODS = ("GET", "POST")
# the calendar feed's secret in the URL is its credential, for whoever holds it (a calendar app has no login):
# its tests (plugins/ics_calendar) prove unknown, rotated and other accounts' tokens get 404
SKIPPED = {"static", "ics_calendar.feed"}
# GET endpoints whose answer is a redirect by design (an action reached by a link, a page that moved)
REDIRECTING_GETS = {"/plugins/committee_visibility/talking-points"}  # the event page's form: on to the group's page
# rules that answer the owner 404 for the data the matrix has, by design
OWNER_404 = {"/people/<int:person_id>/photo": "the demo's people have no photo; a missing photo is a 404"}


class MatrixPlugin:
    """A plugin with settings, so the plugin settings page has something to show."""

    @hookimpl
    def plugin_settings(self):
        class Form(FlaskForm):
            greeting = StringField("Greeting")

        return PluginSettings(form=Form, defaults={"greeting": "Hello"})


def _named(app, session, endpoint: str) -> dict[str, list[str]]:
    """Values of URL arguments that are names rather than ids."""
    if endpoint.startswith("exports."):
        return {"name": [exporter.name for exporter in available_exporters(session)][:1]}
    if endpoint.startswith("plugins."):
        return {"name": ["matrix"], "action": ["enable"]}
    return {}


def matrix(app, session, owner_id: int) -> list[tuple[str, str, str, bool]]:
    """(rule, method, url, names_records) for every rule and method, filled with the owner's records."""
    adapter = app.url_map.bind("localhost")
    cells = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if rule.endpoint in SKIPPED or rule.endpoint.endswith(".static"):  # files, the core's and plugins'
            continue
        values = fillings(set(rule.arguments), session, owner_id, _named(app, session, rule.endpoint))
        assert values, f"{rule.rule}: the matrix cannot fill its arguments; teach crawling.RECORD_KINDS about them"
        names_records = bool(set(rule.arguments) - {"name", "action"})
        cells += [(rule.rule, method, adapter.build(rule.endpoint, values[0], method=method), names_records)
                  for method in METHODS if method in rule.methods]
    return cells


def _is_public(app, rule: str) -> bool:
    """Whether the rule's view is reachable without logging in."""
    endpoint = next(found.endpoint for found in app.url_map.iter_rules() if found.rule == rule)
    return endpoint in PUBLIC_ENDPOINTS or getattr(app.view_functions.get(endpoint), "netevents_public", False)


@pytest.fixture
def owner(session, account, register_plugin):
    """The account whose records fill the URLs: the demo network (and a plugin with settings)."""
    register_plugin(MatrixPlugin(), name="matrix")
    build_demo_network(session, owner=account, today=local_today(account))
    add_visibility(session, account, local_today(account))  # the visibility plugin's records fill its URLs
    add_import_job(session, account)  # and the attendee import's job fills its pages
    session.flush()
    return account


def test_anonymous_visitors_get_the_login_page_or_401(app, session, owner):
    client, wrong = app.test_client(), []
    for rule, method, url, _ in matrix(app, session, owner.id):
        if _is_public(app, rule):
            continue
        outcome = fetch(client, method, url)
        to_login = outcome.status == 302 and "/login" in outcome.response.location
        if not (to_login or outcome.status == 401):
            wrong.append(f"{method} {url} -> {outcome.status}")
    assert wrong == [], "\n".join(wrong)


def test_another_account_gets_404_for_every_url_naming_my_records_and_changes_nothing(
        app, session, owner, make_account):
    before = fingerprint(session, owner.id)
    intruder, wrong = app.test_client(user=make_account()), []
    for rule, method, url, names_records in matrix(app, session, owner.id):
        if names_records and not _is_public(app, rule):
            outcome = fetch(intruder, method, url, data={"person_id": "1", "name": "intruder"})
            if outcome.status != 404:
                wrong.append(f"{method} {url} -> {outcome.status}")
    assert wrong == [], "\n".join(wrong)
    session.expire_all()
    assert fingerprint(session, owner.id) == before
    assert cross_account_links(session) == {}


def test_the_owner_gets_every_page_and_no_refusal(app, session, owner):
    client, wrong = app.test_client(user=owner), []
    connection = app.extensions["netevents.testing.connection"]
    for rule, method, url, _ in matrix(app, session, owner.id):
        if rule in {"/logout", "/settings/sign-out-everywhere"} or _is_public(app, rule):
            continue
        # each request is undone (a savepoint SQLAlchemy does not track, below the sessions' own), so a delete
        # never hides the records later URLs name
        connection.exec_driver_sql("SAVEPOINT access_matrix")
        try:
            outcome = fetch(client, method, url)
        finally:
            connection.exec_driver_sql("ROLLBACK TO SAVEPOINT access_matrix")
            connection.exec_driver_sql("RELEASE SAVEPOINT access_matrix")
            session.expire_all()
        allowed = {200} | ({302, 303} if method == "POST" or rule in REDIRECTING_GETS else set())
        allowed |= {404} if rule in OWNER_404 else set()
        if method == "POST":
            allowed |= {400}  # an empty form: refused with messages, never 401, 403, 404 or 5xx
        if outcome.status not in allowed:
            wrong.append(f"{method} {url} -> {outcome.status} {outcome.error or ''}")
    assert wrong == [], "\n".join(wrong)
