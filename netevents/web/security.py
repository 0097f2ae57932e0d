"""Response headers that keep pages from being framed, sniffed or leaking URLs to other sites."""
from __future__ import annotations

from flask import request

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
                                "frame-ancestors 'none'"),
}


def add_security_headers(response):
    """Set the security headers unless a view chose its own; nothing but static files may be stored by caches.

    Every page and download past the login shows someone's private records: ``no-store`` keeps them out of
    shared proxies and out of the browser's cache and history after logout (the back button shows nothing).
    """
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint != "static" and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"
    return response
