"""Typed SQLAlchemy models, one module per area; importing this package registers them all."""
from netevents.db import Base
from netevents.models.account import Account
from netevents.models.duplicates import DismissedDuplicate
from netevents.models.followups import FollowUp
from netevents.models.people import Organization, Person, PersonEmail, PersonLink, PersonPhone, Tag

__all__ = ["Base", "Account", "DismissedDuplicate", "FollowUp", "Organization", "Person", "PersonEmail", "PersonLink", "PersonPhone", "Tag"]
