"""Geometry of the roles timeline chart."""
from datetime import date

from netevents.services.groups import GroupFields, create_group
from netevents.services.roles import RoleFields, add_role, my_roles_timeline
from netevents.web.timeline_chart import timeline_chart

TODAY = date(2024, 7, 1)


def test_chart_spans_whole_years_and_current_roles_run_to_today(session, account):
    group = create_group(session, GroupFields(name="A long committee name for the label to be cut somewhere",
                                              kind="board"), owner=account)
    add_role(session, group.id, RoleFields("member", date(2020, 1, 1), date(2021, 1, 1)), owner=account)
    add_role(session, group.id, RoleFields("chair", date(2022, 7, 1)), owner=account)
    chart = timeline_chart(my_roles_timeline(session, owner=account, today=TODAY), TODAY)
    assert [t.year for t in chart.ticks] == [2020, 2021, 2022, 2023, 2024, 2025]
    assert chart.ticks[0].x == 0 and chart.ticks[-1].x == 100 and not chart.ticks[-1].labelled
    past, current = chart.bars
    assert past.state == "past" and past.x == 0 and 19 < past.width < 21
    assert current.state == "current" and abs(current.x + current.width - chart.today_x) < 0.01
    assert current.label_anchor == "end" and len(current.short_label) <= 26 and current.short_label.endswith("…")
    assert current.y > past.y


def test_no_roles_no_chart():
    assert timeline_chart([], TODAY) is None
