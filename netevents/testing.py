"""pytest plugin for netevents and its plugin authors: app, client, session and account fixtures.

Each test runs inside a transaction that is rolled back afterwards (SQLAlchemy's savepoint recipe), so
views may commit freely. NETEVENTS_TEST_DATABASE_URL selects the database (default: a SQLite file).
"""
from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import pytest
from flask import Flask
from sqlalchemy import MetaData, text
from sqlalchemy.orm import Session, sessionmaker

from netevents import create_app
from netevents.db import Database, database, make_engine
from netevents.models import Account, Base
from netevents.plugins.discovery import import_all_models
from netevents.plugins.migrations import stamp_installed_plugins
from netevents.plugins.testing import register_test_plugin
from netevents.testing_client import LoggedInClient, log_in_test_client  # noqa: F401  (part of the fixtures' API)
from netevents.schema import stamp_heads
from netevents.services.backup import backup_account
from netevents.services.backup_restore import restore_account
from netevents.services.backup_sections import SECTIONS
from netevents.services.backup_validation import check_backup

TEST_PASSWORD = "correct horse battery staple"
_emails = itertools.count(1)


def test_database_url(tmp_dir) -> str:
    """The database tests use: NETEVENTS_TEST_DATABASE_URL, else a SQLite file in ``tmp_dir``."""
    return os.environ.get("NETEVENTS_TEST_DATABASE_URL") or f"sqlite:///{tmp_dir / 'test.db'}"


def insert_id(connection, sql: str, **values) -> int:
    """Run a plain ``INSERT`` (revision tests write rows of an older schema) and return the new row's id."""
    return connection.execute(text(sql + " RETURNING id"), values).scalar_one()


def own_schema_url(url: str, schema: str) -> str:
    """On PostgreSQL, ``url`` with a freshly created ``schema`` of its own as the search path (SQLite: unchanged)."""
    if not url.startswith("postgresql"):
        return url
    admin = make_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    admin.dispose()
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


def reset_schema(engine) -> None:
    """Drop every table in the test database, then create those of the models (core and installed plugins)."""
    import_all_models()
    existing = MetaData()
    existing.reflect(engine)
    existing.drop_all(engine)
    Base.metadata.create_all(engine)
    stamp_heads(engine)
    stamp_installed_plugins(engine)


def pytest_configure(config) -> None:
    """Register the markers this plugin understands (for projects run with --strict-markers)."""
    config.addinivalue_line("markers", "fresh_app: give the test an app of its own instead of the shared one")


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing():
    """Argon2 with minimal cost, so tests that create accounts stay fast."""
    from argon2 import PasswordHasher

    from netevents.services import accounts

    accounts.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
    accounts.use_password_hasher(PasswordHasher())


@pytest.fixture(scope="session")
def netevents_engine(tmp_path_factory):
    """One engine per test session, with a freshly created schema."""
    engine = make_engine(test_database_url(tmp_path_factory.mktemp("db")))
    reset_schema(engine)
    yield engine
    engine.dispose()


def default_app_config(data_dir: Path) -> dict:
    """The test app's settings: CSRF off (see the csrf_enabled fixture), a fixed secret, generous rate limits."""
    return {"TESTING": True, "DATA_DIR": str(data_dir), "WTF_CSRF_ENABLED": False,
            "SECRET_KEY": "test-secret", "LOGIN_RATE_LIMIT": "1000 per minute",
            "LOGIN_ACCOUNT_RATE_LIMIT": "1000 per minute"}


@pytest.fixture
def app_config(tmp_path) -> dict:
    """Config overrides for the test app; override this fixture to change settings."""
    return default_app_config(tmp_path / "data")


def can_share_app(request, app_config: dict) -> bool:
    """True when a test may use the session's shared app: default settings and no plugin registered.

    Building an app takes a third of a second (mostly compiling URL rules), so most tests share one; a test
    that registers a plugin, changes the settings, is marked ``fresh_app``, or runs with
    NETEVENTS_TEST_FRESH_APPS=1 gets an app of its own.
    """
    if os.environ.get("NETEVENTS_TEST_FRESH_APPS") or request.node.get_closest_marker("fresh_app"):
        return False
    comparable = {key: value for key, value in app_config.items() if key != "DATA_DIR"}
    defaults = {key: value for key, value in default_app_config(Path()).items() if key != "DATA_DIR"}
    return comparable == defaults and "register_plugin" not in request.fixturenames


@dataclass
class _SharedApp:
    """The session's shared app and what each test may change on it, to put back afterwards."""

    app: Flask
    own_engine: object
    config: dict = field(default_factory=dict)
    enabled: dict = field(default_factory=dict)

    def remember(self) -> None:
        """Note the settings and the plugins' state before a test."""
        self.config = dict(self.app.config)
        manager = self.app.extensions["netevents.plugins"]
        self.enabled = {name: manager.is_active(name) for name in manager.records}

    def restore(self) -> None:
        """Put back what a test changed: settings, enabled plugins, recorded failures."""
        self.app.config.clear()
        self.app.config.update(self.config)
        manager = self.app.extensions["netevents.plugins"]
        for name, record in manager.records.items():
            if self.enabled.get(name) and not manager.is_active(name):
                manager.activate(name)
            elif not self.enabled.get(name) and manager.is_active(name):
                manager.deactivate(name)
            record.failures.clear()


@pytest.fixture(scope="session")
def _shared_app(netevents_engine, tmp_path_factory) -> Iterator[_SharedApp]:
    """One app for the tests that can share it, built on first use."""
    holder: list[_SharedApp] = []

    def get() -> _SharedApp:
        if not holder:
            config = default_app_config(tmp_path_factory.mktemp("shared-app") / "data")
            application = create_app({**config, "DATABASE_URL": netevents_engine.url.render_as_string(False)})
            holder.append(_SharedApp(application, database(application).engine))
        return holder[0]

    yield get
    if holder:
        holder[0].own_engine.dispose()


@pytest.fixture
def app(request, netevents_engine, app_config, _shared_app):
    """A netevents app whose sessions all join one transaction that is rolled back after the test."""
    connection = netevents_engine.connect()
    transaction = connection.begin()
    shared = _shared_app() if can_share_app(request, app_config) else None
    if shared is not None:
        application = shared.app
        shared.remember()
        application.config["DATA_DIR"] = app_config["DATA_DIR"]  # files (photos) stay the test's own
        Path(app_config["DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    else:
        application = create_app({**app_config, "DATABASE_URL": netevents_engine.url.render_as_string(False)})
    own_engine = database(application).engine if shared is None else None
    application.extensions["netevents.db"] = Database(
        netevents_engine,
        sessionmaker(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False),
    )
    application.test_client_class = LoggedInClient
    application.extensions["netevents.testing.connection"] = connection
    yield application
    if shared is not None:
        shared.restore()
    else:
        own_engine.dispose()
    transaction.rollback()
    connection.close()


@pytest.fixture
def session(app) -> Iterator[Session]:
    """A session on the test transaction, with the app's hooks, for calling services directly."""
    db_session = database(app).session()
    app.extensions["netevents.plugins"].bind(db_session)
    yield db_session
    db_session.close()


@pytest.fixture
def make_account(session) -> Callable[..., Account]:
    """Factory: create an account through the accounts service (email, password, is_admin, timezone)."""
    from netevents.services.accounts import create_account

    def factory(email: str | None = None, password: str = TEST_PASSWORD, is_admin: bool = False,
                timezone: str = "UTC") -> Account:
        return create_account(session, email or f"user{next(_emails)}@example.com", password, is_admin=is_admin,
                              timezone=timezone)

    return factory


@pytest.fixture
def account(make_account) -> Account:
    """The account most tests act as (the first one, so an admin)."""
    return make_account(is_admin=True)


@pytest.fixture
def csrf_enabled(app):
    """Turn CSRF protection on for this test (the test app has it off so tests can post forms directly)."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app


@pytest.fixture
def client(app):
    """An anonymous test client."""
    return app.test_client()


@pytest.fixture
def user_client(app, account):
    """A test client logged in as ``account``."""
    return app.test_client(user=account)


@pytest.fixture
def runner(app):
    """A CLI runner for the test app."""
    return app.test_cli_runner()


@pytest.fixture
def register_plugin(app) -> Callable[..., object]:
    """Factory: register a plugin (module or object) in the test app, enabled, as netevents would load it.

    Its blueprints are mounted (call it before the test's first request), its CLI commands are added to
    ``runner``'s app and its tables are created inside the test's transaction. Returns the plugin's record
    (what /-/plugins shows).
    """
    return lambda plugin, name=None: register_test_plugin(app, plugin, name)


@pytest.fixture
def make_backup(app, session) -> Callable[[Account], dict]:
    """Factory: the full backup document of an account, as a download holds it (plugins' sections included)."""
    return lambda owner: backup_account(session, owner=owner, data_dir=app.config["DATA_DIR"])


@pytest.fixture
def restore_backup(app, session) -> Callable[[dict, Account], object]:
    """Factory: check and restore a backup document into an account, as an upload would; returns the report.

    Plugins' restore_backup_data receives ``ids``, the mapping from the document's ids to the new ones.
    """
    return lambda document, owner: restore_account(session, check_backup(document), owner=owner,
                                                   data_dir=app.config["DATA_DIR"])


@pytest.fixture
def merge_people(session) -> Callable[..., object]:
    """Factory: merge person ``merged`` into ``survivor`` (Person objects) for ``owner``, as the merge page does."""
    from netevents.services.merge import merge_people as merge

    return lambda survivor, merged, owner: merge(session, survivor.id, merged.id, owner=owner)


def comparable(document: dict) -> dict:
    """The content of a backup without what differs between accounts: ids renumbered by order, owner, time."""
    ids = {section.name: {row["id"]: number for number, row in enumerate(document["records"][section.name])}
           for section in SECTIONS if section.kind}
    records = {}
    for section in SECTIONS:
        rows = []
        for row in document["records"][section.name]:
            row = dict(row)
            if section.kind:
                row["id"] = ids[section.name][row["id"]]
            for column, target in section.refs.items():
                if row.get(column) is not None:
                    row[column] = ids[target][row[column]]
            rows.append(row)
        records[section.name] = sorted(rows, key=repr) if section.kind is None else rows
    return {"records": records, "settings": {key: value for key, value in document["account"].items()
                                             if key != "email"}}


def assert_same_content(document: dict, expected: dict) -> None:
    """Two backups hold the same network (compared section by section, to say where they differ)."""
    found, wanted = comparable(document), comparable(expected)
    for section in SECTIONS:
        for number, (row, other) in enumerate(zip(found["records"][section.name], wanted["records"][section.name])):
            assert row == other, f"{section.name}[{number}]"
        assert len(found["records"][section.name]) == len(wanted["records"][section.name]), section.name
    assert found == wanted
