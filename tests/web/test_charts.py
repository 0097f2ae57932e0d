"""The year heatmap is a picture of real data: one cell per day, shaded by count."""
from datetime import date, timedelta
from xml.etree import ElementTree

from netevents.web.charts import LEVELS, year_heatmap

END = date(2026, 11, 27)


def parse(svg):
    return ElementTree.fromstring(str(svg))


def test_one_cell_per_day_of_the_last_year():
    svg = parse(year_heatmap({}, END))
    cells = [el for el in svg.iter("{http://www.w3.org/2000/svg}rect")]
    first = END - timedelta(days=364)
    assert 365 <= len(cells) <= 371
    assert cells[-1].get("data-date") == END.isoformat()
    assert cells[0].get("data-date") <= first.isoformat()


def test_busier_days_are_darker_and_titled():
    svg = parse(year_heatmap({END: 5, END - timedelta(days=1): 1}, END))
    by_date = {el.get("data-date"): el for el in svg.iter("{http://www.w3.org/2000/svg}rect")}
    assert by_date[END.isoformat()].get("fill") == LEVELS[4]
    assert by_date[(END - timedelta(days=1)).isoformat()].get("fill") == LEVELS[1]
    assert by_date["2026-11-20"].get("fill") == LEVELS[0]
    title = by_date[END.isoformat()].find("{http://www.w3.org/2000/svg}title").text
    assert title == "5 interactions on Fri 27 Nov 2026"
    assert "2 days with at least one interaction" in svg.get("aria-label")
