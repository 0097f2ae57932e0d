"""The calendar in a real browser: make the secret link, copy it, fetch the feed like a calendar app, and act
on the agenda."""
import urllib.request

import icalendar
from playwright.sync_api import expect


def test_subscribe_copy_the_link_and_fetch_the_feed(browser, demo_site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=demo_site.url)
    page = context.new_page()
    demo_site.log_in(page)
    assert page.locator('nav a[href="/calendar/agenda"]').count() >= 1  # in the navigation (a menu on phones)
    page.goto(demo_site.url + "/calendar/agenda")
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    page.get_by_role("link", name="Subscribe in your calendar app").click()
    page.get_by_role("button", name="Make my calendar link").click()
    address = page.locator("#feed-url").input_value()
    assert address.startswith(demo_site.url + "/calendar/") and address.endswith(".ics")
    expect(page.locator("#webcal-link")).to_have_attribute("href", "webcal://" + address.split("://", 1)[1])
    expect(page.get_by_role("img", name="QR code of your calendar address")).to_be_visible()
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_text("Link copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == address

    with urllib.request.urlopen(address) as response:  # a calendar app: no cookies, no login
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        body = response.read()
    summaries = [str(event["SUMMARY"]) for event in icalendar.Calendar.from_ical(body).walk("VEVENT")]
    assert any(summary.startswith("Follow up: ") for summary in summaries)

    page.goto(demo_site.url + "/calendar/agenda")
    first = page.locator(".agenda-item.kind-followup").first
    name = first.locator("a").first.inner_text()
    first.get_by_role("button", name="Done", exact=True).click()
    expect(page.get_by_text("Done: follow-up with")).to_be_visible()
    assert page.url.endswith("/calendar/agenda")
    assert name.startswith("Follow up: ")
    context.close()
