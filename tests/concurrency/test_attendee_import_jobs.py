"""Large web imports (attendee_import plugin) run as background jobs: real threads on a database of their own,
real commits. (Here rather than beside the plugin, whose tests may import only the public plugin API.)"""
import re
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from netevents_plugins.attendee_import import views, worker
from netevents_plugins.attendee_import.models import Attendee, ImportJob
from sqlalchemy import func, select, text

from netevents import create_app
from netevents.db import database, make_engine
from netevents.plugins.api import Person, session_scope
from netevents.services.accounts import create_account
from netevents import testing
from netevents.testing import TEST_PASSWORD, LoggedInClient, default_app_config, own_schema_url, reset_schema

SAMPLES = Path(__file__).resolve().parents[2] / "plugins" / "attendee_import" / "tests" / "samples"
BASE = "/plugins/attendee_import"
SCHEMA = "attendee_jobs"


@pytest.fixture(scope="module")
def live_app(tmp_path_factory):
    """An app on a database no other test sees, whose imports of more than 0 people all run as jobs."""
    folder = tmp_path_factory.mktemp("jobs")
    base = testing.test_database_url(folder)  # imported by name it would be collected as a test
    url = own_schema_url(base, SCHEMA)
    engine = make_engine(url)
    reset_schema(engine)
    engine.dispose()
    app = create_app({**default_app_config(folder / "data"), "DATABASE_URL": url, "ATTENDEE_IMPORT_JOB_ROWS": 0})
    app.test_client_class = LoggedInClient
    yield app
    database(app).engine.dispose()
    if url != base:
        cleanup = make_engine(base, isolation_level="AUTOCOMMIT")
        with cleanup.connect() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        cleanup.dispose()


_accounts = iter(range(1, 1000))


@pytest.fixture
def owner_client(live_app):
    """A logged-in client of a new account on the live app, and the account's id."""
    with session_scope(live_app) as session:
        owner = create_account(session, f"jobs{next(_accounts)}@example.com", TEST_PASSWORD)
    return live_app.test_client(user=owner), owner.id


def people_of(app, owner_id: int) -> int:
    """How many people the account has, as another connection sees them (committed only)."""
    with database(app).session() as session:  # a reader: on SQLite it does not queue behind the import
        return session.scalar(select(func.count()).select_from(Person).where(Person.owner_id == owner_id))


def confirm_sample(client, sample: str = "eventbrite.csv", event: str = "Summit"):
    """Upload a sample, then press Import on its preview; the answer to the confirm step."""
    preview = client.post(f"{BASE}/", data={"file": ((SAMPLES / sample).open("rb"), sample), "format": "auto",
                                             "event_id": "", "new_event": event, "tag": ""},
                          content_type="multipart/form-data").get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', preview).group(1)
    return client.post(f"{BASE}/confirm", data={"token": token, "format": "auto", "event_id": "",
                                                "new_event": event, "tag": ""})


def wait_for(client, job_url: str, condition, seconds: float = 30) -> dict:
    """Poll the job's JSON status until ``condition(status)`` holds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = client.get(f"{job_url}/status").get_json()
        if condition(status):
            return status
        time.sleep(0.2)
    raise AssertionError(f"{job_url}: still {status}")


def test_a_job_shows_progress_while_its_transaction_is_open_then_goes_on_to_the_triage(
        live_app, owner_client, monkeypatch):
    client, owner_id = owner_client
    reached, release = threading.Event(), threading.Event()

    def apply_then_wait(*args, **kwargs):
        result = worker_apply(*args, **kwargs)  # the people are flushed, not committed
        reached.set()
        release.wait(30)
        return result

    worker_apply = worker.apply_plan
    monkeypatch.setattr(worker, "apply_plan", apply_then_wait)
    started = confirm_sample(client)
    assert started.status_code == 302 and "/jobs/" in started.location
    job_url = started.location
    assert reached.wait(30)
    running = wait_for(client, job_url, lambda status: status["done"] > 0)
    assert running["status"] == "running" and running["done"] == running["total"] == 2
    page = client.get(job_url).get_data(as_text=True)
    assert "Importing eventbrite.csv" in page and "<progress" in page and 'http-equiv="refresh"' in page
    assert people_of(live_app, owner_id) == 0  # all or nothing: the import has not committed yet
    release.set()
    finished = wait_for(client, job_url, lambda status: status["status"] != "running")
    assert finished["status"] == "done"
    result = client.get(job_url)
    assert result.status_code == 302 and "/triage" in result.location
    triage = client.get(result.location).get_data(as_text=True)
    assert "Imported eventbrite.csv: 2 new" in triage and "Ingrid Solberg" in triage
    assert people_of(live_app, owner_id) == 2
    with session_scope(live_app) as session:
        assert session.scalar(select(func.count()).select_from(Attendee).where(Attendee.owner_id == owner_id)) == 2


def test_a_failing_job_writes_nothing_and_shows_the_error(live_app, owner_client, monkeypatch):
    client, owner_id = owner_client
    real_apply = worker.apply_plan

    def apply_then_fail(*args, **kwargs):
        real_apply(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(worker, "apply_plan", apply_then_fail)
    job_url = confirm_sample(client).location
    failed = wait_for(client, job_url, lambda status: status["status"] != "running")
    assert failed["status"] == "failed" and "Nothing was imported" in failed["error"]
    page = client.get(job_url)
    assert page.status_code == 200 and "failed unexpectedly (RuntimeError)" in page.get_data(as_text=True)
    assert people_of(live_app, owner_id) == 0
    with session_scope(live_app) as session:
        assert session.scalar(select(func.count()).select_from(Attendee).where(Attendee.owner_id == owner_id)) == 0


def test_a_job_whose_upload_is_gone_fails_with_the_reason(live_app, owner_client, monkeypatch):
    client, owner_id = owner_client
    monkeypatch.setattr(worker, "load_upload", lambda *args: (_ for _ in ()).throw(
        worker.DomainError("That upload has expired; upload the file again.")))
    job_url = confirm_sample(client).location
    failed = wait_for(client, job_url, lambda status: status["status"] != "running")
    assert failed["error"] == "Nothing was imported: That upload has expired; upload the file again."
    assert people_of(live_app, owner_id) == 0


def test_a_job_silent_too_long_does_not_commit(live_app, owner_client, monkeypatch):
    client, owner_id = owner_client
    monkeypatch.setattr(worker, "STALE_AFTER", timedelta(0))  # as if its heartbeat had stopped for minutes
    job_url = confirm_sample(client).location
    failed = wait_for(client, job_url, lambda status: status["status"] != "running")
    assert failed["status"] == "failed" and "stopped without finishing" in failed["error"]
    assert people_of(live_app, owner_id) == 0
    with session_scope(live_app) as session:
        assert session.scalar(select(ImportJob.status).where(ImportJob.owner_id == owner_id)) == "failed"


def test_a_second_click_on_import_finds_the_running_job(live_app, owner_client, monkeypatch):
    client, owner_id = owner_client
    launched = []
    monkeypatch.setattr(views, "launch", lambda app, job_id: launched.append(job_id))  # started below
    preview = client.post(f"{BASE}/", data={"file": ((SAMPLES / "brella.csv").open("rb"), "brella.csv"),
                                             "format": "auto", "event_id": "", "new_event": "", "tag": ""},
                          content_type="multipart/form-data").get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', preview).group(1)
    form = {"token": token, "format": "auto", "event_id": "", "new_event": "", "tag": ""}
    first, second = client.post(f"{BASE}/confirm", data=form), client.post(f"{BASE}/confirm", data=form)
    assert first.location == second.location and len(launched) == 1
    worker.launch(live_app, launched[0])
    wait_for(client, first.location, lambda status: status["status"] == "done")
    assert client.get(first.location).location.rstrip("/").endswith("/people")
    with session_scope(live_app) as session:
        assert session.scalar(select(func.count()).select_from(ImportJob).where(ImportJob.owner_id == owner_id)) == 1
