"""Looking a record up by an id a user sent: another account's, missing and impossible ids are all NotFound."""
import pytest

from netevents.errors import NotFound
from netevents.services.associations import get_membership
from netevents.services.cadence import get_tag
from netevents.services.encounters import get_encounter
from netevents.services.event_sessions import get_event_session
from netevents.services.events import get_event
from netevents.services.favors import get_favor
from netevents.services.followups import get_followup
from netevents.services.groups import get_group
from netevents.services.interactions import get_interaction
from netevents.services.organizations import get_organization
from netevents.services.people import PersonFields, create_person, get_person
from netevents.services.roles import get_role

LOOKUPS = [get_membership, get_tag, get_encounter, get_event_session, get_event, get_favor, get_followup, get_group,
           get_interaction, get_organization, get_person, get_role]


@pytest.mark.parametrize("lookup", LOOKUPS, ids=lambda lookup: lookup.__name__)
@pytest.mark.parametrize("record_id", [0, -1, 2**31, 10**20, -(10**20)])
def test_impossible_ids_are_not_found_rather_than_a_database_error(session, account, lookup, record_id):
    with pytest.raises(NotFound):
        lookup(session, record_id, owner=account)


def test_another_accounts_record_is_not_found(session, account, make_account):
    ada = create_person(session, PersonFields(display_name="Ada"), owner=account)
    assert get_person(session, ada.id, owner=account) is ada
    with pytest.raises(NotFound):
        get_person(session, ada.id, owner=make_account())
