"""Every page of a demo network, in real Chromium at phone (390x844) and desktop size, checked the way a person
would look at a screenshot: nothing wider than the screen (no sideways scrolling), a compact sticky header with
the daily tools, a menu that fits, dark mode when the system asks for it. The screenshots and a plain-text
report are written to test-artifacts/screens/ for a human to look through."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from flask import url_for
from playwright.sync_api import expect
from sqlalchemy import select

from netevents.db import session_scope
from netevents.models import Account

sys.path.insert(0, str(Path(__file__).parents[1] / "web"))  # the crawl's URL filling, shared with tests/web
from crawling import fillings  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENS = ARTIFACTS / "screens"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
PHONE_HEADER_LIMIT = 80
# containers that scroll sideways on purpose, inside themselves: the year heatmap
SCROLLING_ON_PURPOSE = {"heatmap-scroll"}
NOT_PAGES = ("app_shell.", "static", "auth.logout", "exports.download", "people.suggest", "organizations.suggest",
             "plugins.index_json", "plugins.settings", "avatars.photo")
EXTRA_PAGES = ["/search?q=an", "/people/search?q=an"]

# What a person would notice on the screenshot, measured: elements sticking out of the screen (outside any
# container that scrolls or clips them), containers that scroll sideways, and the header's height.
MEASURE = """() => {
  const width = document.documentElement.clientWidth, wide = [], scrollers = [];
  const clipped = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
  const name = (el) => {
    const classes = typeof el.className === 'string' && el.className ? ` class="${el.className}"` : '';
    return `<${el.tagName.toLowerCase()}${classes}>`;
  };
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width && (box.right > width + 1 || box.left < -1) && !clipped(el))
      wide.push(`${name(el)} spans ${Math.round(box.left)}..${Math.round(box.right)} px`);
    if (el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
      scrollers.push(String(el.className));
  }
  const header = document.querySelector('.site-header').getBoundingClientRect();
  return {width, pageWidth: document.documentElement.scrollWidth, header: Math.round(header.height),
          headerPosition: getComputedStyle(document.querySelector('.site-header')).position, wide, scrollers};
}"""


def is_download(rule) -> bool:
    """Whether a route answers with a file (a feed, an export) rather than a page."""
    return "download" in rule.endpoint or rule.rule.endswith((".ics", ".json", ".csv", ".vcf"))


def page_urls(app) -> list[str]:
    """One real URL per page of the app (records of the demo account fill the ids)."""
    urls = []
    with session_scope(app) as session, app.test_request_context():
        owner_id = session.scalar(select(Account.id))
        for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
            if "GET" not in rule.methods or rule.endpoint.startswith(NOT_PAGES) or is_download(rule):
                continue
            combos = fillings(set(rule.arguments), session, owner_id, {}) if rule.arguments else [{}]
            if combos:
                urls.append(url_for(rule.endpoint, **combos[0]))
    return [*urls, *EXTRA_PAGES]


def layout_problems(facts: dict, viewport: str) -> list[str]:
    """The check, in words: what is wrong with one page at one size (empty when nothing is)."""
    problems = [f"{element} is wider than the {facts['width']} px screen" for element in facts["wide"][:5]]
    if facts["pageWidth"] > facts["width"]:
        problems.append(f"the page scrolls sideways ({facts['pageWidth']} px on a {facts['width']} px screen)")
    problems += [f"a {name or 'box'} scrolls sideways" for name in facts["scrollers"]
                 if not SCROLLING_ON_PURPOSE & set(name.split())]
    if facts["headerPosition"] != "sticky":
        problems.append("the header does not stay at the top")
    if viewport == "phone" and facts["header"] >= PHONE_HEADER_LIMIT:
        problems.append(f"the header is {facts['header']} px high (phones get less than {PHONE_HEADER_LIMIT})")
    return problems


def screen_name(url: str) -> str:
    """A file name for a page's screenshot."""
    return url.strip("/").replace("/", "_").replace("?", "_").replace("=", "-") or "today"


@pytest.fixture(scope="module")
def pages(demo_site):
    """The URLs of every page of the demo site."""
    return page_urls(demo_site.app)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_fits_the_screen_with_a_compact_sticky_header(browser, demo_site, pages, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    tab = context.new_page()
    demo_site.log_in(tab)
    folder = SCREENS / viewport
    folder.mkdir(parents=True, exist_ok=True)
    report, failures = [], []
    # confirmation pages share one layout: the phone run checks them all, the desktop run skips them
    for url in [url for url in pages if viewport == "phone" or not url.endswith("/delete")]:
        response = tab.goto(demo_site.url + url, wait_until="domcontentloaded")
        assert response.ok, f"{url} answered {response.status}"
        problems = layout_problems(tab.evaluate(MEASURE), viewport)
        tab.screenshot(path=str(folder / f"{screen_name(url)}.png"))
        report.append(f"{url}: " + ("; ".join(problems) if problems else "fits"))
        failures += [f"{url}: {problem}" for problem in problems]
    (folder / "report.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    context.close()
    assert len(pages) > 50 and not failures, "\n".join(failures)


def test_phone_daily_tools_are_one_tap_away_and_the_menu_fits(browser, demo_site):
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    tab = context.new_page()
    demo_site.log_in(tab)
    bar = tab.get_by_role("navigation", name="Main")
    for label, path in [("Capture", "/capture"), ("People", "/people/"), ("Follow-ups", "/followups/"),
                        ("Today", "/")]:
        bar.get_by_role("link", name=label, exact=True).click()
        expect(tab).to_have_url(demo_site.url + path)
        assert bar.get_by_role("link", name=label, exact=True).get_attribute("aria-current") == "page"
    tab.mouse.wheel(0, 2000)
    assert tab.locator(".site-header").bounding_box()["y"] == 0  # still at the top after scrolling
    bar.get_by_text("More").click()
    panel = tab.locator(".nav-menu-panel")
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= 844
    for label in ("Events", "Interactions", "Organizations", "Groups & associations", "Settings"):
        expect(panel.get_by_role("link", name=label)).to_be_visible()
    tab.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    bar.get_by_text("More").click()
    tab.mouse.click(10, 800)  # a tap outside it closes it
    expect(panel).to_be_hidden()
    bar.get_by_text("More").click()
    panel.get_by_role("link", name="Events").click()
    expect(tab.get_by_role("heading", name="Events", exact=True)).to_be_visible()
    tab.screenshot(path=str(ARTIFACTS / "screens" / "phone-menu-after.png"))
    context.close()


def _luminance(rgb: str) -> float:
    """Relative brightness (0 dark .. 1 light) of a CSS rgb() colour."""
    red, green, blue = (int(part) for part in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colours_follow_the_system_setting_and_icons_are_svg(browser, demo_site, scheme):
    context = browser.new_context(viewport=VIEWPORTS["phone"], color_scheme=scheme)
    tab = context.new_page()
    demo_site.log_in(tab)
    SCREENS.mkdir(parents=True, exist_ok=True)
    for url in ("/", "/people/1", "/followups/"):
        tab.goto(demo_site.url + url)
        tab.screenshot(path=str(SCREENS / f"{scheme}-{screen_name(url)}.png"), full_page=True)
        background = _luminance(tab.evaluate("getComputedStyle(document.documentElement).backgroundColor"))
        text = _luminance(tab.evaluate("getComputedStyle(document.body).color"))
        assert (background < 0.2 < 0.6 < text) if scheme == "dark" else (background > 0.9 > 0.4 > text), url
        # no emoji anywhere: icons are inline SVG, which draws without an emoji font
        assert not tab.evaluate(r"/[\u{1F300}-\u{1FAFF}\u{2600}-\u{27BF}]/u.test(document.body.innerText)"), url
    tab.goto(demo_site.url + "/people/1")
    assert tab.locator(".tl-icon svg").count() > 0
    tag = _luminance(tab.locator(".tag").first.evaluate("element => getComputedStyle(element).backgroundColor"))
    assert tag < 0.3 if scheme == "dark" else tag > 0.8  # our own colours follow the scheme too, not only Pico's
    context.close()


def test_favicon_and_manifest_let_a_phone_add_the_app_to_its_home_screen(browser, demo_site):
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(demo_site.url + "/login")
    manifest_url = tab.locator("link[rel=manifest]").get_attribute("href")
    manifest = context.request.get(demo_site.url + manifest_url)  # browsers fetch it without the login cookie
    assert manifest.ok and manifest.headers["content-type"].startswith("application/manifest+json")
    body = manifest.json()
    assert body["display"] == "standalone" and body["start_url"] == "/"
    sizes = {icon["sizes"] for icon in body["icons"]}
    assert {"192x192", "512x512"} <= sizes and any(icon["purpose"] == "maskable" for icon in body["icons"])
    for icon in body["icons"]:
        image = context.request.get(demo_site.url + icon["src"])
        assert image.ok and image.headers["content-type"] == "image/png"
    for link in tab.locator("link[rel=icon], link[rel=apple-touch-icon]").all():
        assert context.request.get(demo_site.url + link.get_attribute("href")).ok
    assert context.request.get(demo_site.url + "/favicon.ico").ok
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_one_search_box_for_everything_from_any_page(browser, demo_site, viewport):
    """Desktop: the box sits in the top bar; phone: it is the first thing in the menu, within the screen."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], has_touch=viewport == "phone")
    tab = context.new_page()
    demo_site.log_in(tab)
    tab.goto(demo_site.url + "/events/")
    header = tab.locator(".site-header")
    if viewport == "phone":
        header.get_by_text("More").click()
        box = tab.locator(".nav-menu-panel").get_by_role("searchbox", name="Search everything")
        expect(box).to_be_visible()
        field = box.bounding_box()
        assert field["x"] >= 0 and field["x"] + field["width"] <= VIEWPORTS[viewport]["width"]
    else:
        box = header.get_by_role("searchbox", name="Search everything")
        expect(box).to_be_visible()
    assert header.bounding_box()["height"] < (PHONE_HEADER_LIMIT if viewport == "phone" else 70)
    box.fill("Venkataraman")
    box.press("Enter")
    expect(tab).to_have_url(demo_site.url + "/search?q=Venkataraman")
    tab.wait_for_load_state("load")  # measured with its stylesheets in, not mid-navigation
    expect(tab.locator("#results-person").get_by_role("link", name="Rajesh Venkataraman")).to_be_visible()
    tags = tab.locator("#results-person .tag")
    assert tags.count() == 2 and tags.nth(0).bounding_box()["y"] == tags.nth(1).bounding_box()["y"]  # side by side
    assert tags.nth(0).bounding_box()["width"] < 150  # a tag, not a bar across the screen
    tab.screenshot(path=str(SCREENS / f"{viewport}-header-search.png"))
    assert layout_problems(tab.evaluate(MEASURE), viewport) == []
    context.close()
