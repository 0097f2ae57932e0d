"""The backup page: download everything, restore an upload; only your own account; CSRF; no 500 for any file."""
from __future__ import annotations

import io
import json

import pytest
from pyrage import passphrase as age_passphrase
from sqlalchemy import func, select

from netevents.models import Person
from netevents.services.people import PersonFields, create_person


def people_of(session, owner) -> list[str]:
    """The account's people's names."""
    return sorted(session.scalars(select(Person.display_name).where(Person.owner_id == owner.id)))


@pytest.fixture
def network(session, account):
    """Two people in the logged-in account."""
    create_person(session, PersonFields(display_name="Ada Lovelace", emails=["ada@example.org"]), owner=account)
    create_person(session, PersonFields(display_name="Grace Hopper"), owner=account)
    session.commit()


def upload(client, content: bytes, passphrase: str = "", name: str = "backup.json"):
    """Post a backup file to the restore form."""
    return client.post("/settings/backup/restore", content_type="multipart/form-data",
                       data={"file": (io.BytesIO(content), name), "passphrase": passphrase})


def test_download_everything_holds_only_my_network(app, session, network, user_client, make_account):
    stranger = make_account()
    create_person(session, PersonFields(display_name="Someone Else"), owner=stranger)
    session.commit()
    assert "Download everything" in user_client.get("/settings/backup").get_data(as_text=True)
    assert "/settings/backup" in user_client.get("/settings").get_data(as_text=True)
    response = user_client.post("/settings/backup/download", data={})
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    document = json.loads(response.data)
    assert sorted(row["display_name"] for row in document["records"]["people"]) == ["Ada Lovelace", "Grace Hopper"]


def test_restore_into_a_new_account_and_merge_without_duplicates(app, session, network, user_client, make_account):
    content = user_client.post("/settings/backup/download", data={}).data
    newcomer = make_account()
    session.commit()
    client = app.test_client(user=newcomer)
    response = upload(client, content)
    assert response.status_code == 302
    assert "2 new people" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert people_of(session, newcomer) == ["Ada Lovelace", "Grace Hopper"]
    upload(client, content)
    assert people_of(session, newcomer) == ["Ada Lovelace", "Grace Hopper"]


def test_encrypted_download_and_its_restore(app, session, network, user_client, make_account):
    response = user_client.post("/settings/backup/download", data={"passphrase": "a good passphrase"})
    assert response.headers["Content-Disposition"].endswith('.json.age"')
    assert json.loads(age_passphrase.decrypt(response.data, "a good passphrase"))["format"] == "netevents-backup"
    newcomer = make_account()
    session.commit()
    client = app.test_client(user=newcomer)
    refused = upload(client, response.data, "the wrong one", "backup.json.age")
    assert refused.status_code == 400 and "passphrase is wrong" in refused.get_data(as_text=True)
    assert people_of(session, newcomer) == []
    assert upload(client, response.data, "a good passphrase", "backup.json.age").status_code == 302
    assert people_of(session, newcomer) == ["Ada Lovelace", "Grace Hopper"]
    short = user_client.post("/settings/backup/download", data={"passphrase": "short"})
    assert short.status_code == 400 and "at least 8 characters" in short.get_data(as_text=True)


@pytest.mark.parametrize("content", [b"", b"{", b"\x00\xff" * 50, b'{"format": "netevents-backup", "version": 9}',
                                     b"[]", b"age-encryption.org/v1\n-> nothing", "é".encode()])
def test_no_file_is_a_server_error_and_none_changes_anything(session, account, user_client, content):
    response = upload(user_client, content, "some passphrase")
    assert response.status_code == 400
    assert session.scalar(select(func.count()).select_from(Person).where(Person.owner_id == account.id)) == 0


def test_restore_without_a_file_asks_for_one(user_client):
    response = user_client.post("/settings/backup/restore", data={})
    assert response.status_code == 400 and "Choose the backup file" in response.get_data(as_text=True)


def test_the_page_and_its_forms_need_a_login_and_csrf(app, client, account):
    assert client.get("/settings/backup").status_code in (302, 401)
    assert client.post("/settings/backup/download").status_code in (302, 401)
    app.config["WTF_CSRF_ENABLED"] = True
    logged_in = app.test_client(user=account)
    assert logged_in.post("/settings/backup/download", data={}).status_code == 400
    assert upload(logged_in, b"{}").status_code == 400


def test_a_restore_touches_only_my_account(app, session, network, user_client, make_account):
    content = user_client.post("/settings/backup/download", data={}).data
    stranger = make_account()
    create_person(session, PersonFields(display_name="Ada L.", emails=["ada@example.org"]), owner=stranger)
    session.commit()
    newcomer = make_account()
    session.commit()
    assert upload(app.test_client(user=newcomer), content).status_code == 302
    assert people_of(session, stranger) == ["Ada L."]
    assert people_of(session, newcomer) == ["Ada Lovelace", "Grace Hopper"]
    stranger_download = json.loads(app.test_client(user=stranger).post("/settings/backup/download", data={}).data)
    assert [row["display_name"] for row in stranger_download["records"]["people"]] == ["Ada L."]
    assert stranger_download["account"]["email"] == stranger.email
