"""English names of countries and territories by ISO 3166 code (Unicode CLDR data shipped in netevents/data)."""
from __future__ import annotations

import json
from functools import cache
from importlib.resources import files


@cache
def _names() -> dict[str, str]:
    """The code → name table, read once (a few kilobytes, unlike the phone-number geocoder)."""
    return json.loads((files("netevents") / "data" / "country_names.json").read_text("utf-8"))["names"]


def country_name(code: str) -> str:
    """The English short name of a region code ("GB" → "United Kingdom"); the code itself when unknown."""
    return _names().get((code or "").upper(), code)
