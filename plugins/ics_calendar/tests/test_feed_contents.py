"""What the calendar holds, item by item, and how it stays correct for subscribed clients across changes."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from ics_calendar_checks import NOW, events, lint

from netevents.plugins.api import (AssociationMembership, CalendarItem, EventFields, ImportantDate,
                                   InteractionFields, Organization, PersonFields, create_event, create_followup,
                                   create_person, hookimpl, log_interaction, mark_followup_done,
                                   name_key)
from netevents_plugins.ics_calendar.items import FeedSettings

BIRTHDAY = ImportantDate.kind.type.enum_class("birthday")
UTC = timezone.utc


def test_a_followup_is_an_all_day_item_with_who_why_a_link_and_an_alarm(build, followup, person):
    item = events(build())[f"followup-{followup.id}@netevents"]
    assert str(item["SUMMARY"]) == "Follow up: Ada Lovelace"
    assert "Send the slides, as promised" in str(item["DESCRIPTION"])
    assert str(item["URL"]) == f"http://netevents.test/people/{person.id}"
    assert item.decoded("DTSTART") == date(2026, 3, 27) and item.decoded("DTEND") == date(2026, 3, 28)
    alarm = item.walk("VALARM")[0]
    assert alarm.decoded("TRIGGER") == timedelta(hours=8, minutes=30)  # 30 minutes before 09:00 on the day
    assert item["SEQUENCE"] == 0


def test_timed_reminders_land_at_the_reminder_time_in_utc_across_a_dst_change(build, session, account, person):
    before = create_followup(session, person.id, date(2026, 3, 28), "", owner=account)
    after = create_followup(session, person.id, date(2026, 3, 30), "", owner=account)
    paris = FeedSettings(timed=True, reminder_time=time(9, 0), zone=ZoneInfo("Europe/Paris"), reminder_minutes=15)
    body = build(settings=paris)
    found = events(body)
    # Paris is UTC+1 on 28 March and UTC+2 from 29 March 2026: 09:00 local is 08:00Z, then 07:00Z
    assert found[f"followup-{before.id}@netevents"].decoded("DTSTART") == datetime(2026, 3, 28, 8, tzinfo=UTC)
    assert found[f"followup-{after.id}@netevents"].decoded("DTSTART") == datetime(2026, 3, 30, 7, tzinfo=UTC)
    assert b"DTSTART:20260330T070000Z\r\n" in body and b"TZID" not in body
    alarm = found[f"followup-{after.id}@netevents"].walk("VALARM")[0]
    assert alarm.decoded("TRIGGER") == -timedelta(minutes=15)


def test_each_kind_of_item_appears_with_its_person_or_record(build, session, account, person, followup):
    person.cadence_days = 30
    session.flush()
    log_interaction(session, InteractionFields(person_ids=[person.id], occurred_on=date(2026, 3, 1)), owner=account)
    event = create_event(session, EventFields(name="Board meeting", starts=date(2026, 4, 2), kind="board_meeting",
                                              start_time=time(18, 30), end_time=time(20, 0)), owner=account)
    conference = create_event(session, EventFields(name="PyCon", starts=date(2026, 5, 1), ends=date(2026, 5, 3)),
                              owner=account)
    session.add(AssociationMembership(owner_id=account.id, renewal_on=date(2026, 4, 15),
                                      organization=Organization(owner_id=account.id, name="IEEE",
                                                                name_key=name_key("IEEE"))))
    birthday = ImportantDate(owner_id=account.id, person=person, kind=BIRTHDAY, month=4, day=10, year=1990)
    session.add(birthday)
    session.flush()
    found = events(build())
    titles = {uid.split("-")[0]: str(item["SUMMARY"]) for uid, item in found.items()}
    stay = found[f"stay-in-touch-{person.id}@netevents"]
    assert str(stay["SUMMARY"]) == "Stay in touch: Ada Lovelace" and stay.decoded("DTSTART") == date(2026, 3, 31)
    assert "Last contact on 2026-03-01" in str(stay["DESCRIPTION"])
    board = found[f"event-{event.id}@netevents"]
    assert board.decoded("DTSTART") == datetime(2026, 4, 2, 18, 30, tzinfo=UTC)  # the account's zone is UTC
    assert "Committee meeting" in str(board["DESCRIPTION"])
    pycon = found[f"event-{conference.id}@netevents"]
    assert (pycon.decoded("DTSTART"), pycon.decoded("DTEND")) == (date(2026, 5, 1), date(2026, 5, 4))
    assert titles["renewal"] == "Renew membership: IEEE"
    assert found[f"date-{birthday.id}-2026@netevents"]["SUMMARY"] == "Birthday (36): Ada Lovelace"
    assert str(found[f"date-{birthday.id}-2026@netevents"]["URL"]).endswith(f"/people/{person.id}")


def test_the_contact_of_the_day_is_todays_suggestion(build, session, account, person):
    found = events(build())
    item = found["contact-of-the-day-2026-03-20@netevents"]
    assert str(item["SUMMARY"]) == "Contact of the day: Ada Lovelace"
    assert item.decoded("DTSTART") == date(2026, 3, 20)


def test_settings_leave_out_kinds(build, followup, person):
    body = build(settings=FeedSettings(kinds=frozenset({"event"})))
    assert events(body) == {}


class OtherPlugin:
    """A plugin adding one item through the calendar_items hook, as the visibility plugin will."""

    @hookimpl
    def calendar_items(self, owner, start, end):
        return [CalendarItem(uid=f"visibility-{owner.id}", title="Present at the steering committee",
                             start=date(2026, 3, 25), url="http://netevents.test/groups/1")]


def test_other_plugins_items_come_through_the_hook(build, register_plugin):
    register_plugin(OtherPlugin(), name="other_calendar")
    found = events(build())
    item = next(item for uid, item in found.items() if uid.startswith("plugin-visibility-"))
    assert str(item["SUMMARY"]) == "Present at the steering committee"
    assert item.decoded("DTSTART") == date(2026, 3, 25)


def test_same_data_gives_the_same_bytes_and_uids_stay_across_edits(build, session, followup):
    first = build()
    assert build() == first
    assert build(now=NOW + timedelta(hours=3)) == first  # the same day, nothing changed: no now() in the text
    followup.note = "Send the slides and the paper"
    session.flush()
    changed = events(build())[f"followup-{followup.id}@netevents"]
    assert changed["SEQUENCE"] == 1
    assert changed.decoded("LAST-MODIFIED") > events(first)[f"followup-{followup.id}@netevents"].decoded(
        "LAST-MODIFIED")
    assert changed.decoded("DTSTAMP") == changed.decoded("LAST-MODIFIED")
    followup.due_on = date(2026, 3, 29)
    session.flush()
    moved = events(build())[f"followup-{followup.id}@netevents"]
    assert moved["SEQUENCE"] == 2 and moved.decoded("DTSTART") == date(2026, 3, 29)


def test_done_and_deleted_items_disappear(build, session, account, person, followup):
    other = create_followup(session, person.id, date(2026, 3, 26), "", owner=account)
    assert {f"followup-{followup.id}@netevents", f"followup-{other.id}@netevents"} <= set(events(build()))
    mark_followup_done(session, followup.id, owner=account)
    session.delete(other)
    session.flush()
    uids = set(events(build()))
    assert f"followup-{followup.id}@netevents" not in uids and f"followup-{other.id}@netevents" not in uids


def test_text_is_escaped_folded_and_the_calendar_name_is_not_personal(build, session, account):
    someone = create_person(session, PersonFields(display_name="Zoë, the; \\ « Ünïcødé » " + "ü" * 40), owner=account)
    create_followup(session, someone.id, date(2026, 3, 27), "Line one\nline two, with; marks", owner=account)
    body = build()
    calendar = lint(body)
    assert str(calendar["X-WR-CALNAME"]) == "netevents follow-ups" and account.email.encode() not in body
    item = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("followup-"))
    assert str(item["SUMMARY"]).startswith("Follow up: Zoë, the; \\ « Ünïcødé »")
    assert "Line one\nline two, with; marks" in str(item["DESCRIPTION"])
    assert b"Zo\xc3\xab\\, the\\; \\\\" in body.replace(b"\r\n ", b"")


def test_another_accounts_records_never_appear(build, session, make_account, followup):
    other = make_account()
    theirs = create_person(session, PersonFields(display_name="Grace Hopper"), owner=other)
    create_followup(session, theirs.id, date(2026, 3, 27), "", owner=other)
    assert b"Grace Hopper" not in build()
    assert b"Ada Lovelace" not in build(owner=other)


def test_a_changed_setting_changes_the_items(build, followup):
    all_day = events(build())[f"followup-{followup.id}@netevents"]
    timed = events(build(settings=replace(FeedSettings(), timed=True)))[f"followup-{followup.id}@netevents"]
    assert isinstance(timed.decoded("DTSTART"), datetime) and timed["SEQUENCE"] == all_day["SEQUENCE"] + 1


def test_every_write_to_an_accounts_records_counts_as_a_change_for_that_account_only(session, account, make_account,
                                                                                      person, app):
    from netevents_plugins.ics_calendar.models import CalendarFeed
    from netevents_plugins.ics_calendar.tokens import ensure_feed

    other = make_account()
    mine = ensure_feed(session, app.secret_key, owner=account)
    theirs = ensure_feed(session, app.secret_key, owner=other)
    session.flush()

    def counts():
        session.expire_all()
        return session.get(CalendarFeed, account.id).changes, session.get(CalendarFeed, other.id).changes

    before = counts()
    followup = create_followup(session, person.id, date(2026, 4, 1), "", owner=account)
    after_create = counts()
    assert after_create[0] > before[0] and after_create[1] == before[1]
    session.delete(session.merge(followup))
    session.flush()
    assert counts()[0] > after_create[0] and counts()[1] == before[1]
    assert mine.owner_id != theirs.owner_id


def test_the_etag_changes_with_the_day_and_the_counter(session, account, app):
    from netevents_plugins.ics_calendar.feed import validators
    from netevents_plugins.ics_calendar.tokens import ensure_feed

    feed = ensure_feed(session, app.secret_key, owner=account)
    feed.changed_at = NOW - timedelta(days=2)  # the last change before the days compared
    today, same_day, tomorrow = (validators(feed, now=moment) for moment in (NOW, NOW + timedelta(hours=1),
                                                                            NOW + timedelta(days=1)))
    assert today.etag == same_day.etag != tomorrow.etag
    assert tomorrow.last_modified > today.last_modified
    feed.changes += 1
    assert validators(feed, now=NOW).etag != today.etag


def test_a_stay_in_touch_reminder_keeps_its_uid_when_an_interaction_moves_it(build, session, account, person):
    person.cadence_days = 30
    session.flush()
    log_interaction(session, InteractionFields(person_ids=[person.id], occurred_on=date(2026, 3, 1)), owner=account)
    before = events(build())[f"stay-in-touch-{person.id}@netevents"]
    log_interaction(session, InteractionFields(person_ids=[person.id], occurred_on=date(2026, 3, 15)), owner=account)
    after = events(build())[f"stay-in-touch-{person.id}@netevents"]
    assert (before.decoded("DTSTART"), after.decoded("DTSTART")) == (date(2026, 3, 31), date(2026, 4, 14))
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
