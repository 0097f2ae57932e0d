"""Account settings a user changes themselves: timezone and the quick-capture follow-up delay."""
from __future__ import annotations

from sqlalchemy.orm import Session

from netevents.errors import Invalid
from netevents.models import Account
from netevents.services.capture import MAX_FOLLOWUP_DAYS
from netevents.services.clock import check_timezone
from netevents.services.stay_in_touch import refresh_account


def update_settings(session: Session, *, owner: Account, timezone: str, quick_capture_followup_days: int) -> Account:
    """Change the account's time zone and how many days after a quick capture its follow-up is due."""
    check_timezone(timezone)
    if quick_capture_followup_days is None or not 0 <= quick_capture_followup_days <= MAX_FOLLOWUP_DAYS:
        raise Invalid("Follow-up delay out of range.",
                      quick_capture_followup_days=f"Between 0 and {MAX_FOLLOWUP_DAYS} days.")
    changed_zone = owner.timezone != timezone
    owner.timezone = timezone
    owner.quick_capture_followup_days = quick_capture_followup_days
    session.flush()
    if changed_zone:  # people never contacted count from the local day they were added
        refresh_account(session, owner=owner)
    return owner
