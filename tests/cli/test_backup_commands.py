"""CLI: ``netevents backup``, ``restore`` and ``export``: files out, back in, encrypted, scheduled and pruned."""
from __future__ import annotations

import json

from pyrage import passphrase as age_passphrase
from sqlalchemy import func, select

from netevents.models import Person
from netevents.services.people import PersonFields, create_person


def people_of(session, owner) -> int:
    """How many people the account has."""
    return session.scalar(select(func.count()).select_from(Person).where(Person.owner_id == owner.id))


def add_people(session, owner, *names) -> None:
    """Give the account a few people with emails."""
    for name in names:
        create_person(session, PersonFields(display_name=name, emails=[f"{name.split()[0].lower()}@example.org"]),
                      owner=owner)
    session.flush()


def test_backup_then_restore_into_another_account(runner, session, account, make_account, tmp_path):
    add_people(session, account, "Ada Lovelace", "Grace Hopper")
    target = tmp_path / "network.json"
    result = runner.invoke(args=["backup", "--user", account.email, "-o", str(target)])
    assert result.exit_code == 0, result.output
    document = json.loads(target.read_text())
    assert document["format"] == "netevents-backup" and len(document["records"]["people"]) == 2
    assert target.stat().st_mode & 0o777 == 0o600
    other = make_account()
    result = runner.invoke(args=["restore", str(target), "--user", other.email])
    assert result.exit_code == 0, result.output
    assert "2 new people" in result.output
    assert people_of(session, other) == 2


def test_restore_of_a_broken_file_says_where_and_changes_nothing(runner, session, account, make_account,
                                                                  tmp_path):
    add_people(session, account, "Ada Lovelace")
    target = tmp_path / "network.json"
    runner.invoke(args=["backup", "--user", account.email, "-o", str(target)])
    text = target.read_text()
    target.write_text(text[: len(text) // 2])
    other = make_account()
    result = runner.invoke(args=["restore", str(target), "--user", other.email])
    assert result.exit_code != 0
    assert "not complete JSON" in result.output and "line" in result.output and "Nothing was changed" in result.output
    assert people_of(session, other) == 0


def test_scheduled_encrypted_backups_are_pruned(runner, session, account, make_account, tmp_path):
    add_people(session, account, "Ada Lovelace")
    make_account()
    secret = tmp_path / "passphrase"
    secret.write_text("a long passphrase\n")
    folder = tmp_path / "backups"
    for _run in range(3):
        result = runner.invoke(args=["backup", "--all", "--dir", str(folder), "--keep", "2",
                                     "--passphrase-file", str(secret)])
        assert result.exit_code == 0, result.output
    files = sorted(path.name for path in folder.iterdir())
    assert len(files) == 4 and all(name.endswith(".json.age") for name in files)
    mine = sorted(path for path in folder.iterdir() if account.email.split("@")[0] in path.name)
    assert len(mine) == 2 and mine[0].name < mine[1].name
    plain = json.loads(age_passphrase.decrypt(mine[-1].read_bytes(), "a long passphrase"))
    assert [row["display_name"] for row in plain["records"]["people"]] == ["Ada Lovelace"]


def test_restore_with_the_wrong_passphrase_changes_nothing(runner, session, account, make_account, tmp_path):
    add_people(session, account, "Ada Lovelace")
    right, wrong = tmp_path / "right", tmp_path / "wrong"
    right.write_text("the right passphrase")
    wrong.write_text("not the passphrase")
    target = tmp_path / "network.json.age"
    runner.invoke(args=["backup", "--user", account.email, "-o", str(target), "--passphrase-file", str(right)])
    other = make_account()
    result = runner.invoke(args=["restore", str(target), "--user", other.email, "--passphrase-file", str(wrong)])
    assert result.exit_code != 0 and "passphrase is wrong" in result.output
    assert people_of(session, other) == 0
    result = runner.invoke(args=["restore", str(target), "--user", other.email, "--passphrase-file", str(right)])
    assert result.exit_code == 0, result.output
    assert people_of(session, other) == 1


def test_backup_needs_a_user_and_a_file_or_all_and_a_folder(runner, account, tmp_path):
    assert runner.invoke(args=["backup", "--user", account.email]).exit_code != 0
    assert runner.invoke(args=["backup", "--all"]).exit_code != 0
    result = runner.invoke(args=["backup", "--user", "nobody@example.org", "-o", str(tmp_path / "x.json")])
    assert result.exit_code != 0 and "There is no account" in result.output


def test_export_writes_csv_and_vcard(runner, session, account, tmp_path):
    add_people(session, account, "Ada Lovelace")
    for kind, marker in [("csv", "Ada Lovelace"), ("vcard", "VERSION:4.0"), ("vcard3", "VERSION:3.0")]:
        target = tmp_path / f"people.{kind}"
        result = runner.invoke(args=["export", kind, "--user", account.email, "-o", str(target)])
        assert result.exit_code == 0, result.output
        assert marker in target.read_text()
