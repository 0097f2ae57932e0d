"""Matching people that may be the same person: normalized keys, blocking and pair scoring.

No Flask and no database here: ``PersonRecord`` holds what matching needs, ``candidate_pairs`` proposes pairs
without comparing every person with every other (blocking), ``score_pair`` decides and explains.

Rules (score, reason); a pair's score is its best rule plus 3 for every further reason, at most 100:

- 97 "same email apart from dots or a +tag": addresses are unique per account, so the same email really
  means the same mailbox written differently: ``a.b+news@gmail.com`` and ``ab@googlemail.com``;
  plus-tags are dropped for every domain, dots only for Gmail, which ignores them.
- 97 "same LinkedIn profile": same profile path, whatever the scheme, ``www.`` or country subdomain.
- 90 "same phone" when the names are at least 60% alike, else 65 (a shared office or family line).
- 80 "same website" when the names are at least 60% alike (colleagues share their company's site).
- 80 "same email local part at different domains" (``jane.doe@acme.com``, ``janedoe@gmail.com``) when the
  names are at least 70% alike; generic parts (info, contact, ...) never count.
- names (token sort ratio of case-folded, accent-free names, so "García, María" = "Maria Garcia"):
  85%+ at the same or a similar organization scores the similarity (at most 95); the same name when
  either organization is unknown 80, a 90%+ similar one similarity - 25; the same name at different
  organizations 65.

A phone, address, profile or website shared by more than ``MAX_SHARED`` people (a switchboard, a company
site) identifies nobody and is ignored.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from typing import Collection, Iterable, Iterator, NamedTuple
from urllib.parse import unquote, urlsplit

from rapidfuzz import fuzz, process

NAME_CUTOFF = 85
MAX_SHARED = 10
MAX_BLOCK = 1500
HONORIFICS = {"dr", "mr", "mrs", "ms", "mx", "prof", "sir", "jr", "sr", "phd", "md", "mba"}
LEGAL_FORMS = {"inc", "ltd", "llc", "gmbh", "ag", "sa", "sas", "sarl", "srl", "spa", "plc", "co", "corp",
               "corporation", "company", "limited", "bv", "nv", "oy", "ab", "as", "kg", "the"}
GENERIC_LOCAL_PARTS = {"info", "contact", "hello", "admin", "office", "mail", "email", "team", "sales",
                       "support", "jobs", "events", "press", "noreply", "enquiries", "inquiries"}
GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}
WORD = re.compile(r"[^\W_]+")


def strip_accents(text: str | None) -> str:
    """Case-folded text without diacritics ("Ångström" -> "angstrom")."""
    folded = (text or "").casefold()
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str | None) -> list[str]:
    """Split text into case-folded, accent-free words of letters and digits."""
    return WORD.findall(strip_accents(text))


def name_key(name: str | None) -> str:
    """A person's name words without titles, sorted, so word order and accents do not matter."""
    return " ".join(sorted(word for word in fold(name) if word not in HONORIFICS))


@functools.lru_cache(maxsize=4096)  # many people share an organization: its key is computed once
def organization_key(name: str | None) -> str:
    """An organization's name words without legal forms ("Acme Inc." = "ACME")."""
    return " ".join(word for word in fold(name) if word not in LEGAL_FORMS)


def email_keys(address: str) -> tuple[str, str]:
    """The mailbox an address reaches (no +tag; no dots at Gmail) and its local part without punctuation."""
    local, _, domain = address.casefold().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}", "".join(fold(local))


def link_key(url: str) -> tuple[str, str]:
    """("linkedin" or "website", host and path without scheme, www., query or trailing slash)."""
    parts = urlsplit(url.strip().casefold() if "://" in url else "https://" + url.strip().casefold())
    host = parts.netloc.rsplit("@", 1)[-1].split(":", 1)[0].removeprefix("www.")
    path = unquote(parts.path).rstrip("/")
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        return "linkedin", "linkedin.com" + path
    return "website", host + path


class PersonRecord(NamedTuple):
    """What matching knows of one person: a tuple, as an account-wide rebuild holds every record at once.

    The contact keys are tuples without repeats (most people have none or one of each); make records with
    ``person_record``.
    """

    id: int
    name_key: str
    organization_id: int | None = None
    organization_key: str = ""
    emails: tuple[str, ...] = ()
    local_parts: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    linkedin: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()


CONTACT_KINDS = PersonRecord._fields[4:]
_FIRST_CONTACT = len(PersonRecord._fields) - len(CONTACT_KINDS)


def person_record(person_id: int, name: str | None, organization_id: int | None = None,
                  organization: str | None = "", *, emails: Iterable[str] = (), phones: Iterable[str] = (),
                  links: Iterable[str] = (), shared: dict[str, str] | None = None) -> PersonRecord:
    """A person's record from their name, organization and contacts; ``shared`` keeps one string per key."""
    contacts: list[list[str]] = [[], [], [], [], []]
    for address in emails:
        mailbox, local = email_keys(address)
        contacts[0].append(mailbox)
        if len(local) >= 4 and local not in GENERIC_LOCAL_PARTS:
            contacts[1].append(local)
    contacts[2].extend(phones)
    for url in links:
        kind, key = link_key(url)
        contacts[3 if kind == "linkedin" else 4].append(key)
    key = name_key(name)
    if shared is not None:
        key = shared.setdefault(key, key)
    return PersonRecord(person_id, key, organization_id, organization_key(organization),
                        *(tuple(dict.fromkeys(values)) if values else () for values in contacts))


def block_keys(record: PersonRecord) -> set[str]:
    """First four letters of each name word of two or more letters."""
    return {word[:4] for word in record.name_key.split() if len(word) >= 2}


def _shares(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Whether two records' keys of one kind have a value in common (both are short)."""
    return bool(first and second) and any(value in second for value in first)


def name_similarity(first: PersonRecord, second: PersonRecord) -> int:
    """How alike two names are, 0-100, ignoring case, accents, titles and word order."""
    return round(fuzz.ratio(first.name_key, second.name_key))


def organization_match(first: PersonRecord, second: PersonRecord) -> str:
    """"same", "similar", "different" or "unknown" (one of them has no organization)."""
    if not first.organization_key or not second.organization_key:
        return "unknown"
    if first.organization_id == second.organization_id or first.organization_key == second.organization_key:
        return "same"
    return "similar" if fuzz.token_sort_ratio(first.organization_key, second.organization_key) >= 90 else "different"


def _name_rule(similarity: int, organization: str) -> tuple[int, str] | None:
    """The name-based rule that applies, if any."""
    same = similarity == 100
    if similarity >= NAME_CUTOFF and organization in ("same", "similar"):
        where = "the same organization" if organization == "same" else "similar organizations"
        return min(similarity, 95), f"same name at {where}" if same else f"similar names ({similarity}%) at {where}"
    if organization == "unknown" and same:
        return 80, "same name"
    if organization == "unknown" and similarity >= 90:
        return similarity - 25, f"similar names ({similarity}%)"
    if organization == "different" and same:
        return 65, "same name at different organizations"
    return None


def _contact_rules(first: PersonRecord, second: PersonRecord, similarity: int) -> list[tuple[int, str]]:
    """The rules on emails, profiles, phones and websites that apply."""
    found = []
    same_mailbox = _shares(first.emails, second.emails)
    if same_mailbox:
        found.append((97, "same email apart from dots or a +tag"))
    if _shares(first.linkedin, second.linkedin):
        found.append((97, "same LinkedIn profile"))
    if _shares(first.phones, second.phones):
        found.append((90 if similarity >= 60 else 65, "same phone"))
    if similarity >= 60 and _shares(first.websites, second.websites):
        found.append((80, "same website"))
    if not same_mailbox and similarity >= 70 and _shares(first.local_parts, second.local_parts):
        found.append((80, "same email local part at different domains"))
    return found


def score_pair(first: PersonRecord, second: PersonRecord) -> tuple[int, list[str]] | None:
    """Score how likely two people are one, with the reasons; None when nothing suggests it."""
    similarity = name_similarity(first, second)
    found = _contact_rules(first, second, similarity)
    name_rule = _name_rule(similarity, organization_match(first, second))
    if name_rule:
        found.append(name_rule)
    if not found:
        return None
    found.sort(key=lambda rule: -rule[0])
    return min(100, found[0][0] + 3 * (len(found) - 1)), [reason for _, reason in found]


def _groups(records: Iterable[PersonRecord], keys_of) -> dict[str, list[PersonRecord]]:
    """Index records by each of their keys."""
    index: dict[str, list[PersonRecord]] = defaultdict(list)
    for record in records:
        for key in keys_of(record):
            index[key].append(record)
    return index


def _contact_keys(record: PersonRecord) -> Iterator[str]:
    """Every identifying key of a record, tagged by kind so kinds never mix."""
    for kind, values in zip(CONTACT_KINDS, record[_FIRST_CONTACT:]):
        for value in values:
            yield f"{kind}:{value}"


def blocking_keys(record: PersonRecord) -> set[str]:
    """Every key that can put a record in a group with another (contact keys, then "name:" prefixes)."""
    return {*_contact_keys(record), *(f"name:{key}" for key in block_keys(record))}


def group_limit(key: str) -> int:
    """How many people may share a key before it stops proposing pairs (a contact key) or is split (a name)."""
    return MAX_BLOCK if key.startswith("name:") else MAX_SHARED


def _sharing(records: Iterable[PersonRecord], field: int) -> Iterable[list[PersonRecord]]:
    """The groups of two or more records with a value in common in one contact field.

    Most values belong to one person: they are remembered with that record alone, and only a value seen
    twice gets a list (no tagged key strings and no list per value, as the kept keys have).
    """
    first: dict[str, PersonRecord] = {}
    groups: dict[str, list[PersonRecord]] = {}
    for record in records:
        for value in record[field]:
            holder = first.setdefault(value, record)
            if holder is not record:
                if value in groups:
                    groups[value].append(record)
                else:
                    groups[value] = [holder, record]
    return groups.values()


def _add_pair(pairs: set[tuple[int, int]], a: int, b: int) -> None:
    """Add a pair, lower id first."""
    if a != b:
        pairs.add((a, b) if a < b else (b, a))


def _add_contact_pairs(pairs: set[tuple[int, int]], records: Collection[PersonRecord],
                       focus: Collection[int] | None) -> None:
    """Add the pairs of people sharing an email, local part, phone, profile or website (small groups only)."""
    for field in range(_FIRST_CONTACT, len(PersonRecord._fields)):
        for group in _sharing(records, field):
            if len(group) > MAX_SHARED:
                continue
            for a in group if focus is None else (r for r in group if r.id in focus):
                for b in group:
                    _add_pair(pairs, a.id, b.id)


def _add_similar_names(pairs: set[tuple[int, int]], block: list[PersonRecord],
                       focus: Collection[int] | None) -> None:
    """Add the pairs within a block whose names are at least NAME_CUTOFF alike (only the focus' pairs if given)."""
    keys = [record.name_key for record in block]
    for i, record in enumerate(block):
        a, key = record.id, record.name_key
        if focus is not None and a not in focus:
            continue
        start = i + 1 if focus is None else 0
        for _key, _score, j in process.extract(key, keys[start:], scorer=fuzz.ratio, score_cutoff=NAME_CUTOFF,
                                               limit=None):
            b = block[start + j].id
            if a != b:  # inline: the hottest loop of a rebuild
                pairs.add((a, b) if a < b else (b, a))


def _name_blocks(records: Collection[PersonRecord], wanted: set[str] | None) -> Iterator[list[PersonRecord]]:
    """Groups of people sharing a name-word prefix (only ``wanted`` prefixes if given); oversized ones split."""
    blocks = _groups(records, block_keys)
    for key in list(blocks):
        block = blocks.pop(key)  # each block freed once searched
        if wanted is not None and key not in wanted:
            continue
        if len(block) <= MAX_BLOCK:
            yield block
            continue
        for sub_key, sub_block in _groups(block, lambda r: {k for k in block_keys(r) if k != key}).items():
            if wanted is None or sub_key in wanted:
                yield sub_block


def candidate_pairs(records: Collection[PersonRecord],
                    focus: Collection[int] | None = None) -> set[tuple[int, int]]:
    """Pairs (lower id first) worth scoring: shared contact keys or similar names in a shared block.

    With ``focus`` (ids), only pairs including one of them; ``records`` must then hold everyone who shares
    a key with them (netevents.services.duplicate_store loads exactly those).
    """
    pairs: set[tuple[int, int]] = set()
    _add_contact_pairs(pairs, records, focus)
    wanted = None if focus is None else {key for r in records if r.id in focus for key in block_keys(r)}
    for block in _name_blocks(records, wanted):
        _add_similar_names(pairs, block, focus)
    return pairs
