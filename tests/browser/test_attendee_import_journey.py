"""Back from a conference: import the organiser's attendee export, watch it import, tick whom you met, and read
who you already knew there."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from netevents.db import session_scope
from netevents.models import Account
from netevents.plugins.api import (EncounterFields, EventFields, PersonFields, create_event, create_person,
                                   log_encounter)


SAMPLE = Path(__file__).resolve().parents[2] / "plugins" / "attendee_import" / "tests" / "samples" / "eventbrite.csv"


@pytest.fixture
def importing_site(live_site):
    """A fresh instance whose web imports all run as background jobs (the threshold lowered to 0 people)."""
    app, url = live_site
    app.config["ATTENDEE_IMPORT_JOB_ROWS"] = 0
    return app, url


def know_ingrid(app, email: str) -> None:
    """Ingrid, on the export, is already in the network: met at last year's forum."""
    with session_scope(app) as session:
        owner = session.scalar(select(Account).where(Account.email == email))
        forum = create_event(session, EventFields(name="Nordic Freight Forum 2024", starts=date(2024, 5, 2)),
                             owner=owner)
        ingrid = create_person(session, PersonFields(display_name="Ingrid Solberg",
                                                     emails=["ingrid.solberg@fjordline.example"]), owner=owner)
        log_encounter(session, EncounterFields(person_id=ingrid.id, met_on=date(2024, 5, 2), event_id=forum.id),
                      owner=owner)


def test_import_an_attendee_export_then_triage_and_read_the_briefing(importing_site, page):
    app, url = importing_site
    page.goto(url + "/")
    page.get_by_label("Email").fill("ada@example.com")
    page.locator("#password").fill("a long browser password")
    page.locator("#confirm").fill("a long browser password")
    page.get_by_role("button", name="Create the admin account").click()
    expect(page.get_by_text("Your account is ready")).to_be_visible()
    know_ingrid(app, "ada@example.com")
    seen = []
    page.on("response", lambda response: seen.append(response.url))

    page.goto(url + "/plugins/attendee_import/")
    page.get_by_label("Attendee list or contacts file").set_input_files(str(SAMPLE))
    page.get_by_label("…or a new event named").fill("Supply Chain Summit")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview: eventbrite.csv")).to_be_visible()
    counts = page.locator("table.import-counts tbody td")
    expect(counts).to_have_text(["1", "0", "1", "2", "0"])  # María José new; Ingrid known, with a job title now
    expect(page.get_by_text("refunded")).to_be_visible()

    page.get_by_role("button", name="Import 1 new and link 1 known").click()
    page.wait_for_url(re.compile(r"/triage$"), timeout=30_000)  # by way of the progress page
    assert any(re.search(r"/plugins/attendee_import/jobs/\d+$", address) for address in seen)
    expect(page.get_by_text("Imported eventbrite.csv: 1 new, 1 already known")).to_be_visible()

    page.get_by_label("Met María José García Pérez").check()
    page.get_by_role("button", name="Record whom I met").click()
    expect(page.get_by_text("Recorded meeting 1 person at Supply Chain Summit")).to_be_visible()
    expect(page.get_by_text("✓ met")).to_be_visible()

    page.get_by_role("link", name="Briefing: who you already know here").click()
    expect(page.get_by_text("Ingrid Solberg").first).to_be_visible()
    expect(page.get_by_text("Nordic Freight Forum 2024").first).to_be_visible()
    expect(page.get_by_text("María José García Pérez")).to_have_count(0)  # met here, not known before
