"""What a browser asks of the app itself: the web app manifest (add to home screen) and /favicon.ico."""
from __future__ import annotations

from flask import Blueprint, jsonify, redirect, url_for

from netevents.auth import public

bp = Blueprint("app_shell", __name__)
THEME_COLOR = "#0f766e"


def _icon(name: str, size: int, purpose: str = "any") -> dict:
    """One manifest icon entry for a PNG under static/icons."""
    return {"src": url_for("static", filename=f"icons/{name}"), "sizes": f"{size}x{size}", "type": "image/png",
            "purpose": purpose}


@bp.get("/manifest.webmanifest")
@public
def manifest():
    """The web app manifest: name, icons and the Today page as the home-screen start (browsers fetch it anonymously)."""
    body = jsonify(
        name="netevents", short_name="netevents", description="Your professional network, kept outside the office.",
        id=url_for("home.index"), start_url=url_for("home.index"), scope=url_for("home.index"), display="standalone",
        background_color="#ffffff", theme_color=THEME_COLOR,
        icons=[_icon("icon-192.png", 192), _icon("icon-512.png", 512),
               _icon("icon-maskable-512.png", 512, "maskable")],
        shortcuts=[{"name": "Quick capture", "url": url_for("capture.index")},
                   {"name": "Follow-ups", "url": url_for("followups.index")}])
    body.mimetype = "application/manifest+json"
    return body


@bp.get("/favicon.ico")
@public
def favicon():
    """Browsers that ignore <link rel=icon> ask for /favicon.ico: send them to the PNG icon."""
    return redirect(url_for("static", filename="icons/icon-32.png"), code=301)

