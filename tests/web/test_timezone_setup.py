"""The time zone is asked when an account is made (setup page, CLI), checked against zoneinfo, and changeable."""
import pytest

from netevents.errors import Invalid
from netevents.models import Account
from netevents.services.accounts import create_account
from netevents.services.clock import check_timezone, listed_timezones, local_today
from netevents.testing import TEST_PASSWORD

SETUP = {"email": "ada@example.com", "password": TEST_PASSWORD, "confirm": TEST_PASSWORD}


def test_setup_asks_for_the_time_zone_and_presets_it_from_the_browser(client):
    page = client.get("/setup").get_data(as_text=True)
    assert '<label for="timezone">Time zone</label>' in page
    assert "data-timezone-preset" in page and "/static/timezone.js" in page
    assert '<option value="Europe/Paris">Europe/Paris</option>' in page
    assert '<option selected value="UTC">UTC</option>' in page


def test_setup_keeps_the_chosen_time_zone(client, session):
    response = client.post("/setup", data={**SETUP, "timezone": "America/Los_Angeles"})
    assert response.status_code == 302
    assert session.query(Account).filter_by(email="ada@example.com").one().timezone == "America/Los_Angeles"


def test_setup_accepts_an_old_alias_a_browser_may_report(client, session):
    assert client.post("/setup", data={**SETUP, "timezone": "Asia/Calcutta"}).status_code == 302
    account = session.query(Account).filter_by(email="ada@example.com").one()
    assert account.timezone == "Asia/Calcutta"
    settings = client.get("/settings").get_data(as_text=True)
    assert '<option selected value="Asia/Calcutta">' in settings and "data-timezone-device" in settings


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "localtime", "", "../../etc/passwd"])
def test_setup_refuses_an_unknown_time_zone_and_creates_nothing(client, session, zone):
    response = client.post("/setup", data={**SETUP, "timezone": zone})
    assert response.status_code == 200
    assert "Choose a time zone from the list" in response.get_data(as_text=True)
    assert session.query(Account).count() == 0


def test_the_account_service_checks_the_zone_itself(session):
    with pytest.raises(Invalid) as caught:
        create_account(session, "x@example.com", TEST_PASSWORD, timezone="Nowhere/Land")
    assert "timezone" in caught.value.field_errors
    assert check_timezone("Pacific/Auckland") == "Pacific/Auckland"


def test_the_listed_zones_are_places_not_aliases():
    listed = listed_timezones()
    assert listed[0] == "UTC" and "Europe/Paris" in listed and "America/Argentina/Buenos_Aires" in listed
    assert not {"US/Eastern", "Etc/GMT+5", "localtime", "Factory", "EST"} & set(listed)


def test_today_follows_the_chosen_zone(session):
    from datetime import datetime, timezone

    late_evening_utc = datetime(2025, 3, 1, 23, 30, tzinfo=timezone.utc)
    auckland = create_account(session, "kiwi@example.com", TEST_PASSWORD, timezone="Pacific/Auckland")
    assert local_today(auckland, late_evening_utc).isoformat() == "2025-03-02"


def test_cli_users_create_takes_a_time_zone(runner, session):
    result = runner.invoke(args=["users", "create", "--email", "lin@example.com", "--timezone", "Asia/Shanghai"],
                           input="a long enough password\n")
    assert result.exit_code == 0, result.output
    assert "time zone Asia/Shanghai" in result.output
    assert session.query(Account).filter_by(email="lin@example.com").one().timezone == "Asia/Shanghai"
    result = runner.invoke(args=["users", "create", "--email", "bad@example.com", "--timezone", "Moon/Base"],
                           input="a long enough password\n")
    assert result.exit_code != 0 and "Unknown time zone 'Moon/Base'" in result.output
    assert session.query(Account).filter_by(email="bad@example.com").count() == 0
