"""Typed SQLAlchemy models, one module per area; importing this package registers them all."""
from netevents.db import Base
from netevents.models.account import Account
from netevents.models.people import Organization, Person, PersonEmail, PersonLink, PersonPhone, Tag
from netevents.models.plugins import PluginSetting, PluginState

__all__ = ["Base", "Account", "Organization", "Person", "PersonEmail", "PersonLink", "PersonPhone", "Tag",
           "PluginSetting", "PluginState"]
