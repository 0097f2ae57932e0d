"""A SIGKILL in the middle of a large import leaves no row of it behind: the import is one transaction."""
import csv
import io
import os
import signal
import subprocess
import sys
import time

import netevents_plugins.attendee_import  # noqa: F401 -- its tables join the metadata
import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from netevents.plugins.api import Account, Base, Person, PersonEmail

ROWS = 20_000
CHILD = """
import sys
from sqlalchemy import select
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from netevents.plugins.api import Account
from netevents_plugins.attendee_import.applying import apply_plan
from netevents_plugins.attendee_import.importing import preview_file

engine = create_engine(sys.argv[1])
with Session(engine) as session:
    owner = session.scalar(select(Account))
    plan = preview_file(session, open(sys.argv[2], "rb").read(), owner=owner, file_name="big.csv")
    print("writing", flush=True)
    apply_plan(session, plan, owner=owner)
    print("flushed", flush=True)
    session.commit()
"""


def big_export(path) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Name", "Email", "Company", "Phone"])
    for number in range(ROWS):
        writer.writerow([f"Attendee {number}", f"a{number}@example.org", f"Company {number % 500}",
                         f"+44 7700 {number:06d}"])
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.mark.slow
def test_sigkill_during_a_large_import_leaves_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'kill.db'}"
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(Account(email="kill@example.org", password_hash="x"))
        session.commit()
    big_export(tmp_path / "big.csv")
    child = subprocess.Popen([sys.executable, "-c", CHILD, url, str(tmp_path / "big.csv")], stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout.readline().strip() == "writing"
    time.sleep(2)  # well inside the bulk inserts, which take far longer for 20,000 people
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL  # killed mid-import, not finished or crashed on its own
    child.stdout.close()
    engine.dispose()
    after = create_engine(url)
    with Session(after) as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0
        assert session.scalar(select(func.count()).select_from(PersonEmail)) == 0
    after.dispose()
