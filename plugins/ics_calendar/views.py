"""The calendar's pages: the secret feed, the subscribe page (links, QR code, new secret), the agenda and the
one-off download. Each view binds, calls a service, commits and renders, like the core's."""
from __future__ import annotations

import re
from types import SimpleNamespace
from urllib.parse import quote

import segno
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.http import is_resource_modified

from netevents.plugins.api import Account, current_owner, local_today, public, request_session
from netevents_plugins.ics_calendar.agenda import agenda_page
from netevents_plugins.ics_calendar.feed import build_calendar, remember_zone, validators
from netevents_plugins.ics_calendar.links import page_links
from netevents_plugins.ics_calendar.models import CalendarFeed
from netevents_plugins.ics_calendar.settings import feed_settings
from netevents_plugins.ics_calendar.tokens import ensure_feed, feed_of, feed_token, find_feed, rotate_feed

bp = Blueprint("ics_calendar", __name__, url_prefix="/calendar", template_folder="templates",
               static_folder="static", static_url_path="/static")
MEDIA_TYPE = "text/calendar; charset=utf-8"
SECRET_URL = re.compile(r"/calendar/[A-Za-z0-9_-]{16,}\.ics")


@bp.after_request
def _no_referrer(response: Response) -> Response:
    """Pages that carry or show the secret never send it on in a Referer header, nor sit in a shared cache."""
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers.setdefault("Cache-Control", "private, no-store")
    return response


def _calendar_response(body: bytes, **headers) -> Response:
    """A calendar body with its media type."""
    return Response(body, mimetype=None, headers={"Content-Type": MEDIA_TYPE, **headers})


@bp.get("/<token>.ics")
@public
def feed(token: str):
    """The subscribed feed: 404 for any unknown token, 304 from the feed row alone when nothing changed."""
    session = request_session()
    found = find_feed(session, token)
    if found is None:
        abort(404)
    checks = validators(found)
    if not is_resource_modified(request.environ, etag=checks.etag.strip('"'), last_modified=checks.last_modified):
        response = Response(status=304)
    else:
        owner = session.get(Account, found.owner_id)
        settings = feed_settings(session, owner=owner)
        body = build_calendar(session, owner, settings, page_links())
        remember_zone(session, session.get(CalendarFeed, found.owner_id), settings)
        # the counter as read before building: a change committed meanwhile gets the next request a rebuild
        checks = validators(SimpleNamespace(**{**found._mapping, "zone": settings.zone.key}))
        _commit_cache(session)
        response = _calendar_response(body)
    response.set_etag(checks.etag.strip('"'))
    response.last_modified = checks.last_modified
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def _commit_cache(session) -> None:
    """Keep the rebuilt items; a concurrent fetch that kept them first is fine (ours are served anyway)."""
    try:
        session.commit()
    except SQLAlchemyError:
        session.rollback()


@bp.get("/")
def subscribe():
    """The subscribe page: webcal and https links, Google Calendar, a QR code, a new secret."""
    session, owner = request_session(), current_owner()
    found = feed_of(session, owner)
    links = None
    if found is not None:
        https = url_for(".feed", token=feed_token(session, found, current_app.secret_key), _external=True)
        session.commit()
        webcal = "webcal://" + https.split("://", 1)[1]
        links = {"https": https, "webcal": webcal,
                 "google": "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe=""),
                 "qr": segno.make(https, error="m").svg_data_uri(scale=4, border=2)}
    return render_template("ics_calendar/subscribe.html", feed=found, links=links)


@bp.post("/create")
def create():
    """Make the account's secret feed URL."""
    session = request_session()
    ensure_feed(session, current_app.secret_key, owner=current_owner())
    session.commit()
    return redirect(url_for(".subscribe"))


@bp.post("/rotate")
def rotate():
    """Replace the secret: the old URL stops working at once."""
    session = request_session()
    rotate_feed(session, current_app.secret_key, owner=current_owner())
    session.commit()
    flash("New calendar link made. The old one no longer works: subscribe again with the new one.", "success")
    return redirect(url_for(".subscribe"))


@bp.get("/agenda")
def agenda():
    """The coming weeks' items by day, a page at a time, and the most overdue follow-ups; done and snooze on each."""
    session, owner = request_session(), current_owner()
    settings = feed_settings(session, owner=owner)
    shown = agenda_page(session, owner, settings, page_links(), today=local_today(owner),
                        page=request.args.get("page", 1, type=int))
    return render_template("ics_calendar/agenda.html", agenda=shown, today=local_today(owner), settings=settings)


@bp.get("/download.ics")
def download():
    """The same calendar as a file, once."""
    session, owner = request_session(), current_owner()
    body = build_calendar(session, owner, feed_settings(session, owner=owner), page_links())
    _commit_cache(session)
    name = f"netevents-calendar-{local_today(owner).isoformat()}.ics"
    return _calendar_response(body, **{"Content-Disposition": f'attachment; filename="{name}"'})


def redact(text: str) -> str:
    """A log line with any feed secret replaced."""
    return SECRET_URL.sub("/calendar/[secret].ics", text)

