"""What a full backup holds: one section per table of an account's records, in the order a restore writes them.

Each section lists the columns kept in the file (computed ones, such as sort keys and the stay-in-touch due
date, are left out and computed again by the restore), the columns that point at other sections' ids, and
the columns that tell that a record is already in the account (the merge key). The file format, its JSON
Schema (services/backup_schema.py) and the restore are all derived from this one table.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Table

from netevents.models import (
    AssociationMembership,
    DismissedDuplicate,
    Encounter,
    Event,
    EventSession,
    Favor,
    FollowUp,
    Group,
    ImportantDate,
    Interaction,
    Organization,
    Person,
    PersonEmail,
    PersonLink,
    PersonPhone,
    PersonRelation,
    PluginSetting,
    Role,
    Tag,
)
from netevents.models.interactions import interaction_person
from netevents.models.people import person_tag

# columns that never travel: the owner is the account restored into; these are computed by the services
COMPUTED = frozenset({"owner_id", "sort_name", "organization_key", "last_contact_on", "stay_in_touch_due_on",
                      "last_seen_on", "capture_key", "name_key"})


@dataclass(frozen=True)
class Section:
    """One kind of record in the file: its table, its references and how a merge recognises it."""

    name: str
    table: Table
    # the kind of record whose ids a restore maps (ids[kind][old] -> new); None: rows carry no id in the file
    kind: str | None = None
    # column -> name of the section whose ids it holds
    refs: dict[str, str] = field(default_factory=dict)
    # columns that identify the same record already in the account; () : never merged (people: see restore)
    key: tuple[str, ...] = ()
    # key columns compared without case or accents
    folded: tuple[str, ...] = ()
    # the key is unique in the database, so the file may not hold it twice either
    unique: bool = False

    @property
    def columns(self) -> list[str]:
        """The columns written to the file, in table order."""
        return [column.name for column in self.table.columns
                if column.name not in COMPUTED and (column.name != "id" or self.kind is not None)]


SECTIONS: tuple[Section, ...] = (
    Section("organizations", Organization.__table__, "organization", key=("name",), folded=("name",)),
    Section("tags", Tag.__table__, "tag", key=("name",), folded=("name",), unique=True),
    Section("people", Person.__table__, "person",
            refs={"organization_id": "organizations", "introduced_by_id": "people"}),
    Section("person_emails", PersonEmail.__table__, refs={"person_id": "people"}, key=("address",), unique=True),
    Section("person_phones", PersonPhone.__table__, refs={"person_id": "people"}, key=("person_id", "number")),
    Section("person_links", PersonLink.__table__, refs={"person_id": "people"}, key=("person_id", "url")),
    Section("person_tags", person_tag, refs={"person_id": "people", "tag_id": "tags"},
            key=("person_id", "tag_id"), unique=True),
    Section("important_dates", ImportantDate.__table__, refs={"person_id": "people"},
            key=("person_id", "kind", "label"), unique=True),
    Section("relationships", PersonRelation.__table__, refs={"person_id": "people", "other_id": "people"},
            key=("person_id", "other_id", "kind", "label"), unique=True),
    Section("events", Event.__table__, "event", refs={"organization_id": "organizations"},
            key=("name", "starts_on"), folded=("name",)),
    Section("event_sessions", EventSession.__table__, "session", refs={"event_id": "events", "speaker_id": "people"},
            key=("event_id", "title", "starts_at")),
    Section("encounters", Encounter.__table__, "encounter",
            refs={"person_id": "people", "event_id": "events", "session_id": "event_sessions",
                  "introduced_by_id": "people"},
            key=("person_id", "met_on", "event_id", "session_id", "place", "context")),
    Section("groups", Group.__table__, "group", refs={"organization_id": "organizations"},
            key=("name", "kind"), folded=("name",)),
    Section("roles", Role.__table__, "role", refs={"group_id": "groups", "person_id": "people"},
            key=("group_id", "person_id", "title", "started_on")),
    Section("memberships", AssociationMembership.__table__, "membership", refs={"organization_id": "organizations"},
            key=("organization_id",), unique=True),
    Section("interactions", Interaction.__table__, "interaction", key=("occurred_on", "channel", "summary", "notes")),
    Section("interaction_people", interaction_person, refs={"interaction_id": "interactions", "person_id": "people"},
            key=("interaction_id", "person_id"), unique=True),
    Section("favors", Favor.__table__, "favor", refs={"interaction_id": "interactions", "person_id": "people"},
            key=("person_id", "direction", "kind", "occurred_on", "description")),
    Section("followups", FollowUp.__table__, "followup", refs={"person_id": "people"},
            key=("person_id", "due_on", "note", "origin")),
    # "not the same person": kept so a restore does not suggest the pairs again (lower id first, as stored)
    Section("dismissed_duplicates", DismissedDuplicate.__table__,
            refs={"person_a_id": "people", "person_b_id": "people"}, key=("person_a_id", "person_b_id"), unique=True),
    Section("plugin_settings", PluginSetting.__table__, key=("plugin",), unique=True),
)

BY_NAME = {section.name: section for section in SECTIONS}
# the account's own settings a backup carries (restored into an empty account only)
ACCOUNT_SETTINGS = ("timezone", "daily_goal", "quick_capture_followup_days")
