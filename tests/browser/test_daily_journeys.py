"""Issue 14 journeys in a real browser, on a desktop and a 390x844 phone: one search for everything, capture
at a past event, the duplicate warning, closing follow-ups, a person's dates, relationships and photo."""
import pytest
from PIL import Image
from playwright.sync_api import expect

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(VIEWPORTS))
def screen(request, page, journey):
    """The journey's page at desktop or phone size, with a first account logged in."""
    page.set_viewport_size(VIEWPORTS[request.param])
    journey.create_first_account()
    return page


def fits(page, page_width) -> None:
    """Nothing on the page is wider than the screen (no sideways scrolling)."""
    width = page.viewport_size["width"]
    assert page_width(page) <= width, page.url
    wide = page.evaluate("""(width) => [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > width + 1 && el.offsetParent !== null)
        .filter((el) => !el.closest('.heatmap-scroll, [data-scrolls]')).map((el) => el.outerHTML.slice(0, 80))""",
                         width)
    assert wide == [], wide


def add_person(page, base_url, name, organization="", phone=""):
    """Fill and submit the full Add person form."""
    page.goto(base_url + "/people/new")
    page.locator("#display_name").fill(name)
    if organization:
        page.get_by_label("Organization").fill(organization)
    if phone:
        page.locator("input[name=phones]").first.fill(phone)
    page.get_by_role("button", name="Add person").click()


def search(page, base_url, text):
    """Use the one search box of the home page."""
    page.goto(base_url + "/")
    page.get_by_role("searchbox", name="Search").fill(text)
    page.get_by_role("button", name="Search").click()


def test_one_search_finds_a_phone_fragment_and_words_in_notes(screen, journey, page_width):
    page = screen
    add_person(page, journey.base_url, "Oluwaseun Adeyemi", "Harbor Logistics", "+1 312 555 0111")
    page.get_by_role("button", name="Log interaction").first.click()
    page.get_by_label("Summary").fill("Dinner at the port")
    page.get_by_label("Notes", exact=True).fill("talked about quokka robots in the warehouse")
    page.get_by_role("button", name="Log interaction").click()
    search(page, journey.base_url, "555-0111")
    expect(page.locator("#results-person").get_by_role("link", name="Oluwaseun Adeyemi")).to_be_visible()
    fits(page, page_width)
    search(page, journey.base_url, "quokka")
    expect(page.locator("#results-interaction").get_by_role("link", name="Dinner at the port")).to_be_visible()
    expect(page.get_by_role("heading", name="Interactions")).to_be_visible()
    fits(page, page_width)


def test_capture_at_a_past_event_dates_the_meeting_and_reads_the_line(screen, journey, page_width):
    page = screen
    page.goto(journey.base_url + "/events/new")
    page.get_by_label("Name").fill("Spring Logistics Expo")
    page.get_by_label("Starts on").fill("2024-03-12")
    page.get_by_role("button", name="Add event").click()
    page.get_by_role("button", name="Start quick capture here").click()
    expect(page.get_by_text("I was at")).to_be_visible()
    expect(page.get_by_label("Met on")).to_have_value("2024-03-12")
    fits(page, page_width)
    page.locator("#name").fill("Ana Lopez")
    page.get_by_label("Email, phone, LinkedIn, company (optional)").fill(
        "+1 312 555 0199, linkedin.com/in/ana-lopez, Initech")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("met on Tue 12 Mar 2024")).to_be_visible()
    search(page, journey.base_url, "ana lopez")
    page.locator("#results-person").get_by_role("link", name="Ana Lopez").click()
    expect(page.get_by_role("link", name="+1 312-555-0199")).to_be_visible()
    expect(page.get_by_role("link", name="LinkedIn")).to_be_visible()
    expect(page.get_by_role("link", name="Initech")).to_be_visible()
    expect(page.get_by_text("Met at Spring Logistics Expo").first).to_be_visible()


def test_add_person_warns_before_a_duplicate(screen, journey, page_width):
    page = screen
    add_person(page, journey.base_url, "María García", "Acme")
    add_person(page, journey.base_url, "maria garcia", "ACME")
    warning = page.locator("#possible-duplicates")
    expect(warning).to_be_visible()
    expect(warning.get_by_role("link", name="María García")).to_be_visible()
    fits(page, page_width)
    warning.get_by_role("button", name="No, add maria garcia as a new person").click()
    expect(page.get_by_role("heading", name="maria garcia")).to_be_visible()


def test_done_and_log_closes_the_followup_only_when_saved_and_many_close_at_once(screen, journey, page_width):
    page = screen
    page.goto(journey.base_url + "/capture")
    page.get_by_placeholder("Name of the event you are at").fill("NordSupply Summit")
    page.get_by_role("button", name="Start here, today").click()
    for name in ("Ana Lopez", "Ben Okafor", "Chen Wei"):
        page.locator("#name").fill(name)
        page.get_by_role("button", name="Save").click()
        expect(page.locator(".met-list").get_by_text(name)).to_be_visible()
    page.goto(journey.base_url + "/followups/")
    page.locator("li", has_text="Ana Lopez").get_by_role("button", name="Done & log interaction").click()
    expect(page.get_by_text("Also mark done")).to_be_visible()
    page.get_by_role("link", name="Cancel").click()
    page.goto(journey.base_url + "/followups/")
    expect(page.get_by_role("link", name="Ana Lopez")).to_be_visible()  # cancelled: still open
    page.locator("li", has_text="Ana Lopez").get_by_role("button", name="Done & log interaction").click()
    page.get_by_label("Summary").fill("Coffee after the summit")
    page.get_by_role("button", name="Log interaction").click()
    page.goto(journey.base_url + "/followups/")
    for name in ("Ben Okafor", "Chen Wei"):
        page.get_by_role("checkbox", name=f"Select the follow-up with {name}").check()
    fits(page, page_width)
    page.get_by_role("button", name="Mark selected done").click()
    expect(page.get_by_text("Marked 2 follow-ups done.")).to_be_visible()
    expect(page.get_by_text("Nothing to follow up.")).to_be_visible()


def test_a_person_gets_a_birthday_a_manager_and_a_photo(screen, journey, tmp_path, page_width):
    page = screen
    add_person(page, journey.base_url, "Zoe Boss")
    add_person(page, journey.base_url, "Ann Lee")
    expect(page.locator(".avatar-large")).to_have_text("AL")
    page.locator("summary", has_text="Add a date").click()
    page.locator("#date-day").fill("14")
    page.locator("#date-month").select_option("7")
    page.get_by_role("button", name="Add date").click()
    expect(page.get_by_text("Birthday: 14 July")).to_be_visible()
    page.locator("summary", has_text="Add a relationship").click()
    page.locator("#relation-kind").select_option("reports_to")
    page.locator("#relation-other_id-text").fill("Zoe Boss")
    page.get_by_role("button", name="Add relationship").click()
    expect(page.locator("#dates-and-relationships").get_by_role("link", name="Zoe Boss")).to_be_visible()
    photo = tmp_path / "ann.png"
    Image.new("RGB", (900, 600), (30, 120, 200)).save(photo)
    page.locator("summary", has_text="Add a photo").click()
    page.locator("#photo").set_input_files(str(photo))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("Photo saved.")).to_be_visible()
    image = page.locator("img.avatar-large")
    expect(image).to_be_visible()
    # visible is not loaded: the avatar is a lazy image, its pixels may still be on the way
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert page.evaluate("(img) => img.naturalWidth", image.element_handle()) == 512
    fits(page, page_width)
