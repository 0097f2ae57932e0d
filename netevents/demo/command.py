"""``netevents demo --user EMAIL``: fill an account with the demo network."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select
from sqlalchemy.orm import Session

from netevents.db import session_scope
from netevents.demo import (DEFAULT_SEED, TOTAL_STEPS, AccountNotEmpty, DemoSummary, build_demo_network,
                            check_demo_allowed)
from netevents.errors import DomainError, NotFound
from netevents.models import Account
from netevents.services.clock import local_today
from netevents.services.validation import normalize_email


def account_with_email(session: Session, email: str) -> Account:
    """Return the account with this email address, or raise NotFound saying how to create it."""
    address = normalize_email(email)
    account = session.scalar(select(Account).where(Account.email == address))
    if account is None:
        raise NotFound(f"There is no account {address}. Create it first: netevents users create --email {address}")
    return account


def describe(summary: DemoSummary) -> str:
    """One sentence saying what the demo added."""
    return (f"{summary.people} people, {summary.organizations} organizations, {summary.events} events "
            f"({summary.talks} talks), {summary.encounters} encounters, {summary.groups} groups with "
            f"{summary.roles} roles, {summary.memberships} association membership, {summary.interactions} "
            f"interactions, {summary.favors} favors and {summary.followups} follow-ups")


@click.command("demo")
@click.option("--user", "email", required=True, help="Email address of the account to fill.")
@click.option("--force", is_flag=True, help="Add the demo even though the account already has people.")
@click.option("--seed", default=DEFAULT_SEED, show_default=True, type=int,
              help="Another seed gives a slightly different network.")
@with_appcontext
def demo(email: str, force: bool, seed: int):
    """Fill an account with a realistic demo network: fictional people, events and a year of activity."""
    try:
        with session_scope(current_app._get_current_object()) as session:
            owner = account_with_email(session, email)
            address, today = owner.email, local_today(owner)
            check_demo_allowed(session, owner, today, force)
            with click.progressbar(length=TOTAL_STEPS, label="Building the demo network") as bar:
                summary = build_demo_network(session, owner=owner, today=today, seed=seed,
                                             force=force, progress=bar.update)
    except AccountNotEmpty as error:
        raise click.ClickException(f"{error.message} Nothing was added; use --force to add it anyway.") from None
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Added the demo network to {address}: {describe(summary)}.")
    click.echo("Everyone in it is fictional. Sign in and start with Follow-ups and Events.")
