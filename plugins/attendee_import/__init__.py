"""First-party plugin: import attendee lists and contact exports (Eventbrite, Meetup, Luma, Zoom, RingCentral,
Brella, Swapcard, LinkedIn, Google, Outlook, vCard and any CSV), preview, dedupe and link people to the event."""
from __future__ import annotations

from pathlib import Path

from netevents_plugins.attendee_import import models  # noqa: F401 -- the plugin's tables, for create_all and Alembic
from netevents_plugins.attendee_import.briefing import event_panel
from netevents_plugins.attendee_import.checking import CheckedPerson, check_row
from netevents_plugins.attendee_import.command import import_command
from netevents_plugins.attendee_import.sources import read_upload
from netevents_plugins.attendee_import.views import bp

from netevents.plugins.api import Importer, PersonRow, hookimpl


def _person_rows(data: bytes) -> list[PersonRow]:
    """The core Import page's view of a file: one PersonRow per readable, not skipped row."""
    rows = []
    for row in read_upload(data, "the file").rows:
        checked = check_row(row)
        if not row.skip_reason and isinstance(checked, CheckedPerson):
            rows.append(PersonRow(display_name=checked.display_name, email=(checked.emails or [None])[0],
                                  organization=checked.organization, job_title=checked.job_title,
                                  notes=checked.notes))
    return rows


@hookimpl
def register_importers():
    """Every attendee and contact export this plugin reads, recognised from the file's content."""
    return [Importer(name="attendee-lists", label="Attendee lists and contacts (any supported format)",
                     parse=_person_rows, extensions=(".csv", ".txt", ".tsv", ".vcf"),
                     description="Eventbrite, Meetup, Luma, Zoom, RingCentral, Brella, Swapcard, LinkedIn, "
                                 "Google Contacts, Outlook, vCard. The attendee import page does more: "
                                 "all fields, changes, events.")]


@hookimpl
def migration_directory():
    """This plugin's own Alembic history (attendee and column-mapping tables)."""
    return Path(__file__).parent / "migrations"


@hookimpl
def register_blueprints():
    """The import, preview, triage and mapping pages under /plugins/attendee_import/."""
    return bp


@hookimpl
def register_commands(cli):
    """``netevents import FILE --user EMAIL``."""
    cli.add_command(import_command)


@hookimpl
def event_panels(session, owner, event):
    """On an event's page: its attendee list, whom to triage, and who you already know there."""
    return event_panel(session, owner, event)
