"""id_url builds the same address url_for does, for a path id, a query id and under a mount point."""
from flask import url_for

from netevents.web.templating import PLACEHOLDER, id_url, person_url


def test_id_url_matches_url_for(app):
    with app.test_request_context("/"):
        assert id_url("people.detail", 42) == url_for("people.detail", person_id=42)
        assert id_url("people.detail", 7) == url_for("people.detail", person_id=7)  # the cached parts reused
        assert id_url("followups.edit", 3, next="/a b?c") == url_for("followups.edit", followup_id=3, next="/a b?c")
        assert id_url("interactions.new", 5, "person", next="/") == url_for("interactions.new", person=5, next="/")
        assert person_url(None) is None and person_url(9) == url_for("people.detail", person_id=9)


def test_id_url_under_a_mount_point_and_with_the_placeholder_in_other_values(app):
    with app.test_request_context("/", base_url="http://example.test/netevents/"):
        assert id_url("people.detail", 42) == "/netevents/people/42"
        odd = f"/people/{PLACEHOLDER}"
        assert id_url("followups.edit", 3, next=odd) == url_for("followups.edit", followup_id=3, next=odd)
