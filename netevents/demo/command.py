"""``netevents demo --user EMAIL``: fill an account with the demo network."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select
from sqlalchemy.orm import Session

from netevents.db import session_scope
from netevents.demo import (DEFAULT_SEED, MAX_SCALED_PEOPLE, TOTAL_STEPS, AccountNotEmpty, DemoSummary,
                            build_demo_network, build_scaled_network, check_account_empty, check_demo_allowed)
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
    memberships = "association membership" if summary.memberships == 1 else "association memberships"
    return (f"{summary.people:,} people, {summary.organizations:,} organizations, {summary.events:,} events "
            f"({summary.talks:,} talks), {summary.encounters:,} encounters, {summary.groups} groups with "
            f"{summary.roles} roles, {summary.memberships} {memberships}, {summary.interactions:,} "
            f"interactions, {summary.favors:,} favors, {summary.followups:,} follow-ups, {summary.dates} important "
            f"dates and {summary.relationships} relationships")


def _build(session: Session, owner: Account, today, *, seed: int, force: bool, people: int | None) -> DemoSummary:
    """Build the hand-written demo, or the scaled one of ``people`` people, behind a progress bar."""
    label = "Building the demo network" if people is None else f"Building a network of {people:,} people"
    with click.progressbar(length=TOTAL_STEPS, label=label) as bar:
        if people is None:
            return build_demo_network(session, owner=owner, today=today, seed=seed, force=force, progress=bar.update)
        return build_scaled_network(session, owner=owner, today=today, people=people, seed=seed, force=force,
                                    progress=bar.update)


@click.command("demo")
@click.option("--user", "email", required=True, help="Email address of the account to fill.")
@click.option("--force", is_flag=True, help="Add the demo even though the account already has people.")
@click.option("--seed", default=DEFAULT_SEED, show_default=True, type=int,
              help="Another seed gives a slightly different network.")
@click.option("--people", type=click.IntRange(1, MAX_SCALED_PEOPLE), default=None,
              help="Build a network of this many people with years of activity instead (bulk, no hooks).")
@with_appcontext
def demo(email: str, force: bool, seed: int, people: int | None):
    """Fill an account with a realistic demo network: fictional people, events and a year of activity."""
    try:
        with session_scope(current_app._get_current_object()) as session:
            owner = account_with_email(session, email)
            address, today = owner.email, local_today(owner)
            if people is None:
                check_demo_allowed(session, owner, today, force)
            else:
                check_account_empty(session, owner, force)
            summary = _build(session, owner, today, seed=seed, force=force, people=people)
    except AccountNotEmpty as error:
        raise click.ClickException(f"{error.message} Nothing was added; use --force to add it anyway.") from None
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Added the demo network to {address}: {describe(summary)}.")
    click.echo("Everyone in it is fictional. Sign in and start with Follow-ups and Events.")
