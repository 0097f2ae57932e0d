"""Everything the person page shows beyond the person's own details, gathered from the services."""
from __future__ import annotations

from sqlalchemy.orm import Session

from netevents.models import Account, Person
from netevents.services.favors import FavorBalance, favor_balance
from netevents.services.people_lists import people_introduced_by
from netevents.services.roles import roles_of_person
from netevents.services.timeline import latest_timeline
from netevents.web.followups import followup_panel_context
from netevents.web.person_details import details_panel_context


# a long-standing contact can have hundreds of entries; the page shows the latest, the lists hold the rest
TIMELINE_LIMIT = 60
FAVORS_LIMIT, INTRODUCED_LIMIT = 20, 50


def person_page_context(session: Session, person: Person, *, owner: Account) -> dict:
    """Follow-ups, cadence, dates and relationships, favor balance, roles, introductions and one timeline."""
    roles = roles_of_person(session, person.id, owner=owner)
    balance = favor_balance(session, person.id, owner=owner, limit=TIMELINE_LIMIT)  # read once for both
    followups = followup_panel_context(session, person, owner=owner)
    timeline = latest_timeline(session, person.id, owner=owner, limit=TIMELINE_LIMIT, roles=roles,
                               balance=balance, open_followups=followups["person_followups"])
    return {
        **followups,
        **details_panel_context(session, person, owner=owner),
        "introduced": people_introduced_by(session, person, owner=owner, limit=INTRODUCED_LIMIT),
        "balance": FavorBalance(balance.given, balance.received, balance.history[:FAVORS_LIMIT]),
        "roles": roles,
        "timeline": timeline.entries,
        "timeline_total": timeline.total,
    }
