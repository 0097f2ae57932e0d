"""The ``netevents`` console command: netevents' commands first, Flask's developer commands listed apart."""
from __future__ import annotations

import click
from flask.cli import FlaskGroup, ScriptInfo, routes_command, run_command, shell_command

from netevents.app import build_app
from netevents.plugins.cli import init_cli
from netevents.version import HOOK_API_VERSION, __version__

# Flask's own options (-A/--app, -e/--env-file, --debug) make no sense for netevents: the app is fixed.
FLASK_OPTIONS = {"app", "env_file", "debug"}
# Commands from Flask and its extensions: useful to developers, listed after netevents' own.
DEVELOPER_COMMANDS = {"run", "shell", "routes", "limiter"}


def _make_app(*_args):
    """Build the app for the CLI from the environment."""
    return build_app()


def _make_listing_app(*_args):
    """Build the app only to list its commands (``--help``): nothing is written to the data folder."""
    return build_app(create_files=False)


def _print_version(ctx: click.Context, _param, value: bool) -> None:
    """Print netevents' version and stop (before any app is built)."""
    if value and not ctx.resilient_parsing:
        click.echo(f"netevents {__version__} (plugin hook API {HOOK_API_VERSION})")
        ctx.exit()


def _asks_for_help(ctx: click.Context, args: list[str]) -> bool:
    """True when the command line only asks for help: no arguments, or --help before any ``--``."""
    before_separator = args[:args.index("--")] if "--" in args else args
    return not args or any(arg in ctx.help_option_names for arg in before_separator)


class NeteventsGroup(FlaskGroup):
    """Flask's CLI group without Flask's options, with netevents' --version and a help that builds nothing."""

    def __init__(self, **extra):
        super().__init__(add_default_commands=False, add_version_option=False, load_dotenv=False,
                         set_debug_flag=False, create_app=_make_app, **extra)
        self.params = [param for param in self.params if param.name not in FLASK_OPTIONS]
        self.params.append(click.Option(["--version"], is_flag=True, expose_value=False, is_eager=True,
                                        callback=_print_version, help="Show netevents' version and exit."))
        for command in (run_command, shell_command, routes_command):
            self.add_command(command)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Note when only help is wanted, so listing commands builds an app that writes no files."""
        info = ctx.ensure_object(ScriptInfo)
        if _asks_for_help(ctx, args) and info.create_app is _make_app:
            info.create_app = _make_listing_app
        return click.Group.parse_args(self, ctx, args)

    def _listed_command(self, ctx: click.Context, name: str) -> click.Command | None:
        """A command for the help text, found without pushing an app context (help may never clean one up)."""
        command = click.Group.get_command(self, ctx, name)
        return command if command is not None else ctx.ensure_object(ScriptInfo).load_app().cli.get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List netevents' commands, then Flask's developer commands in a section of their own."""
        own, developer = [], []
        for name in self.list_commands(ctx):
            command = self._listed_command(ctx, name)
            if command is not None and not command.hidden:
                (developer if name in DEVELOPER_COMMANDS else own).append((name, command))
        limit = formatter.width - 6 - max((len(name) for name, _command in own + developer), default=0)
        for title, commands in (("Commands", own), ("Developer commands (from Flask)", developer)):
            if commands:
                with formatter.section(title):
                    formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in commands])


@click.group(cls=NeteventsGroup)
def main():
    """netevents: your professional network, self-hosted."""


init_cli(main)
