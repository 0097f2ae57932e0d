"""The public plugin API: everything a netevents plugin needs, in one module, stable within a hook API version.

Import from here and nothing else of netevents: ``from netevents.plugins.api import hookimpl, Base, Owned``.
Whatever this module exports keeps working, with the same meaning, for every 1.x hook API version. A name that
has to change first keeps working with a NeteventsDeprecationWarning for at least one release (docs/plugins.md).
"""
from __future__ import annotations

from typing import Any

from flask import render_template
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.orm import Session

from netevents.auth import public
from netevents.db import AwareDateTime, Base, as_utc, request_session, session_scope, utcnow
from netevents.errors import Conflict, DomainError, Forbidden, Invalid, NotFound, PluginFailed
from netevents.models import (Account, AssociationMembership, Encounter, Event, EventKind, EventSession, Favor,
                              FollowUp, Group, Interaction, Organization, OrganizationKind, Person, PersonEmail,
                              PersonLink, PersonPhone, Role, Tag)
from netevents.models.base import Owned, Timestamped
from netevents.models.person_details import ImportantDate
from netevents.plugins.contracts import (CalendarItem, Exporter, Importer, NeteventsDeprecationWarning, PersonRow,
                                         PluginSettings)
from netevents.plugins.markers import hookimpl
from netevents.plugins.settings import plugin_secret, secret_variable, settings_for
from netevents.services.calendar_items import collect_calendar_items
from netevents.services.cadence import fading_people
from netevents.services.clock import account_zone, check_timezone, listed_timezones, local_date, local_today
from netevents.services.dashboard import people_contacted_on
from netevents.services.encounters import EncounterFields, log_encounter
from netevents.services.events import EventFields, create_event, get_event, list_events
from netevents.services.followups import create_followup, due_followups, get_followup, mark_followup_done
from netevents.services.groups import GroupFields, create_group, get_group
from netevents.services.interactions import InteractionFields, log_interaction
from netevents.services.organizations import find_organization, get_organization, organization_for_name
from netevents.services.ownership import get_owned
from netevents.services.pagination import Page, page_of_ids, page_of_list
from netevents.services.people import PersonFields, create_person, get_person, person_with_email, update_person
from netevents.services.bulk import insert_rows
from netevents.services.bulk_gc import fewer_collections
from netevents.services.duplicate_store import refresh_pending
from netevents.services.people_bulk import BulkPerson, create_people
from netevents.services.person_details import (DateFields, add_important_date, important_dates_between,
                                               relationships_of, reports_of)
from netevents.services.roles import RoleFields, add_role
from netevents.services.search import search_people
from netevents.services.suggestions import suggested_contact
from netevents.services.validation import (check_date, clean_text, name_key, normalize_email, normalize_phone,
                                           normalize_url)
from netevents.version import HOOK_API_VERSION, __version__
from netevents.web.form_actions import current_owner, safe_next


def plugin_settings_for(session: Session, plugin_name: str, owner: Account) -> dict[str, Any]:
    """Return ``owner``'s settings of a plugin: its defaults overlaid with what the user saved."""
    return settings_for(session, plugin_name, owner=owner)


def render_fragment(template_name: str, **context: Any) -> Markup:
    """Render a template (from the plugin's templates/ folder or the core's) as HTML for a panel."""
    return Markup(render_template(template_name, **context))


__all__ = [
    # hooks and versions
    "hookimpl", "HOOK_API_VERSION", "__version__", "NeteventsDeprecationWarning",
    # models: define your own, read the core's
    "Base", "Owned", "Timestamped", "AwareDateTime", "utcnow", "as_utc",
    "Account", "Person", "PersonEmail", "PersonPhone", "PersonLink", "Organization", "OrganizationKind", "Tag",
    "Event", "EventKind", "EventSession", "Encounter", "Interaction", "Favor", "FollowUp", "Group", "Role",
    "AssociationMembership", "ImportantDate",
    # what hooks return
    "CalendarItem", "Exporter", "Importer", "PersonRow", "PluginSettings",
    # errors
    "DomainError", "NotFound", "Invalid", "Conflict", "Forbidden", "PluginFailed",
    # pages
    "request_session", "current_user", "current_owner", "safe_next", "public", "render_fragment", "Page", "page_of_ids",
    "page_of_list",
    # commands
    "session_scope",
    # settings and secrets
    "plugin_settings_for", "plugin_secret", "secret_variable",
    # validation and dates
    "clean_text", "check_date", "normalize_email", "normalize_phone", "normalize_url", "name_key",
    "local_today", "local_date", "account_zone", "check_timezone", "listed_timezones",
    # services
    "get_owned",
    "get_person", "person_with_email", "create_person", "update_person", "PersonFields", "search_people",
    "create_people", "BulkPerson", "refresh_pending", "insert_rows", "fewer_collections",
    "add_important_date", "DateFields",
    "get_organization", "find_organization", "organization_for_name",
    "relationships_of", "reports_of",
    "get_event", "list_events", "create_event", "EventFields",
    "log_encounter", "EncounterFields", "log_interaction", "InteractionFields",
    "create_followup", "get_followup", "due_followups", "mark_followup_done",
    "get_group", "create_group", "GroupFields", "add_role", "RoleFields",
    # calendars: other plugins' calendar_items, important dates, who is fading, the contact of the day
    "collect_calendar_items", "important_dates_between", "fading_people", "people_contacted_on", "suggested_contact",
]
