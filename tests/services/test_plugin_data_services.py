"""Core services that gather from plugins: exporters, importers, calendar items, backup and restore."""
from datetime import date, datetime, timezone

import pytest

from netevents import hookimpl
from netevents.errors import Invalid, NotFound, PluginFailed
from netevents.models import Person, PersonEmail
from netevents.plugins.api import CalendarItem, Exporter, Importer, PersonRow
from netevents.services.calendar_items import collect_calendar_items
from netevents.services.exports import available_exporters, run_export
from netevents.services.imports import available_importers, preview_import, run_import
from netevents.plugins.backup import collect_backup, restore_backup


def parse_lines(data: bytes):
    """name,email per line; a line 'bad' is a parse error the user should see."""
    rows = []
    for line in data.decode().splitlines():
        if line == "bad":
            raise Invalid("Line 'bad' is not name,email.", file="Not name,email.")
        name, _, email = line.partition(",")
        rows.append(PersonRow(display_name=name, email=email or None, organization="Acme"))
    return rows


class Formats:
    @hookimpl
    def register_importers(self):
        return [Importer(name="lines", label="Name,email lines", parse=parse_lines), "not an importer"]

    @hookimpl
    def register_exporters(self):
        return Exporter(name="count", label="Count", media_type="text/plain", extension="txt",
                        export=lambda session, owner: f"{session.query(Person).filter_by(owner_id=owner.id).count()}")


@pytest.fixture
def formats(register_plugin):
    return register_plugin(Formats(), name="formats")


def test_exporters_are_listed_and_run_for_the_owner(session, formats, account, make_account):
    session.add(Person(owner_id=account.id, display_name="Ada", sort_name="ada"))
    session.add(Person(owner_id=make_account().id, display_name="Not mine", sort_name="not mine"))
    session.flush()
    assert [e.name for e in available_exporters(session)] == ["count", "people-csv", "people-vcard", "people-vcard4"]
    export = run_export(session, "count", owner=account)
    assert export.content == b"1" and export.filename.endswith(".txt")
    with pytest.raises(NotFound):
        run_export(session, "nope", owner=account)


def test_a_failing_exporter_is_a_clear_error(session, register_plugin, account):
    class Broken:
        @hookimpl
        def register_exporters(self):
            return [Exporter(name="broken", label="Broken", media_type="text/plain", extension="txt",
                             export=lambda session, owner: 1 / 0)]

    record = register_plugin(Broken(), name="broken")
    with pytest.raises(PluginFailed, match="The Broken export failed"):
        run_export(session, "broken", owner=account)
    assert record.failures[-1]["hook"] == "export broken"


def test_a_wrong_registration_is_reported_not_fatal(session, formats):
    names = [i.name for i in available_importers(session)]
    assert "lines" in names  # the well-registered one stays offered (beside the first-party formats)
    assert "not an importer" in formats.failures[-1]["error"]


def test_import_preview_then_commit(session, formats, account):
    session.add(Person(owner_id=account.id, display_name="Known", sort_name="known",
                       emails=[PersonEmail(owner_id=account.id, address="known@example.com")]))
    session.flush()
    data = b"Ada,ada@example.com\nKnown,known@example.com\nAda again,ADA@example.com\nNo Email,"
    preview = preview_import(session, "lines", data, owner=account)
    assert [row.status for row in preview] == ["new", "exists", "duplicate", "new"]
    assert session.query(Person).filter_by(owner_id=account.id).count() == 1
    created = run_import(session, "lines", data, owner=account)
    assert [p.display_name for p in created] == ["Ada", "No Email"]
    assert created[0].organization.name == "Acme" and created[0].organization is created[1].organization
    assert created[0].primary_email == "ada@example.com"


def test_nul_characters_in_an_uploaded_file_are_dropped_not_sent_to_the_database(session, formats, account):
    created = run_import(session, "lines", b"Ada\x00 Lovelace,ada@example.com", owner=account)
    assert [person.display_name for person in created] == ["Ada Lovelace"]


def test_import_is_all_or_nothing(session, formats, account):
    with pytest.raises(Invalid, match="Rows 2 have problems; nothing was imported"):
        run_import(session, "lines", b"Ada,ada@example.com\nBob,not-an-email", owner=account)
    assert session.query(Person).filter_by(owner_id=account.id).count() == 0
    with pytest.raises(Invalid, match="not name,email"):
        preview_import(session, "lines", b"bad", owner=account)
    with pytest.raises(Invalid, match="no people"):
        preview_import(session, "lines", b"", owner=account)


def test_import_notifies_person_created(session, formats, register_plugin, account):
    seen = []

    class Listener:
        @hookimpl
        def person_created(self, person, owner):
            seen.append((person.display_name, owner.id))

    register_plugin(Listener(), name="listener")
    run_import(session, "lines", b"Ada,ada@example.com", owner=account)
    assert seen == [("Ada", account.id)]


class Calendar:
    @hookimpl
    def calendar_items(self, owner, start, end):
        return [
            CalendarItem(uid="b", title="Call Bob", start=datetime(2026, 3, 5, 9, tzinfo=timezone.utc)),
            CalendarItem(uid="a", title="Write to Ada", start=date(2026, 3, 2)),
            CalendarItem(uid="a", title="Duplicate uid", start=date(2026, 3, 3)),
            CalendarItem(uid="late", title="Outside", start=date(2026, 4, 1)),
            CalendarItem(uid="naive", title="No zone", start=datetime(2026, 3, 6, 9)),
            {"title": "not an item"},
        ]


def test_calendar_items_are_gathered_in_the_window_sorted_once_per_uid(session, register_plugin, account):
    record = register_plugin(Calendar(), name="calendar")
    items = collect_calendar_items(session, account, date(2026, 3, 1), date(2026, 4, 1))
    assert [(item.uid, item.title, item.all_day) for item in items] == [
        ("a", "Write to Ada", True), ("b", "Call Bob", False)]
    assert len(record.failures) == 2
    with pytest.raises(Invalid):
        collect_calendar_items(session, account, date(2026, 4, 1), date(2026, 3, 1))


class Notes:
    """Keeps notes in memory per owner, to prove a backup round trip."""

    def __init__(self):
        self.notes = {}

    @hookimpl
    def backup_data(self, owner):
        return {"notes": self.notes.get(owner.id, [])} if owner.id in self.notes else None

    @hookimpl
    def restore_backup_data(self, owner, data):
        self.notes[owner.id] = list(data["notes"])


def test_backup_and_restore_round_trip_through_plugins(session, register_plugin, account, make_account):
    notes = Notes()
    register_plugin(notes, name="notes")
    notes.notes[account.id] = ["met at expo"]
    backup = collect_backup(session, owner=account)
    assert backup == {"format": 1, "plugins": {"notes": {"notes": ["met at expo"]}}}
    other = make_account()
    backup["plugins"]["uninstalled_plugin"] = {"x": 1}
    report = restore_backup(session, backup, owner=other)
    assert report == {"restored": ["notes"], "skipped": ["uninstalled_plugin"]}
    assert notes.notes[other.id] == ["met at expo"]
    with pytest.raises(Invalid):
        restore_backup(session, {"format": 99}, owner=other)


def test_backup_data_must_be_json(session, register_plugin, account):
    class NotJson:
        @hookimpl
        def backup_data(self):
            return {"when": date(2026, 1, 1)}

    register_plugin(NotJson(), name="not_json")
    with pytest.raises(PluginFailed, match="not JSON"):
        collect_backup(session, owner=account)


def test_an_exporter_may_return_chunks_and_a_failure_half_way_is_recorded(app, session, account, register_plugin):
    from netevents import hookimpl
    from netevents.plugins.api import Exporter
    from netevents.plugins.manager import manager_of

    def lines(_session, _owner):
        yield "one\n"
        yield b"two\n"

    def breaks(_session, _owner):
        yield "start\n"
        raise ValueError("disk on fire")

    class Chunky:
        @hookimpl
        def register_exporters(self):
            return [Exporter("lines", "Lines", "text/plain", "txt", lines),
                    Exporter("halfway", "Half way", "text/plain", "txt", breaks)]

    register_plugin(Chunky(), "chunky")
    assert run_export(session, "lines", owner=account).content == b"one\ntwo\n"
    assert run_export(session, "halfway", owner=account).content == b"start\n"
    assert "disk on fire" in str(manager_of(app).records["chunky"].failures)


def test_restore_hands_plugins_the_mapping_of_ids(session, register_plugin, account, make_account):
    class Pinned:
        received = None

        @hookimpl
        def restore_backup_data(self, data, ids):
            Pinned.received = (data, ids)

    register_plugin(Pinned(), name="pinned")
    other = make_account()
    restore_backup(session, {"format": 1, "plugins": {"pinned": {"person_id": 7}}}, owner=other,
                   ids={"person": {7: 70}, "event": {3: 30}})
    data, ids = Pinned.received
    assert ids["person"][data["person_id"]] == 70 and ids["event"] == {3: 30}
    assert ids["favor"] == {} and set(ids) >= {"organization", "group", "role", "interaction", "encounter"}
