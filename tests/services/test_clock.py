"""Moments come back aware from every database; "today" is the account's, whatever its zone setting holds."""
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, text

from netevents.models import Person
from netevents.services.clock import account_zone, local_date, local_today
from netevents.services.people import PersonFields, create_person


def test_stored_moments_are_read_back_aware_and_in_utc(session, account):
    person = create_person(session, PersonFields(display_name="Ada Lovelace"), owner=account)
    session.commit()
    session.expire_all()
    created = session.scalar(select(Person.created_at).where(Person.id == person.id))
    assert created.tzinfo is not None and created.utcoffset() == timedelta(0)
    assert abs(datetime.now(timezone.utc) - created) < timedelta(minutes=5)


def test_a_moment_written_in_another_zone_is_stored_as_the_same_instant(session, account):
    person = create_person(session, PersonFields(display_name="Grace Hopper"), owner=account)
    tokyo = timezone(timedelta(hours=9))
    person.created_at = datetime(2026, 3, 1, 8, 30, tzinfo=tokyo)
    session.commit()
    session.expire_all()
    assert session.get(Person, person.id).created_at == datetime(2026, 2, 28, 23, 30, tzinfo=timezone.utc)
    raw = session.execute(text("select created_at from person where id = :id"), {"id": person.id}).scalar()
    assert str(raw).startswith("2026-02-28 23:30")


def test_today_follows_the_account_zone(account):
    late_evening_utc = datetime(2026, 12, 1, 23, 30, tzinfo=timezone.utc)
    account.timezone = "Asia/Tokyo"
    assert local_today(account, now=late_evening_utc).isoformat() == "2026-12-02"
    account.timezone = "America/Los_Angeles"
    assert local_date(late_evening_utc, account).isoformat() == "2026-12-01"


def test_an_unknown_zone_name_falls_back_to_utc(account):
    account.timezone = "Mars/Olympus_Mons"
    assert account_zone(account).key == "UTC"
    assert local_today(account, now=datetime(2026, 12, 1, 23, 30, tzinfo=timezone.utc)).isoformat() == "2026-12-01"
