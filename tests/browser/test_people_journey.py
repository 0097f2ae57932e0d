"""Issue journeys in a real browser: add a person and find them; quick capture at a conference."""
from playwright.sync_api import expect


def test_add_a_person_and_find_them_by_search(journey, page):
    journey.create_first_account()
    page.get_by_role("button", name="Add the first person you met").click()
    page.locator("#display_name").fill("Oluwaseun Adeyemi")
    page.get_by_label("Organization").fill("Harbor Logistics")
    page.locator("input[name=emails]").first.fill("seun@harbor.example")
    page.get_by_label("Tags").fill("supply chain, speaker")
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("heading", name="Oluwaseun Adeyemi")).to_be_visible()

    page.get_by_role("link", name="People", exact=True).click()
    # The header's search box is on every page too; these steps use the page's own.
    main = page.locator("#main")
    main.get_by_role("searchbox", name="Search", exact=True).fill("harb")
    main.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("link", name="Oluwaseun Adeyemi")).to_be_visible()
    main.get_by_role("searchbox", name="Search", exact=True).fill("seun@harbor.example")
    main.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("link", name="Oluwaseun Adeyemi").click()
    expect(page.get_by_role("link", name="seun@harbor.example")).to_be_visible()


def test_quick_capture_two_people_at_a_conference(journey, page):
    journey.create_first_account()
    page.get_by_role("link", name="Capture").first.click()
    page.get_by_placeholder("Name of the event you are at").fill("NordSupply Summit")
    page.get_by_role("button", name="Start here, today").click()
    for name, line in [("Ana Lopez", "ana@zephyr.example, Zephyr Labs"), ("Ben Okafor", "Harbor Freight")]:
        page.locator("#name").fill(name)
        page.get_by_label("Email, phone, LinkedIn, company (optional)").fill(line)
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text(name).first).to_be_visible()

    page.get_by_role("link", name="Today").click()
    coming_up = page.locator("#coming-up")
    expect(coming_up.get_by_role("link", name="Ana Lopez")).to_be_visible()
    expect(coming_up.get_by_role("link", name="Ben Okafor")).to_be_visible()
    expect(coming_up.get_by_text("in 2 days").first).to_be_visible()
