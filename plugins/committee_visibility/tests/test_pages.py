"""The panels and pages: logging from the dashboard, group and event pages; marking leaders; isolation; CSRF."""
from datetime import date, timedelta

import pytest
from netevents_plugins.committee_visibility.leaders import leader_of
from netevents_plugins.committee_visibility.moments import moments_seen_by, recent_moments

from netevents.plugins.api import FollowUp

BASE = "/plugins/committee_visibility"


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_the_dashboard_panel_invites_to_mark_leaders(user_client):
    html = page(user_client, "/")
    assert "Visibility to leaders" in html and "No leaders yet" in html and "mark them as internal" in html
    assert 'name="what"' not in html  # no form with nobody to name in it: a link to the one on the overview
    assert f'href="{BASE}/#log-moment"' in html
    overview = page(user_client, f"{BASE}/")
    assert 'id="log-moment"' in overview and 'name="what"' in overview


def test_the_dashboard_panel_offers_the_form_once_a_group_is_internal(session, user_client, account, make_group):
    make_group()  # marked internal
    session.commit()
    html = page(user_client, "/")
    assert 'name="what"' in html and "Architecture board" in html


def test_mark_a_person_as_leader_from_their_page(session, user_client, account, make_leader):
    dana = make_leader("Dana Director", "manager")
    html = page(user_client, f"/people/{dana.id}")
    assert "Change leader level" in html and "never" in html
    response = user_client.post(f"{BASE}/people/{dana.id}/leader", data={"level": "director",
                                                                         "next": f"/people/{dana.id}"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/people/{dana.id}")
    assert leader_of(session, dana.id, owner=account).level.value == "director"


def test_log_a_moment_from_the_dashboard(session, user_client, account, make_leader, make_group, make_event):
    dana = make_leader("Dana Director")
    board, meeting = make_group(), make_event()
    session.commit()
    html = page(user_client, "/")
    assert "Dana Director" in html and 'name="present"' in html and "Architecture board" in html
    response = user_client.post(f"{BASE}/moments", data={
        "occurred_on": "2026-06-15", "kind": "presenting", "what": "Q3 roadmap", "group_id": board.id,
        "event_id": meeting.id, "present": [dana.id], "next": "/"}, follow_redirects=True)
    assert "Visibility moment logged." in response.get_data(as_text=True)
    moment = moments_seen_by(session, dana.id, owner=account)[0]
    assert (moment.what, moment.group_id, moment.event_id) == ("Q3 roadmap", board.id, meeting.id)


def test_log_from_the_group_page_and_see_the_chart(session, user_client, account, make_leader, make_group):
    dana = make_leader("Dana Director")
    board = make_group(members=[dana])
    session.commit()
    html = page(user_client, f"/groups/{board.id}")
    assert "Visibility in this group" in html and f'name="group_id" value="{board.id}"' in html
    user_client.post(f"{BASE}/moments", data={"occurred_on": date.today().isoformat(), "kind": "chairing",
                                              "what": "Chaired the review", "group_id": board.id,
                                              "told": [dana.id]})
    html = page(user_client, f"{BASE}/groups/{board.id}")
    assert "<svg" in html and 'data-count="1"' in html and "Chaired the review" in html


def test_log_from_the_event_page(session, user_client, account, make_event):
    meeting = make_event()
    session.commit()
    assert f'name="event_id" value="{meeting.id}"' in page(user_client, f"/events/{meeting.id}")
    user_client.post(f"{BASE}/moments", data={"occurred_on": "2026-06-15", "kind": "issue",
                                              "what": "Raised the on-call load", "event_id": meeting.id})
    assert "Raised the on-call load" in page(user_client, f"/events/{meeting.id}")


def test_a_bad_moment_is_explained_and_nothing_is_saved(session, user_client, account):
    response = user_client.post(f"{BASE}/moments", data={"occurred_on": "yesterday", "kind": "x", "what": "",
                                                          "present": ["abc"], "group_id": "zz"},
                                follow_redirects=True)
    assert response.status_code == 200 and "flash-error" in response.get_data(as_text=True)
    assert recent_moments(session, owner=account) == []


def test_a_gap_becomes_a_followup_once(session, user_client, account, make_leader):
    dana = make_leader("Dana Director", since=date(2020, 1, 1))
    session.commit()
    assert "Plan a follow-up" in page(user_client, "/")
    for _ in range(2):
        user_client.post(f"{BASE}/people/{dana.id}/followup")
    followups = session.query(FollowUp).filter_by(owner_id=account.id).all()
    assert len(followups) == 1 and "Be visible to Dana Director (director)" in followups[0].note
    assert "follow-up planned" in page(user_client, "/")


@pytest.mark.parametrize("method, url", [
    ("get", "/people/{person}"), ("get", "/people/{person}/talking-points"), ("get", "/groups/{group}"),
    ("get", "/groups/{group}/talking-points"), ("post", "/people/{person}/leader"),
    ("post", "/people/{person}/leader/delete"), ("post", "/people/{person}/followup"),
    ("post", "/groups/{group}/internal"), ("post", "/moments/{moment}/delete")])
def test_another_account_gets_404(app, session, account, make_account, make_leader, make_group, make_moment,
                                  method, url):
    dana, board = make_leader("Dana Director"), make_group()
    moment = make_moment("Mine", present=[dana], group=board)
    stranger = app.test_client(user=make_account())
    session.commit()
    target = BASE + url.format(person=dana.id, group=board.id, moment=moment.id)
    response = getattr(stranger, method)(target, data={"level": "director", "internal": "0"})
    assert response.status_code == 404
    assert leader_of(session, dana.id, owner=account) is not None and recent_moments(session, owner=account)


def test_another_account_cannot_log_with_my_leaders(app, session, make_account, make_leader):
    dana = make_leader("Dana Director")
    stranger = app.test_client(user=make_account())
    session.commit()
    response = stranger.post(f"{BASE}/moments", data={"occurred_on": "2026-06-15", "kind": "success",
                                                      "what": "x", "present": [dana.id]})
    assert response.status_code == 404


def test_pages_need_a_login(client):
    assert client.get(f"{BASE}/").status_code == 302
    assert client.post(f"{BASE}/moments", data={}).status_code == 302


def test_posts_need_a_csrf_token(app, session, account, make_leader):
    dana = make_leader("Dana Director", "manager")
    session.commit()
    app.config["WTF_CSRF_ENABLED"] = True
    response = app.test_client(user=account).post(f"{BASE}/people/{dana.id}/leader", data={"level": "director"})
    assert response.status_code in (302, 400)
    assert leader_of(session, dana.id, owner=account).level.value == "manager"


def statements_of(session, action):
    """The SQL statements ``action()`` sends on the test connection."""
    from sqlalchemy import event

    found, connection = [], session.connection()
    listener = lambda *args: found.append(args[2]) if "SAVEPOINT" not in args[2] else None
    event.listen(connection, "before_cursor_execute", listener)
    try:
        action()
    finally:
        event.remove(connection, "before_cursor_execute", listener)
    return found


def test_the_dashboard_panel_costs_the_same_handful_of_queries_at_any_size(app, session, account, make_leader,
                                                                           make_group, make_moment):
    from netevents_plugins.committee_visibility.panels import dashboard_context

    def cost():
        with app.test_request_context("/"):
            return len(statements_of(session, lambda: dashboard_context(session, account, "/")))

    dana, board = make_leader("Dana Director", since=date(2020, 1, 1)), make_group(since=date(2020, 1, 1))
    others = [make_leader(name, since=date(2020, 1, 1)) for name in ("Ann Lead", "Bob Boss")]
    make_moment("First", present=[dana, *others], group=board, on=date(2020, 2, 1))
    make_moment("Second", on=date(2020, 2, 2))  # a talking point for each of the three
    small = cost()  # talking points are looked up for three leaders at most
    for n in range(30):
        leader = make_leader(f"Leader {n}", since=date(2020, 1, 1))
        make_group(f"Group {n}", since=date(2020, 1, 1))
        for k in range(3):
            make_moment(f"Win {n}.{k}", present=[leader, dana], on=date(2020, 3, 1 + k))
    assert cost() == small <= 12


def test_talking_points_for_a_coming_meeting_from_the_event_page(session, user_client, account, make_leader,
                                                                 make_group, make_event, make_moment):
    dana = make_leader("Dana Director")
    board, meeting = make_group(members=[dana]), make_event(on=date.today() + timedelta(days=3))
    make_moment("Cut cloud costs", on=date(2026, 1, 1))
    session.commit()
    html = page(user_client, f"/events/{meeting.id}")
    assert "Talking points for this meeting" in html and f'<option value="{board.id}">' in html
    response = user_client.get(f"{BASE}/talking-points?group_id={board.id}", follow_redirects=True)
    text = response.get_data(as_text=True)
    assert f"Talking points for {board.name}" in text and "Cut cloud costs" in text and "Dana Director" in text
    assert user_client.get(f"{BASE}/talking-points?group_id=abc", follow_redirects=True).status_code == 200


def test_the_person_panel_offers_a_followup_for_a_gap(session, user_client, account, make_leader, make_moment):
    dana = make_leader("Dana Director", since=date(2020, 1, 1))
    make_moment("Old news", on=date(2020, 2, 1), present=[dana])
    session.commit()
    html = page(user_client, f"/people/{dana.id}")
    assert "Plan a follow-up" in html and "01 Feb 2020" in html and "Old news" in html
    user_client.post(f"{BASE}/people/{dana.id}/followup", data={"next": f"/people/{dana.id}"})
    assert "Visibility follow-up planned" in page(user_client, f"/people/{dana.id}")


def test_the_overview_lists_leaders_and_internal_groups(session, user_client, account, make_leader, make_group):
    make_leader("Dana Director")
    make_group("Quiet guild")
    session.commit()
    html = page(user_client, f"{BASE}/")
    assert "Dana Director" in html and "Quiet guild" in html and "Gap settings" in html


def test_a_leaders_page_lists_the_people_who_report_to_them(session, user_client, account, make_leader):
    from netevents.plugins.api import PersonFields, create_person

    dana = make_leader("Dana Director")
    sam = create_person(session, PersonFields(display_name="Sam Analyst"), owner=account)
    recorded = user_client.post(f"/people/{sam.id}/relationships",  # the core's person page form
                                data={"relation-kind": "reports_to", "relation-other_id": dana.id})
    assert recorded.status_code == 302
    html = page(user_client, f"{BASE}/people/{dana.id}")
    assert "Reports to Dana Director" in html and f'href="/people/{sam.id}"' in html
    assert "Reports to Sam Analyst" not in page(user_client, f"/people/{sam.id}")  # not a leader: no team shown
