"""People in a user's network and the organizations they belong to."""
from __future__ import annotations

import enum
from datetime import date
from typing import Optional

from sqlalchemy import (Boolean, Column, Date, Enum, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint,
                        event, false)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from netevents import record_index, search_index
from netevents.db import Base
from netevents.models.base import Owned, Timestamped


class OrganizationKind(str, enum.Enum):
    """What sort of organization this is."""

    employer = "employer"
    association = "association"
    company = "company"
    university = "university"
    other = "other"

    @property
    def label(self) -> str:
        """Human wording of the kind."""
        return "professional association" if self is OrganizationKind.association else self.value


class Organization(Owned, Timestamped, Base):
    """An employer, company, professional association, university or other body."""

    __tablename__ = "organization"
    __table_args__ = (Index("ix_organization_owner_name", "owner_id", "name"),
                      Index("uq_organization_owner_name_key", "owner_id", "name_key", unique=True))

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # the name as the services compare it (services.validation.name_key): one organization per key and account
    name_key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrganizationKind] = mapped_column(
        Enum(OrganizationKind, native_enum=False, length=40, validate_strings=True), default=OrganizationKind.company
    )
    website: Mapped[Optional[str]] = mapped_column(String(500))
    notes: Mapped[str] = mapped_column(Text, default="")

    people: Mapped[list["Person"]] = relationship(back_populates="organization")


person_tag = Table(
    "person_tag",
    Base.metadata,
    Column("person_id", Integer, ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", Integer, ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(Owned, Base):
    """A label on people; a tag may carry a default stay-in-touch cadence."""

    __tablename__ = "tag"
    __table_args__ = (UniqueConstraint("owner_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    cadence_days: Mapped[Optional[int]] = mapped_column(Integer)


class Person(Owned, Timestamped, Base):
    """Someone in the user's network."""

    __tablename__ = "person"
    __table_args__ = (
        # one index per list order, ending on the id, so a page of ids is read from the index alone
        Index("ix_person_owner_sort_name", "owner_id", "sort_name", "id"),
        Index("ix_person_owner_organization_key", "owner_id", "organization_key", "sort_name", "id"),
        Index("ix_person_owner_created", "owner_id", "created_at", "id"),
        Index("ix_person_owner_updated", "owner_id", "updated_at", "id"),
        Index("uq_person_photo", "photo", unique=True),
        # who is fading: an index range, most overdue first (services.stay_in_touch keeps the due date)
        Index("ix_person_owner_due", "owner_id", "stay_in_touch_due_on", "sort_name", "id"),
        # the people someone introduced, by name, without walking the account's name index
        Index("ix_person_introducer_name", "introduced_by_id", "sort_name", "id"),
        # who has been silent longest (the contact of the day): an index range, oldest last-seen first
        Index("ix_person_owner_last_seen", "owner_id", "last_seen_on", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    # display name without case or diacritics (services.people.name_key), to sort and compare names
    sort_name: Mapped[str] = mapped_column(String(200), default="")
    given_name: Mapped[Optional[str]] = mapped_column(String(120))
    family_name: Mapped[Optional[str]] = mapped_column(String(120))
    organization_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    # the organization's name as a sort key (services.validation.name_key), kept by the services
    organization_key: Mapped[Optional[str]] = mapped_column(String(200))
    job_title: Mapped[Optional[str]] = mapped_column(String(200))
    location: Mapped[Optional[str]] = mapped_column(String(200))
    interests: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # the notes are the employer's business: a backup or export can leave them out (services/confidential.py)
    notes_confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    how_we_met: Mapped[str] = mapped_column(Text, default="")
    introduced_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    cadence_days: Mapped[Optional[int]] = mapped_column(Integer)
    # file name of the photo in the data folder (netevents/photos.py); None: initials are shown instead
    photo: Mapped[Optional[str]] = mapped_column(String(80))
    # kept by services.stay_in_touch: the latest interaction, and when contact is next due under a cadence
    last_contact_on: Mapped[Optional[date]] = mapped_column(Date)
    stay_in_touch_due_on: Mapped[Optional[date]] = mapped_column(Date)
    # also kept there: the latest interaction or encounter, else the local date the person was added
    last_seen_on: Mapped[Optional[date]] = mapped_column(Date)

    organization: Mapped[Optional[Organization]] = relationship(back_populates="people")
    introduced_by: Mapped[Optional["Person"]] = relationship(remote_side=[id])
    emails: Mapped[list["PersonEmail"]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonEmail.position"
    )
    phones: Mapped[list["PersonPhone"]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonPhone.position"
    )
    links: Mapped[list["PersonLink"]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonLink.position"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=person_tag, order_by=Tag.name)

    @property
    def primary_email(self) -> Optional[str]:
        """The first email address, if any."""
        return self.emails[0].address if self.emails else None


class PersonEmail(Owned, Base):
    """One email address of a person, normalized; unique within an account."""

    __tablename__ = "person_email"
    __table_args__ = (UniqueConstraint("owner_id", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    address: Mapped[str] = mapped_column(String(320))
    label: Mapped[str] = mapped_column(String(40), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    person: Mapped[Person] = relationship(back_populates="emails")


class PersonPhone(Owned, Base):
    """One phone number of a person, stored in E.164."""

    __tablename__ = "person_phone"
    __table_args__ = (Index("ix_person_phone_owner_number", "owner_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(40), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    person: Mapped[Person] = relationship(back_populates="phones")


class PersonLink(Owned, Base):
    """A web link of a person: LinkedIn profile, website, other."""

    __tablename__ = "person_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="website")
    url: Mapped[str] = mapped_column(String(500))
    position: Mapped[int] = mapped_column(Integer, default=0)

    person: Mapped[Person] = relationship(back_populates="links")


def _create_search_index(_metadata, connection, tables=(), **_kw) -> None:
    """Build the search indexes (people, other records) whenever create_all creates the person table."""
    if any(created.name == "person" for created in tables):
        search_index.create_search_index(connection)
        record_index.create_record_index(connection)


def _drop_search_index(_metadata, connection, tables=(), **_kw) -> None:
    """Drop the search indexes before drop_all drops the person table the people index refers to."""
    if any(dropped.name == "person" for dropped in tables):
        search_index.drop_search_index(connection)
        record_index.drop_record_index(connection)


event.listen(Base.metadata, "after_create", _create_search_index)
event.listen(Base.metadata, "before_drop", _drop_search_index)
