"""`netevents export ics --user EMAIL -o FILE`: the same calendar as the feed, written to a file."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from netevents.plugins.api import Account, normalize_email, session_scope
from netevents_plugins.ics_calendar.feed import build_calendar
from netevents_plugins.ics_calendar.links import page_links
from netevents_plugins.ics_calendar.settings import feed_settings


@click.command("ics")
@click.option("--user", "email", required=True, help="The account whose calendar to write.")
@click.option("-o", "--output", type=click.File("wb"), required=True, help="The .ics file to write ('-': stdout).")
@click.option("--base-url", default="http://localhost:5000", show_default=True,
              help="The address netevents is reached at, for the links to people's pages.")
@with_appcontext
def export_ics(email: str, output, base_url: str) -> None:
    """Write an account's follow-up calendar as an .ics file."""
    with session_scope(current_app) as session:
        owner = session.scalar(select(Account).where(Account.email == normalize_email(email)))
        if owner is None:
            raise click.ClickException(f"No account with the email {email}.")
        with current_app.test_request_context(base_url=base_url):
            body = build_calendar(session, owner, feed_settings(session, owner=owner), page_links())
    output.write(body)
    click.echo(f"Wrote {body.count(b'BEGIN:VEVENT')} calendar items.", err=True)


def attach(cli) -> None:
    """Add `ics` under the `export` group (made here when the core has none), idempotently."""
    group = cli.commands.get("export")
    if group is None:
        @cli.group("export")
        def group():
            """Export your data to files."""
    if isinstance(group, click.Group) and "ics" not in group.commands:
        group.add_command(export_ics)
