"""The feed's per-account settings: the form on /-/plugins/ics_calendar/settings and reading it back."""
from __future__ import annotations

import re
from datetime import time
from zoneinfo import ZoneInfo

from flask_wtf import FlaskForm
from sqlalchemy.orm import Session
from wtforms import BooleanField, IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from netevents.plugins.api import (Account, Invalid, PluginSettings, account_zone, check_timezone, listed_timezones,
                                   plugin_settings_for)
from netevents_plugins.ics_calendar.items import KINDS, FeedSettings

PLUGIN_NAME = "ics_calendar"
MAX_REMINDER_MINUTES = 7 * 24 * 60
TIME_PATTERN = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
DEFAULTS = {"kinds": list(KINDS), "reminder_minutes": 30, "timed": False, "reminder_time": "09:00", "timezone": ""}


class FeedSettingsForm(FlaskForm):
    """What the calendar contains and how reminders appear."""

    kinds = SelectMultipleField("Include", choices=[SelectChoice(kind, label) for kind, label in KINDS.items()],
                                option_widget=CheckboxInput(),
                                widget=ListWidget(prefix_label=False))
    reminder_minutes = IntegerField("Alarm this many minutes before the reminder time (0: no alarm)",
                                    validators=[NumberRange(0, MAX_REMINDER_MINUTES)])
    timed = BooleanField("Show reminders at the reminder time (off: as all-day entries)")
    reminder_time = StringField("Reminder time (HH:MM)",
                                validators=[Regexp(TIME_PATTERN.pattern + "$", message="Write the time as 09:00.")])
    timezone = SelectField("Time zone", validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = [SelectChoice("", "My account's time zone"),
                                 *(SelectChoice(name, name) for name in listed_timezones())]


def plugin_settings() -> PluginSettings:
    """The settings declaration for the plugin_settings hook."""
    return PluginSettings(form=FeedSettingsForm, defaults=dict(DEFAULTS))


def _reminder_time(raw: object) -> time:
    """The saved HH:MM as a time (09:00 when unreadable)."""
    match = TIME_PATTERN.fullmatch(str(raw or ""))
    return time(int(match.group(1)), int(match.group(2))) if match else time(9, 0)


def _minutes(raw: object) -> int:
    """The saved alarm lead time, within bounds (30 when unreadable)."""
    try:
        return min(max(int(raw), 0), MAX_REMINDER_MINUTES)
    except (TypeError, ValueError):
        return 30


def feed_settings(session: Session, *, owner: Account) -> FeedSettings:
    """The account's feed settings, each value checked again (saved data is never trusted blindly)."""
    values = plugin_settings_for(session, PLUGIN_NAME, owner)
    kinds = values.get("kinds")
    zone = account_zone(owner)
    if values.get("timezone"):
        try:
            zone = ZoneInfo(check_timezone(values["timezone"]))
        except Invalid:  # a name this system no longer knows: the account's zone
            zone = account_zone(owner)
    kinds = frozenset(k for k in kinds if k in KINDS) if isinstance(kinds, list) else frozenset(KINDS)
    return FeedSettings(kinds=kinds,
                        reminder_minutes=_minutes(values.get("reminder_minutes", 30)),
                        timed=bool(values.get("timed")), reminder_time=_reminder_time(values.get("reminder_time")),
                        zone=zone)
