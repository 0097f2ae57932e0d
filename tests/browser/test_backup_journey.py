"""Leaving the office with your network: download everything, then restore it into a new account."""
from __future__ import annotations

import json

from playwright.sync_api import expect
from sqlalchemy import func, select

from netevents.db import session_scope
from netevents.models import Account, Person
from netevents.services.accounts import create_account


def count_people(app, email: str) -> int:
    """How many people the account with this email has."""
    with session_scope(app) as session:
        owner = session.scalar(select(Account).where(Account.email == email))
        return session.scalar(select(func.count()).select_from(Person).where(Person.owner_id == owner.id))


def test_download_everything_then_restore_into_a_new_account(demo_site, page, tmp_path):
    demo_site.log_in(page)
    page.goto(demo_site.url + "/settings")
    page.get_by_role("link", name="Download everything or restore a backup").click()
    expect(page.get_by_role("heading", name="Your network outside the office")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download everything").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    document = json.loads(saved.read_text())
    assert document["format"] == "netevents-backup"
    people = len(document["records"]["people"])
    assert people == count_people(demo_site.app, demo_site.email)

    with session_scope(demo_site.app) as session:
        create_account(session, "fresh-start@example.com", "another long password")
    page.context.clear_cookies()
    page.goto(demo_site.url + "/login")
    page.get_by_label("Email").fill("fresh-start@example.com")
    page.locator("#password").fill("another long password")
    page.get_by_role("button", name="Log in").click()
    page.goto(demo_site.url + "/settings/backup")
    page.get_by_label("Backup file").set_input_files(str(saved))
    page.get_by_role("button", name="Restore").click()
    expect(page.get_by_text(f"{people:,} new people")).to_be_visible()
    assert count_people(demo_site.app, "fresh-start@example.com") == people
    page.goto(demo_site.url + "/people")
    expect(page.get_by_text(document["records"]["people"][0]["display_name"]).first).to_be_visible()

    page.goto(demo_site.url + "/settings/backup")
    truncated = tmp_path / "cut.json"
    truncated.write_bytes(saved.read_bytes()[:5000])
    page.get_by_label("Backup file").set_input_files(str(truncated))
    page.get_by_role("button", name="Restore").click()
    expect(page.get_by_text("not complete JSON")).to_be_visible()
    assert count_people(demo_site.app, "fresh-start@example.com") == people
