"""The time zone in a real browser: setup presets it from the device (Intl API), settings offers a new one."""
from playwright.sync_api import expect


def test_setup_takes_the_devices_time_zone_and_settings_offer_a_new_one(browser, live_server):
    tokyo = browser.new_context(viewport={"width": 390, "height": 844}, timezone_id="Asia/Tokyo")
    page = tokyo.new_page()
    page.goto(live_server + "/setup")
    expect(page.get_by_label("Time zone")).to_have_value("Asia/Tokyo")
    page.get_by_label("Email").fill("kenji@example.com")
    page.locator("#password").fill("a long browser password")
    page.locator("#confirm").fill("a long browser password")
    page.get_by_role("button", name="Create the admin account").click()
    expect(page.get_by_text("Your account is ready")).to_be_visible()
    page.goto(live_server + "/settings")
    expect(page.get_by_label("Time zone")).to_have_value("Asia/Tokyo")
    expect(page.get_by_text("This device is set to")).to_be_hidden()  # the device agrees with the account
    state = tokyo.storage_state()
    tokyo.close()

    travelling = browser.new_context(viewport={"width": 390, "height": 844}, timezone_id="America/New_York",
                                     storage_state=state)
    page = travelling.new_page()
    page.goto(live_server + "/settings")
    hint = page.get_by_text("This device is set to America/New York.")
    expect(hint).to_be_visible()
    page.get_by_role("button", name="Use it").click()
    expect(page.get_by_label("Time zone")).to_have_value("America/New_York")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Settings saved.")).to_be_visible()
    expect(page.get_by_label("Time zone")).to_have_value("America/New_York")
    travelling.close()
