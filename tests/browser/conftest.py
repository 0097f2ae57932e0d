"""Playwright harness: a live netevents on a free port, driven by Debian's Chromium (never a downloaded one)."""
from __future__ import annotations

import os
import socket
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from netevents import create_app
from netevents.db import database
from netevents.plugins.migrations import upgrade_all

CHROMIUM = Path(os.environ.get("NETEVENTS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    """Mark every test in this folder as a browser test; skip them when Chromium is absent."""
    missing = not CHROMIUM.exists()
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)
            if missing and not os.environ.get("NETEVENTS_REQUIRE_BROWSER"):
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is not installed"))


def free_port() -> int:
    """Ask the OS for a free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_app(folder: Path):
    """A netevents app on its own SQLite file in ``folder``, schema upgraded."""
    app = create_app({"DATA_DIR": str(folder / "data"), "DATABASE_URL": f"sqlite:///{folder / 'live.db'}",
                      "SECRET_KEY": "browser-tests"})
    upgrade_all(app)
    return app


@contextmanager
def serving(app) -> Iterator[str]:
    """Serve ``app`` with waitress in a thread while the block runs; yields its URL."""
    import waitress

    port = free_port()
    server = waitress.create_server(app, host="127.0.0.1", port=port, threads=4)
    stopping = threading.Event()

    def run() -> None:
        """Serve until stopped; closing the sockets under the loop may raise, which is then expected."""
        try:
            server.run()
        except (OSError, ValueError):
            if not stopping.is_set():
                raise

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stopping.set()
        server.task_dispatcher.shutdown(timeout=5)  # let requests still in flight finish first
        server.close()
        # connections the browser keeps alive stay in the server's map: close them, or their sockets are
        # reported unclosed (a ResourceWarning, an error under filterwarnings) in whatever test runs next
        for channel in list(server._map.values()):
            channel.close()
        thread.join(timeout=5)
        database(app).engine.dispose()


def measure_page_width(page) -> int:
    """The page's full width in px, measured once its stylesheets are in.

    After a click or Enter that navigates, Playwright goes on as soon as the new page's text is there; without
    waiting for the load event the layout may be the one before shell.css arrived (the header a row of links
    several screens wide), which failed CI now and then."""
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.fixture
def page_width():
    """measure_page_width, for tests to check that nothing scrolls sideways."""
    return measure_page_width


@pytest.fixture
def live_server(tmp_path):
    """A fresh netevents instance (its own SQLite file) served by waitress in a thread; yields its URL."""
    with serving(fresh_app(tmp_path)) as url:
        yield url


@pytest.fixture
def live_site(tmp_path):
    """Like live_server, with the app too (to change a setting or add records through services); yields both."""
    app = fresh_app(tmp_path)
    with serving(app) as url:
        yield app, url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole test session."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser page at phone size; a screenshot is kept in test-artifacts/ when the test fails."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


class Journey:
    """Steps a person takes in the browser, shared by journeys."""

    password = "a long browser password"

    def __init__(self, page, base_url: str):
        self.page, self.base_url = page, base_url

    def create_first_account(self, email: str = "ada@example.com") -> None:
        """Open a fresh instance and create the admin account."""
        self.page.goto(self.base_url + "/")
        self.page.get_by_label("Email").fill(email)
        self.page.locator("#password").fill(self.password)
        self.page.locator("#confirm").fill(self.password)
        self.page.get_by_role("button", name="Create the admin account").click()


@pytest.fixture
def journey(page, live_server) -> Journey:
    """Browser steps against a fresh live server."""
    return Journey(page, live_server)


@dataclass
class DemoSite:
    """A live netevents holding the demo network: its URL, its app (to look records up) and its one login."""

    url: str
    app: object
    email: str = "demo@example.com"
    password: str = "a long sample passphrase"

    def log_in(self, page) -> None:
        """Log in through the login page."""
        page.goto(self.url + "/login")
        page.get_by_label("Email").fill(self.email)
        page.locator("#password").fill(self.password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(self.url + "/")


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> Iterator[DemoSite]:
    """A live netevents whose one account holds the demo network (60 people, a year of activity, important dates
    and relationships)."""
    from netevents.db import session_scope
    from netevents.demo import build_demo_network
    from netevents.services.accounts import create_account
    from netevents.services.clock import local_today

    app = fresh_app(tmp_path_factory.mktemp("demo"))
    with session_scope(app) as session:
        owner = create_account(session, DemoSite.email, DemoSite.password, timezone="Europe/Berlin")
        build_demo_network(session, owner=owner, today=local_today(owner))
    with serving(app) as url:
        yield DemoSite(url, app)
