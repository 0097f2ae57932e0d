"""The dashboard on a phone: the year heatmap scrolls, and opens on the newest weeks."""
from playwright.sync_api import expect


def test_the_heatmap_opens_on_the_newest_weeks(journey, page, page_width):
    journey.create_first_account()
    page.goto(journey.base_url + "/")
    expect(page.get_by_role("heading", name="Start your network")).to_be_visible()
    cells = page.locator(".heatmap rect")
    newest, oldest = cells.last.bounding_box(), cells.first.bounding_box()
    width = page.viewport_size["width"]
    assert 0 <= newest["x"] and newest["x"] + newest["width"] <= width  # today's cell is on screen
    assert oldest["x"] < 0  # last year's weeks are a scroll away
    assert page_width(page) <= width  # only the heatmap scrolls, not the page
