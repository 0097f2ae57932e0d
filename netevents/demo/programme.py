"""What happened in the demo network: events and talks, encounters, groups and roles, the association,
favors and follow-ups. People are named by their cast keys; days are relative to the demo's ``today``
(``ago``: days before it, ``in_days``: days after it)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Optional


@dataclass(frozen=True)
class Talk:
    """A session or talk at an event, on its ``day`` (0 = first day)."""

    key: str
    title: str
    speaker: Optional[str]
    day: int
    at: time
    room: str
    speaker_text: str = ""


@dataclass(frozen=True)
class EventPlan:
    """An event ``starts`` days from today (negative: past), lasting ``days`` days."""

    key: str
    name: str
    kind: str
    starts: int
    days: int
    location: str
    organizer: Optional[str] = None  # organization key
    url: Optional[str] = None
    start_time: Optional[time] = None
    end_time: Optional[time] = None
    notes: str = ""
    talks: tuple[Talk, ...] = ()


@dataclass(frozen=True)
class Meeting:
    """Meeting someone at an event: on its ``day``, maybe at a talk, maybe introduced by someone."""

    event: str
    person: str
    day: int
    context: str
    talk: Optional[str] = None
    introduced_by: Optional[str] = None


@dataclass(frozen=True)
class RolePlan:
    """A role in a group (``person`` None: mine), from ``since`` days ago until ``until`` days ago."""

    person: Optional[str]
    title: str
    since: int
    until: Optional[int] = None


@dataclass(frozen=True)
class FavorPlan:
    """A favor given or received, recorded with an interaction ``ago`` days ago."""

    person: str
    direction: str
    kind: str
    description: str
    ago: int
    channel: str = "call"


@dataclass(frozen=True)
class FollowUpPlan:
    """A follow-up due ``due`` days from today (negative: overdue); ``done`` ones are already completed."""

    person: str
    due: int
    note: str
    origin: str = ""
    done: bool = False


SUMMIT, FORUM = "summit", "forum"

EVENTS = [
    EventPlan(SUMMIT, "Supply Chain Horizons Summit", "conference", -252, 3, "Rotterdam Ahoy, Rotterdam",
              organizer="horizons", url="https://horizons.example.org/summit",
              notes="Three days, about 1,800 people. Went with Aoife; the Guild had a stand.", talks=(
                  Talk("keynote", "Resilient supply chains in a polycrisis world", "wanjiru", 0, time(9, 30),
                       "Main hall"),
                  Talk("nearshoring", "Nearshoring: what actually moved, and what it cost", "youssef", 0,
                       time(14, 0), "Room B"),
                  Talk("sensing", "Demand sensing with messy data", "jiwoo", 1, time(11, 0), "Room A"),
                  Talk("diversity", "Panel: supplier diversity that survives the budget cycle", "lea", 1,
                       time(15, 30), "Room C", "Léa Rousseau, Hiroshi Tanaka and others"),
                  Talk("automation", "Warehouse automation: a field report", "hiroshi", 2, time(10, 0), "Room A"),
              )),
    EventPlan(FORUM, "Procurement & Logistics Forum", "conference", -97, 2, "Centre de Congrès, Lyon",
              url="https://plforum.example.org", notes="Smaller and more hands-on than the Summit.", talks=(
                  Talk("category", "Category strategy in volatile markets", "chloe", 0, time(10, 0), "Salle 1"),
                  Talk("customs", "Customs after the rules changed", "tariq", 0, time(14, 0), "Salle 2"),
                  Talk("panel", "Panel: women leading logistics", "malgorzata", 1, time(11, 0), "Salle 1",
                       "Małgorzata Wiśniewska, Sofía Herrera"),
              )),
    EventPlan("chapter", "Guild North West chapter evening", "association_meeting", -41, 1,
              "Guild offices, Manchester", organizer="guild",
              start_time=time(18, 0), end_time=time(20, 30)),
    EventPlan("review", "Sustainability Steering Committee: quarterly review", "committee_meeting", -20, 1,
              "Brightwater HQ, Board room", organizer="brightwater", start_time=time(10, 0),
              end_time=time(12, 0)),
    EventPlan("meetup", "Lean Logistics Meetup", "meetup", 10, 1, "The Engine Room, Manchester",
              url="https://leanlogistics.example.net", start_time=time(18, 30), end_time=time(21, 0),
              notes="Aoife and Diego are coming too."),
    EventPlan("next_summit", "Supply Chain Horizons Summit", "conference", 115, 3, "Rotterdam Ahoy, Rotterdam",
              organizer="horizons", url="https://horizons.example.org/summit",
              notes="Emily asked me to submit a talk."),
]

MEETINGS = [
    Meeting(SUMMIT, "wanjiru", 0, "Chatted after her keynote on resilient supply chains; she runs a supplier-risk "
            "research group.", talk="keynote"),
    Meeting(SUMMIT, "youssef", 0, "After his talk on nearshoring; swapped notes on North African suppliers.",
            talk="nearshoring"),
    Meeting(SUMMIT, "emily", 0, "The organiser; asked whether I would speak next year."),
    Meeting(SUMMIT, "arjun", 0, "Emily introduced us at the evening reception.", introduced_by="emily"),
    Meeting(SUMMIT, "siobhan", 0, "At the Guild stand; she asked me to join the Events Committee."),
    Meeting(SUMMIT, "jiwoo", 1, "After her talk on demand sensing; she offered to share the notebook.",
            talk="sensing"),
    Meeting(SUMMIT, "lea", 1, "On the supplier diversity panel; asked about our sourcing policy.", talk="diversity"),
    Meeting(SUMMIT, "mariajose", 1, "Breakfast meeting at the summit hotel about next year's volumes."),
    Meeting(SUMMIT, "hiroshi", 2, "Visited his booth after the warehouse automation talk.", talk="automation"),
    Meeting(SUMMIT, "mateus", 2, "Sat together at lunch; Nordvik runs the Rotterdam–Gdańsk route."),
    Meeting(FORUM, "chloe", 0, "Arjun introduced us after her talk on category strategy.", talk="category",
            introduced_by="arjun"),
    Meeting(FORUM, "tariq", 0, "Asked him about the new customs declarations after his talk.", talk="customs"),
    Meeting(FORUM, "malgorzata", 1, "Sven introduced us; she runs Kestrel's Baltic routes.", talk="panel",
            introduced_by="sven"),
    Meeting(FORUM, "sofia", 1, "Spoke after the panel; Sierra Alta is opening a plant near Querétaro.",
            talk="panel"),
    Meeting(FORUM, "elif", 1, "Coffee-queue conversation about supplier audits."),
    Meeting("chapter", "kwame", 0, "He presented the Guild's new mentoring scheme."),
    Meeting("chapter", "noa", 0, "Planned the spring meetup line-up together."),
]
# Extras met at an event get an encounter there with one of these contexts.
EXTRA_MEETING_CONTEXTS = ["Exchanged cards at the coffee break.", "Sat at the same table at lunch.",
                          "Chatted in the queue for the evening reception.", "Met at the Guild stand.",
                          "Asked a sharp question in the Q&A; we talked afterwards."]

COMMITTEE = dict(name="Sustainability Steering Committee", kind="internal_committee", since=730,
                 description="Sets Brightwater's sustainability targets and tracks the scope 3 supplier "
                             "programme. Meets monthly.")
COMMITTEE_ROLES = [
    RolePlan("rajesh", "chair", 730), RolePlan("catherine", "executive sponsor", 730),
    RolePlan("tomasz", "secretary", 730, until=401), RolePlan("tomasz", "member", 400),
    RolePlan(None, "member", 730, until=401), RolePlan(None, "secretary", 400),
    RolePlan("ingrid", "member", 500), RolePlan("meiling", "member", 730), RolePlan("aoife", "member", 600),
    RolePlan("samuel", "member", 450), RolePlan("hannah", "member", 300),
]
TASK_FORCE = dict(name="Supplier Diversity Task Force", kind="task_force", since=330, until=150,
                  description="Six months to double spend with small and diverse suppliers. Done: 14% → 23%.")
TASK_FORCE_ROLES = [
    RolePlan("seun", "executive sponsor", 330), RolePlan(None, "co-lead", 330), RolePlan("aoife", "co-lead", 330),
    RolePlan("diego", "member", 300),
]
MEMBERSHIP = dict(since=1500, renewal_in=21, dues="240.00", currency="GBP", number="GSCP-204817",
                  level="Professional member", notes="Renewal includes the Summit discount code.")
VOLUNTEERING = dict(title="programme committee member", committee="Events Committee", since=240,
                    notes="Picks speakers for the chapter evenings and the spring meetup.")
VOLUNTEER_ROLES = [RolePlan("siobhan", "chair", 600), RolePlan("noa", "member", 200),
                   RolePlan("kwame", "staff liaison", 500)]

FAVORS = [
    FavorPlan("helen", "received", "advice", "Went through my promotion case line by line.", 160, "video"),
    FavorPlan("helen", "received", "advice", "How to handle Kestrel's rate increase.", 75),
    FavorPlan("helen", "received", "recommendation", "Recommended me to the Guild's Events Committee.", 245,
              "email"),
    FavorPlan("helen", "given", "introduction", "Introduced her to Jürgen for her Bremen warehouse search.", 300,
              "email"),
    FavorPlan("rajesh", "received", "speaking_slot", "Put me forward to present at the company town hall.", 55,
              "in_person"),
    FavorPlan("zainab", "received", "job_lead", "Shared a Head of Supply Chain role at Corvina.", 190),
    FavorPlan("zainab", "received", "job_lead", "Sent a confidential interim role in Leeds.", 112),
    FavorPlan("zainab", "given", "referral", "Referred two of our graduate buyers to her.", 260, "email"),
    FavorPlan("siobhan", "received", "speaking_slot", "A seat on the chapter evening panel.", 60, "email"),
    FavorPlan("siobhan", "received", "recommendation", "Nominated me for the Guild volunteer award.", 30, "email"),
    FavorPlan("siobhan", "given", "review", "Reviewed the autumn programme draft.", 150, "email"),
    FavorPlan("thabo", "given", "advice", "Mock interview for his placement.", 200, "video"),
    FavorPlan("thabo", "given", "review", "Reviewed his CV.", 130, "email"),
    FavorPlan("thabo", "given", "introduction", "Introduced him to Diego for a logistics placement.", 90,
              "in_person"),
    FavorPlan("mariajose", "given", "referral", "Recommended Ostara Packaging for their own-brand range.", 120),
    FavorPlan("lan", "received", "other", "Expedited a late shipment by air at their cost.", 140, "email"),
    FavorPlan("lan", "given", "recommendation", "Wrote her a LinkedIn recommendation.", 100, "social"),
    FavorPlan("arjun", "received", "introduction", "Introduced me to Chloé Dubois at the Forum.", 94, "email"),
    FavorPlan("jiwoo", "given", "introduction", "Introduced her to Priya for a demand-sensing pilot.", 180,
              "email"),
    FavorPlan("emily", "received", "speaking_slot", "Offered me a slot at next year's Summit.", 35, "video"),
    FavorPlan("emily", "given", "review", "Reviewed talk proposals for the Summit.", 150, "email"),
]

FOLLOWUPS = [
    FollowUpPlan("youssef", -21, "Send him the nearshoring cost model we discussed.",
                 "after the Supply Chain Horizons Summit"),
    FollowUpPlan("amara", -9, "Send the revised forecast for next quarter."),
    FollowUpPlan("chiara", -3, "Confirm sample dates for the recycled-fibre trays."),
    FollowUpPlan("mariajose", 0, "Call about the agenda for Halden's supplier day."),
    FollowUpPlan("thabo", 2, "Read his dissertation chapter draft."),
    FollowUpPlan("siobhan", 6, "Send two speaker ideas for the spring meetup."),
    FollowUpPlan("priya", 9, "Share the dual-sourcing case study."),
    FollowUpPlan("emily", 14, "Submit a talk proposal for the next Summit."),
    FollowUpPlan("kwame", 18, "Ask about the member discount before renewing."),
    FollowUpPlan("wanjiru", -240, "Thank her for the slides.", "after the Supply Chain Horizons Summit", done=True),
    FollowUpPlan("arjun", -90, "Say thanks for the introduction to Chloé.", "after the Procurement & Logistics Forum",
                 done=True),
]
