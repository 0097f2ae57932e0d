"""The hello panel: greeting, pinned notes, settings, ownership and backup."""
from netevents_hello_panel import notes


def test_the_dashboard_greets_the_user(hello, user_client, account):
    page = user_client.get("/").get_data(as_text=True)
    assert f"Hello, {account.email}!" in page and "Nothing pinned yet." in page


def test_pin_and_unpin_a_note(hello, user_client, session, account):
    response = user_client.post("/plugins/hello_panel/notes", data={"text": "Ask Ada about <the expo>"},
                                follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Pinned." in page and "Ask Ada about &lt;the expo&gt;" in page
    note = notes.latest_notes(session, owner=account)[0]
    user_client.post(f"/plugins/hello_panel/notes/{note.id}/delete")
    assert notes.latest_notes(session, owner=account) == []


def test_an_empty_note_is_refused(hello, user_client, session, account):
    page = user_client.post("/plugins/hello_panel/notes", data={"text": " "}, follow_redirects=True)
    assert "flash-error" in page.get_data(as_text=True)
    assert notes.latest_notes(session, owner=account) == []


def test_other_accounts_cannot_see_or_unpin_my_notes(hello, app, session, account, make_account):
    note = notes.pin_note(session, "mine", owner=account)
    session.commit()
    stranger = app.test_client(user=make_account())
    assert "mine" not in stranger.get("/").get_data(as_text=True)
    assert stranger.post(f"/plugins/hello_panel/notes/{note.id}/delete").status_code == 404
    assert [n.text for n in notes.latest_notes(session, owner=account)] == ["mine"]


def test_pages_need_a_login(hello, client, account):
    assert client.post("/plugins/hello_panel/notes", data={"text": "x"}).status_code == 302


def test_the_greeting_is_a_setting(hello, user_client, account):
    user_client.post("/-/plugins/hello_panel/settings", data={"greeting": "Good morning"})
    assert f"Good morning, {account.email}!" in user_client.get("/").get_data(as_text=True)


def test_notes_travel_in_a_backup(hello, session, account, make_account, make_backup, restore_backup):
    notes.pin_note(session, "first", owner=account)
    notes.pin_note(session, "second", owner=account)
    backup = make_backup(account)
    assert backup["plugins"]["hello_panel"] == {"notes": ["first", "second"]}
    other = make_account()
    restore_backup(backup, other)
    assert notes.note_texts(session, owner=other) == ["first", "second"]
