"""No server error, whatever a user sends: every route of the app is crawled with a demo network's real ids, then
every form is posted empty and with hostile values (long, emoji, NUL bytes, SQL, HTML, absurd numbers and dates,
another account's ids); the other account's data never changes, and it gets 404 for every URL of these records.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

import pytest
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from werkzeug.exceptions import HTTPException
from wtforms import IntegerField, StringField
from wtforms.validators import Optional

from crawling import (RECORD_KINDS, TEXT_KINDS, Form, Outcome, add_import_job, add_visibility, baseline,
                      cross_account_links, fetch, fillings, fingerprint, forms_on, sample_ids, with_values)
from netevents import hookimpl
from netevents.demo import build_demo_network
from netevents.models import Person
from netevents.plugins.api import Importer, PersonRow, PluginSettings
from netevents.plugins.manager import manager_of
from netevents.services.clock import local_today
from netevents.services.exports import available_exporters

# routes the crawl cannot fill, each for a reason
SKIPPED = {"static"}  # files, not pages (plugins' own static folders, "<blueprint>.static", too)
# endpoints whose POST removes or moves data: posted last, so the other forms still find their records
DESTRUCTIVE = {"duplicates.compare", "plugins.change", "auth.logout"}
LONG = "x" * 10_000
SCRIPT = "<script>alert(1)</script>"
# emoji, right-to-left override, SQL and HTML at once, short enough for most fields
HOSTILE = f"Zoë 👩🏽‍💻 𝔘𝔫𝔦 \u202e ﷽ '; DROP TABLE person; -- \" {SCRIPT}"
NUMBERS = ["-1", "0", "-99999999999999999999", "99999999999999999999", "1e309", "NaN", "Infinity", "abc", "²"]
DATES = ["0000-00-00", "0001-01-01", "9999-12-31", "2024-02-30", "yesterday"]
SELECTS = ["bogus", "-1", "99999999999999999999"]
QUERIES = ["page=-1", "page=0", "page=abc", "page=2147483648", "page=99999999999999999999",
           "q=a&page=99999999999999999999",
           "sort=bogus&kind=bogus&when=bogus&channel=bogus&member=2", "q=%00" + "q" * 300,
           "person=abc&person_id=-1&event_id=99999999999999999999&organization=%00",
           "next=//evil.example&person=99999999999999999999"]
UNSEEN_ID_FIELDS = ["person_id", "event_id", "session_id", "introduced_by_id", "organization_id", "group_id"]
FILES = {"NUL": b"Ada\x00 Lovelace,ada\x00@example.com\nGrace\x00\n", "bad UTF-8": b"\xff\xfe\xfa,\xc3\n",
         "10k chars": b"x" * 10_000 + b",x@example.com\n", "emoji": "Zoë 👩🏽‍💻,zoe@example.com\n".encode(),
         "empty": b"", "6000 rows": b"a\n" * 6000}


class CrawlPlugin:
    """An import format and per-account settings, so that the crawl reaches those pages too."""

    @hookimpl
    def register_importers(self):
        return [Importer(name="lines", label="Name,email lines", parse=name_lines)]

    @hookimpl
    def plugin_settings(self):
        class Form(FlaskForm):
            greeting = StringField("Greeting")
            days = IntegerField("Days ahead", validators=[Optional()])

        return PluginSettings(form=Form, defaults={"greeting": "Hello", "days": 7})


def name_lines(data: bytes) -> list[PersonRow]:
    """One person a line: a name, then an optional email after a comma."""
    return [PersonRow(*line.split(",", 1)) for line in data.decode("utf-8", "replace").splitlines() if line]


@dataclass
class Crawl:
    """One account's walk through the app, collecting failures and the forms it saw."""

    app: object
    session: object
    client: object
    owner_id: int
    failures: list[str] = field(default_factory=list)
    skipped: set[str] = field(default_factory=set)
    visited: set[str] = field(default_factory=set)
    forms: dict[str, Form] = field(default_factory=dict)

    def urls(self, method: str) -> list[tuple[str, str, str]]:
        """(endpoint, rule, url) of every rule taking ``method``, filled with this account's records."""
        adapter = self.app.url_map.bind("localhost")
        found = []
        for rule in sorted(self.app.url_map.iter_rules(), key=lambda rule: rule.rule):
            if method not in rule.methods:
                continue
            values = None if rule.endpoint.split(".")[-1] in SKIPPED else fillings(
                set(rule.arguments), self.session, self.owner_id, self.named(rule.endpoint))
            if values is None:
                self.skipped.add(rule.endpoint)
            found += [(rule.endpoint, rule.rule, adapter.build(rule.endpoint, value, method=method))
                      for value in values or []]
        return found

    def named(self, endpoint: str) -> dict[str, list[str]]:
        """Values of the URL arguments that are names, not ids."""
        if endpoint.startswith("exports."):
            return {"name": [exporter.name for exporter in available_exporters(self.session)] + ["bogus"]}
        plugins = sorted(manager_of(self.app).records)
        if endpoint.startswith("plugins."):
            return {"name": [*plugins, "bogus"], "action": ["disable", "enable"]}
        return {"token": ["bogus", "x" * 43]}  # secret URLs (the calendar feed): unknown ones must 404, not 500

    def send(self, endpoint: str, method: str, url: str, label: str = "", **options) -> Outcome:
        """One request to an endpoint; a 5xx is recorded as a failure."""
        self.visited.add(f"{method} {endpoint}")
        outcome = fetch(self.client, method, url, **options)
        if outcome.status >= 500:
            self.failures.append(f"{method} {url[:120]} [{label}] -> {outcome.status} {outcome.error}")
        elif outcome.response.mimetype == "text/html" and SCRIPT in outcome.response.get_data(True):
            self.failures.append(f"{method} {url[:120]} [{label}] shows submitted HTML unescaped")
        return outcome

    def read_pages(self, queries: bool = True) -> None:
        """GET every page (lists also with bogus query strings) and remember the forms on them."""
        for endpoint, rule, url in self.urls("GET"):
            for query in ["", *(QUERIES if queries and "<" not in rule else [])]:
                response = self.send(endpoint, "GET", f"{url}?{query}" if query else url).response
                if response is not None and response.mimetype == "text/html" and not query:
                    self.remember(url, response.get_data(as_text=True))

    def remember(self, url: str, html: str) -> None:
        """Keep the first form seen for each endpoint (POST forms by endpoint, GET forms by their URL)."""
        adapter = self.app.url_map.bind("localhost")
        for form in forms_on(url, html):
            try:
                endpoint, _args = adapter.match(form.action.split("?")[0], method=form.method.upper())
            except HTTPException:  # a form to another site or a static file
                continue
            self.forms.setdefault(f"{form.method} {endpoint}", form)

    def search_with_garbage(self) -> None:
        """Submit every GET form (search boxes, filters) with hostile values in each of its fields."""
        for key, form in self.forms.items():
            if key.startswith("get "):
                for label, data in variants(form, {}):
                    self.send(key.removeprefix("get "), "GET", form.action.split("?")[0], label, query_string=data)

    def post_everything(self, endpoints: set[str] | None, foreign: dict[type, int], exclude=frozenset()) -> None:
        """POST each route (one record per route) empty, as shown, and with every hostile variant."""
        done = set()
        for endpoint, _rule, url in self.urls("POST"):
            if endpoint in done or endpoint in exclude or (endpoints is not None and endpoint not in endpoints):
                continue
            done.add(endpoint)
            form = self.forms.get(f"post {endpoint}", Form(url, "post"))
            for label, data in variants(form, foreign):
                self.send(endpoint, "POST", url, label, data=data)


def variants(form: Form, foreign: dict[type, int]):
    """(label, data) pairs: empty, as shown, then hostile values by kind of field."""
    shown = baseline(form)
    yield "empty", {}
    yield "as shown", shown
    yield from text_variants(form, shown)
    yield from typed_variants(form, shown)
    if foreign:
        yield from foreign_variants(shown, foreign)
    buttons = {control.name: [control.value] for control in form.fields if control.kind == "submit"}
    if buttons:
        yield "every button", {**shown, **buttons}


def text_variants(form: Form, shown: dict):
    """Long, NUL-bearing and hostile text, one field at a time (so the others' validation does not hide it)."""
    for name in [control.name for control in form.fields if control.kind in TEXT_KINDS]:
        yield f"10k chars in {name}", with_values(shown, [name], LONG)
        yield f"NUL in {name}", with_values(shown, [name], "a\x00b")
        yield f"emoji, SQL and HTML in {name}", with_values(shown, [name], HOSTILE)


def typed_variants(form: Form, shown: dict):
    """Absurd numbers, dates, times, choices and files, one field at a time."""
    for kinds, values in ((("number", "hidden"), NUMBERS), (("date",), DATES), (("time",), ["25:61", "24:00"]),
                          (("select",), SELECTS)):
        for name in {control.name for control in form.fields if control.kind in kinds}:
            for value in values:
                yield f"{value} in {name}", with_values(shown, [name], value)
    for name in {control.name for control in form.fields if control.kind == "file"}:
        for label, content in FILES.items():
            yield f"{label} file in {name}", {**shown, name: (io.BytesIO(content), "people.csv")}


def foreign_variants(shown: dict, foreign: dict[type, int]):
    """Another account's ids in each field that names a record, and in id fields some pages add later."""
    for name in [name for name in shown if record_kind(name)]:
        yield f"another account's id in {name}", with_values(shown, [name], foreign_value(name, foreign))
    unseen = [name for name in UNSEEN_ID_FIELDS if name not in shown]
    yield "another account's ids in unseen fields", with_values(shown, unseen, lambda n: foreign_value(n, foreign))
    yield "huge ids in unseen fields", with_values(shown, unseen, NUMBERS[3])


def record_kind(name: str) -> type | None:
    """The kind of record a form field names, if it names one ("favor_person", "person_ids": a person)."""
    stem = name.removesuffix("_ids").removesuffix("_id").removesuffix("_name")
    return RECORD_KINDS.get(f"{stem}_id") or (Person if "person" in name or "introduced_by" in name else None)


def foreign_value(name: str, foreign: dict[type, int]) -> str:
    """Another account's id of the kind a field name suggests (a person by default)."""
    model = record_kind(name) or Person
    return f"Someone (#{foreign[model]})" if name.endswith("_name") else str(foreign[model])


@pytest.fixture
def demo_account(session, account, register_plugin):
    """The (admin) account the crawl acts as, filled with the demo network; CrawlPlugin is enabled."""
    register_plugin(CrawlPlugin(), name="crawl")
    build_demo_network(session, owner=account, today=local_today(account))
    add_visibility(session, account, local_today(account))
    add_import_job(session, account)
    session.flush()
    return account


@pytest.fixture
def other_account(session, make_account):
    """A second account with its own demo network."""
    other = make_account()
    build_demo_network(session, owner=other, today=local_today(other))
    add_visibility(session, other, local_today(other))
    add_import_job(session, other)
    session.flush()
    return other


def endpoints(app, method: str) -> set[str]:
    """Every endpoint taking ``method``, as Crawl.visited names them, except the skipped ones."""
    return {f"{method} {rule.endpoint}" for rule in app.url_map.iter_rules()
            if method in rule.methods and rule.endpoint.split(".")[-1] not in SKIPPED}


def report(crawl: Crawl) -> None:
    """Fail with every server error the crawl met, one a line."""
    if crawl.failures:
        pytest.fail(f"{len(crawl.failures)} server errors:\n" + "\n".join(crawl.failures), pytrace=False)


def test_every_page_answers_without_a_server_error(app, session, demo_account, user_client):
    crawl = Crawl(app, session, user_client, demo_account.id)
    crawl.read_pages()
    crawl.search_with_garbage()
    report(crawl)
    assert {endpoint.split(".")[-1] for endpoint in crawl.skipped} == SKIPPED and crawl.visited == endpoints(app, "GET")


def test_every_form_survives_hostile_input_and_another_account_is_untouched(
        app, session, demo_account, other_account, user_client):
    foreign = {model: sample_ids(session, model, other_account.id, 1)[0] for model in set(RECORD_KINDS.values())}
    before = fingerprint(session, other_account.id)
    crawl = Crawl(app, session, user_client, demo_account.id)
    crawl.read_pages(queries=False)
    destructive = {endpoint for endpoint in app.view_functions if endpoint.endswith(".delete")} | DESTRUCTIVE
    crawl.post_everything(None, foreign, exclude=destructive)
    assert session.scalar(select(func.count()).where(Person.owner_id == demo_account.id,
                                                     Person.display_name.contains(SCRIPT)))
    crawl.read_pages(queries=False)  # the hostile values saved must display, escaped, on every page
    crawl.post_everything(destructive - {"auth.logout"}, foreign)
    crawl.post_everything({"auth.logout"}, foreign)
    report(crawl)
    assert crawl.visited >= endpoints(app, "POST")
    session.expire_all()
    assert fingerprint(session, other_account.id) == before
    assert cross_account_links(session) == {}


def test_another_account_gets_404_for_every_url_of_my_records(app, session, demo_account, make_account):
    intruder = app.test_client(user=make_account())
    mine = Crawl(app, session, app.test_client(user=demo_account), demo_account.id)
    mine.read_pages(queries=False)
    before = fingerprint(session, demo_account.id)
    answers = {}
    for method in ("GET", "POST"):
        for endpoint, rule, url in mine.urls(method):
            if "<int:" in rule:
                data = baseline(mine.forms.get(f"post {endpoint}", Form(url, "post"))) if method == "POST" else None
                answers[f"{method} {url}"] = fetch(intruder, method, url, data=data).status
    assert answers and {url: status for url, status in answers.items() if status != 404} == {}
    session.expire_all()
    assert fingerprint(session, demo_account.id) == before
