"""The first things a newcomer does, in a real browser."""
from playwright.sync_api import expect


def test_create_first_account_then_log_out_and_in(journey, page):
    journey.create_first_account()
    expect(page.get_by_text("Your account is ready")).to_be_visible()
    page.locator("summary", has_text="More").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    page.get_by_label("Email").fill("ada@example.com")
    page.locator("#password").fill("wrong password here")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Email or password is wrong")).to_be_visible()
    page.locator("#password").fill(journey.password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Start your network")).to_be_visible()
