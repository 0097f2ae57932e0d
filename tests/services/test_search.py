"""Searching people: what finds whom, and that the index follows every change."""
import pytest

from netevents.services.organizations import OrganizationFields, delete_organization, update_organization
from netevents.services.people import PersonFields, create_person, delete_person, update_person
from netevents.services.search import search_people, search_people_rows


def add(session, owner, name, **fields):
    """Create a person through the service."""
    return create_person(session, PersonFields(display_name=name, **fields), owner=owner)


def names(session, owner, query, **options):
    """The display names a search returns, best first."""
    return [hit.person.display_name for hit in search_people(session, query, owner=owner, **options).hits]


@pytest.fixture
def network(session, account):
    """A small network with something to find in every searchable field."""
    add(session, account, "María José García", emails=["mj@acme.example"], organization_name="Acme Logistics",
        tags=["supply chain"], notes="Loves climbing and sourdough.")
    add(session, account, "Jean-Luc Picard", emails=["captain@starfleet.example"], organization_name="Starfleet",
        tags=["mentor"], interests="Archaeology", job_title="Captain")
    add(session, account, "Annabel Lee", emails=["annabel@poems.example", "al@work.example"])
    return account


@pytest.mark.parametrize("query, expected", [
    ("maría", ["María José García"]),
    ("mj@acme.example", ["María José García"]),
    ("acme", ["María José García"]),
    ("supply chain", ["María José García"]),
    ("sourdough", ["María José García"]),
    ("archaeology", ["Jean-Luc Picard"]),
    ("captain", ["Jean-Luc Picard"]),
    ("starfleet", ["Jean-Luc Picard"]),
    ("mentor", ["Jean-Luc Picard"]),
])
def test_every_field_is_searchable(session, network, query, expected):
    assert names(session, network, query) == expected


def test_words_match_from_their_start_for_type_ahead(session, network):
    assert names(session, network, "ann") == ["Annabel Lee"]
    assert names(session, network, "gar ma") == ["María José García"]
    assert names(session, network, "nabel") == []


def test_case_and_diacritics_are_ignored_both_ways(session, account, network):
    add(session, account, "Zoe Muller")
    assert names(session, network, "GARCIA") == ["María José García"]
    assert names(session, network, "Zoë Müller") == ["Zoe Muller"]


def test_punctuated_words_match_as_a_phrase(session, network):
    assert names(session, network, "jean-luc") == ["Jean-Luc Picard"]
    assert names(session, network, "luc-jean") == []


def test_every_word_must_match(session, network):
    assert names(session, network, "annabel starfleet") == []


def test_name_hits_rank_above_notes_hits(session, account):
    add(session, account, "Rose Notes", notes="Knows Climber well")
    add(session, account, "Climber Smith")
    assert names(session, account, "climber") == ["Climber Smith", "Rose Notes"]


def test_hit_carries_the_email_that_matched(session, network):
    page = search_people(session, "al@work", owner=network)
    assert [(hit.person.display_name, hit.email) for hit in page.hits] == [("Annabel Lee", "al@work.example")]
    assert search_people(session, "annabel", owner=network).hits[0].email == "annabel@poems.example"


def test_result_pages_get_list_rows_in_the_same_order_with_the_same_emails(session, network):
    for query in ("al@work", "a", "maría acme"):
        objects = search_people(session, query, owner=network)
        rows = search_people_rows(session, query, owner=network)
        assert [(hit.person.id, hit.email) for hit in rows.hits] == [(hit.person.id, hit.email) for hit in objects.hits]
        assert rows.has_more == objects.has_more
    assert search_people_rows(session, "maría", owner=network).hits[0].person.tag_names == ("supply chain",)


def test_other_accounts_people_are_never_found(session, network, make_account):
    stranger = make_account()
    assert names(session, stranger, "maría") == []
    add(session, stranger, "María Other")
    assert names(session, network, "maría") == ["María José García"]


def test_blank_query_finds_nobody(session, network):
    assert names(session, network, "   ") == []
    assert names(session, network, "?!") == []


NASTY = ['"', "'", "*", '"unbalanced', "AND", "OR", "NOT", "a AND", "NEAR(a b)", "NEAR", "-", "--x", "^a",
         "name:maría", "{name}: x", "()", "\\", "%", "_", "a'b\"c*d", ":*", "!a & | <-> b", "😀", "ß", "中文",
         "\x00", "x" * 1000, "a " * 200, "'; DROP TABLE person; --", "maría*", "+ann", "ann -lee"]


@pytest.mark.parametrize("query", NASTY)
def test_any_text_is_a_safe_query(session, network, query):
    page = search_people(session, query, owner=network)
    assert page.query == query
    assert all(hit.person.owner_id == network.id for hit in page.hits)


def test_operators_are_searched_as_words(session, account):
    add(session, account, "Near Andor")
    assert names(session, account, "near and") == ["Near Andor"]


def test_pages_of_results(session, account):
    for number in range(5):
        add(session, account, f"Page Person {number}")
    first = search_people(session, "page", owner=account, limit=2)
    last = search_people(session, "page", owner=account, limit=2, offset=4)
    assert len(first.hits) == 2 and first.has_more
    assert len(last.hits) == 1 and not last.has_more


def test_index_follows_edits(session, account):
    person = add(session, account, "Old Name", tags=["alpha"], emails=["old@example.com"])
    update_person(session, person.id, PersonFields(display_name="New Name", tags=["beta"],
                                                   emails=["new@example.com"]), owner=account)
    assert names(session, account, "old") == []
    assert names(session, account, "alpha") == []
    assert names(session, account, "new") == ["New Name"]
    assert names(session, account, "beta") == ["New Name"]


def test_index_forgets_deleted_people(session, account):
    person = add(session, account, "Gone Soon")
    delete_person(session, person.id, owner=account)
    assert names(session, account, "gone") == []


def test_index_follows_organization_rename_and_delete(session, account):
    person = add(session, account, "Worker", organization_name="Initech")
    organization = person.organization
    update_organization(session, organization.id, OrganizationFields(name="Initrode"), owner=account)
    assert names(session, account, "initech") == []
    assert names(session, account, "initrode") == ["Worker"]
    delete_organization(session, organization.id, owner=account)
    assert names(session, account, "initrode") == []
    assert names(session, account, "worker") == ["Worker"]


def test_an_offset_beyond_any_list_finds_nothing_rather_than_a_database_error(session, network):
    assert names(session, network, "acme", offset=10**20) == []
    assert names(session, network, "acme", offset=-5) == ["María José García"]
