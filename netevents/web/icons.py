"""Inline SVG icons from the vendored Lucide set (static/vendor/lucide, ISC licence): ``{{ icon("flame") }}``.

Inline, not <img>: the icon takes the text colour (dark mode included) and needs no font or extra request.
"""
from __future__ import annotations

import re
from functools import cache
from markupsafe import Markup, escape

from netevents.paths import STATIC_DIR

ICON_DIR = STATIC_DIR / "vendor" / "lucide"
_BODY = re.compile(r"<svg[^>]*>(.*)</svg>", re.S)
_ATTRIBUTES = ('viewBox="0 0 24 24" width="1.1em" height="1.1em" fill="none" stroke="currentColor" '
               'stroke-width="2" stroke-linecap="round" stroke-linejoin="round" focusable="false"')


@cache
def _shapes(name: str) -> str:
    """The drawing inside one icon's file (a missing name is a bug, so it raises)."""
    if not re.fullmatch(r"[a-z0-9-]+", name):
        raise ValueError(f"bad icon name {name!r}")
    text = (ICON_DIR / f"{name}.svg").read_text("utf-8")
    return " ".join(_BODY.search(text).group(1).split())


def icon(name: str, label: str | None = None, class_: str = "") -> Markup:
    """An inline SVG icon: decorative (hidden from screen readers) unless a ``label`` names it."""
    classes = f"icon icon-{name} {class_}".strip()
    access = f'role="img" aria-label="{escape(label)}"' if label else 'aria-hidden="true"'
    return Markup(f'<svg class="{classes}" {_ATTRIBUTES} {access}>{_shapes(name)}</svg>')


@cache
def app_logo() -> Markup:
    """The netevents mark (the favicon's drawing), inline for the page header."""
    svg = (STATIC_DIR / "icons" / "netevents.svg").read_text("utf-8").strip()
    return Markup(svg.replace("<svg ", '<svg class="logo" aria-hidden="true" focusable="false" ', 1))
