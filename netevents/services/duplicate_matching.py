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
from dataclasses import dataclass
from typing import Collection, Iterable, Iterator
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
# most people have no phone, profile or website: one shared empty set instead of five new ones per record
# (an account-wide rebuild holds every record at once)
NONE: frozenset = frozenset()


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


@dataclass(slots=True)
class PersonRecord:
    """What matching knows of one person."""

    id: int
    name: str
    organization_id: int | None = None
    organization: str = ""
    name_key: str = ""
    organization_key: str = ""
    emails: set[str] | frozenset = NONE
    local_parts: set[str] | frozenset = NONE
    phones: set[str] | frozenset = NONE
    linkedin: set[str] | frozenset = NONE
    websites: set[str] | frozenset = NONE

    def __post_init__(self) -> None:
        """Derive the comparison keys of the name and organization."""
        self.name_key = name_key(self.name)
        self.organization_key = organization_key(self.organization)

    def add_email(self, address: str) -> None:
        """Remember an email address by the mailbox it reaches and its local part."""
        mailbox, local = email_keys(address)
        self.emails = _with(self.emails, mailbox)
        if len(local) >= 4 and local not in GENERIC_LOCAL_PARTS:
            self.local_parts = _with(self.local_parts, local)

    def add_phone(self, number: str) -> None:
        """Remember a phone number (E.164)."""
        self.phones = _with(self.phones, number)

    def add_link(self, url: str) -> None:
        """Remember a web link as a LinkedIn profile or a website."""
        kind, key = link_key(url)
        if kind == "linkedin":
            self.linkedin = _with(self.linkedin, key)
        else:
            self.websites = _with(self.websites, key)

    def block_keys(self) -> set[str]:
        """First four letters of each name word of two or more letters."""
        return {word[:4] for word in self.name_key.split() if len(word) >= 2}


def _with(values: set[str] | frozenset, value: str) -> set[str]:
    """``values`` with ``value`` added (a set of the record's own in place of the shared empty one)."""
    values = set(values) if isinstance(values, frozenset) else values
    values.add(value)
    return values


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
    same_mailbox = bool(first.emails & second.emails)
    if same_mailbox:
        found.append((97, "same email apart from dots or a +tag"))
    if first.linkedin & second.linkedin:
        found.append((97, "same LinkedIn profile"))
    if first.phones & second.phones:
        found.append((90 if similarity >= 60 else 65, "same phone"))
    if first.websites & second.websites and similarity >= 60:
        found.append((80, "same website"))
    if not same_mailbox and first.local_parts & second.local_parts and similarity >= 70:
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
    for kind in ("emails", "local_parts", "phones", "linkedin", "websites"):
        for value in getattr(record, kind):
            yield f"{kind}:{value}"


def blocking_keys(record: PersonRecord) -> set[str]:
    """Every key that can put a record in a group with another (contact keys, then "name:" prefixes)."""
    return {*_contact_keys(record), *(f"name:{key}" for key in record.block_keys())}


def group_limit(key: str) -> int:
    """How many people may share a key before it stops proposing pairs (a contact key) or is split (a name)."""
    return MAX_BLOCK if key.startswith("name:") else MAX_SHARED


def _similar_names(block: list[PersonRecord], focus: Collection[int] | None) -> Iterator[tuple[int, int]]:
    """Pairs within a block whose names are at least NAME_CUTOFF alike (only the focus' pairs if given)."""
    keys = [record.name_key for record in block]
    if focus is None:
        queries = [(record, i + 1) for i, record in enumerate(block)]
    else:
        queries = [(record, 0) for record in block if record.id in focus]
    for record, start in queries:
        for _key, _score, j in process.extract(record.name_key, keys[start:], scorer=fuzz.ratio,
                                               score_cutoff=NAME_CUTOFF, limit=None):
            yield record.id, block[start + j].id


def _name_blocks(records: list[PersonRecord], wanted: set[str] | None) -> Iterator[list[PersonRecord]]:
    """Groups of people sharing a name-word prefix (only ``wanted`` prefixes if given); oversized ones split."""
    for key, block in _groups(records, PersonRecord.block_keys).items():
        if wanted is not None and key not in wanted:
            continue
        if len(block) <= MAX_BLOCK:
            yield block
            continue
        for sub_key, sub_block in _groups(block, lambda r: {k for k in r.block_keys() if k != key}).items():
            if wanted is None or sub_key in wanted:
                yield sub_block


def candidate_pairs(records: list[PersonRecord], focus: Collection[int] | None = None) -> set[tuple[int, int]]:
    """Pairs (lower id first) worth scoring: shared contact keys or similar names in a shared block.

    With ``focus`` (ids), only pairs including one of them; ``records`` must then hold everyone who shares
    a key with them (netevents.services.duplicate_store loads exactly those).
    """
    pairs: set[tuple[int, int]] = set()
    for group in _groups(records, _contact_keys).values():
        members = group if focus is None else [r for r in group if r.id in focus]
        if 2 <= len(group) <= MAX_SHARED and members:
            pairs.update((a.id, b.id) for a in members for b in group if a.id != b.id)
    wanted = None if focus is None else {key for r in records if r.id in focus for key in r.block_keys()}
    for block in _name_blocks(records, wanted):
        pairs.update(_similar_names(block, focus))
    return {(a, b) if a < b else (b, a) for a, b in pairs if a != b}
