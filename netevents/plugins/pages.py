"""/-/plugins: what is installed, loaded, enabled and failing; admins enable and disable; users set settings."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from netevents.db import request_session
from netevents.errors import DomainError, Forbidden, NotFound
from netevents.plugins.enablement import set_plugin_enabled
from netevents.plugins.manager import manager_of
from netevents.plugins.settings import (plugin_secret, save_settings, secret_variable, settings_for, settings_spec,
                                        settings_specs)
from netevents.version import HOOK_API_VERSION, __version__
from netevents.web.forms_helpers import attach_errors

bp = Blueprint("plugins", __name__)


def _records():
    """Every plugin record, sorted by name."""
    return sorted(manager_of(current_app).records.values(), key=lambda record: record.name)


@bp.route("/-/plugins")
def index():
    """List plugins; admins also see sources, hooks, errors and every account's recorded failures."""
    manager = manager_of(current_app)
    settings = {name for name, _spec in settings_specs(request_session())}
    return render_template("plugins/index.html", records=_records(), safe_mode=manager.safe_mode,
                           with_settings=settings, form=FlaskForm(), hook_api=HOOK_API_VERSION, version=__version__)


@bp.route("/-/plugins.json")
def index_json():
    """The same list as JSON (for non-admins: names, versions, descriptions and state only)."""
    shown = (lambda record: record.as_dict()) if current_user.is_admin else (lambda record: record.public_dict())
    return jsonify({"netevents": __version__, "hook_api": HOOK_API_VERSION,
                    "safe_mode": manager_of(current_app).safe_mode,
                    "plugins": [shown(record) for record in _records()]})


@bp.route("/-/plugins/<name>/<any(enable, disable):action>", methods=["POST"])
def change(name: str, action: str):
    """Enable or disable a plugin (admins only)."""
    if not current_user.is_admin:
        raise Forbidden("Only an admin can enable or disable plugins.")
    session = request_session()
    try:
        set_plugin_enabled(current_app, session, name, action == "enable")
        session.commit()
    except DomainError as error:
        session.rollback()
        flash(error.message, "error")
    else:
        flash(f"{name} is {action}d.", "success")
    return redirect(url_for("plugins.index"))


@bp.route("/-/plugins/<name>/settings", methods=["GET", "POST"])
def settings(name: str):
    """Show and save the logged-in account's settings of a plugin; secrets show only whether they are set."""
    session = request_session()
    spec = settings_spec(session, name)
    if spec is None:
        raise NotFound(f"The plugin {name} has no settings here.")
    form = spec.form(data=settings_for(session, name, owner=current_user))
    if form.validate_on_submit():
        try:
            save_settings(session, name, form.data, owner=current_user)
            session.commit()
        except DomainError as error:
            session.rollback()
            attach_errors(form, error)
        else:
            flash(f"Settings of {name} saved.", "success")
            return redirect(url_for("plugins.settings", name=name))
    secrets = [(secret_variable(name, key), plugin_secret(name, key) is not None) for key in spec.secrets]
    return render_template("plugins/settings.html", name=name, form=form, secrets=secrets)
