"""Restoring a checked backup into an account: into an empty one, or merged into one that already has records.

All or nothing: everything is written inside one savepoint after the whole file was checked
(services/backup_validation.py), and photos written to disk are removed again when anything fails.
Merging never makes duplicates: people are recognised by the rule new people are checked with
(services/person_matching.py: the same email or phone, else the same name at the same organization), other
records by their section's key (services/backup_sections.py). A record already there keeps its values and
only gains what it lacked (blank fields, extra emails, tags...).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, insert, select, update
from sqlalchemy.orm import Session

from netevents.errors import PluginFailed
from netevents.models import Account, Person
from netevents.photos import delete_photo_file, write_photo
from netevents.plugins import backup as plugin_backup
from netevents.search_index import fold
from netevents.services.backup_errors import BackupInvalid
from netevents.services.backup_sections import ACCOUNT_SETTINGS, BY_NAME, SECTIONS, Section
from netevents.services.backup_validation import CheckedBackup, parse_backup
from netevents.services.bulk import insert_links, insert_rows
from netevents.services.duplicate_store import rebuild_duplicates
from netevents.services.person_matching import MatchingIndex
from netevents.services.search import reindex_account
from netevents.services.stay_in_touch import refresh_account
from netevents.services.validation import name_key

Progress = Callable[[str, int], None]


@dataclass
class RestoreReport:
    """What a restore did: rows added and rows found already there, per section; plugins; settings."""

    added: dict[str, int] = field(default_factory=dict)
    already_there: dict[str, int] = field(default_factory=dict)
    plugins_restored: list[str] = field(default_factory=list)
    plugins_skipped: list[str] = field(default_factory=list)
    settings_restored: bool = False
    left_out: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One sentence for the user."""
        people, found = self.added.get("people", 0), self.already_there.get("people", 0)
        records = sum(self.added.values())
        text = f"Restored {records:,} records: {people:,} new people" + (
            f", {found:,} people already in your network" if found else "") + "."
        if self.plugins_skipped:
            text += f" Not restored (plugins not enabled here): {', '.join(self.plugins_skipped)}."
        if self.left_out:
            text += " The backup had left out employer-confidential notes."
        return text


@dataclass
class _Restore:
    """The state of one restore: the id mapping, written photos, the account and where photos go."""

    session: Session
    owner: Account
    data_dir: str | Path | None
    ids: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    photos: list[str] = field(default_factory=list)
    organization_keys: dict[int, str] | None = None
    report: RestoreReport = field(default_factory=RestoreReport)


def restore_account(session: Session, backup: CheckedBackup, *, owner: Account, data_dir: str | Path | None = None,
                    progress: Progress | None = None) -> RestoreReport:
    """Write a checked backup into ``owner``'s account, all or nothing; the caller commits."""
    state = _Restore(session, owner, data_dir)
    empty = session.scalar(select(Person.id).where(Person.owner_id == owner.id).limit(1)) is None
    try:
        with session.begin_nested():
            matches = {} if empty else _matched_people(state, backup)
            for section in SECTIONS:
                _restore_section(state, section, backup.rows[section.name], matches)
                if progress:
                    progress(section.name, len(backup.rows[section.name]))
            _link_introducers(state, backup.rows["people"], matches)
            if empty:
                _restore_settings(state, backup.document["account"])
            _restore_plugins(state, backup.document["plugins"])
            reindex_account(session, owner=owner)
            rebuild_duplicates(session, owner=owner)
            refresh_account(session, owner=owner)
    except BaseException:
        for name in state.photos:
            delete_photo_file(data_dir, owner.id, name)
        raise
    session.expire_all()  # rows were written past the ORM: loaded objects must be read again
    state.report.left_out = list(backup.document["left_out"])
    return state.report


def _kind(section_name: str) -> str:
    """The id kind of a section's records."""
    return BY_NAME[section_name].kind or section_name


def _key(section: Section, values: dict[str, Any]) -> tuple:
    """The merge key of a row: its key columns, names folded."""
    return tuple(fold(values.get(name) or "") if name in section.folded else values.get(name) for name in section.key)


def _existing(state: _Restore, section: Section) -> dict[tuple, list[int | bool]]:
    """The merge keys of the account's rows of a section, each with the ids of its rows (True: rows without id)."""
    if not section.key or "owner_id" not in section.table.c:
        return _existing_links(state, section) if section.key else {}
    table = section.table
    id_column = table.c.id if section.kind else table.c[section.key[0]]
    query = select(id_column, *[table.c[name] for name in section.key]).where(table.c.owner_id == state.owner.id)
    found: dict[tuple, list[int | bool]] = defaultdict(list)
    for found_id, *values in state.session.execute(query.order_by(id_column)):
        found[_key(section, dict(zip(section.key, values)))].append(found_id if section.kind else True)
    return found


def _existing_links(state: _Restore, section: Section) -> dict[tuple, list[int | bool]]:
    """The keys of a link table's rows that belong to the account's people."""
    table, people = section.table, Person.__table__
    query = select(*[table.c[name] for name in section.key]).join(people, people.c.id == table.c.person_id).where(
        people.c.owner_id == state.owner.id)
    return {tuple(values): [True] for values in state.session.execute(query)}


def _translated(state: _Restore, section: Section, row: dict[str, Any]) -> dict[str, Any]:
    """The row's values for the database: references turned into the new ids, the owner set."""
    values = {name: value for name, value in row.items() if name != "id"}
    for column, target in section.refs.items():
        if values.get(column) is not None:
            values[column] = None if target == section.name else state.ids[_kind(target)][values[column]]
    if "owner_id" in section.table.c:
        values["owner_id"] = state.owner.id
    if section.name == "dismissed_duplicates":  # new ids may come in another order; the lower stays first
        values["person_a_id"], values["person_b_id"] = sorted((values["person_a_id"], values["person_b_id"]))
    return values


def _restore_section(state: _Restore, section: Section, rows: list[dict[str, Any]], matches: dict[int, int]) -> None:
    """Insert the section's rows that are not in the account yet, and map every row's id."""
    existing = _existing(state, section)
    new_rows, new_old_ids, aliases = [], [], {}
    firsts: dict[tuple, int | None] = {}
    for row in rows:
        if section.name == "people" and row["id"] in matches:
            state.ids["person"][row["id"]] = matches[row["id"]]
            continue
        values = _translated(state, section, row)
        key = _key(section, values) if section.key else None
        if key is not None and existing.get(key):
            # one row of the account per row of the file: two equal rows in the file are two rows here too
            found = existing[key][0] if section.unique else existing[key].pop(0)
            if section.kind:
                state.ids[section.kind][row["id"]] = found
            continue
        if key is not None and section.unique:
            if key in firsts:
                if section.kind:
                    aliases[row["id"]] = firsts[key]
                continue
            firsts[key] = row.get("id")
        new_rows.append(_prepared(state, section, values))
        new_old_ids.append(row.get("id"))
    _insert(state, section, new_rows, new_old_ids, aliases)
    state.report.added[section.name] = len(new_rows)
    state.report.already_there[section.name] = len(rows) - len(new_rows)


def _insert(state: _Restore, section: Section, rows: list[dict], old_ids: list, aliases: dict[int, int]) -> None:
    """Insert the new rows and record the new ids (duplicates in the file share their first row's id)."""
    if any(isinstance(column.type, JSON) for column in section.table.columns):
        if rows:  # a few rows of settings; COPY (insert_links on PostgreSQL) cannot take JSON values as they are
            state.session.execute(insert(section.table), rows)
        return
    if section.kind is None:
        insert_links(state.session, section.table, rows)
        return
    for old_id, new_id in zip(old_ids, insert_rows(state.session, section.table, rows, owner=state.owner)):
        state.ids[section.kind][old_id] = new_id
    for alias, first in aliases.items():
        state.ids[section.kind][alias] = state.ids[section.kind][first]


def _prepared(state: _Restore, section: Section, values: dict[str, Any]) -> dict[str, Any]:
    """Fill the computed columns of a new row (people: sort keys and the photo file; organizations: the name key)."""
    if section.name == "organizations":
        values["name_key"] = name_key(values["name"])
    if section.name != "people":
        return values
    values["sort_name"] = name_key(values["display_name"])
    organization = values.get("organization_id")
    values["organization_key"] = _organization_keys(state).get(organization) if organization else None
    photo = values.pop("photo", None)
    values["photo"] = None
    if photo is not None and state.data_dir is not None:
        values["photo"] = write_photo(state.data_dir, state.owner.id, photo)
        state.photos.append(values["photo"])
    return values


def _organization_keys(state: _Restore) -> dict[int, str]:
    """The account's organizations' sort keys by id (read once per restore)."""
    if state.organization_keys is None:
        table = BY_NAME["organizations"].table
        query = select(table.c.id, table.c.name).where(table.c.owner_id == state.owner.id)
        state.organization_keys = {found_id: name_key(name) for found_id, name in state.session.execute(query)}
    return state.organization_keys


def _matched_people(state: _Restore, backup: CheckedBackup) -> dict[int, int]:
    """For each person of the file already in the account, that person's id (each existing person used once)."""
    emails, phones = defaultdict(list), defaultdict(list)
    for row in backup.rows["person_emails"]:
        emails[row["person_id"]].append(row["address"])
    for row in backup.rows["person_phones"]:
        phones[row["person_id"]].append(row["number"])
    organizations = {row["id"]: row["name"] for row in backup.rows["organizations"]}
    index = MatchingIndex(state.session, owner=state.owner)
    matches: dict[int, int] = {}
    taken: set[int] = set()
    for row in backup.rows["people"]:
        found = next((person_id for person_id in index.candidates(
            row["display_name"], emails=emails[row["id"]], phones=phones[row["id"]],
            company=organizations.get(row.get("organization_id"))) if person_id not in taken), None)
        if found is not None:
            matches[row["id"]] = found
            taken.add(found)
    _fill_blanks(state, backup.rows["people"], matches)
    return matches


def _fill_blanks(state: _Restore, rows: list[dict[str, Any]], matches: dict[int, int]) -> None:
    """Give the people found in the account the file's values of the fields they have blank."""
    fillable = ("given_name", "family_name", "job_title", "location", "interests", "notes", "how_we_met",
                "cadence_days")
    people = Person.__table__
    current = {row.id: row for row in state.session.execute(
        select(people.c.id, *[people.c[name] for name in fillable]).where(people.c.id.in_(list(matches.values()))))}
    for row in rows:
        existing = current.get(matches.get(row["id"]))
        if existing is None:
            continue
        blanks = {name: row[name] for name in fillable
                  if getattr(existing, name) in (None, "") and row.get(name) not in (None, "")}
        if blanks:
            state.session.execute(update(people).where(people.c.id == existing.id).values(**blanks))


def _link_introducers(state: _Restore, rows: list[dict[str, Any]], matches: dict[int, int]) -> None:
    """Set "introduced by" on the new people, now that every person of the file has an id."""
    people = Person.__table__
    for row in rows:
        if row.get("introduced_by_id") is not None and row["id"] not in matches:
            state.session.execute(update(people).where(people.c.id == state.ids["person"][row["id"]]).values(
                introduced_by_id=state.ids["person"][row["introduced_by_id"]], updated_at=people.c.updated_at))


def _restore_settings(state: _Restore, account: dict[str, Any]) -> None:
    """Take the backup's account settings (into an empty account only: a merge keeps the user's own)."""
    for name in ACCOUNT_SETTINGS:
        setattr(state.owner, name, account[name])
    state.report.settings_restored = True


def _restore_plugins(state: _Restore, sections: dict[str, Any]) -> None:
    """Hand each enabled plugin its section and the id mapping."""
    state.session.flush()
    try:
        report = plugin_backup.restore_backup(state.session, {"format": 1, "plugins": sections}, owner=state.owner,
                                         ids=state.ids)
    except PluginFailed as error:  # said on the restore form like any other fault of the file
        raise BackupInvalid(f"{error.message}.", "plugins") from None
    state.report.plugins_restored, state.report.plugins_skipped = report["restored"], report["skipped"]


def restore_file(session: Session, raw: bytes, *, owner: Account, data_dir: str | Path | None = None,
                 passphrase: str | None = None, progress: Progress | None = None) -> RestoreReport:
    """Check a whole backup file (decrypting it with ``passphrase``), then restore it into ``owner``'s account."""
    return restore_account(session, parse_backup(raw, passphrase=passphrase), owner=owner, data_dir=data_dir,
                           progress=progress)
