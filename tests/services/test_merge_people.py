"""Merging two records of one person: nothing lost, previewed exactly, refused for bad input, all or nothing."""
from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, String, Table, func, insert, select

from netevents import hookimpl
from netevents.errors import Conflict, Invalid, NotFound
from netevents.models import Base, FollowUp, Person
from netevents.services.followups import create_followup
from netevents.services.merge import merge_people, merge_preview
from netevents.services.merge_references import person_references
from netevents.services.people import PersonFields, create_person, get_person

MY_PHONE, SHARED_PHONE = "+44 20 7946 0001", "+44 20 7946 0958"


@pytest.fixture
def unknown_tables(session):
    """Tables the merge code has never heard of, added the way a plugin adds them; removed after the test."""
    metadata = Base.metadata
    person_fk = lambda: ForeignKey("person.id")  # noqa: E731
    tables = SimpleNamespace(
        note=Table("zz_test_note", metadata, Column("id", Integer, primary_key=True),
                   Column("owner_id", ForeignKey("account.id")), Column("person_id", person_fk(), nullable=False),
                   Column("body", String(100))),
        member=Table("zz_test_member", metadata, Column("circle", Integer, primary_key=True),
                     Column("person_id", person_fk(), primary_key=True)),
        profile=Table("zz_test_profile", metadata, Column("id", Integer, primary_key=True),
                      Column("person_id", person_fk()), Column("nickname", String(40)),
                      Index("zz_test_profile_person", "person_id", unique=True)),
        meeting=Table("zz_test_meeting", metadata, Column("id", Integer, primary_key=True),
                      Column("person_id", person_fk(), nullable=False),
                      Column("introduced_by_id", person_fk(), nullable=True)),
    )
    try:
        for table in vars(tables).values():
            table.create(session.connection())
        yield tables
    finally:
        for table in vars(tables).values():
            metadata.remove(table)


def add_person(session, owner, name, **fields):
    """Create a person through the people service."""
    return create_person(session, PersonFields(display_name=name, **fields), owner=owner)


@pytest.fixture
def pair(session, account):
    """Two records of Maria, with contact details, tags, follow-ups and introductions on both sides."""
    introducer = add_person(session, account, "Ines Introducer")
    maria = add_person(session, account, "Maria Garcia", emails=["maria@acme.com"], phones=[SHARED_PHONE],
                       linkedin="linkedin.com/in/mgarcia", tags=["spain", "supply chain"], notes="Likes tapas.",
                       cadence_days=90, organization_name="Acme")
    copy = add_person(session, account, "María García", emails=["mg@gmail.com", "maria.g@uni.edu"],
                      phones=[SHARED_PHONE, MY_PHONE], linkedin="https://linkedin.com/in/mgarcia",
                      website="mgarcia.dev", tags=["supply chain", "speaker"], job_title="Buyer",
                      notes="Met at DevConf.", interests="Logistics", cadence_days=30,
                      introduced_by_id=introducer.id)
    maria.introduced_by_id = copy.id  # the copy introduced the survivor: cleared, then the copy's introducer
    friend = add_person(session, account, "Friend Of Maria", introduced_by_id=copy.id)
    create_followup(session, maria.id, date(2030, 1, 1), "Send slides", owner=account)
    create_followup(session, copy.id, date(2030, 2, 1), "Call back", owner=account)
    session.flush()
    return SimpleNamespace(survivor=maria, merged=copy, introducer=introducer, friend=friend)


def references_to(session, person_id):
    """How many rows of each referencing column hold this person's id."""
    return {(c.table.name, c.name): session.scalar(select(func.count()).select_from(c.table).where(c == person_id))
            for c in person_references()}


def test_merge_keeps_every_detail(session, account, pair):
    survivor = merge_people(session, pair.survivor.id, pair.merged.id, owner=account)
    assert survivor.display_name == "Maria Garcia" and survivor.organization.name == "Acme"
    assert survivor.job_title == "Buyer" and survivor.interests == "Logistics"
    assert survivor.notes == "Likes tapas.\n\nMet at DevConf."
    assert survivor.cadence_days == 30
    assert sorted(e.address for e in survivor.emails) == ["maria.g@uni.edu", "maria@acme.com", "mg@gmail.com"]
    assert sorted(p.number for p in survivor.phones) == ["+442079460001", "+442079460958"]
    assert sorted(link.url for link in survivor.links) == ["https://linkedin.com/in/mgarcia", "https://mgarcia.dev"]
    assert [t.name for t in survivor.tags] == ["spain", "speaker", "supply chain"]
    notes = session.scalars(select(FollowUp.note).where(FollowUp.person_id == survivor.id).order_by(FollowUp.due_on))
    assert list(notes) == ["Send slides", "Call back"]


def test_introductions_point_to_the_survivor(session, account, pair):
    merge_people(session, pair.survivor.id, pair.merged.id, owner=account)
    assert get_person(session, pair.friend.id, owner=account).introduced_by_id == pair.survivor.id
    assert get_person(session, pair.survivor.id, owner=account).introduced_by_id == pair.introducer.id


def test_the_merged_person_is_gone_and_nothing_refers_to_them(session, account, pair):
    merged_id = pair.merged.id
    merge_people(session, pair.survivor.id, merged_id, owner=account)
    with pytest.raises(NotFound):
        get_person(session, merged_id, owner=account)
    assert set(references_to(session, merged_id).values()) == {0}


def test_tables_the_merge_never_heard_of_move_too(session, account, pair, unknown_tables):
    survivor, merged = pair.survivor.id, pair.merged.id
    t = unknown_tables
    session.execute(insert(t.note), [{"owner_id": account.id, "person_id": merged, "body": "from a plugin"}])
    session.execute(insert(t.member), [{"circle": 1, "person_id": survivor}, {"circle": 1, "person_id": merged},
                                       {"circle": 2, "person_id": merged}])
    session.execute(insert(t.profile), [{"person_id": survivor, "nickname": "Mari"},
                                        {"person_id": merged, "nickname": "Mery"}])
    session.execute(insert(t.meeting), [{"person_id": merged, "introduced_by_id": pair.friend.id},
                                        {"person_id": survivor, "introduced_by_id": merged},
                                        {"person_id": pair.friend.id, "introduced_by_id": merged}])
    merge_people(session, survivor, merged, owner=account)
    assert session.execute(select(t.note.c.person_id, t.note.c.body)).all() == [(survivor, "from a plugin")]
    assert sorted(session.execute(select(t.member.c.circle, t.member.c.person_id))) == [(1, survivor), (2, survivor)]
    assert session.execute(select(t.profile.c.person_id, t.profile.c.nickname)).all() == [(survivor, "Mari")]
    assert sorted(session.execute(select(t.meeting.c.person_id, t.meeting.c.introduced_by_id)),
                  key=lambda row: (row[0], row[1] or 0)) == sorted(
        [(survivor, pair.friend.id), (survivor, None), (pair.friend.id, survivor)],
        key=lambda row: (row[0], row[1] or 0))


def test_preview_counts_are_what_the_merge_does(session, account, pair, unknown_tables):
    survivor, merged = pair.survivor.id, pair.merged.id
    session.execute(insert(unknown_tables.member), [{"circle": 1, "person_id": survivor},
                                                    {"circle": 1, "person_id": merged},
                                                    {"circle": 2, "person_id": merged}])
    preview = merge_preview(session, survivor, merged, owner=account)
    before = references_to(session, survivor)
    merge_people(session, survivor, merged, owner=account)
    after = references_to(session, survivor)
    moves = {(move.table, move.column): move for move in preview.moves}
    for key, move in moves.items():
        assert after[key] == before[key] + move.moved, key
    assert {key: after[key] - before[key] for key in after if after[key] != before[key]} == \
        {key: move.moved for key, move in moves.items() if move.moved}
    summary = {move.label: (move.moved, move.dropped, move.cleared) for move in preview.moves}
    assert summary["emails"] == (2, 0, 0)
    assert summary["phones"] == (1, 1, 0)
    assert summary["links"] == (1, 1, 0)
    assert summary["tags"] == (1, 1, 0)
    assert summary["followups"] == (1, 0, 0)
    assert summary["people (introduced by)"] == (1, 0, 1)
    assert summary["zz test members"] == (1, 1, 0)


def test_preview_shows_where_each_value_comes_from(session, account, pair):
    preview = merge_preview(session, pair.survivor.id, pair.merged.id, owner=account)
    fields = {field.label: (field.value, field.source) for field in preview.fields}
    assert fields["Name"] == ("Maria Garcia", "survivor")
    assert fields["Job title"] == ("Buyer", "merged")
    assert fields["Notes"] == ("Likes tapas.\n\nMet at DevConf.", "both")
    assert fields["Stay-in-touch cadence (days)"] == ("30", "merged")
    assert fields["Organization"] == ("Acme", "survivor")
    assert fields["Introduced by"] == ("Ines Introducer", "merged")
    assert get_person(session, pair.merged.id, owner=account)  # a preview changes nothing


def test_a_person_cannot_be_merged_with_themselves(session, account, pair):
    with pytest.raises(Invalid) as caught:
        merge_people(session, pair.survivor.id, pair.survivor.id, owner=account)
    assert caught.value.message == "A person cannot be merged with themselves."
    with pytest.raises(Invalid):
        merge_preview(session, pair.survivor.id, pair.survivor.id, owner=account)
    assert len(get_person(session, pair.survivor.id, owner=account).emails) == 1


def test_another_accounts_person_is_not_found(session, account, make_account, pair):
    other = make_account()
    theirs = add_person(session, other, "Maria Garcia", emails=["maria@acme.com"])
    for survivor, merged, owner in ((pair.survivor.id, theirs.id, account), (theirs.id, pair.survivor.id, account),
                                    (pair.survivor.id, pair.merged.id, other)):
        with pytest.raises(NotFound):
            merge_people(session, survivor, merged, owner=owner)
        with pytest.raises(NotFound):
            merge_preview(session, survivor, merged, owner=owner)
    assert [e.address for e in get_person(session, theirs.id, owner=other).emails] == ["maria@acme.com"]
    assert len(get_person(session, pair.merged.id, owner=account).emails) == 2


def test_a_refused_merge_changes_nothing(session, account, pair):
    survivor, merged = pair.survivor.id, pair.merged.id
    strict = Table("zz_test_strict", Base.metadata, Column("id", Integer, primary_key=True),
                   Column("person_id", ForeignKey("person.id"), nullable=False),
                   CheckConstraint(f"person_id <> {survivor}", name="zz_test_strict_not_survivor"))
    try:
        strict.create(session.connection())
        session.execute(insert(strict), [{"person_id": merged}])
        with pytest.raises(Conflict):
            merge_people(session, survivor, merged, owner=account)
    finally:
        Base.metadata.remove(strict)
    session.expire_all()
    copy = get_person(session, merged, owner=account)
    assert len(copy.emails) == 2 and copy.job_title == "Buyer"
    assert session.scalar(select(func.count()).select_from(FollowUp).where(FollowUp.person_id == merged)) == 1
    assert get_person(session, survivor, owner=account).job_title is None


def test_merging_fires_person_merged(app, session, account, pair):
    seen = []

    class Listener:
        @hookimpl
        def person_merged(self, survivor, merged_id, owner):
            seen.append((survivor.id, merged_id, owner.id))

    app.extensions["netevents.plugins"].register(Listener())
    merge_people(session, pair.survivor.id, pair.merged.id, owner=account)
    assert seen == [(pair.survivor.id, pair.merged.id, account.id)]
    assert session.get(Person, pair.merged.id) is None


def test_the_merged_persons_dismissals_are_dropped(session, account, pair):
    from netevents.services.duplicates import dismiss_duplicate, dismissed_pairs

    dismiss_duplicate(session, pair.survivor.id, pair.friend.id, owner=account)
    dismiss_duplicate(session, pair.merged.id, pair.introducer.id, owner=account)
    dismiss_duplicate(session, pair.survivor.id, pair.merged.id, owner=account)
    preview = merge_preview(session, pair.survivor.id, pair.merged.id, owner=account)
    dropped = sum(m.dropped for m in preview.moves if m.label == "dismissed duplicate suggestions")
    assert dropped == 2
    merge_people(session, pair.survivor.id, pair.merged.id, owner=account)
    assert dismissed_pairs(session, owner=account) == {tuple(sorted((pair.survivor.id, pair.friend.id)))}


def test_a_copy_introduced_by_the_survivor_leaves_no_trace(session, account):
    survivor = add_person(session, account, "Sam Survivor")
    copy = add_person(session, account, "Sam S.", introduced_by_id=survivor.id)
    preview = merge_preview(session, survivor.id, copy.id, owner=account)
    assert preview.moves == []
    assert "Introduced by" not in {field.label for field in preview.fields if field.value}
    assert merge_people(session, survivor.id, copy.id, owner=account).introduced_by_id is None


def test_search_finds_the_survivor_by_the_merged_persons_details(session, account, pair):
    from netevents.services.search import search_people

    merge_people(session, pair.survivor.id, pair.merged.id, owner=account)
    for query in ("maria.g@uni.edu", "speaker", "logistics"):
        hits = [hit.person.id for hit in search_people(session, query, owner=account).hits]
        assert hits == [pair.survivor.id], query


def test_preview_shows_only_fields_a_person_recognises(session, account, pair):
    """Bookkeeping columns (sort and organization keys) are not fields to review in a merge."""
    labels = {field.label for field in merge_preview(session, pair.survivor.id, pair.merged.id, owner=account).fields}
    assert "Organization key" not in labels and "Sort name" not in labels


def test_a_survivor_without_organization_takes_the_merged_one_and_its_sort_key(session, account):
    bare = add_person(session, account, "Li Wei")
    with_org = add_person(session, account, "Li Wei", organization_name="Initech")
    survivor = merge_people(session, bare.id, with_org.id, owner=account)
    assert survivor.organization.name == "Initech" and survivor.organization_key == "initech"
