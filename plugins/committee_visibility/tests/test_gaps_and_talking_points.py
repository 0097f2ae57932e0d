"""Visibility per leader and group, gaps with fixed dates and per-level settings, talking points, the chart."""
from datetime import date

from netevents_plugins.committee_visibility.chart import RoleSpan, contributions_chart, month_starts
from netevents_plugins.committee_visibility.gaps import (
    DEFAULT_GAP_DAYS,
    due_on,
    gap_days,
    group_visibility,
    leader_visibility,
)
from netevents_plugins.committee_visibility.panels import settings_days
from netevents_plugins.committee_visibility.talking_points import talking_points_for_group, talking_points_for_leader

DAYS = dict(DEFAULT_GAP_DAYS)  # team lead 30, manager 45, director 60, executive 90, group 60


def by_name(rows):
    return {row.leader.person.display_name: row for row in rows}


def test_due_dates_follow_the_last_sight_or_start_at_once():
    assert due_on(date(2026, 3, 1), date(2026, 1, 1), 60) == date(2026, 4, 30)
    assert due_on(None, date(2026, 1, 1), 60) == date(2026, 1, 1)


def test_leader_gaps_depend_on_the_level(session, account, make_leader, make_moment):
    dana, max_ = make_leader("Dana Director", "director"), make_leader("Max Manager", "manager")
    eve = make_leader("Eve Exec", "executive")
    make_moment("Shipped billing", on=date(2026, 4, 1), present=[dana, max_, eve])
    make_moment("Cut costs", on=date(2026, 3, 1), told=[dana])
    rows = by_name(leader_visibility(session, owner=account, days=DAYS))
    assert (rows["Dana Director"].last_seen, rows["Dana Director"].seen_count) == (date(2026, 4, 1), 2)
    assert rows["Max Manager"].due_on == date(2026, 5, 16)  # 45 days
    assert rows["Dana Director"].due_on == date(2026, 5, 31)  # 60 days
    assert rows["Eve Exec"].due_on == date(2026, 6, 30)  # 90 days
    today = date(2026, 6, 1)
    assert sorted(name for name, row in rows.items() if row.is_gap(today)) == ["Dana Director", "Max Manager"]
    assert not rows["Dana Director"].is_gap(date(2026, 5, 30))
    assert [row.leader.person.display_name for row in leader_visibility(session, owner=account, days=DAYS)] == [
        "Max Manager", "Dana Director", "Eve Exec"]  # the longest overdue first


def test_a_leader_who_never_saw_your_work_is_a_gap_from_the_day_marked(session, account, make_leader):
    make_leader("Tess Lead", "team_lead", since=date(2026, 6, 10))
    row = leader_visibility(session, owner=account, days=DAYS)[0]
    assert (row.last_seen, row.seen_count, row.due_on) == (None, 0, date(2026, 6, 10))
    assert row.is_gap(date(2026, 6, 10)) and not row.is_gap(date(2026, 6, 9))


def test_days_per_level_are_plugin_settings(session, user_client, account, make_leader, make_moment):
    assert settings_days(session, account) == DAYS
    response = user_client.post("/-/plugins/committee_visibility/settings", data={
        "days_team_lead": 14, "days_manager": 21, "days_director": 10, "days_executive": 120, "days_group": 7})
    assert response.status_code in (200, 302)
    days = settings_days(session, account)
    assert days == {"team_lead": 14, "manager": 21, "director": 10, "executive": 120, "group": 7}
    dana = make_leader("Dana Director")
    make_moment("Shipped", on=date(2026, 6, 1), present=[dana])
    assert leader_visibility(session, owner=account, days=days)[0].due_on == date(2026, 6, 11)
    assert gap_days({"days_director": -3, "days_group": "x"}) == DAYS


def test_group_gaps(session, account, make_group, make_moment):
    quiet = make_group("Quiet guild", since=date(2026, 1, 1))
    busy = make_group("Busy board", since=date(2026, 1, 1))
    make_moment("Proposed the fix", on=date(2026, 5, 20), kind="solution", group=busy)
    rows = {row.group.name: row for row in group_visibility(session, owner=account, days=DAYS,
                                                            today=date(2026, 6, 15))}
    assert rows["Quiet guild"].due_on == date(2026, 1, 1) and rows["Quiet guild"].is_gap(date(2026, 6, 15))
    assert rows["Busy board"].last_contribution == date(2026, 5, 20)
    assert rows["Busy board"].due_on == date(2026, 7, 19) and not rows["Busy board"].is_gap(date(2026, 6, 15))
    assert quiet.id != busy.id


def test_talking_points_are_unseen_accomplishments_newest_first(session, account, make_leader, make_moment):
    dana, max_ = make_leader("Dana Director"), make_leader("Max Manager", "manager")
    make_moment("Old win", on=date(2026, 1, 1), told=[max_])
    make_moment("Seen by Dana", on=date(2026, 2, 1), present=[dana])
    make_moment("New win", on=date(2026, 5, 1), kind="success")
    make_moment("Raised an issue", on=date(2026, 5, 2), kind="issue")  # not an accomplishment
    make_moment("Took minutes", on=date(2026, 5, 3), kind="minuting")
    points = talking_points_for_leader(session, dana.id, owner=account)
    assert [point.moment.what for point in points] == ["New win", "Old win"]
    assert [p.moment.what for p in talking_points_for_leader(session, max_.id, owner=account)] == [
        "New win", "Seen by Dana"]


def test_talking_points_for_a_committee_meeting(session, account, make_leader, make_group, make_moment):
    dana, max_ = make_leader("Dana Director"), make_leader("Max Manager", "manager")
    outsider = make_leader("Olga Outsider")
    board = make_group(members=[dana])  # Dana sits on the board
    make_moment("Board update", on=date(2026, 3, 1), group=board, present=[max_])  # Max came once
    make_moment("Told both", on=date(2026, 4, 1), told=[dana, max_])
    make_moment("Dana knows", on=date(2026, 5, 1), present=[dana])
    expected, points = talking_points_for_group(session, board.id, owner=account, today=date(2026, 6, 15))
    assert [person.display_name for person in expected] == ["Dana Director", "Max Manager"]
    assert [(p.moment.what, [x.display_name for x in p.unseen_by]) for p in points] == [
        ("Dana knows", ["Max Manager"]), ("Board update", ["Dana Director"])]
    assert outsider not in expected


def test_the_printable_talking_points_page(session, user_client, account, make_leader, make_moment):
    dana = make_leader("Dana Director")
    make_moment("Launched <the> portal", on=date(2026, 5, 1))
    session.commit()
    html = user_client.get(f"/plugins/committee_visibility/people/{dana.id}/talking-points").get_data(as_text=True)
    assert "Talking points for Dana Director" in html and "Launched &lt;the&gt; portal" in html
    assert "@media print" in html


def test_the_chart_has_twelve_months_and_role_bands():
    assert month_starts(date(2026, 2, 10))[0] == date(2025, 3, 1) and len(month_starts(date(2026, 2, 10))) == 12
    svg = str(contributions_chart([date(2026, 2, 3), date(2026, 2, 8), date(2025, 12, 1), date(2024, 1, 1)],
                                  [RoleSpan("chair", date(2025, 11, 1), None),
                                   RoleSpan("old <role>", date(2020, 1, 1), date(2021, 1, 1))], date(2026, 2, 10),
                                  role_days=[date(2026, 2, 8)]))
    assert svg.count("<rect") == 14 and 'data-month="2026-02" data-count="2" data-roles="1"' in svg
    assert 'class="roles-taken"' in svg and "1 of them roles taken" in svg
    assert 'data-month="2025-12" data-count="1"' in svg and "3 contributions in the last twelve months" in svg
    assert "chair" in svg and "old &lt;role&gt;" not in svg and "<script" not in svg
