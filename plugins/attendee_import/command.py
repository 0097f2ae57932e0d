"""``netevents import FILE --user EMAIL [--event NAME_OR_ID] [--format NAME] [--dry-run] [--json]``."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from netevents_plugins.attendee_import.applying import ImportResult, apply_plan
from netevents_plugins.attendee_import.importing import event_named, preview_file
from netevents_plugins.attendee_import.planning import ImportPlan
from netevents_plugins.attendee_import.sources import FORMAT_NAMES
from sqlalchemy import select

from netevents.plugins.api import (Account, DomainError, NotFound, local_today, normalize_email, refresh_pending,
                                  session_scope)


class DryRun(Exception):
    """Raised inside the transaction of a dry run so that session_scope rolls everything back."""

    def __init__(self, result: ImportResult):
        super().__init__("dry run")
        self.result = result


def _account(session, email: str) -> Account:
    """The account with this email, or NotFound saying so."""
    account = session.scalar(select(Account).where(Account.email == normalize_email(email)))
    if account is None:
        raise NotFound(f"There is no account {email}.")
    return account


def _run(session, plan: ImportPlan, owner: Account, event_name: str | None, accept: bool) -> ImportResult:
    """Apply the plan behind a progress bar."""
    event = event_named(session, event_name, owner=owner, today=local_today(owner)) if event_name else None
    total = len(plan.people) or 1
    # click draws the bar only on a terminal; on stderr, so --json output stays one clean object
    with click.progressbar(length=total, label=f"Importing {plan.file_name}", file=sys.stderr) as bar:
        return apply_plan(session, plan, owner=owner, accept_changes=accept, event=event, progress=bar.update,
                          defer_duplicates=True)


def _check_duplicates(email: str, count: int) -> None:
    """After the import's commit: find the new people's duplicate candidates, in their own transaction."""
    with session_scope(current_app._get_current_object()) as session:
        owner = _account(session, email)
        with click.progressbar(length=count or 1, label="Looking for duplicates", file=sys.stderr) as bar:
            refresh_pending(session, owner=owner, progress=bar.update)


def _report(result: ImportResult, as_json: bool, dry_run: bool) -> None:
    """Print the outcome as JSON or as sentences."""
    if as_json:
        click.echo(json.dumps(result.summary()))
        return
    prefix = "Dry run, nothing saved: would have " if dry_run else ""
    click.echo(f"{prefix}created {result.created}, matched {result.matched}, updated {result.updated}; "
               f"skipped {result.skipped} rows, {result.invalid} invalid.")
    for error in result.errors[:20]:
        click.echo(f"  {error}", err=True)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--user", "email", required=True, help="Email address of the account to import into.")
@click.option("--event", "event_name", help="Event (name or id) the people attended; created when none has the name.")
@click.option("--format", "format_name", type=click.Choice(FORMAT_NAMES), default="auto", show_default=True,
              help="The export format; recognised from the content by default.")
@click.option("--tag", help="Tag every imported person with this.")
@click.option("--accept-changes", is_flag=True, help="Apply new job titles, companies and details of known people.")
@click.option("--dry-run", is_flag=True, help="Show what would happen; save nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with the counts and errors.")
@with_appcontext
def import_command(file: Path, email: str, event_name, format_name, tag, accept_changes, dry_run, as_json):
    """Import an attendee list or contact export (CSV or vCard), all or nothing."""
    try:
        with session_scope(current_app._get_current_object()) as session:
            owner = _account(session, email)
            plan = preview_file(session, file.read_bytes(), owner=owner, file_name=file.name, format_name=format_name,
                                tag=tag)
            result = _run(session, plan, owner, event_name, accept_changes)
            if dry_run:
                raise DryRun(result)
    except DryRun as dry:
        result = dry.result
    except DomainError as error:
        if as_json:
            click.echo(json.dumps({"created": 0, "matched": 0, "updated": 0, "skipped": 0, "invalid": 0,
                                   "errors": [error.message]}))
        raise click.ClickException(error.message) from None
    if not dry_run:
        _check_duplicates(email, result.created)
    _report(result, as_json, dry_run)
