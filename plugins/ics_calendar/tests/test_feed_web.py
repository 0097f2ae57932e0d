"""The feed over HTTP: secret URLs, rotation, isolation, caching headers and 304s, the subscribe page, the
download, the agenda's actions, and what disabling the plugin does."""
from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
from ics_calendar_checks import events, lint

from netevents.plugins.api import (PersonFields, create_followup, create_person, local_today)
from netevents_plugins.ics_calendar import RedactFeedSecrets
from netevents_plugins.ics_calendar.models import CalendarFeed, CalendarItemText
from netevents_plugins.ics_calendar.tokens import hash_token

FEED_PATH = re.compile(r'value="http://localhost(/calendar/[A-Za-z0-9_-]{43}\.ics)"')


def subscribe(client) -> str:
    """Make the feed on the subscribe page and return its path, as the copy field shows it."""
    assert client.post("/calendar/create").status_code == 302
    page = client.get("/calendar/").get_data(as_text=True)
    return FEED_PATH.search(page).group(1)


@pytest.fixture
def due_soon(session, account):
    """A follow-up due in three days (in the account's zone), committed."""
    ada = create_person(session, PersonFields(display_name="Ada Lovelace"), owner=account)
    followup = create_followup(session, ada.id, local_today(account) + timedelta(days=3), "Send the slides",
                               owner=account)
    session.commit()
    return followup


def test_the_feed_is_a_calendar_on_a_secret_url(client, user_client, due_soon):
    path = subscribe(user_client)
    response = client.get(path)  # no login: calendar apps have none
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["ETag"] and response.headers["Last-Modified"]
    assert str(events(response.data)[f"followup-{due_soon.id}@netevents"]["SUMMARY"]) == "Follow up: Ada Lovelace"


def test_the_subscribe_page_offers_webcal_google_copy_and_a_qr_code(user_client, due_soon):
    path = subscribe(user_client)
    response = user_client.get("/calendar/")
    page = response.get_data(as_text=True)
    assert f'href="webcal://localhost{path}"' in page
    assert "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Flocalhost%2Fcalendar%2F" in page
    assert 'id="copy-feed-url"' in page and "copy.js" in page
    assert re.search(r'<img src="data:image/svg\+xml[^"]+" alt="QR code', page)
    assert response.headers["Referrer-Policy"] == "no-referrer" and "no-store" in response.headers["Cache-Control"]
    script = user_client.get("/calendar/static/copy.js")
    assert script.status_code == 200 and b"clipboard" in script.data
    script.close()


def test_only_the_hash_of_the_token_is_stored(session, user_client, account, due_soon):
    path = subscribe(user_client)
    token = path.split("/")[-1].removesuffix(".ics")
    feed = session.get(CalendarFeed, account.id)
    assert feed.token_hash == hash_token(token) and token not in (feed.token_hash, feed.nonce)


@pytest.mark.parametrize("token", ["x" * 43, "A" * 42, "a" * 500, "%00", "..", "' or 1=1 --", "ü" * 43])
def test_unknown_tokens_get_a_plain_404(client, user_client, due_soon, token):
    subscribe(user_client)
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 404 and response.headers["Referrer-Policy"] == "no-referrer"
    assert b"Ada" not in response.data and b"BEGIN:VCALENDAR" not in response.data


def test_rotating_stops_the_old_url_at_once(client, user_client, due_soon):
    old = subscribe(user_client)
    assert user_client.post("/calendar/rotate").status_code == 302
    new = FEED_PATH.search(user_client.get("/calendar/").get_data(as_text=True)).group(1)
    assert new != old
    assert client.get(old).status_code == 404 and client.get(new).status_code == 200


def test_a_token_opens_only_its_own_accounts_items(app, client, session, make_account, user_client, due_soon):
    other = make_account()
    grace = create_person(session, PersonFields(display_name="Grace Hopper"), owner=other)
    create_followup(session, grace.id, local_today(other) + timedelta(days=2), "", owner=other)
    session.commit()
    mine, theirs = subscribe(user_client), subscribe(app.test_client(user=other))
    assert mine != theirs
    assert b"Ada Lovelace" in client.get(mine).data and b"Grace Hopper" not in client.get(mine).data
    assert b"Grace Hopper" in client.get(theirs).data and b"Ada Lovelace" not in client.get(theirs).data


def test_an_unchanged_feed_answers_304_without_being_rebuilt(client, user_client, due_soon, monkeypatch):
    path = subscribe(user_client)
    first = client.get(path)
    from netevents_plugins.ics_calendar import views

    monkeypatch.setattr(views, "build_calendar", lambda *args, **kwargs: pytest.fail("rebuilt for a 304"))
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b"" and again.headers["Referrer-Policy"] == "no-referrer"
    assert again.headers["ETag"] == first.headers["ETag"]
    since = client.get(path, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304


def test_a_deletion_changes_the_etag_and_the_item_goes(client, user_client, session, due_soon):
    path = subscribe(user_client)
    first = client.get(path)
    assert user_client.post(f"/followups/{due_soon.id}/delete").status_code in (302, 303)
    after = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != first.headers["ETag"]
    assert f"followup-{due_soon.id}@netevents" not in events(after.data)


def test_done_on_the_agenda_uses_the_core_action_and_the_feed_follows(client, user_client, due_soon):
    path = subscribe(user_client)
    etag = client.get(path).headers["ETag"]
    page = user_client.get("/calendar/agenda").get_data(as_text=True)
    assert "Follow up: Ada Lovelace" in page and f'action="/followups/{due_soon.id}/done"' in page
    assert f'action="/followups/{due_soon.id}/snooze"' in page
    response = user_client.post(f"/followups/{due_soon.id}/done", data={"next": "/calendar/agenda"})
    assert response.headers["Location"].endswith("/calendar/agenda")
    assert "Follow up: Ada Lovelace" not in user_client.get("/calendar/agenda").get_data(as_text=True)
    after = client.get(path, headers={"If-None-Match": etag})
    assert after.status_code == 200 and f"followup-{due_soon.id}@netevents" not in events(after.data)


def test_the_agenda_shows_a_page_of_the_coming_days_and_the_most_overdue_with_their_count(
        monkeypatch, user_client, session, account):
    from netevents_plugins.ics_calendar import agenda, sources

    monkeypatch.setattr(sources, "READERS", {"followup": sources.followup_items})  # no contact of the day
    monkeypatch.setattr(agenda, "ENTRIES_PER_PAGE", 3)
    monkeypatch.setattr(agenda, "OVERDUE_SHOWN", 2)
    today, people = local_today(account), {}
    for name, days in (("Late Three", -3), ("Late Two", -2), ("Late One", -1), ("Soon One", 1), ("Soon Two", 2),
                       ("Soon Three", 3), ("Soon Four", 4)):
        people[name] = create_person(session, PersonFields(display_name=name), owner=account)
        create_followup(session, people[name].id, today + timedelta(days=days), "Call", owner=account)
    session.commit()
    first = user_client.get("/calendar/agenda").get_data(as_text=True)
    assert "Overdue <small class=\"muted\">(3)</small>" in first and "All 3 overdue follow-ups" in first
    assert first.index("Late Three") < first.index("Late Two") and "Late One" not in first
    assert first.index("Soon One") < first.index("Soon Two") < first.index("Soon Three")
    assert "Soon Four" not in first and "Page 1 of 2" in first and 'href="/calendar/agenda?page=2"' in first
    second = user_client.get("/calendar/agenda?page=2").get_data(as_text=True)
    assert "Soon Four" in second and "Soon One" not in second and "Late Three" not in second
    assert 'name="next" value="/calendar/agenda?page=2"' in second
    assert "Soon Four" in user_client.get("/calendar/agenda?page=9").get_data(as_text=True)
    assert "Soon One" in user_client.get("/calendar/agenda?page=abc").get_data(as_text=True)


def test_snooze_moves_the_item_and_bumps_its_sequence(client, user_client, due_soon):
    path = subscribe(user_client)
    before = events(client.get(path).data)[f"followup-{due_soon.id}@netevents"]
    user_client.post(f"/followups/{due_soon.id}/snooze", data={"days": "7", "next": "/calendar/agenda"})
    after = events(client.get(path).data)[f"followup-{due_soon.id}@netevents"]
    assert after.decoded("DTSTART") == before.decoded("DTSTART") + timedelta(days=7)
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1


def test_the_download_is_the_same_calendar_as_a_file(user_client, due_soon):
    response = user_client.get("/calendar/download.ics")
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="netevents-calendar-')
    assert f"followup-{due_soon.id}@netevents" in events(response.data)


def test_pages_need_a_login_and_posts_need_the_csrf_token(app, client, account):
    for path in ("/calendar/", "/calendar/agenda", "/calendar/download.ics"):
        assert client.get(path).status_code == 302
    app.config["WTF_CSRF_ENABLED"] = True
    member = app.test_client(user=account)
    assert member.post("/calendar/create").status_code == 400
    assert member.post("/calendar/rotate").status_code == 400


def test_disabling_the_plugin_404s_every_feed_url_and_enabling_brings_it_back(client, user_client, due_soon):
    path = subscribe(user_client)
    assert user_client.post("/-/plugins/ics_calendar/disable").status_code == 302
    for url in (path, "/calendar/", "/calendar/agenda", "/calendar/download.ics"):
        assert client.get(url).status_code == 404 and user_client.get(url).status_code == 404
    home = user_client.get("/")
    assert home.status_code == 200 and b'href="/calendar/agenda"' not in home.data
    assert user_client.post("/-/plugins/ics_calendar/enable").status_code == 302
    assert client.get(path).status_code == 200 and b'href="/calendar/agenda"' in user_client.get("/").data


def test_feed_secrets_are_redacted_from_request_logs():
    record = logging.LogRecord("werkzeug", logging.INFO, __file__, 1, '%s - - "%s" %s',
                               ("127.0.0.1", "GET /calendar/" + "a" * 43 + ".ics HTTP/1.1", "200"), None)
    assert RedactFeedSecrets().filter(record)
    assert record.getMessage() == '127.0.0.1 - - "GET /calendar/[secret].ics HTTP/1.1" 200'


def test_warm_fetches_reuse_the_kept_text(client, session, user_client, account, due_soon):
    path = subscribe(user_client)
    body = client.get(path).data
    kept = {row.uid: row.text for row in session.query(CalendarItemText).filter_by(owner_id=account.id)}
    assert kept and all(text in body.decode() for text in kept.values())
    lint(body)


def test_export_ics_writes_the_calendar(runner, account, due_soon, tmp_path):
    target = tmp_path / "me.ics"
    result = runner.invoke(args=["export", "ics", "--user", account.email, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"followup-{due_soon.id}@netevents" in events(target.read_bytes())
    missing = runner.invoke(args=["export", "ics", "--user", "nobody@example.com", "-o", str(target)])
    assert missing.exit_code != 0 and "No account with the email" in missing.output


def test_saved_settings_change_the_feed_and_its_etag(client, user_client, due_soon):
    path = subscribe(user_client)
    first = client.get(path)
    page = user_client.get("/-/plugins/ics_calendar/settings")
    assert page.status_code == 200 and b"Europe/Paris" in page.data
    saved = user_client.post("/-/plugins/ics_calendar/settings", data={
        "kinds": ["event"], "reminder_minutes": "10", "reminder_time": "08:15", "timezone": "Europe/Paris"})
    assert saved.status_code == 302
    after = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200 and events(after.data) == {}
    bad = user_client.post("/-/plugins/ics_calendar/settings",
                           data={"reminder_minutes": "-5", "reminder_time": "25:99"})
    assert bad.status_code == 200 and b"Write the time as 09:00." in bad.data


def test_a_change_during_a_build_is_not_hidden_behind_the_etag_sent(client, user_client, session, account,
                                                                    due_soon, monkeypatch):
    path = subscribe(user_client)
    from netevents_plugins.ics_calendar import views
    from netevents_plugins.ics_calendar.changes import count_changes

    real_build = views.build_calendar

    def build_while_someone_writes(build_session, *args, **kwargs):
        body = real_build(build_session, *args, **kwargs)
        count_changes(build_session, [account.id])  # another request's write, counted while we build
        return body

    monkeypatch.setattr(views, "build_calendar", build_while_someone_writes)
    etag = client.get(path).headers["ETag"]
    monkeypatch.setattr(views, "build_calendar", real_build)
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 200
