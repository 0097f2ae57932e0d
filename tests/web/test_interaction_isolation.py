"""Account B gets 404 for every URL of account A's interactions, favors, follow-ups, tags and cadences."""
from datetime import date

import pytest
from sqlalchemy import func, select

from netevents.models import FollowUp, Interaction
from netevents.services.favors import FavorFields
from netevents.services.followups import create_followup
from netevents.services.interactions import InteractionFields, log_interaction
from netevents.services.people import PersonFields, create_person


@pytest.fixture
def records_of_a(session, account):
    """Account A's person (tagged), interaction with a favor, and follow-up."""
    ann = create_person(session, PersonFields(display_name="Ann of A", tags=["client"], cadence_days=5), owner=account)
    lunch = log_interaction(session, InteractionFields(person_ids=[ann.id], occurred_on=date(2024, 1, 2),
                                                       summary="Secret lunch"),
                            [FavorFields(direction="received", description="secret favor")], owner=account)
    followup = create_followup(session, ann.id, date(2024, 1, 9), "secret follow-up", owner=account)
    return {"person": ann.id, "interaction": lunch.id, "favor": lunch.favors[0].id, "followup": followup.id,
            "tag": ann.tags[0].id}


URLS = [
    ("GET", "/interactions/?person={person}"),
    ("GET", "/interactions/{interaction}/edit"),
    ("POST", "/interactions/{interaction}/edit"),
    ("GET", "/interactions/{interaction}/delete"),
    ("POST", "/interactions/{interaction}/delete"),
    ("GET", "/interactions/favors/{favor}/delete"),
    ("POST", "/interactions/favors/{favor}/delete"),
    ("POST", "/followups/{followup}/done"),
    ("POST", "/followups/{followup}/reopen"),
    ("GET", "/followups/{followup}/snooze"),
    ("POST", "/followups/{followup}/snooze"),
    ("GET", "/followups/{followup}/edit"),
    ("POST", "/followups/{followup}/edit"),
    ("GET", "/followups/{followup}/delete"),
    ("POST", "/followups/{followup}/delete"),
    ("GET", "/cadences/tags/{tag}"),
    ("POST", "/cadences/tags/{tag}"),
    ("GET", "/cadences/people/{person}"),
    ("POST", "/cadences/people/{person}"),
]
FORM = {"person_ids": ["1"], "occurred_on": "2024-01-03", "channel": "call", "favor_person": "0", "days": "1",
        "due_on": "2024-02-01", "note": "stolen", "cadence_days": "1", "tag1-cadence_days": "1"}


@pytest.mark.parametrize("method, url", URLS)
def test_other_account_gets_404(app, make_account, records_of_a, method, url):
    intruder = app.test_client(user=make_account())
    response = intruder.open(url.format(**records_of_a), method=method, data=FORM if method == "POST" else None)
    assert response.status_code == 404
    assert b"secret" not in response.data and b"Ann of A" not in response.data


def test_nothing_of_a_shows_on_bs_pages_and_a_is_untouched(app, session, account, make_account, records_of_a):
    intruder = app.test_client(user=make_account())
    for url in ["/interactions/", "/interactions/new", "/interactions/reciprocity", "/followups/", "/followups/new",
                "/fading", "/cadences"]:
        response = intruder.get(url)
        assert response.status_code == 200 and b"Ann of A" not in response.data and b"secret" not in response.data
    response = intruder.post("/followups/new", data={"person_id": records_of_a["person"], "due_on": "2024-02-01"})
    assert response.status_code == 200 and b"field-error" in response.data
    response = intruder.post("/interactions/new", data={**FORM, "person_ids": [records_of_a["person"]]})
    assert response.status_code == 200 and b"field-error" in response.data
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Interaction)) == 1
    assert session.scalars(select(FollowUp.note)).all() == ["secret follow-up"]
