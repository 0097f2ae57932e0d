"""The ``netevents`` console command: a Flask CLI group building the app from the environment."""
from __future__ import annotations

import click
from flask.cli import FlaskGroup

from netevents.app import build_app
from netevents.plugins.cli import init_cli


def _make_app(*_args):
    """Build the app for the CLI from the environment."""
    return build_app()


@click.group(cls=FlaskGroup, create_app=_make_app, add_default_commands=True, load_dotenv=False,
             set_debug_flag=False)
def main():
    """netevents: your professional network, self-hosted."""


init_cli(main)
