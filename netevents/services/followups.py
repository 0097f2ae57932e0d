"""Follow-ups: creating, completing and snoozing reminders about people."""
from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from netevents.errors import NotFound
from netevents.models import Account
from netevents.models.followups import FollowUp
from netevents.services.people import get_person
from netevents.services.validation import clean_text


def create_followup(session: Session, person_id: int, due_on: date, note: str = "", *, owner: Account,
                    origin: str = "") -> FollowUp:
    """Add a follow-up for one of the owner's people."""
    person = get_person(session, person_id, owner=owner)
    followup = FollowUp(owner_id=owner.id, person=person, due_on=due_on,
                        note=clean_text(note, field="note"), origin=clean_text(origin, 200, field="origin"))
    session.add(followup)
    session.flush()
    return followup


def get_followup(session: Session, followup_id: int, *, owner: Account) -> FollowUp:
    """Return one of the owner's follow-ups or raise NotFound."""
    followup = session.get(FollowUp, followup_id)
    if followup is None or followup.owner_id != owner.id:
        raise NotFound("No such follow-up.")
    return followup
