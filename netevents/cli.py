"""netevents' own commands (serve, db, users, demo, backup, restore, export), added to each app's CLI; the entry
point is console.main."""
from __future__ import annotations

import gc
import json
import os
import sys
import tempfile

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from netevents.backup_cli import COMMANDS as BACKUP_COMMANDS
from netevents.db import database, make_engine, session_scope
from netevents.demo.command import demo
from netevents.errors import DomainError
from netevents.services.accounts import create_account, set_password


def init_app(app) -> None:
    """Add the netevents commands to the app's CLI (plugins add theirs through a hook)."""
    for command in (db, serve, users, demo, *BACKUP_COMMANDS):
        app.cli.add_command(command)


def upgrade_all(app) -> list:
    """Upgrade the core and the enabled plugins; return (plugin, error) for each plugin that failed."""
    from netevents.plugins.migrations import upgrade_all as upgrade  # Alembic: 10 MB, imported only to upgrade

    return upgrade(app)


def upgrade_in_child(app) -> list[tuple[str, str]]:
    """Upgrade in a forked process, so the serving process never loads Alembic and Mako (10 MB it would keep)."""
    if not hasattr(os, "fork"):
        return [(name, str(error)) for name, error in upgrade_all(app)]
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the forked child (its exit code is checked below)
        code = 1
        try:
            os.close(read_end)
            database(app).engine.dispose(close=False)  # the parent's pooled connections stay the parent's
            failures = [(name, str(error)) for name, error in upgrade_all(app)]
            with os.fdopen(write_end, "w") as report:
                json.dump(failures, report)
            code = 0
        except BaseException:  # the parent says it failed; the traceback is shown here
            import traceback

            traceback.print_exc()
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end) as report:
        text = report.read()
    _pid, status = os.waitpid(child, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not text:
        raise click.ClickException("The database could not be upgraded (the reason is printed above).")
    return [tuple(failure) for failure in json.loads(text)]


@click.group()
def db():
    """Manage the database schema."""


@db.command("upgrade")
@with_appcontext
def db_upgrade():
    """Create or upgrade the database (core and every enabled plugin) to the newest schema."""
    from netevents.plugins.migrations import upgrade_all_reporting

    report = upgrade_all_reporting(current_app)
    click.echo(f"Database: {_shown_url(current_app.config['DATABASE_URL'])}")
    for change in report.changes:
        click.echo(f"  {change.describe()}")
    for name, error in report.failures:
        click.echo(f"Plugin {name} could not upgrade its tables: {error}", err=True)
    if report.failures:
        raise click.ClickException("The core and the other plugins are up to date; fix or disable the plugins above.")
    click.echo("Database is up to date.")


def _shown_url(url: str) -> str:
    """A database URL safe to print: any password hidden."""
    return make_url(url).render_as_string(hide_password=True)


@db.command("revision")
@click.option("-m", "--message", required=True, help="What the revision changes.")
@click.option("--rev-id", default=None, help="Revision id (default: random).")
def db_revision(message: str, rev_id: str | None):
    """For developers: autogenerate a core revision against a scratch SQLite database."""
    with tempfile.TemporaryDirectory() as scratch:
        from netevents.schema import autogenerate_revision

        autogenerate_revision(make_engine(f"sqlite:///{scratch}/scratch.db"), message, rev_id)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=int, help="Worker threads (production server).")
@click.option("--dev", is_flag=True, help="Flask's development server with reload and debugger.")
@with_appcontext
def serve(host: str, port: int, threads: int, dev: bool):
    """Upgrade the database, then serve netevents (waitress; --dev for reload and debug)."""
    app = current_app._get_current_object()
    for name, error in upgrade_in_child(app):
        click.echo(f"Warning: plugin {name} could not upgrade its tables: {error}", err=True)
    shown_host = "localhost" if host in {"127.0.0.1", "0.0.0.0", "::"} else host
    click.echo(f"netevents is running at http://{shown_host}:{port}/  (data in {app.config['DATA_DIR']})")
    if dev:
        app.run(host=host, port=port, debug=True, use_reloader=True)
        return
    import waitress

    freeze_startup_objects()
    waitress.serve(app, host=host, port=port, threads=threads, ident="netevents")


def freeze_startup_objects() -> None:
    """Move everything start-up made (modules, the app, templates) out of the collector's reach.

    Those objects live as long as the process; without this every full collection walks them all again.
    """
    gc.collect()
    gc.freeze()


@click.group()
def users():
    """Manage accounts."""


def _read_password() -> str:
    """Prompt for a password on a terminal; read one line from standard input otherwise."""
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


@users.command("create")
@click.option("--email", required=True, help="The new account's email address.")
@click.option("--admin", is_flag=True, help="Make the account an admin.")
@click.option("--timezone", "zone", default=None, metavar="ZONE",
              help="The account's IANA time zone, e.g. Europe/Paris (asked on a terminal; else UTC).")
@with_appcontext
def users_create(email: str, admin: bool, zone: str | None):
    """Create an account; the password comes from a prompt, or standard input when it is not a terminal."""
    upgrade_all(current_app)
    password = _read_password()
    if zone is None:
        zone = click.prompt("Time zone", default="UTC") if sys.stdin.isatty() else "UTC"
    try:
        with session_scope(current_app) as session:
            account = create_account(session, email, password, is_admin=admin, timezone=zone)
            label = "admin account" if account.is_admin else "account"
            address = account.email
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Created {label} {address} (time zone {zone}).")


@users.command("set-password")
@click.option("--email", required=True, help="The account whose password to set.")
@with_appcontext
def users_set_password(email: str):
    """Set an account's password (prompt, or standard input when not a terminal); every login of it ends."""
    upgrade_all(current_app)
    password = _read_password()
    try:
        with session_scope(current_app) as session:
            address = set_password(session, email, password).email
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Password set for {address}; every device it was logged in on is logged out.")
