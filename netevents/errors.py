"""Domain errors raised by services, mapped to pages (and later API responses) in one place."""
from __future__ import annotations


class DomainError(Exception):
    """Base of every error a service raises on purpose."""

    status = 400

    def __init__(self, message: str = "", **field_errors: str):
        super().__init__(message or self.__class__.__doc__)
        self.message = message or (self.__class__.__doc__ or "").strip()
        self.field_errors = field_errors


class NotFound(DomainError):
    """That record does not exist."""

    status = 404


class Invalid(DomainError):
    """The input is not valid."""

    status = 400


class Conflict(DomainError):
    """That would clash with an existing record."""

    status = 409


class Forbidden(DomainError):
    """You are not allowed to do that."""

    status = 403


def register_error_pages(app) -> None:
    """Render domain errors and HTTP errors as friendly pages."""
    from flask import render_template

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        return render_template("error.html", status=error.status, message=error.message), error.status

    for status, message in {
        400: "That request could not be understood.",
        403: "You are not allowed to do that.",
        404: "There is nothing here.",
        405: "That action is not available here.",
        413: "That upload is too large.",
        429: "Too many attempts. Wait a minute and try again.",
        500: "Something went wrong on our side. Nothing was saved.",
    }.items():
        app.register_error_handler(status, _http_error_page(status, message))


def _http_error_page(status: int, message: str):
    """Return an error handler that renders error.html with this status and message."""
    from flask import render_template

    def handler(_error):
        return render_template("error.html", status=status, message=message), status

    return handler


class PluginFailed(DomainError):
    """A plugin failed; its error is listed on the plugins page."""

    status = 500

    def __init__(self, message: str = "", *, plugin: str = "", retry_endpoint: str = "", retry_label: str = "",
                 **field_errors: str):
        super().__init__(message, **field_errors)
        self.plugin = plugin  # whose fault it was, for the page that tells the user what to do
        self.retry_endpoint, self.retry_label = retry_endpoint, retry_label  # where to try something else
