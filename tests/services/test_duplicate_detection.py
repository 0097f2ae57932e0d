"""Finding likely duplicate people, explaining why, and forgetting pairs the user dismissed."""
import pytest

from netevents.errors import Invalid, NotFound
from netevents.services import duplicates
from netevents.services.duplicates import (dismiss_duplicate, duplicate_page, find_duplicate_candidates,
                                           find_people_by_name)
from netevents.services.people import PersonFields, create_person


@pytest.fixture
def person(session, account):
    """Factory: create one of ``account``'s people (or another owner's) through the people service."""
    def factory(name, owner=None, **fields):
        return create_person(session, PersonFields(display_name=name, **fields), owner=owner or account)
    return factory


def pairs(session, account, **options):
    """Candidate pairs as ({name, name}, score, reasons)."""
    return [({c.first.display_name, c.second.display_name}, c.score, c.reasons)
            for c in find_duplicate_candidates(session, owner=account, **options)]


def test_same_phone_is_suggested(session, account, person):
    person("Ann Smith", phones=["+44 20 7946 0958"])
    person("Annie Smith", phones=["+442079460958"])
    [(names, score, reasons)] = pairs(session, account)
    assert names == {"Ann Smith", "Annie Smith"}
    assert reasons[0] == "same phone" and score >= 90


def test_same_linkedin_profile_in_another_spelling(session, account, person):
    person("Bo Chen", linkedin="https://www.linkedin.com/in/bochen/")
    person("Chen Bo-Wen", linkedin="de.linkedin.com/in/BoChen")
    [(_names, score, reasons)] = pairs(session, account)
    assert "same LinkedIn profile" in reasons and score >= 97


def test_gmail_dots_and_plus_tags_are_the_same_address(session, account, person):
    person("Jane Doe", emails=["jane.doe+events@gmail.com"])
    person("J. Doe", emails=["janedoe@googlemail.com"])
    [(_names, _score, reasons)] = pairs(session, account)
    assert reasons[0] == "same email apart from dots or a +tag"


def test_same_local_part_at_another_domain_needs_a_similar_name(session, account, person):
    person("Jane Doe", emails=["jane.doe@acme.com"])
    person("Jane Doe-Smith", emails=["janedoe@gmail.com"])
    person("Bob Stone", emails=["jane_doe@example.org"])
    [(names, _score, reasons)] = pairs(session, account)
    assert names == {"Jane Doe", "Jane Doe-Smith"}
    assert "same email local part at different domains" in reasons


def test_similar_names_at_the_same_organization(session, account, person):
    person("Jonathan Smith", organization_name="Acme Inc.")
    person("Jonathon Smith", organization_name="ACME")
    [(_names, score, reasons)] = pairs(session, account)
    assert reasons == ["similar names (93%) at the same organization"] and score == 93


def test_diacritics_and_family_name_first_are_the_same_name(session, account, person):
    person("María José García", organization_name="Universidad")
    person("GARCIA, Maria Jose", organization_name="Universidad")
    [(_names, score, reasons)] = pairs(session, account)
    assert reasons == ["same name at the same organization"] and score == 95


def test_same_name_without_organization_is_suggested_more_weakly(session, account, person):
    person("Kofi Mensah", organization_name="Acme")
    person("Kofi Mensah")
    person("Priya Raman", organization_name="Acme")
    person("Priya Raman", organization_name="Globex")
    found = {frozenset(names): (score, reasons) for names, score, reasons in pairs(session, account)}
    assert found[frozenset({"Kofi Mensah"})] == (80, ["same name"])
    assert found[frozenset({"Priya Raman"})] == (65, ["same name at different organizations"])
    assert [score for _names, score, _ in pairs(session, account)] == [80, 65]


def test_different_people_are_not_paired(session, account, person):
    person("Ann Lee", organization_name="Acme")
    person("Anna Lin", organization_name="Globex")
    person("Ann Leigh", organization_name="Initech")
    assert pairs(session, account) == []


def test_a_shared_switchboard_number_identifies_nobody(session, account, person):
    for i in range(12):
        person(f"Colleague {chr(65 + i)}{chr(75 + i)}", phones=["+44 20 7946 0000"])
    assert pairs(session, account) == []


def test_dismissed_pairs_are_not_suggested_again(session, account, person):
    first = person("Ann Smith", phones=["+44 20 7946 0958"])
    second = person("Annie Smith", phones=["+44 20 7946 0958"])
    dismiss_duplicate(session, second.id, first.id, owner=account)
    dismiss_duplicate(session, first.id, second.id, owner=account)  # twice is harmless
    assert pairs(session, account) == []


def test_the_page_total_leaves_out_dismissed_pairs_and_stops_counting_at_the_cap(session, account, make_account,
                                                                               person, monkeypatch):
    # the same phone scores 90 or more; the similar names across the twins score less
    twins = [(person(f"Ann Smith {n}", phones=[f"+44 20 7946 09{n:02d}"]),
              person(f"Annie Smith {n}", phones=[f"+44 20 7946 09{n:02d}"])) for n in range(6)]
    other = make_account()
    person("Bo Chen", owner=other, phones=["+44 20 7946 0999"])
    person("Bo Chen", owner=other, phones=["+44 20 7946 0999"])
    assert duplicate_page(session, owner=account, min_score=90).total == 6
    for first, second in twins[:2]:
        dismiss_duplicate(session, first.id, second.id, owner=account)
    page = duplicate_page(session, owner=account, min_score=90)
    assert page.total == 4 == len(page.items)
    assert {c.first.display_name for c in page.items} == {f"Ann Smith {n}" for n in range(2, 6)}
    monkeypatch.setattr(duplicates, "MAX_COUNTED", 3)  # "more than 3": 4, with the 2 dismissed not in it
    assert duplicate_page(session, owner=account, min_score=90).total == 4
    monkeypatch.setattr(duplicates, "MAX_COUNTED", 4)
    assert duplicate_page(session, owner=account, min_score=90).total == 4
    assert duplicate_page(session, owner=account, min_score=101).total == 0


def test_dismissing_needs_two_of_your_own_people(session, account, make_account, person):
    mine = person("Ann Smith")
    theirs = person("Ann Smith", owner=make_account())
    with pytest.raises(NotFound):
        dismiss_duplicate(session, mine.id, theirs.id, owner=account)
    with pytest.raises(Invalid):
        dismiss_duplicate(session, mine.id, mine.id, owner=account)


def test_other_accounts_people_are_never_paired(session, account, make_account, person):
    other = make_account()
    person("Ann Smith", phones=["+44 20 7946 0958"], organization_name="Acme")
    person("Ann Smith", owner=other, phones=["+44 20 7946 0958"], organization_name="Acme")
    assert pairs(session, account) == []
    assert pairs(session, other) == []


def test_pairs_are_paged_best_first(session, account, person):
    for i, (name, other) in enumerate([("Ada Okafor", "Ben Yusuf"), ("Cleo Park", "Dev Rao"), ("Eli Moss", "Fay Wong"),
                                       ("Gus Hale", "Ivy Nair"), ("Jo Kent", "Lu Ming")]):
        person(name, phones=[f"+44 20 7946 100{i}"])
        person(name.upper(), phones=[f"+44 20 7946 100{i}"])
        person(other, organization_name=f"Org {i}")
        person(other)
    everything = pairs(session, account)
    assert len(everything) == 10
    assert [score for _n, score, _r in everything] == [93] * 5 + [80] * 5
    assert pairs(session, account, limit=4, offset=8) == everything[8:]


def test_one_persons_likely_duplicates(session, account, make_account, person):
    ann = person("Ann Smith", phones=["+44 20 7946 0958"])
    person("Annie Smith", phones=["+44 20 7946 0958"])
    person("Bob Jones", organization_name="Acme")
    person("Bob Jones", organization_name="Acme")
    assert [names for names, _s, _r in pairs(session, account, person_id=ann.id)] == [{"Ann Smith", "Annie Smith"}]
    with pytest.raises(NotFound):
        find_duplicate_candidates(session, owner=make_account(), person_id=ann.id)


def test_find_people_by_name(session, account, make_account, person):
    ann = person("Ann Smith")
    person("Anna Smithers")
    person("Bob Jones")
    person("Ann Smith", owner=make_account())
    found = find_people_by_name(session, "smith ann", owner=account)
    assert [p.display_name for p in found] == ["Ann Smith", "Anna Smithers"]
    assert [p.display_name for p in find_people_by_name(session, "SMITH", owner=account, exclude_id=ann.id)] == \
        ["Anna Smithers"]
    assert find_people_by_name(session, "   ", owner=account) == []
    assert find_people_by_name(session, "100%_", owner=account) == []


def test_oversized_name_blocks_are_split_without_losing_pairs(monkeypatch):
    from netevents.services import duplicate_matching
    from netevents.services.duplicate_matching import candidate_pairs, person_record

    monkeypatch.setattr(duplicate_matching, "MAX_BLOCK", 5)
    others = ["Okafor", "Nguyen", "Schmidt", "Tanaka", "Kowalski", "Haddad", "Ivanova", "Mensah"]
    records = [person_record(i, f"Maria {name}") for i, name in enumerate(others)]
    records += [person_record(10 + i, f"{name} Lopez") for i, name in enumerate(others)]
    records += [person_record(100, "María López"), person_record(101, "LOPEZ, Maria")]
    assert candidate_pairs(records) == {(100, 101)}
