"""A background import's pages: only its owner sees them, a dead worker's job shows as failed, and small imports
stay in the request."""
import io
import json
import re
from datetime import timedelta
from pathlib import Path

from netevents_plugins.attendee_import import views
from netevents_plugins.attendee_import.jobs import create_job
from netevents_plugins.attendee_import.reading import MAX_BYTES

from werkzeug.test import EnvironBuilder

from netevents.plugins.api import Person, utcnow

SAMPLES = Path(__file__).parent / "samples"
BASE = "/plugins/attendee_import"


def queued_job(session, owner, **changes):
    """A job as the confirm step records it, committed."""
    job = create_job(session, owner=owner, token="t" * 24, file_name="big.csv", total=5000,
                     options={"format_name": "auto", "tag": None, "event": "", "accept_changes": False})
    for name, value in changes.items():
        setattr(job, name, value)
    session.commit()
    return job


def test_another_account_gets_404_for_my_jobs_page_and_status(app, session, account, make_account):
    job = queued_job(session, account)
    stranger = app.test_client(user=make_account())
    assert stranger.get(f"{BASE}/jobs/{job.id}").status_code == 404
    assert stranger.get(f"{BASE}/jobs/{job.id}/status").status_code == 404
    assert stranger.get(f"{BASE}/jobs/{2**40}/status").status_code == 404
    mine = app.test_client(user=account).get(f"{BASE}/jobs/{job.id}/status")
    assert mine.status_code == 200 and mine.get_json()["status"] == "running"


def test_a_running_job_shows_its_phase_and_a_progress_bar_that_refreshes(user_client, session, account):
    job = queued_job(session, account, phase="importing", done=1200)
    page = user_client.get(f"{BASE}/jobs/{job.id}").get_data(as_text=True)
    assert "Importing big.csv" in page and "Importing people" in page and "1,200 of 5,000 people" in page
    assert '<progress id="import-progress" max="5000" value="1200">' in page
    assert 'http-equiv="refresh"' in page and "progress.js" in page
    status = user_client.get(f"{BASE}/jobs/{job.id}/status").get_json()
    assert (status["done"], status["total"], status["percent"]) == (1200, 5000, 24)
    with user_client.get(f"{BASE}/static/progress.js") as script:
        assert script.status_code == 200 and b"[data-job-status]" in script.get_data()


def test_a_job_whose_worker_died_shows_as_failed_not_running_forever(user_client, session, account):
    silent_since = utcnow() - timedelta(minutes=5)
    job = queued_job(session, account, phase="importing", done=800, heartbeat_at=silent_since)
    status = user_client.get(f"{BASE}/jobs/{job.id}/status").get_json()
    assert status["status"] == "failed" and "nothing was imported" in status["error"]
    page = user_client.get(f"{BASE}/jobs/{job.id}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "The import of big.csv failed" in text and "server may have restarted" in text
    assert 'http-equiv="refresh"' not in text


def test_a_failed_job_shows_its_error_and_a_finished_one_goes_on_to_the_result(user_client, session, account):
    failed = queued_job(session, account, status="failed", error="Nothing was imported: big.csv, row 7: bad.")
    assert "big.csv, row 7: bad." in user_client.get(f"{BASE}/jobs/{failed.id}").get_data(as_text=True)
    counts = {"created": 4000, "matched": 990, "updated": 10, "skipped": 0, "invalid": 0, "errors": []}
    done = queued_job(session, account, status="done", result=json.dumps({**counts, "event_id": None}))
    answer = user_client.get(f"{BASE}/jobs/{done.id}")
    assert answer.status_code == 302 and answer.location.rstrip("/").endswith("/people")
    assert "Imported big.csv: 4000 new, 990 already known, 10 updated." in user_client.get(
        answer.location).get_data(as_text=True)


def test_imports_up_to_the_threshold_stay_in_the_request(app, user_client, session, account, monkeypatch):
    launched = []
    monkeypatch.setattr(views, "launch", lambda app, job_id: launched.append(job_id))
    app.config["ATTENDEE_IMPORT_JOB_ROWS"] = 2  # the sample has two people
    form = {"file": (io.BytesIO((SAMPLES / "brella.csv").read_bytes()), "brella.csv"), "format": "auto",
            "event_id": "", "new_event": "", "tag": ""}
    preview = user_client.post(f"{BASE}/", data=form, content_type="multipart/form-data").get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', preview).group(1)
    done = user_client.post(f"{BASE}/confirm", data={"token": token, "format": "auto"})
    assert done.status_code == 302 and "/jobs/" not in done.location and launched == []
    assert len(session.query(Person).filter_by(owner_id=account.id).all()) == 2


def test_a_file_over_the_documented_size_is_refused_in_the_layout(user_client):
    form = {"file": (io.BytesIO(b"Name,Email\n" + b"x" * MAX_BYTES), "huge.csv"), "format": "auto", "event_id": "",
            "new_event": "", "tag": ""}
    builder = EnvironBuilder(path=f"{BASE}/", method="POST", data=form, content_type="multipart/form-data")
    environ = builder.get_environ()
    builder.close()
    try:  # the test client spools a large body to a temporary file it leaves open: close it here
        page = user_client.open(environ)
        text = page.get_data(as_text=True)
    finally:
        environ["wsgi.input"].close()
    assert page.status_code == 400 and "larger than 32 MB" in text and "<nav" in text
