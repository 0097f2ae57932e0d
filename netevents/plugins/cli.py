"""``netevents plugins ...``, ``netevents install`` and ``netevents uninstall``."""
from __future__ import annotations

import importlib
import json
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.exc import SQLAlchemyError

from netevents.db import database, make_engine, session_scope
from netevents.errors import DomainError
from netevents.plugins.discovery import entry_point_candidates
from netevents.plugins.dispatch import call_impl, implementations
from netevents.plugins.enablement import set_plugin_enabled
from netevents.plugins.manager import manager_of
from netevents.plugins.scaffold import scaffold_plugin


@click.group("plugins")
def plugins():
    """List, enable, disable and create plugins."""


@plugins.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON, as /-/plugins.json does.")
@with_appcontext
def list_plugins(as_json: bool):
    """Show every plugin: version, where it came from, enabled or not, hooks and errors."""
    manager = manager_of(current_app)
    records = sorted(manager.records.values(), key=lambda record: record.name)
    if as_json:
        click.echo(json.dumps([record.as_dict() for record in records], indent=2))
        return
    if manager.safe_mode:
        click.echo("Safe mode is on (NETEVENTS_SAFE_MODE): no plugin is loaded.")
    for record in records:
        state = "not loaded" if record.error else "enabled" if record.enabled else "disabled"
        version = f" {record.version}" if record.version else ""
        click.echo(f"{record.name}{version} ({record.source}: {record.location}) {state}")
        if record.error:
            click.echo(f"    skipped: {record.error}")
        elif record.hooks:
            click.echo(f"    hooks: {', '.join(record.hooks)}")
        for warning in record.warnings:
            click.echo(f"    warning: {warning}")
    if not records and not manager.safe_mode:
        click.echo("No plugins are installed.")


def _set_enabled(name: str, enabled: bool) -> None:
    """Store and apply a plugin's flag from the command line."""
    try:
        from netevents.schema import upgrade_core

        before, after = upgrade_core(database(current_app).engine)  # a fresh data folder has no tables yet
        if before != after:
            click.echo(f"Database: core tables {'created' if not before else 'upgraded'} (revision "
                       f"{', '.join(after)}).")
        with session_scope(current_app) as session:
            set_plugin_enabled(current_app, session, name, enabled)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    except SQLAlchemyError as error:
        raise click.ClickException(f"The database is not ready ({type(error).__name__}); "
                                   "run `netevents db upgrade` first.") from None
    click.echo(f"{name} is {'enabled' if enabled else 'disabled'}. Running servers pick this up within 30 seconds.")


@plugins.command("enable")
@click.argument("name")
@with_appcontext
def enable(name: str):
    """Enable an installed plugin (and bring its tables up to date)."""
    _set_enabled(name, True)


@plugins.command("disable")
@click.argument("name")
@with_appcontext
def disable(name: str):
    """Disable a plugin: its hooks stop running and its pages disappear; its data stays."""
    _set_enabled(name, False)


@plugins.command("revision")
@click.argument("name")
@click.option("-m", "--message", required=True, help="What the revision changes.")
@click.option("--into-installed-package", "force", is_flag=True,
              help="Write even when the migrations folder is inside an installed (non-editable) package.")
@with_appcontext
def revision(name: str, message: str, force: bool):
    """For plugin authors: autogenerate a revision of a plugin's own history from its models."""
    from netevents.plugins.migrations import autogenerate_plugin_revision, plugin_migration_directories

    directory = plugin_migration_directories(current_app).get(name)
    if directory is None:
        raise click.ClickException(f"{name} is not an enabled plugin with a migration_directory.")
    if installed_package_folder(directory) and not force:
        raise click.ClickException(
            f"Warning: {directory} is inside an installed package, not your source folder: the revision would be "
            f"lost at the next install. Install your plugin with `netevents install --editable PATH` first "
            f"(or pass --into-installed-package).")
    with tempfile.TemporaryDirectory() as scratch:
        autogenerate_plugin_revision(make_engine(f"sqlite:///{scratch}/scratch.db"), name, directory, message)


@plugins.command("new")
@click.argument("name")
@click.option("-d", "--directory", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Where to create the plugin's folder.")
def new(name: str, directory: Path):
    """For plugin authors: create a separately installable plugin package that passes its tests."""
    try:
        folder = scaffold_plugin(name, directory)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Created {folder}/ (plugin {name}). Next steps:")
    click.echo(f"  cd {folder}")
    click.echo("  pytest                                  # its test passes already")
    click.echo("  netevents install --editable --enable .  # then see it on the dashboard")


def installed_package_folder(directory: Path) -> bool:
    """True when ``directory`` sits in this environment's site-packages (a non-editable install)."""
    resolved = Path(directory).resolve()
    roots = {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}
    return any(resolved.is_relative_to(root) for root in roots)


def _pip(*arguments: str) -> None:
    """Run pip of this very Python environment, failing the command when pip fails."""
    completed = subprocess.run([sys.executable, "-m", "pip", *arguments], check=False)
    if completed.returncode != 0:
        raise click.ClickException(f"pip {arguments[0]} failed (exit code {completed.returncode}).")


@click.command("install")
@click.argument("name_or_path")
@click.option("-U", "--upgrade", is_flag=True, help="Upgrade it if it is installed already.")
@click.option("-e", "--editable", is_flag=True, help="Install a local folder in editable mode (for authors).")
@click.option("--enable", "enable_now", is_flag=True,
              help="Also enable the plugins it brings (upgrading the database first).")
def install(name_or_path: str, upgrade: bool, editable: bool, enable_now: bool):
    """Install a plugin package (a name or a path) into netevents' own environment with pip."""
    before = _installed_plugins()
    _pip("install", *(["--upgrade"] if upgrade else []), *(["--editable"] if editable else []), name_or_path)
    added = sorted(name for name, version in _installed_plugins().items() if before.get(name) != version)
    if not added:
        click.echo("Installed; it brings no new plugin version. See `netevents plugins list`.")
        return
    click.echo(f"Installed plugin{'s' if len(added) > 1 else ''} {', '.join(added)}.")
    if not enable_now:
        for name in added:
            click.echo(f"Next step: an admin enables it with `netevents plugins enable {name}` (or on /-/plugins).")
        return
    _netevents("db", "upgrade")
    for name in added:
        _netevents("plugins", "enable", name)


def _installed_plugins() -> dict[str, str]:
    """Each installed package plugin's name and version, read afresh from the environment."""
    importlib.invalidate_caches()
    return {candidate.name: candidate.version for candidate in entry_point_candidates()}


def _netevents(*arguments: str) -> None:
    """Run a netevents command in a new process (it can import what pip just installed)."""
    program = "import sys; from netevents.console import main; sys.exit(main(prog_name='netevents'))"
    completed = subprocess.run([sys.executable, "-c", program, *arguments], check=False)
    if completed.returncode != 0:
        raise click.ClickException(f"netevents {' '.join(arguments)} failed (exit code {completed.returncode}).")


@click.command("uninstall")
@click.argument("name")
def uninstall(name: str):
    """Uninstall a plugin package by plugin or distribution name; other plugins and their data are untouched."""
    distribution = {c.name: c for c in entry_point_candidates()}.get(name)
    if distribution is not None and distribution.source == "first-party":
        raise click.ClickException(f"{name} is part of netevents; disable it instead: netevents plugins disable {name}")
    target = distribution.location if distribution is not None else name
    if target.lower() == "netevents":
        raise click.ClickException("That would uninstall netevents itself.")
    _pip("uninstall", "--yes", target)
    click.echo(f"Uninstalled {target}. Its tables stay in the database; `netevents db upgrade` ignores them.")


def register_plugin_commands(app, plugin_names) -> None:
    """Add the named plugins' commands to the app's CLI; those of a disabled plugin say so instead of running."""
    manager = manager_of(app)
    wanted = set(plugin_names)
    for impl in implementations(manager.hook.register_commands):
        if impl.plugin_name in wanted:
            before = dict(app.cli.commands)
            call_impl(impl, cli=app.cli)
            for name, command in app.cli.commands.items():
                if before.get(name) is not command:
                    _refuse_while_disabled(command, manager, impl.plugin_name)


def _refuse_while_disabled(command: click.Command, manager, plugin_name: str) -> None:
    """Make ``command`` (and its subcommands) stop with a clear message while its plugin is disabled."""
    run = command.invoke

    def invoke(ctx: click.Context):
        if not manager.is_active(plugin_name):
            raise click.ClickException(
                f"`{ctx.command_path}` comes from the plugin {plugin_name}, which is disabled. "
                f"An admin enables it with `netevents plugins enable {plugin_name}`.")
        return run(ctx)

    command.invoke = invoke


def init_cli(main: click.Group) -> None:
    """Add the plugin commands to the ``netevents`` group."""
    for command in (plugins, install, uninstall):
        main.add_command(command)
