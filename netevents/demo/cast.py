"""The fictional people and organizations of the demo network.

Everyone here is invented. Emails and websites use reserved domains (``*.example.com/.org/.net``) and
phone numbers come from ranges kept for fiction (UK +44 20 7946 0xxx, US 555-01xx). The account holder
is a supply-chain manager at Brightwater Components. Day counts are relative to the demo's ``today``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Org:
    """A fictional organization; ``domain`` gives its people's email addresses and its website."""

    key: str
    name: str
    kind: str
    domain: str
    notes: str = ""


@dataclass(frozen=True)
class Member:
    """A fictional person and how the account holder knows them.

    ``since``: days ago we first met; ``every``: usual days between contacts; ``last``: days ago of the
    last contact (None: recently, within their cadence); ``met_at``: the event where we met, which
    records the first encounter and interaction.
    """

    key: str
    name: str
    org: str
    title: str
    tags: tuple[str, ...]
    location: str = ""
    given: Optional[str] = None
    family: Optional[str] = None
    since: int = 400
    every: int = 30
    last: Optional[int] = None
    met_at: Optional[str] = None
    introduced_by: Optional[str] = None
    how_we_met: str = ""
    interests: str = ""
    notes: str = ""
    phone: str = ""


EMPLOYER = "brightwater"
ASSOCIATION = "guild"

ORGANIZATIONS = [
    Org("brightwater", "Brightwater Components", "employer", "brightwater.example.com",
        "My employer: precision components for medical and industrial customers."),
    Org("guild", "Guild of Supply Chain Professionals", "association", "guild.example.org"),
    Org("halden", "Halden Retail Group", "company", "halden.example.com", "Key account since 2019."),
    Org("corvina", "Corvina Foods", "company", "corvina.example.com"),
    Org("northgate", "Northgate Medical Devices", "company", "northgate.example.com"),
    Org("kestrel", "Kestrel Freight", "company", "kestrel.example.net", "Main road and sea freight partner."),
    Org("ostara", "Ostara Packaging", "company", "ostara.example.net"),
    Org("tamarind", "Tamarind Electronics", "company", "tamarind.example.net"),
    Org("mekong", "Mekong Precision Parts", "company", "mekong.example.net"),
    Org("sierra", "Grupo Sierra Alta", "company", "sierraalta.example.com"),
    Org("weser", "Weserhafen Logistik", "company", "weserhafen.example.net"),
    Org("vireo", "Vireo Analytics", "company", "vireo.example.com"),
    Org("sahel", "Sahel Trade Logistics", "company", "saheltrade.example.net"),
    Org("nordvik", "Nordvik Maritime", "company", "nordvik.example.net"),
    Org("hoshino", "Hoshino Robotics", "company", "hoshino.example.com"),
    Org("verlaine", "Verlaine Distribution", "company", "verlaine.example.com"),
    Org("marlow", "Marlow & Finch Consulting", "company", "marlowfinch.example.com"),
    Org("tessera", "Tessera Talent", "company", "tessera.example.com"),
    Org("lakeshore", "Lakeshore University", "university", "lakeshore.example.org"),
    Org("horizons", "Horizons Events", "company", "horizons.example.org", "Runs the Supply Chain Horizons Summit."),
]

# Tag → default stay-in-touch cadence in days (None: no default).
TAG_CADENCES = {"mentor": 30, "client": 45, "leadership": 60, "supplier": 60, "association": 90,
                "conference": 120, "colleague": None, "mentee": None, "speaker": None}

# Introducers come before the people they introduced: the builder creates people in this order.
PEOPLE = [
    Member("helen", "Helen Marchetti", "corvina", "Operations Director", ("mentor",), "Leeds", since=2000,
           every=18, how_we_met="My first manager, at Kestrel Freight in 2014.",
           interests="Lean operations, fell running, Italian cooking", phone="uk"),
    Member("rajesh", "Rajesh Venkataraman", "brightwater", "Chief Operating Officer", ("leadership", "mentor"),
           "Manchester", every=25, interests="Cricket, operations strategy", phone="uk"),
    Member("catherine", "Catherine Ashworth", "brightwater", "Chief Executive Officer", ("leadership",),
           "Manchester", every=40, phone="uk"),
    Member("ingrid", "Ingrid Solberg", "brightwater", "Chief Financial Officer", ("leadership",), "Manchester",
           every=45),
    Member("seun", "Oluwaseun Adeyemi", "brightwater", "VP Operations", ("colleague", "leadership"), "Manchester",
           every=12, notes="My manager. Prefers short written updates before our one-to-ones.", phone="uk"),
    Member("fatima", "Fatima Zahra Benali", "brightwater", "HR Director", ("colleague",), "Manchester",
           given="Fatima Zahra", family="Benali", every=45),
    Member("tomasz", "Tomasz Kowalczyk", "brightwater", "Sustainability Lead", ("colleague",), "Manchester",
           every=20, interests="Scope 3 reporting, cycling"),
    Member("meiling", "Mei-Ling Chou", "brightwater", "Quality Manager", ("colleague",), "Manchester", every=22),
    Member("diego", "Diego Fernández Ruiz", "brightwater", "Logistics Coordinator", ("colleague",), "Manchester",
           given="Diego", family="Fernández Ruiz", every=16),
    Member("aoife", "Aoife Brennan", "brightwater", "Senior Buyer", ("colleague",), "Manchester", every=14,
           phone="uk"),
    Member("samuel", "Samuel Osei", "brightwater", "Finance Business Partner", ("colleague",), "Manchester",
           every=30),
    Member("hannah", "Hannah Lindqvist", "brightwater", "Facilities and Energy Manager", ("colleague",),
           "Manchester", every=35),
    Member("kenji", "Kenji Watanabe", "brightwater", "Manufacturing Engineering Manager", ("colleague",),
           "Manchester", every=25),
    Member("priya", "Priya Raghunathan", "northgate", "Supply Planning Director", ("client",), "Chicago",
           since=380, every=32, introduced_by="helen", how_we_met="Helen introduced us over email.", phone="us"),
    Member("mariajose", "María José García Pérez", "halden", "Head of Procurement", ("client",), "Madrid",
           given="María José", family="García Pérez", since=900, every=28,
           interests="Supplier days, flamenco, her two whippets"),
    Member("james", "James O'Sullivan", "halden", "Category Manager", ("client",), "London", since=700,
           every=35, phone="uk"),
    Member("lukas", "Lukas Becker", "corvina", "Senior Buyer", ("client",), "Hamburg", since=500, every=40),
    Member("amara", "Amara Nwosu", "northgate", "Procurement Lead", ("client",), "Boston", since=420, every=30,
           last=72, notes="Waiting for our revised forecast.", phone="us"),
    Member("lan", "Nguyễn Thị Lan", "mekong", "Export Manager", ("supplier",), "Ho Chi Minh City",
           given="Lan", family="Nguyễn", since=600, every=35, interests="Photography, her daughter's robotics club"),
    Member("alejandro", "Alejandro Torres Villanueva", "sierra", "Key Account Manager", ("supplier",), "Monterrey",
           given="Alejandro", family="Torres Villanueva", since=450, every=40),
    Member("sven", "Sven Halvorsen", "kestrel", "Account Director", ("supplier",), "Felixstowe", since=1200,
           every=30, phone="uk"),
    Member("chiara", "Chiara Bellini", "ostara", "Sales Director", ("supplier",), "Bologna", since=350,
           every=40, last=85, notes="Recycled-fibre trays: samples still to confirm."),
    Member("wangfang", "王芳", "tamarind", "General Manager Europe", ("supplier",), "Rotterdam", given="Fang",
           family="Wang", since=520, every=45),
    Member("jurgen", "Jürgen Weiß", "weser", "Head of Operations", ("supplier",), "Bremen", since=610, every=50),
    Member("ayse", "Ayşe Yılmaz", "vireo", "Customer Success Manager", ("supplier",), "Istanbul", since=300,
           every=30),
    Member("siobhan", "Siobhán Ní Bhriain", "marlow", "Principal Consultant", ("association",), "Dublin",
           given="Siobhán", family="Ní Bhriain", since=300, every=35,
           notes="Chairs the Guild's Events Committee."),
    Member("kwame", "Kwame Mensah", "guild", "Regional Director, North West", ("association",), "Manchester",
           since=800, every=50, phone="uk"),
    Member("noa", "Noa Ben-David", "corvina", "Demand Planner", ("association",), "Leeds", since=200, every=40,
           introduced_by="siobhan", how_we_met="Siobhán introduced us on the Events Committee."),
    Member("carlos", "Carlos Eduardo Silva", "guild", "Membership Officer", ("association",), "London",
           given="Carlos Eduardo", family="Silva", since=700, every=60, last=135),
    Member("emily", "Emily Zhang", "horizons", "Conference Director", ("conference",), "London", since=252,
           every=60, met_at="summit", phone="uk"),
    Member("wanjiru", "Wanjiru Kamau", "lakeshore", "Professor of Operations Management", ("conference", "speaker"),
           "Nairobi", since=252, every=70, met_at="summit", interests="Supplier risk, resilience research"),
    Member("youssef", "Youssef El Amrani", "sahel", "Head of Logistics", ("conference", "speaker"), "Casablanca",
           since=252, every=90, last=240, met_at="summit"),
    Member("arjun", "Arjun Mehta", "marlow", "Procurement Consultant", ("conference",), "London", since=252,
           every=45, met_at="summit", introduced_by="emily", phone="uk"),
    Member("jiwoo", "Park Ji-woo", "vireo", "Supply Chain Data Scientist", ("conference", "speaker"), "Seoul",
           given="Ji-woo", family="Park", since=251, every=60, met_at="summit"),
    Member("lea", "Léa Rousseau", "northgate", "Sustainability Analyst", ("conference",), "Lyon", since=251,
           last=251, met_at="summit"),
    Member("mateus", "Mateus Oliveira", "nordvik", "Operations Manager", ("conference",), "Gdańsk", since=250,
           last=246, met_at="summit"),
    Member("hiroshi", "Hiroshi Tanaka", "hoshino", "Director, Warehouse Automation", ("conference", "speaker"),
           "Osaka", since=250, last=250, met_at="summit"),
    Member("chloe", "Chloé Dubois", "verlaine", "Director of Procurement", ("conference", "speaker"), "Lyon",
           since=97, every=40, met_at="forum", introduced_by="arjun"),
    Member("tariq", "Tariq Haddad", "weser", "Trade Compliance Lead", ("conference", "speaker"), "Bremen",
           since=97, every=50, met_at="forum"),
    Member("malgorzata", "Małgorzata Wiśniewska", "kestrel", "Logistics Director, Baltic", ("conference",),
           "Gdańsk", since=96, every=45, met_at="forum", introduced_by="sven"),
    Member("sofia", "Sofía Herrera", "sierra", "Supply Chain Manager", ("conference", "speaker"), "Querétaro",
           since=96, every=60, met_at="forum"),
    Member("elif", "Elif Şahin", "marlow", "Consultant, Supplier Audits", ("conference",), "Istanbul", since=96,
           every=70, met_at="forum"),
    Member("zainab", "Zainab Abubakar", "tessera", "Senior Recruiter, Operations", (), "London", since=600,
           every=60, last=112, phone="uk"),
    Member("thabo", "Thabo Nkosi", "lakeshore", "MSc student, Supply Chain Management", ("mentee",),
           "Manchester", since=240, every=14, introduced_by="wanjiru",
           how_we_met="Wanjiru, his supervisor, asked me to mentor him."),
]

# People with their own cadence (overriding their tags' defaults), in days.
PERSON_CADENCES = {"helen": 21, "zainab": 90, "thabo": 30}

# A seed-dependent selection of these joins the core cast, so every demo network differs a little.
EXTRAS = [
    Member("grace", "Grace Mwangi", "northgate", "Category Buyer", ("client",), "Boston", since=300, every=40),
    Member("ahmed", "Ahmed Hassan", "kestrel", "Warehouse Manager", ("supplier",), "Felixstowe", every=45),
    Member("lucia", "Lucía Morales", "verlaine", "Operations Analyst", ("conference",), "Lyon", since=97,
           every=80, met_at="forum"),
    Member("oscar", "Oscar Nilsson", "vireo", "Product Manager", ("supplier",), "Stockholm", since=280, every=50),
    Member("ngozi", "Ngozi Eze", "corvina", "Procurement Manager", ("client",), "Leeds", since=350, every=40),
    Member("bao", "Trần Quốc Bảo", "mekong", "Quality Engineer", ("supplier",), "Ho Chi Minh City",
           given="Bảo", family="Trần", since=330, every=55),
    Member("isabella", "Isabella Rossi", "horizons", "Events Coordinator", ("conference",), "London", since=252,
           every=90, met_at="summit"),
    Member("mohammed", "Mohammed Al-Farsi", "sahel", "Logistics Planner", ("conference",), "Muscat", since=251,
           every=90, met_at="summit"),
    Member("miriam", "Miriam Feld", "brightwater", "Legal Counsel", ("colleague",), "Manchester", every=40),
    Member("pedro", "Pedro Almeida", "brightwater", "Maintenance Lead", ("colleague",), "Manchester", every=35),
    Member("yuki", "Yuki Nakamura", "lakeshore", "Research Fellow", ("conference",), "Manchester", since=251,
           every=75, met_at="summit"),
    Member("camille", "Camille Laurent", "ostara", "Account Manager", ("supplier",), "Lille", since=340, every=45),
    Member("nikos", "Nikos Papadopoulos", "nordvik", "Shipping Coordinator", ("supplier",), "Piraeus",
           since=300, every=50),
    Member("anjali", "Anjali Nair", "brightwater", "Supply Chain Data Analyst", ("colleague",), "Manchester",
           every=20),
    Member("felix", "Felix Wagner", "marlow", "Senior Consultant", ("conference",), "Munich", since=96,
           every=70, met_at="forum"),
    Member("folake", "Folake Adeleke", "guild", "Events Volunteer", ("association",), "Liverpool", since=200,
           every=60),
    Member("conor", "Conor Walsh", "halden", "Category Manager, Home", ("client",), "London", since=400,
           every=45),
    Member("rania", "Rania Khoury", "verlaine", "Supply Chain Lead", ("conference",), "Marseille", since=97,
           every=60, met_at="forum"),
    Member("anders", "Anders Holm", "kestrel", "Freight Broker", ("supplier",), "Gothenburg", since=500,
           every=60),
    Member("divya", "Divya Krishnan", "vireo", "Product Owner", ("supplier",), "Bengaluru", since=260,
           every=55),
    Member("jakub", "Jakub Nowak", "brightwater", "Production Planner", ("colleague",), "Manchester", every=18),
    Member("adaeze", "Adaeze Okonkwo", "lakeshore", "PhD candidate", ("conference",), "Manchester", since=251,
           every=80, met_at="summit"),
    Member("hana", "Hana Kobayashi", "hoshino", "Buyer", ("conference",), "Osaka", since=250, every=90,
           met_at="summit"),
    Member("marco", "Marco Esposito", "sierra", "Head of Sales, Europe", ("supplier",), "Milan", since=420,
           every=50),
]
EXTRAS_CHOSEN = 16
