"""Plugins in the web layer: their blueprints and templates, page slots, navigation and template variables."""
from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

from flask import abort, current_app, has_request_context, render_template, request, url_for
from flask.signals import before_render_template
from flask_login import current_user
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from netevents.db import request_session
from netevents.errors import DomainError, PluginFailed
from netevents.plugins import pages
from netevents.plugins.dispatch import call_impl, implementations
from netevents.plugins.enablement import refresh_if_due
from netevents.plugins.manager import manager_of

log = logging.getLogger(__name__)
SLOTS = ("dashboard_panels", "person_panels", "event_panels", "group_panels")
PANEL = Markup('<section class="plugin-panel">{}</section>')


def mount_blueprints(app, plugin_names: list[str]) -> None:
    """Register each named plugin's blueprints under /plugins/<name>/ (or the prefix the blueprint sets)."""
    manager = manager_of(app)
    wanted = set(plugin_names)
    for impl in implementations(manager.hook.register_blueprints):
        if impl.plugin_name in wanted:
            result = call_impl(impl, app=app)
            for blueprint in result if isinstance(result, (list, tuple)) else [result] if result else []:
                _mount(app, impl.plugin_name, blueprint)
    _add_template_folders(app, plugin_names)


def _mount(app, plugin_name: str, blueprint) -> None:
    """Register one plugin blueprint, recording a clash instead of failing start-up."""
    manager = manager_of(app)
    prefix = getattr(blueprint, "url_prefix", None) or f"/plugins/{plugin_name}"
    try:
        if getattr(blueprint, "name", None) in app.extensions["netevents.core_blueprints"]:
            raise ValueError(f"the blueprint name {blueprint.name!r} is taken by the core")
        if prefix.rstrip("/") == "" or prefix.startswith("/-/"):
            raise ValueError(f"the URL prefix {prefix!r} belongs to the core")
        app.register_blueprint(blueprint, url_prefix=prefix)
    except (ValueError, AssertionError, AttributeError, TypeError) as exc:
        manager.record_failure(plugin_name, "register_blueprints", exc)
        return
    manager.blueprint_plugins[blueprint.name] = plugin_name
    for endpoint, view in list(app.view_functions.items()):
        if endpoint.startswith(f"{blueprint.name}."):
            app.view_functions[endpoint] = _failing_as_plugin_failed(view, plugin_name, endpoint)


def _failing_as_plugin_failed(view, plugin_name: str, endpoint: str):
    """Wrap a plugin's view: its bug rolls the request back and answers with a page saying what failed."""

    @functools.wraps(view)
    def guarded(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except (HTTPException, DomainError):
            raise
        except Exception as exc:  # a plugin's bug: the user gets a page that says so, the admin the traceback
            request_session().rollback()
            manager_of(current_app).record_failure(plugin_name, f"page {endpoint}", exc)
            raise PluginFailed(f"This page of the plugin {plugin_name} failed; nothing was saved.",
                               plugin=plugin_name) from None

    return guarded


def plugin_failed_page(error: PluginFailed):
    """The page for a plugin's failure: what failed and what the user can do, in the normal layout."""
    retry_url = url_for(error.retry_endpoint) if error.retry_endpoint else None
    return render_template("plugins/failed.html", error=error, retry_url=retry_url,
                           is_admin=bool(getattr(current_user, "is_admin", False))), error.status


def _add_template_folders(app, plugin_names: list[str]) -> None:
    """Let render_template find templates in each package plugin's templates/ folder, after the core's."""
    folders = []
    for name in plugin_names:
        module_file = getattr(manager_of(app).records[name].plugin, "__file__", None)
        if module_file and (Path(module_file).parent / "templates").is_dir():
            folders.append(FileSystemLoader(str(Path(module_file).parent / "templates")))
    if folders:
        app.jinja_loader = ChoiceLoader([app.jinja_loader, *folders])


def init_app(app, core_blueprints) -> None:
    """Install slot() and plugin_navigation() for templates, the per-request plugin checks and /-/plugins."""
    app.extensions["netevents.core_blueprints"] = {blueprint.name for blueprint in [*core_blueprints, pages.bp]}
    manager_of(app).current_account_id = _account_id
    app.jinja_env.globals.update(slot=slot, plugin_navigation=plugin_navigation)
    app.before_request(_plugin_request_checks)
    app.register_error_handler(PluginFailed, plugin_failed_page)
    app.register_blueprint(pages.bp)


def _plugin_request_checks():
    """Pick up flag changes from other processes; a disabled plugin's pages are not there (404)."""
    refresh_if_due(current_app)
    manager = manager_of(current_app)
    owner = manager.blueprint_plugins.get((request.blueprint or "").split(".")[0])
    if owner is not None and not manager.is_active(owner):
        abort(404)


def _account():
    """The logged-in account, or None outside a request or for visitors."""
    if has_request_context() and current_user.is_authenticated:
        return current_user._get_current_object()
    return None


def _account_id():
    """The logged-in account's id, for recording whose request a plugin failed in."""
    account = _account()
    return account.id if account is not None else None


def slot(name: str, **context: Any) -> Markup:
    """Render every enabled plugin's panel for a slot, in hook order; a failing plugin is left out."""
    if name not in SLOTS:
        raise ValueError(f"unknown slot {name!r}; slots are {', '.join(SLOTS)}")
    caller = getattr(manager_of(current_app).hook, name)
    owner = _account()
    panels = caller(session=request_session(), owner=owner, account=owner, **context)
    return Markup("").join(PANEL.format(panel) for panel in panels if panel)


def plugin_navigation() -> list[dict[str, str]]:
    """Navigation entries from plugins: dicts with a label and an href."""
    entries = []
    owner = _account()
    for items in manager_of(current_app).hook.navigation_items(owner=owner, account=owner):
        for item in items if isinstance(items, (list, tuple)) else [items]:
            if isinstance(item, dict) and isinstance(item.get("label"), str) and isinstance(item.get("href"), str):
                entries.append({"label": item["label"], "href": item["href"]})
            else:
                log.warning("ignoring a navigation item that is not {'label': str, 'href': str}: %r", item)
    return entries


def _add_plugin_variables(sender, template, context, **_extra) -> None:
    """Merge plugins' template_variables into a page's context; the page's own variables win."""
    manager = sender.extensions.get("netevents.plugins")
    if manager is None:
        return
    owner = _account()
    for variables in manager.hook.template_variables(template_name=template.name, owner=owner, account=owner):
        if isinstance(variables, dict):
            for key, value in variables.items():
                context.setdefault(key, value)


before_render_template.connect(_add_plugin_variables)
