"""The settings page: timezone and quick-capture follow-up days."""
import pytest

from netevents.errors import Invalid
from netevents.services.settings import update_settings


def test_settings_show_and_save(user_client, session, account):
    page = user_client.get("/settings").get_data(as_text=True)
    assert "America/Los Angeles" in page and 'value="2"' in page
    response = user_client.post("/settings", data={"timezone": "America/Los_Angeles",
                                                   "quick_capture_followup_days": "5"})
    assert response.status_code == 302
    session.refresh(account)
    assert (account.timezone, account.quick_capture_followup_days) == ("America/Los_Angeles", 5)
    assert "Settings saved." in user_client.get("/settings").get_data(as_text=True)


@pytest.mark.parametrize("data, message", [
    ({"timezone": "Mars/Olympus_Mons", "quick_capture_followup_days": "2"}, "Choose a time zone from the list"),
    ({"timezone": "UTC", "quick_capture_followup_days": "-1"}, "Between 0 and 365 days."),
    ({"timezone": "UTC", "quick_capture_followup_days": "soon"}, "Not a valid integer value."),
    ({"timezone": "UTC", "quick_capture_followup_days": ""}, "Enter a number of days."),
])
def test_bad_settings_show_field_errors(user_client, session, account, data, message):
    response = user_client.post("/settings", data=data)
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    session.refresh(account)
    assert account.timezone == "UTC"


def test_settings_service_validates_on_its_own(session, account):
    with pytest.raises(Invalid) as caught:
        update_settings(session, owner=account, timezone="Nowhere/Land", quick_capture_followup_days=2)
    assert "timezone" in caught.value.field_errors
    with pytest.raises(Invalid) as caught:
        update_settings(session, owner=account, timezone="UTC", quick_capture_followup_days=400)
    assert "quick_capture_followup_days" in caught.value.field_errors
