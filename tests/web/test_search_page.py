"""The one search page: grouped results with links, a page of more per kind, the box everywhere, privacy."""
from datetime import date

from netevents.services.events import EventFields, create_event
from netevents.services.followups import create_followup
from netevents.services.people import PersonFields, create_person


def test_search_page_groups_results_by_kind(user_client, session, account):
    ann = create_person(session, PersonFields(display_name="Ann Kestrel", notes="birdwatcher"), owner=account)
    create_followup(session, ann.id, date(2024, 4, 1), "lend the kestrel book", owner=account)
    event = create_event(session, EventFields(name="Kestrel Conference", starts=date(2024, 3, 12)), owner=account)
    page = user_client.get("/search?q=kestrel").get_data(as_text=True)
    assert page.index('id="results-person"') < page.index('id="results-event"') < page.index('id="results-followup"')
    assert f'href="/people/{ann.id}"' in page and f'href="/events/{event.id}"' in page
    assert "lend the kestrel book" in page and "Follow-ups" in page


def test_more_of_one_kind_is_a_page_of_its_own(user_client, session, account):
    for number in range(8):
        create_event(session, EventFields(name=f"Rust night {number}", starts=date(2024, 1, 1 + number)),
                     owner=account)
    page = user_client.get("/search?q=rust").get_data(as_text=True)
    assert page.count("Rust night") == 5 and 'href="/search?q=rust&amp;kind=event"' in page
    more = user_client.get("/search?q=rust&kind=event").get_data(as_text=True)
    assert more.count("Rust night") == 8 and "<h1>Events</h1>" in more


def test_the_search_box_on_the_home_and_people_pages_searches_everything(user_client):
    for path in ("/", "/people/"):
        assert 'action="/search"' in user_client.get(path).get_data(as_text=True), path


def test_every_page_has_the_one_search_box_in_its_header(user_client, session, account):
    """Issue 14: one search box for everything, reachable from every page (top bar, or first in the menu)."""
    ann = create_person(session, PersonFields(display_name="Ann Kestrel"), owner=account)
    for path in ("/followups/", "/events/", f"/people/{ann.id}", "/settings/", "/groups/"):
        page = user_client.get(path).get_data(as_text=True)
        header = page.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
        assert header.count('<form role="search" method="get" action="/search"') == 2, path
        assert 'aria-label="Search everything"' in header and 'name="q"' in header, path


def test_the_header_has_no_search_before_logging_in(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'action="/search"' not in page  # nothing to search before logging in


def test_odd_queries_and_pages_never_fail(user_client):
    for query in ("", "%", '"', "a" * 500, "kind", "999999999999999999999"):
        for extra in ("", "&kind=event", "&kind=nonsense", "&page=99999999999999999999", "&page=-1"):
            assert user_client.get(f"/search?q={query}{extra}").status_code == 200


def test_another_account_sees_none_of_my_results(app, session, account, make_account):
    create_person(session, PersonFields(display_name="Ann Kestrel"), owner=account)
    create_event(session, EventFields(name="Kestrel Conference", starts=date(2024, 3, 12)), owner=account)
    stranger = app.test_client(user=make_account())
    page = stranger.get("/search?q=kestrel").get_data(as_text=True)
    assert "Ann Kestrel" not in page and "Kestrel Conference" not in page and "Nothing matches" in page
