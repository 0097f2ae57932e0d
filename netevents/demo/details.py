"""The demo's important dates and relationships: birthdays and work anniversaries (a few coming up soon, so the
calendar has something to show), who reports to whom at the employer, mentors and close colleagues."""
from __future__ import annotations

from datetime import timedelta

from netevents.demo.build import DemoBuild
from netevents.services.person_details import DateFields, RelationFields, add_important_date, add_relationship

# (cast key, kind, days from the demo's today to the next occurrence, year or None, custom label)
DATES = [
    ("aoife", "birthday", 3, None, ""),
    ("rajesh", "birthday", 12, 1971, ""),
    ("helen", "birthday", 40, None, ""),
    ("priya", "birthday", 75, 1984, ""),
    ("seun", "work_anniversary", 9, 2016, ""),
    ("kwame", "work_anniversary", 150, 2012, ""),
    ("mariajose", "custom", 21, None, "Name day"),
]
# (cast key, relationship, other cast key): the employer's reporting lines first, then the rest
RELATIONSHIPS = [
    ("rajesh", "reports_to", "catherine"),
    ("ingrid", "reports_to", "catherine"),
    ("fatima", "reports_to", "catherine"),
    ("seun", "reports_to", "rajesh"),
    ("kenji", "reports_to", "rajesh"),
    ("meiling", "reports_to", "rajesh"),
    ("tomasz", "reports_to", "rajesh"),
    ("diego", "reports_to", "seun"),
    ("aoife", "reports_to", "seun"),
    ("samuel", "reports_to", "ingrid"),
    ("helen", "mentor_of", "noa"),
    ("wanjiru", "mentor_of", "thabo"),
    ("james", "works_with", "mariajose"),
    ("lan", "works_with", "alejandro"),
]


def add_dates_and_relationships(build: DemoBuild) -> None:
    """A few birthdays, anniversaries and a custom date; reporting lines, mentors and colleagues."""
    for key, kind, days_ahead, year, label in DATES:
        on = build.today + timedelta(days=days_ahead)
        day = 28 if (on.month, on.day) == (2, 29) else on.day  # not every year given has a 29 February
        add_important_date(build.session, build.person_id(key),
                           DateFields(kind, month=on.month, day=day, year=year, label=label), owner=build.owner)
        build.summary.dates += 1
    for key, kind, other in RELATIONSHIPS:
        add_relationship(build.session, build.person_id(key), RelationFields(kind, other_id=build.person_id(other)),
                         owner=build.owner)
        build.summary.relationships += 1
