"""Typed SQLAlchemy models, one module per area; importing this package registers them all."""
from netevents.db import Base
from netevents.models.account import Account
from netevents.models.events import Encounter, Event, EventKind, EventSession
from netevents.models.followups import FollowUp
from netevents.models.interactions import Favor, Interaction
from netevents.models.people import Organization, Person, PersonEmail, PersonLink, PersonPhone, Tag

__all__ = ["Base", "Account", "Encounter", "Event", "EventKind", "EventSession", "Favor", "FollowUp",
           "Interaction", "Organization", "Person", "PersonEmail", "PersonLink", "PersonPhone", "Tag"]
