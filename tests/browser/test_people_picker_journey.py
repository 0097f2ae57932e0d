"""The people picker in real Chromium, on a phone and a desktop: type, pick with keys or a tap, chips, remove
with one tap, namesakes told apart by organization; and the same forms without JavaScript."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from netevents.db import session_scope
from netevents.models import Account, FollowUp, Interaction, Person, Role
from netevents.services.groups import GroupFields, create_group
from netevents.services.people import PersonFields, create_person

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
CAST = [("Quentin Blake", "Puffin Books"), ("Quentin Blake", "Tate Modern"), ("Roald Dahl", "Gipsy House"),
        ("Beatrix Potter", None)]


@pytest.fixture(scope="module")
def site(demo_site):
    """The demo site with a few people of our own (two of them namesakes) and a group, by name."""
    with session_scope(demo_site.app) as session:
        owner = session.scalar(select(Account))
        ids = {}
        for name, organization in CAST:
            person = create_person(session, PersonFields(display_name=name, organization_name=organization),
                                   owner=owner)
            ids[(name, organization)] = person.id
        group = create_group(session, GroupFields(name="Illustrators' guild"), owner=owner)
        demo_site.ids, demo_site.group_id = ids, group.id
    return demo_site


def records(site, model, **where):
    """Rows of ``model`` in the site's database."""
    with session_scope(site.app) as session:
        return list(session.scalars(select(model).filter_by(**where)))


@pytest.fixture(params=SIZES)
def tab(request, browser, site):
    """A logged-in page at phone or desktop size."""
    context = browser.new_context(viewport=SIZES[request.param], has_touch=request.param == "phone")
    context.set_default_timeout(10_000)
    page = context.new_page()
    site.log_in(page)
    yield page
    context.close()


def tap(page, locator) -> None:
    """Tap on a touch screen, click elsewhere."""
    if page.context.browser and page.viewport_size["width"] < 500:
        locator.tap()
    else:
        locator.click()


def test_log_an_interaction_with_several_people(tab, site, page_width):
    tab.goto(site.url + "/interactions/new")
    box = tab.get_by_role("combobox", name="People")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.fill("roald")
    options = tab.get_by_role("listbox", name="People matching what you type")
    expect(options.get_by_role("option", name="Roald Dahl Gipsy House")).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    assert tab.locator(f"#{box.get_attribute('aria-activedescendant')}").inner_text().startswith("Roald Dahl")
    box.press("Enter")  # keyboard pick
    chips = tab.get_by_role("list", name="Chosen people")
    expect(chips.get_by_text("Roald Dahl")).to_be_visible()
    expect(box).to_have_value("")

    box.fill("quentin bl")  # namesakes: the organization tells them apart
    expect(options.get_by_role("option")).to_have_count(2)
    tap(tab, options.get_by_role("option", name="Quentin Blake Tate Modern"))
    box.fill("beatrix")
    tap(tab, options.get_by_role("option", name="Beatrix Potter"))
    expect(chips.get_by_role("listitem")).to_have_count(3)
    tap(tab, chips.get_by_role("button", name="Remove Beatrix Potter"))  # one tap removes
    expect(chips.get_by_role("listitem")).to_have_count(2)
    expect(tab.get_by_role("status").first).to_have_text("Removed Beatrix Potter. 2 chosen.")

    tab.get_by_text("A favor given or received?").click()
    favor_people = tab.get_by_label("With whom").locator("option")
    expect(favor_people).to_have_text(["The one person above", "Roald Dahl", "Quentin Blake"])
    tab.get_by_label("Summary").fill(f"Picker lunch ({tab.viewport_size['width']})")
    tab.get_by_role("button", name="Log interaction").click()
    expect(tab.get_by_text("Interaction logged.")).to_be_visible()
    [logged] = records(site, Interaction, summary=f"Picker lunch ({tab.viewport_size['width']})")
    with session_scope(site.app) as session:
        people = {person.id for person in session.get(Interaction, logged.id).people}
    assert people == {site.ids[("Roald Dahl", "Gipsy House")], site.ids[("Quentin Blake", "Tate Modern")]}
    assert page_width(tab) <= tab.viewport_size["width"]


def test_add_a_group_member_and_an_introducer(tab, site):
    tab.goto(f"{site.url}/groups/{site.group_id}/roles/new?member=1")
    box = tab.get_by_role("combobox", name="Who")
    box.fill("quentin")
    tap(tab, tab.get_by_role("option", name="Quentin Blake Puffin Books"))
    chosen = tab.get_by_role("list", name="Chosen person")
    box.fill("roald")
    tap(tab, tab.get_by_role("option", name="Roald Dahl"))  # a single picker replaces its person
    expect(chosen.get_by_role("listitem")).to_have_count(1)
    expect(chosen).to_contain_text("Roald Dahl")
    title = f"illustrator {tab.viewport_size['width']}"
    tab.get_by_label("Role").fill(title)
    tab.get_by_label("From").fill("2024-01-15")
    tab.get_by_role("button", name="Save").click()
    expect(tab.get_by_text(f"Roald Dahl’s role added: {title}.")).to_be_visible()
    assert records(site, Role, title=title)[0].person_id == site.ids[("Roald Dahl", "Gipsy House")]

    tab.goto(f"{site.url}/people/{site.ids[('Beatrix Potter', None)]}/edit")
    box = tab.get_by_role("combobox", name="Introduced by")
    box.fill("quentin")
    introducer = ("Quentin Blake", "Puffin Books" if tab.viewport_size["width"] < 500 else "Tate Modern")
    tap(tab, tab.get_by_role("option", name=" ".join(introducer)))
    tab.get_by_role("button", name="Save").click()
    expect(tab.get_by_role("link", name="Quentin Blake").first).to_be_visible()
    assert records(site, Person, display_name="Beatrix Potter")[0].introduced_by_id == site.ids[introducer]


def test_without_javascript_names_are_looked_up_by_the_server(browser, site):
    context = browser.new_context(viewport=SIZES["phone"], java_script_enabled=False)
    page = context.new_page()
    site.log_in(page)
    page.goto(site.url + "/followups/new")
    page.get_by_role("textbox", name="Person").fill("quentin")
    page.get_by_label("Note").fill("no-script follow-up")
    page.get_by_role("button", name="Add follow-up").click()
    expect(page.get_by_text("Several people match “quentin”: choose one.")).to_be_visible()
    page.get_by_role("radio", name="Quentin Blake Tate Modern").check()
    page.get_by_role("button", name="Add follow-up").click()
    expect(page.get_by_text("Follow-up added.")).to_be_visible()
    [followup] = records(site, FollowUp, note="no-script follow-up")
    assert followup.person_id == site.ids[("Quentin Blake", "Tate Modern")]

    page.goto(site.url + "/interactions/new")
    page.get_by_role("textbox", name="People").fill("Roald Dahl")  # an exact name is taken as it is
    page.get_by_label("Summary").fill("no-script call")
    page.get_by_role("button", name="Log interaction").click()
    expect(page.get_by_text("Interaction logged.")).to_be_visible()
    page.goto(site.url + f"/interactions/{records(site, Interaction, summary='no-script call')[0].id}/edit")
    chosen = page.get_by_role("checkbox", name="Roald Dahl")
    expect(chosen).to_be_checked()
    chosen.uncheck()  # removing without a script: untick
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Choose at least one person.")).to_be_visible()
    context.close()


def test_the_picker_never_lists_everyone(browser, site):
    context = browser.new_context()
    page = context.new_page()
    site.log_in(page)
    page.goto(site.url + "/interactions/new")
    with session_scope(site.app) as session:
        names = session.scalars(select(Person.display_name)).all()
    html = page.content()
    assert len(names) > 60 and not [name for name in names if f">{name}<" in html]
    context.close()


LONG_NAME = "Maximiliana Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh"
LONG_ORGANIZATION = "International Association of Supply Chain and Logistics Professionals"


def test_keyboard_only_encounter_with_a_long_name_that_is_never_cut_off(tab, site, page_width):
    with session_scope(site.app) as session:
        if not session.scalar(select(Person.id).where(Person.display_name == LONG_NAME)):
            create_person(session, PersonFields(display_name=LONG_NAME, organization_name=LONG_ORGANIZATION),
                          owner=session.scalar(select(Account)))
    tab.goto(site.url + "/encounters/new")
    box = tab.get_by_role("combobox", name="Person")
    box.focus()
    tab.keyboard.type("wolfes")
    options = tab.get_by_role("listbox", name="People matching what you type")
    expect(options.get_by_role("option")).to_have_count(1)
    tab.keyboard.press("Escape")  # closes the suggestions, keeps the text
    expect(options).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    tab.keyboard.press("ArrowDown")  # opens them again
    expect(options.get_by_role("option")).to_have_count(1)
    tab.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", options.get_by_role("option").get_attribute("id"))
    tab.keyboard.press("Enter")
    chosen = tab.get_by_role("list", name="Chosen person")
    expect(chosen).to_contain_text(LONG_NAME)
    chip = chosen.get_by_role("listitem")
    width = tab.viewport_size["width"]
    facts = chip.evaluate("""(chip) => {
        const text = chip.querySelector('.chip-text'), box = chip.getBoundingClientRect();
        return {right: box.right, left: box.left, clipped: text.scrollWidth > text.clientWidth + 1,
                ellipsis: getComputedStyle(text).textOverflow === 'ellipsis', shown: text.innerText}; }""")
    assert facts["left"] >= 0 and facts["right"] <= width, facts  # wraps instead of running off the screen
    assert not facts["clipped"] and not facts["ellipsis"] and LONG_NAME in facts["shown"].replace("\n", " ")
    tab.screenshot(path=str(ARTIFACTS / f"picker-long-name-{width}.png"))
    tab.keyboard.press("Backspace")  # an empty box: Backspace removes the chosen person
    expect(chosen.get_by_role("listitem")).to_have_count(0)
    tab.keyboard.type("wolfes")
    expect(options.get_by_role("option")).to_have_count(1)
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("Enter")
    expect(chosen).to_contain_text(LONG_NAME)
    tab.get_by_label("Met on").fill("2024-05-02")
    place = f"Keyboard cafe {width}"
    tab.get_by_label("Place (when not at an event)").fill(place)
    tab.keyboard.press("Enter")  # submits from a text field, like any form
    expect(tab.get_by_text(f"Logged meeting {LONG_NAME}.")).to_be_visible()
    assert page_width(tab) <= width
