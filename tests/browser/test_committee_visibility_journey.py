"""Issue 12 in a real browser: mark a director, log a committee meeting where you presented to them, then see
on the dashboard when that director last saw your work and what to tell them next."""
from datetime import date, timedelta

from playwright.sync_api import expect


def log_moment(panel, when, kind, what, present=()):
    """Fill the short form of a visibility panel and submit it."""
    details = panel.locator("details.cv-log")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    panel.locator("input[name=occurred_on]").fill(when.isoformat())
    panel.locator("select[name=kind]").select_option(kind)
    panel.locator("input[name=what]").fill(what)
    for name in present:
        panel.get_by_label(f"{name} was present").check()
    panel.get_by_role("button", name="Log moment").click()


def test_present_to_a_director_then_see_their_visibility_and_talking_points(journey, page):
    journey.create_first_account()
    base = journey.base_url
    meeting_day, earlier = date.today() - timedelta(days=3), date.today() - timedelta(days=20)

    page.goto(base + "/people/new")
    page.locator("#display_name").fill("Dana Director")
    page.get_by_label("Organization").fill("Acme")
    page.get_by_role("button", name="Add person").click()
    panel = page.locator("#committee-visibility")
    panel.locator("select[name=level]").select_option("director")
    panel.get_by_role("button", name="Mark as leader").click()
    expect(page.get_by_text("Marked as a leader.")).to_be_visible()

    page.goto(base + "/")
    log_moment(page.locator("#committee-visibility"), earlier, "accomplishment", "Cut build times by half")
    expect(page.get_by_text("Visibility moment logged.")).to_be_visible()

    page.goto(base + "/events/new")
    page.get_by_label("Name").fill("Architecture committee")
    page.get_by_label("Kind").select_option("committee_meeting")
    page.get_by_label("Starts on").fill(meeting_day.isoformat())
    page.get_by_role("button", name="Add event").click()
    log_moment(page.locator("#committee-visibility"), meeting_day, "presenting", "Q3 platform roadmap",
               present=["Dana Director"])
    expect(page.get_by_text("Visibility moment logged.")).to_be_visible()
    expect(page.locator("#committee-visibility").get_by_text("Q3 platform roadmap")).to_be_visible()

    page.goto(base + "/")
    panel = page.locator("#committee-visibility")
    row = panel.locator("ul.cv-leaders li", has_text="Dana Director")
    expect(row).to_contain_text(meeting_day.strftime("%d %b %Y"))
    expect(row).to_contain_text("1 moment")
    points = panel.locator(".cv-talking-points")
    expect(points).to_contain_text("For Dana Director")
    expect(points).to_contain_text("Cut build times by half")
    expect(points).not_to_contain_text("Q3 platform roadmap")

    row.get_by_role("link", name="Dana Director").click()
    expect(page.get_by_role("heading", name="Visibility to Dana Director")).to_be_visible()
    expect(page.locator(".cv-moments")).to_contain_text("Q3 platform roadmap")
    page.get_by_role("link", name="Printable talking points →").click()
    expect(page.get_by_role("heading", name="Talking points for Dana Director")).to_be_visible()
    expect(page.locator(".cv-points")).to_contain_text("Cut build times by half")
