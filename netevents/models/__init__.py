"""Typed SQLAlchemy models, one module per area; importing this package registers them all."""
from netevents.db import Base
from netevents.models.account import Account
from netevents.models.activity import ActivityDay
from netevents.models.duplicates import DismissedDuplicate, DuplicateKey, DuplicatePair, DuplicatePending
from netevents.models.events import Encounter, Event, EventKind, EventSession
from netevents.models.followups import FollowUp
from netevents.models.groups import AssociationMembership, Group, Role
from netevents.models.interactions import Favor, Interaction
from netevents.models.login_sessions import LoginSession
from netevents.models.people import Organization, OrganizationKind, Person, PersonEmail, PersonLink, PersonPhone, Tag
from netevents.models.person_details import DateKind, ImportantDate, PersonRelation, RelationKind
from netevents.models.plugins import PluginSetting, PluginState

__all__ = ["Base", "Account", "ActivityDay", "AssociationMembership", "DateKind", "DismissedDuplicate", "DuplicateKey",
           "DuplicatePair", "DuplicatePending", "Encounter", "Event", "EventKind", "EventSession", "Favor",
           "FollowUp", "Group",
           "ImportantDate", "Interaction", "LoginSession", "Organization", "OrganizationKind", "Person", "PersonEmail",
           "PersonLink", "PersonPhone", "PersonRelation",
           "PluginSetting", "PluginState", "RelationKind", "Role", "Tag"]
